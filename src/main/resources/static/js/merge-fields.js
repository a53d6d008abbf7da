// Merge-field lists beside editors (fragments/merge-fields.html): a click inserts {{name}} at the cursor of the
// target text box. Loaded once per list; the flag keeps one listener.
(function () {
  if (window.partnerhubMergeFields) {
    return;
  }
  window.partnerhubMergeFields = true;
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-merge-insert]');
    if (!button) {
      return;
    }
    var box = document.getElementById(button.getAttribute('data-merge-target'));
    if (!box) {
      return;
    }
    var text = button.getAttribute('data-merge-insert');
    var start = typeof box.selectionStart === 'number' ? box.selectionStart : box.value.length;
    var end = typeof box.selectionEnd === 'number' ? box.selectionEnd : start;
    box.value = box.value.slice(0, start) + text + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = start + text.length;
  });
})();
