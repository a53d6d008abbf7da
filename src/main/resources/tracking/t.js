/*! Partnerhub tracking snippet. Embed: <script src="https://YOUR-PARTNERHUB/t.js" async></script>
 * Keeps ?ref= in a first-party cookie (ph_ref), reports the visit, adds <input type=hidden name=referral> to forms,
 * and exposes window.partnerhub.referral(). No dependencies, ES5. */
(function () {
  'use strict';
  var COOKIE = 'ph_ref';
  var MAX_DAYS = /*MAX_DAYS*/30;
  var VALID = /^[A-Za-z0-9_-]{3,200}$/;

  // Works loaded async from another origin: the app is wherever this script came from.
  var script = document.currentScript;
  if (!script) {
    var candidates = document.querySelectorAll('script[src*="/t.js"]');
    script = candidates[candidates.length - 1];
  }
  var base = script && script.src ? script.src.replace(/\/t\.js(?:[?#].*)?$/, '') : '';

  function fromUrl() {
    var match = /[?&]ref=([^&#]*)/.exec(window.location.search);
    if (!match) { return null; }
    var value;
    try { value = decodeURIComponent(match[1].replace(/\+/g, ' ')); } catch (e) { return null; }
    return VALID.test(value) ? value : null;
  }

  function fromCookie() {
    var match = new RegExp('(?:^|;\\s*)' + COOKIE + '=([^;]*)').exec(document.cookie);
    return match && VALID.test(match[1]) ? match[1] : null;
  }

  var urlRef = fromUrl();
  if (urlRef) {
    document.cookie = COOKIE + '=' + urlRef + '; Max-Age=' + (MAX_DAYS * 86400) + '; Path=/; SameSite=Lax' +
      (window.location.protocol === 'https:' ? '; Secure' : '');
  }
  var ref = urlRef || fromCookie();

  function tag(form) {
    if (!ref || !form || form.nodeName !== 'FORM') { return; }
    var input = form.querySelector('input[name="referral"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'referral';
      form.appendChild(input);
    }
    if (!input.value) { input.value = ref; }
  }

  function tagAll(root) {
    if (root.nodeName === 'FORM') { tag(root); }
    if (!root.querySelectorAll) { return; }
    var forms = root.querySelectorAll('form');
    for (var i = 0; i < forms.length; i++) { tag(forms[i]); }
  }

  function start() {
    tagAll(document);
    if (window.MutationObserver && ref) {
      new MutationObserver(function (records) {
        for (var i = 0; i < records.length; i++) {
          var added = records[i].addedNodes;
          for (var j = 0; j < added.length; j++) {
            if (added[j].nodeType === 1) { tagAll(added[j]); }
          }
        }
      }).observe(document.documentElement, { childList: true, subtree: true });
    }
  }

  // A visit is reported for click tokens (partner codes carry no click).
  function beacon() {
    if (!ref || ref.length < 60 || !base) { return; }
    var body = 'ref=' + encodeURIComponent(ref) + '&url=' + encodeURIComponent(String(window.location.href).slice(0, 2000));
    var url = base + '/t/visit';
    try {
      if (navigator.sendBeacon) {
        navigator.sendBeacon(url, new Blob([body], { type: 'application/x-www-form-urlencoded' }));
      } else if (window.fetch) {
        window.fetch(url, { method: 'POST', body: body, mode: 'no-cors', keepalive: true,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      }
    } catch (e) { /* tracking must never break the page */ }
  }

  window.partnerhub = window.partnerhub || {};
  window.partnerhub.referral = function () { return ref; };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
  beacon();
})();
