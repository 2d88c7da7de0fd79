/*
 * Qlik Cloud sign-in and request helper, added by `mashup-gen adopt`.
 *
 * Load it right after the tenant's RequireJS and before the page's own scripts. It
 * - checks for a Qlik Cloud session and, without one, sends the browser to the tenant's /login, which brings
 *   it back here signed in (Qlik's web integration login flow; window.qlikSession below does it);
 * - holds back the capability API (require([...])) until the session is confirmed;
 * - adds what Qlik Cloud needs to every fetch() request to the tenant: the qlik-web-integration-id header,
 *   the tenant's cookie (credentials: 'include') and, for requests that change data, the qlik-csrf-token.
 * `mashup-gen regenerate` re-targets the tenant and the web integration id.
 */
{% include 'qlik-session.fragment.js' %}
(function () {
  'use strict';

  var session = window.qlikSession;
  // false when the page has its own login flow: then this file only adds what requests to the tenant need.
  var SIGN_IN = {{ 'true' if cookiecutter.sign_in else 'false' }};
  var nativeFetch = window.fetch.bind(window);

  function showProblem(text) {
    var element = document.getElementById('mashup-gen-problem');
    if (!element) {
      element = document.createElement('p');
      element.id = 'mashup-gen-problem';
      element.setAttribute('role', 'alert');
      element.style.cssText = 'margin:0;padding:10px 14px;background:#fdecea;color:#8a1c12;font:14px sans-serif';
      var parent = document.body || document.documentElement;
      parent.insertBefore(element, parent.firstChild);
    }
    element.textContent = text;
  }

  function whenReady(callback) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', callback);
    } else {
      callback();
    }
  }

  // Resolves once the user is signed in; stays pending while the browser is sent to sign in, or once a
  // problem is on the page (the page's own Qlik code would only add errors that say less).
  var signedIn = !SIGN_IN ? Promise.resolve() : session.signIn().then(null, function (error) {
    whenReady(function () { showProblem(error.message); });
    return new Promise(function () {});
  });

  function isTenantUrl(url) {
    try { return new URL(url, window.location.href).origin === session.tenantUrl; } catch (e) { return false; }
  }

  window.fetch = function (input, init) {
    var request = typeof Request !== 'undefined' && input instanceof Request ? input : null;
    var url = request ? request.url : String(input);
    if (!isTenantUrl(url)) {
      return nativeFetch(input, init);
    }
    var options = {};
    Object.keys(init || {}).forEach(function (key) { options[key] = init[key]; });
    if (request) {
      options.method = options.method || request.method;
      options.headers = options.headers || request.headers;
    }
    return signedIn.then(function () { return session.request(url, options); });
  };

  // The capability API is loaded with require([...]): hold those calls back until the session is confirmed,
  // so a signed-out user is sent to sign in instead of seeing Qlik's errors first.
  var originalRequire = window.require;
  if (SIGN_IN && typeof originalRequire === 'function' && !originalRequire.mashupGenHeld) {
    var heldRequire = function (deps, callback, errback) {
      if (Array.isArray(deps)) {
        signedIn.then(function () { originalRequire(deps, callback, errback); });
        return heldRequire;
      }
      return originalRequire.apply(this, arguments);
    };
    Object.keys(originalRequire).forEach(function (name) { heldRequire[name] = originalRequire[name]; });
    heldRequire.mashupGenHeld = true;
    window.require = heldRequire;
  }
}());
