// Long pickers: a search box (input[data-filter-select] right before its select, hidden until this script shows it)
// hides the select's options whose text does not contain what is typed. Without scripts the select works as it is.
(function () {
  function filter(box) {
    var select = box.nextElementSibling;
    if (!select || select.tagName !== 'SELECT') {
      return;
    }
    var query = box.value.trim().toLowerCase();
    Array.prototype.forEach.call(select.options, function (option) {
      // the selected option and the empty choice stay, so filtering never changes the value
      var keep = !query || option.selected || option.value === ''
        || option.text.toLowerCase().indexOf(query) >= 0;
      option.hidden = !keep;
    });
  }
  function init(root) {
    Array.prototype.forEach.call(root.querySelectorAll('input[data-filter-select]'), function (box) {
      box.hidden = false;
    });
  }
  document.addEventListener('input', function (event) {
    if (event.target.matches && event.target.matches('input[data-filter-select]')) {
      filter(event.target);
    }
  });
  // the rule form is swapped in place after builder buttons: show the boxes of the new form too
  new MutationObserver(function () {
    init(document);
  }).observe(document.body, { childList: true, subtree: true });
  init(document);
})();
