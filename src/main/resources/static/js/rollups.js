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
// The builder's own buttons (Add condition, Add group, Remove, Update choices, action rows: name="action", any value
// but "save") update the form in place: the same POST the button makes without scripts, then only the form is swapped
// for the one in the answer, so the page keeps its scroll position and nothing else reloads. Save submits normally.
var partnerhubInplaceSequence = {};
document.addEventListener('submit', function (event) {
  var form = event.target;
  var button = event.submitter;
  if (!form.matches('form[data-inplace][id]') || !button || button.name !== 'action' || button.value === 'save'
      || !window.fetch || !window.DOMParser) {
    return;
  }
  event.preventDefault();
  var body = new FormData(form);
  body.append(button.name, button.value);
  var action = form.getAttribute('action').split('#')[0];
  var key = button.value;
  var id = form.id;
  // a click while an earlier answer is on its way wins: only the latest request's answer is put in
  var sequence = (partnerhubInplaceSequence[id] || 0) + 1;
  partnerhubInplaceSequence[id] = sequence;
  form.setAttribute('aria-busy', 'true');
  fetch(action, { method: 'POST', body: body, credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
    .then(function (response) {
      if (!response.ok || response.redirected) {
        throw new Error('not an in-place answer');
      }
      return response.text();
    })
    .then(function (html) {
      if (partnerhubInplaceSequence[id] !== sequence) {
        return;
      }
      var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
      var current = document.getElementById(id);
      if (!fresh || !current) {
        throw new Error('no form in the answer');
      }
      current.replaceWith(fresh);
      var again = fresh.querySelector('button[name=action][value="' + key.replace(/"/g, '') + '"]');
      (again || fresh.querySelector('input, select, textarea')).focus({ preventScroll: true });
      fresh.dispatchEvent(new CustomEvent('partnerhub:updated', { bubbles: true }));
    })
    .catch(function () {
      if (partnerhubInplaceSequence[id] !== sequence) {
        return;
      }
      // the plain round trip: exactly what happens without scripts
      form = document.getElementById(id) || form;
      form.removeAttribute('aria-busy');
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = button.name;
      hidden.value = button.value;
      form.appendChild(hidden);
      HTMLFormElement.prototype.submit.call(form);
    });
});
