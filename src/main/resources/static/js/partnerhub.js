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
  // Bulk buttons ask first when they would act on everything the filter matches, naming it and the count.
  var bulk = event.target.closest('[data-confirm-filter]');
  if (bulk && bulk.form) {
    var scope = bulk.form.querySelector('input[name=scope]:checked');
    if (scope && scope.value === 'filter' && !window.confirm(bulk.getAttribute('data-confirm-filter'))) {
      event.preventDefault();
    }
  }
});
// Lists on phones: every table in a .table-responsive box with a header row becomes a stack of cards below 768 px
// (partnerhub.css, .table-cards), each cell labelled with its column's header. Without JavaScript the table keeps
// scrolling sideways inside its box. Explicit roles keep the table's semantics once CSS displays it as blocks.
function partnerhubCardTables(root) {
  (root || document).querySelectorAll('.table-responsive > table').forEach(function (table) {
    if (table.classList.contains('table-cards') || table.classList.contains('table-keep') || !table.tHead) {
      return;
    }
    var headerRow = table.tHead.rows[table.tHead.rows.length - 1];
    var labels = Array.prototype.map.call(headerRow.cells, function (th) {
      var text = th.textContent.replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim();
      return text || th.getAttribute('aria-label') || (th.querySelector('[aria-label]') ? 'Select' : '');
    });
    table.setAttribute('role', 'table');
    Array.prototype.forEach.call(table.querySelectorAll('thead, tbody, tfoot'), function (group) {
      group.setAttribute('role', 'rowgroup');
    });
    Array.prototype.forEach.call(table.rows, function (row) {
      row.setAttribute('role', 'row');
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        var header = cell.parentNode.parentNode === table.tHead;
        cell.setAttribute('role', header ? 'columnheader' : (cell.tagName === 'TH' ? 'rowheader' : 'cell'));
        if (!header && labels[column] && !cell.hasAttribute('data-label')) {
          cell.setAttribute('data-label', labels[column]);
        }
        column += cell.colSpan || 1;
      });
    });
    table.classList.add('table-cards');
  });
}
document.addEventListener('DOMContentLoaded', function () {
  partnerhubCardTables(document);
  // Filters and bulk forms above a list start folded on a phone, so the list is on the first screen;
  // without JavaScript they stay open.
  if (window.matchMedia && window.matchMedia('(max-width: 767.98px)').matches) {
    document.querySelectorAll('details[data-fold-on-phone]').forEach(function (details) {
      details.open = false;
    });
  }
});
document.addEventListener('htmx:afterSwap', function (event) {
  partnerhubCardTables(event.target.parentNode || document);
});
// The partner-center page builder's block form shows only the fields of the chosen block type
// (data-block-types="list chart ..."); without JavaScript every field stays visible.
function partnerhubBlockFields() {
  var type = document.getElementById('block-type');
  if (!type) {
    return;
  }
  document.querySelectorAll('#block-form [data-block-types]').forEach(function (field) {
    field.hidden = field.getAttribute('data-block-types').split(' ').indexOf(type.value) < 0;
  });
}
document.addEventListener('DOMContentLoaded', partnerhubBlockFields);
document.addEventListener('change', function (event) {
  if (event.target.id === 'block-type') {
    partnerhubBlockFields();
  }
});
// A form swapped in place (rollups.js) gets the same treatment as a freshly loaded page.
document.addEventListener('partnerhub:updated', function (event) {
  partnerhubCardTables(event.target);
  partnerhubBlockFields();
});
