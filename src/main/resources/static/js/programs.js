// Program form: show the second-tier rate only for two-tier programs, and the recurring limit only when recurring
// commissions are on. Hidden fields are still submitted, so nothing is lost when the admin switches back.
(function () {
  function sync() {
    var two = document.getElementById('tiers-2');
    var second = document.getElementById('second-tier');
    if (two && second) {
      second.hidden = !two.checked;
    }
    var recurring = document.querySelector('[data-recurring]');
    var months = document.getElementById('recurringMonths');
    if (recurring && months) {
      months.readOnly = !recurring.checked;
    }
  }
  document.addEventListener('change', function (event) {
    if (event.target.matches('[data-tiers], [data-recurring]')) {
      sync();
    }
  });
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', sync);
  } else {
    sync();
  }
})();
