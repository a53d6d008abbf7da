/*! Partnerhub embeddable partner sign-up. Embed:
 *   <div data-partnerhub-signup="PROGRAM-SLUG"></div>
 *   <script src="https://YOUR-PARTNERHUB/embed/signup.js" async></script>
 * Renders the program's sign-up form into the div and posts it as JSON to /embed/signup/{slug} (CORS: only the
 * program's sales sites may). No cookies are sent or set; the referral comes from ?ref= or the first-party ph_ref
 * cookie that /t.js keeps. No dependencies. */
(function () {
  'use strict';
  var VALID_REF = /^[A-Za-z0-9_-]{3,200}$/;
  var VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

  // Works loaded async from another origin: the app is wherever this script came from.
  var script = document.currentScript;
  if (!script) {
    var candidates = document.querySelectorAll('script[src*="/embed/signup.js"]');
    script = candidates[candidates.length - 1];
  }
  var base = script && script.src ? script.src.replace(/\/embed\/signup\.js(?:[?#].*)?$/, '') : '';
  var counter = 0;

  var FIELDS = [
    { name: 'firstName', label: 'First name', type: 'text', autocomplete: 'given-name', required: true },
    { name: 'lastName', label: 'Last name', type: 'text', autocomplete: 'family-name', required: true },
    { name: 'email', label: 'E-mail', type: 'email', autocomplete: 'email', required: true },
    { name: 'password', label: 'Password (at least 10 characters)', type: 'password', autocomplete: 'new-password', required: true },
    { name: 'confirmPassword', label: 'Repeat the password', type: 'password', autocomplete: 'new-password', required: true },
    { name: 'payoutEmail', label: 'PayPal e-mail for payouts (optional)', type: 'email', autocomplete: 'email', required: false }
  ];

  var CSS = '.phs{font:inherit;max-width:32rem}.phs *{box-sizing:border-box}' +
    '.phs-field{margin:0 0 .85rem}.phs label{display:block;font-weight:600;margin:0 0 .25rem}' +
    '.phs input[type=text],.phs input[type=email],.phs input[type=password]{display:block;width:100%;padding:.45rem .6rem;' +
    'font:inherit;color:#212529;background:#fff;border:1px solid #6c757d;border-radius:.3rem}' +
    '.phs input[aria-invalid=true]{border-color:#b00020}.phs-check{display:flex;gap:.5rem;align-items:flex-start}' +
    '.phs-check label{font-weight:400;margin:0}.phs-error{color:#b00020;margin:.25rem 0 0;font-size:.9em}' +
    '.phs-summary:empty,.phs-status:empty,.phs-error:empty{display:none}' +
    '.phs-summary{color:#b00020;border:1px solid #b00020;border-radius:.3rem;padding:.5rem .75rem;margin:0 0 1rem}' +
    '.phs-status{border:1px solid #0f5132;color:#0f5132;border-radius:.3rem;padding:.5rem .75rem;margin:0 0 1rem}' +
    '.phs button{font:inherit;color:#fff;background:#0b5ed7;border:0;border-radius:.3rem;padding:.55rem 1.2rem;cursor:pointer}' +
    '.phs button[disabled]{opacity:.7;cursor:wait}.phs a{color:#0a58ca}';

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        if (Object.prototype.hasOwnProperty.call(attrs, key) && attrs[key] !== null && attrs[key] !== undefined) {
          node.setAttribute(key, attrs[key]);
        }
      }
    }
    if (text) { node.textContent = text; }
    return node;
  }

  function addStyle() {
    if (document.getElementById('phs-style')) { return; }
    var style = el('style', { id: 'phs-style' });
    style.textContent = CSS;
    (document.head || document.documentElement).appendChild(style);
  }

  function referral() {
    var match = /[?&]ref=([^&#]*)/.exec(window.location.search);
    if (match) {
      try {
        var value = decodeURIComponent(match[1].replace(/\+/g, ' '));
        if (VALID_REF.test(value)) { return value; }
      } catch (e) { /* ignore a broken ref */ }
    }
    if (window.partnerhub && typeof window.partnerhub.referral === 'function') {
      var tracked = window.partnerhub.referral();
      if (tracked && VALID_REF.test(tracked)) { return tracked; }
    }
    var cookie = /(?:^|;\s*)ph_ref=([^;]*)/.exec(document.cookie);
    return cookie && VALID_REF.test(cookie[1]) ? cookie[1] : null;
  }

  function request(method, url, body, done) {
    var xhr = new XMLHttpRequest();
    xhr.open(method, url, true);
    xhr.withCredentials = false; // no cookies of ours, none needed
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (body !== null) { xhr.setRequestHeader('Content-Type', 'application/json'); }
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) { return; }
      var data = null;
      try { data = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { data = null; }
      done(xhr.status, data);
    };
    xhr.send(body === null ? null : JSON.stringify(body));
  }

  function fallback(host, slug, message) {
    host.textContent = '';
    var box = el('div', { 'class': 'phs', role: 'alert' });
    box.appendChild(el('p', null, message + ' '));
    if (slug && base) {
      var link = el('a', { href: base + '/partners/signup/' + slug }, 'Sign up on our partner site instead.');
      box.firstChild.appendChild(link);
    }
    host.appendChild(box);
  }

  function render(host, slug, config, preview) {
    var n = ++counter;
    var id = function (name) { return 'phs-' + n + '-' + name; };
    host.textContent = '';
    var root = el('div', { 'class': 'phs', 'data-phs-state': 'ready' });
    var level = /^[1-6]$/.test(host.getAttribute('data-heading-level') || '') ? host.getAttribute('data-heading-level') : '2';
    root.appendChild(el('h' + level, { id: id('heading'), 'class': 'phs-heading' }, config.heading));
    if (config.intro) { root.appendChild(el('p', { 'class': 'phs-intro' }, config.intro)); }
    var status = el('div', { 'class': 'phs-status', role: 'status', 'aria-live': 'polite', tabindex: '-1' });
    var summary = el('div', { 'class': 'phs-summary', role: 'alert', 'aria-live': 'assertive' });
    root.appendChild(status);
    root.appendChild(summary);
    var form = el('form', { novalidate: 'novalidate', 'aria-labelledby': id('heading') });
    var inputs = {};
    var errors = {};
    for (var i = 0; i < FIELDS.length; i++) {
      var f = FIELDS[i];
      var wrap = el('div', { 'class': 'phs-field' });
      wrap.appendChild(el('label', { 'for': id(f.name) }, f.label));
      var input = el('input', { id: id(f.name), name: f.name, type: f.type, autocomplete: f.autocomplete,
        maxlength: f.type === 'password' ? '200' : '254' });
      if (f.required) { input.setAttribute('aria-required', 'true'); }
      var error = el('p', { id: id(f.name + '-error'), 'class': 'phs-error' });
      wrap.appendChild(input);
      wrap.appendChild(error);
      form.appendChild(wrap);
      inputs[f.name] = input;
      errors[f.name] = error;
    }
    var termsWrap = el('div', { 'class': 'phs-field' });
    var check = el('div', { 'class': 'phs-check' });
    var terms = el('input', { id: id('terms'), name: 'terms', type: 'checkbox', 'aria-required': 'true' });
    var termsLabel = el('label', { 'for': id('terms') }, 'I accept the partner terms');
    check.appendChild(terms);
    check.appendChild(termsLabel);
    termsWrap.appendChild(check);
    if (config.termsUrl) {
      termsWrap.appendChild(el('p', { 'class': 'phs-terms-link' })).appendChild(
        el('a', { href: config.termsUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Read the partner terms'));
    }
    var termsError = el('p', { id: id('terms-error'), 'class': 'phs-error' });
    termsWrap.appendChild(termsError);
    form.appendChild(termsWrap);
    inputs.terms = terms;
    errors.terms = termsError;
    var button = el('button', { type: 'submit' }, 'Sign up');
    form.appendChild(button);
    root.appendChild(form);
    if (config.loginUrl) {
      var login = el('p', { 'class': 'phs-login' }, 'Already a partner? ');
      login.appendChild(el('a', { href: config.loginUrl }, 'Log in'));
      root.appendChild(login);
    }
    host.appendChild(root);

    function clearErrors() {
      summary.textContent = '';
      for (var name in errors) {
        if (Object.prototype.hasOwnProperty.call(errors, name)) {
          errors[name].textContent = '';
          inputs[name].removeAttribute('aria-invalid');
          inputs[name].removeAttribute('aria-describedby');
        }
      }
    }

    function showErrors(list, detail) {
      var first = null;
      for (var k = 0; k < list.length; k++) {
        var name = list[k] && list[k].field;
        if (errors[name] && !errors[name].textContent) {
          errors[name].textContent = list[k].message;
          inputs[name].setAttribute('aria-invalid', 'true');
          inputs[name].setAttribute('aria-describedby', id(name + '-error'));
          if (!first) { first = inputs[name]; }
        }
      }
      summary.textContent = first ? 'Please correct the marked fields.' : (detail || 'The sign-up did not work; please try again.');
      if (first) { first.focus(); }
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearErrors();
      status.textContent = '';
      if (preview) {
        status.textContent = 'Preview: nothing was sent. On your sales sites this button signs the partner up.';
        return;
      }
      var body = { terms: terms.checked, ref: referral() };
      for (var j = 0; j < FIELDS.length; j++) { body[FIELDS[j].name] = inputs[FIELDS[j].name].value; }
      button.disabled = true;
      root.setAttribute('data-phs-state', 'sending');
      request('POST', base + '/embed/signup/' + slug, body, function (code, data) {
        button.disabled = false;
        root.setAttribute('data-phs-state', 'ready');
        if (code === 202 && data) {
          form.parentNode.removeChild(form);
          root.setAttribute('data-phs-state', 'done');
          status.textContent = data.message;
          status.focus();
          return;
        }
        showErrors(data && data.errors ? data.errors : [], data && data.detail ? data.detail
          : 'The sign-up could not be sent. Check your connection and try again.');
      });
    });
  }

  function mount(host) {
    if (host.getAttribute('data-phs-mounted')) { return; }
    host.setAttribute('data-phs-mounted', 'true');
    var slug = (host.getAttribute('data-partnerhub-signup') || '').toLowerCase();
    if (!VALID_SLUG.test(slug) || !base) {
      fallback(host, null, 'This sign-up form is not set up correctly (no program).');
      return;
    }
    addStyle();
    var preview = host.hasAttribute('data-partnerhub-preview');
    request('GET', base + '/embed/signup/' + slug, null, function (code, data) {
      if (code === 200 && data && data.heading) {
        render(host, slug, data, preview);
      } else {
        fallback(host, slug, 'The partner sign-up form cannot be shown on this site.');
      }
    });
  }

  function start() {
    var hosts = document.querySelectorAll('[data-partnerhub-signup]');
    for (var i = 0; i < hosts.length; i++) { mount(hosts[i]); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
