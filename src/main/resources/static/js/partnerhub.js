// Console behaviour without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener('click', function (event) {
  var toggle = event.target.closest('[data-toggle-target]');
  if (toggle) {
    var target = document.querySelector(toggle.getAttribute('data-toggle-target'));
    if (target) {
      var shown = target.classList.toggle('show');
      toggle.setAttribute('aria-expanded', shown ? 'true' : 'false');
    }
  }
  var confirmable = event.target.closest('[data-confirm]');
  if (confirmable && !window.confirm(confirmable.getAttribute('data-confirm'))) {
    event.preventDefault();
  }
});
