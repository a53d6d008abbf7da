// "Select all on this page" for the commission list's bulk form (no inline scripts: the CSP forbids them).
document.addEventListener('change', function (event) {
  var all = event.target.closest('[data-select-all]');
  if (all) {
    document.querySelectorAll(all.getAttribute('data-select-all')).forEach(function (box) {
      if (!box.disabled) {
        box.checked = all.checked;
      }
    });
    var selected = document.getElementById('scope-selected');
    if (selected) {
      selected.checked = true;
    }
  }
});
