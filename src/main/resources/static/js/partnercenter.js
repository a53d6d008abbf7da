// Partner center: copy buttons (no inline scripts: the Content-Security-Policy forbids them).
// <button data-copy-target="#input-id"> copies the input's or textarea's value with the Clipboard API, falling back
// to selecting the text and execCommand('copy') where the API is missing (plain http on another host).
document.addEventListener('click', function (event) {
  var button = event.target.closest('[data-copy-target]');
  if (!button) {
    return;
  }
  var field = document.querySelector(button.getAttribute('data-copy-target'));
  if (!field) {
    return;
  }
  var text = field.value !== undefined ? field.value : field.textContent;
  var done = function () {
    var label = button.textContent;
    button.textContent = 'Copied';
    button.setAttribute('data-copied', 'true');
    setTimeout(function () { button.textContent = label; }, 2000);
  };
  var fallback = function () {
    field.focus();
    field.select();
    try { document.execCommand('copy'); } catch (e) { /* the text stays selected for Ctrl+C */ }
    done();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
});
