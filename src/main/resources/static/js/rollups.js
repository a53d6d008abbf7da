// Rollup form: changing the rollup type or relationship reloads the form's choices (the server renders them).
document.addEventListener('change', function (event) {
  if (event.target.matches('#rollup-form [data-refresh]')) {
    var button = document.getElementById('refresh-choices');
    if (button) {
      button.click();
    }
  }
});
