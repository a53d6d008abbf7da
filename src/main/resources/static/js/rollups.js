// Condition-builder forms (rollup fields, partner-center list blocks): changing a select marked data-refresh (rollup
// type, relationship, list source) reloads the form's choices by clicking the form's [data-refresh-button] (the server
// renders them). Without scripts the button is there to click.
document.addEventListener('change', function (event) {
  var select = event.target;
  if (!select.matches('[data-refresh]') || !select.form) {
    return;
  }
  var button = select.form.querySelector('[data-refresh-button]');
  if (button) {
    button.click();
  }
});
