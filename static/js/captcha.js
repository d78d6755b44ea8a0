// The ALTCHA widget's "external" build brings no workers of its own: register the one
// the server's PBKDF2 challenges need, from our own static files.
(function () {
  "use strict";
  var widget = document.querySelector("altcha-widget[data-worker]");
  if (!widget || !window.$altcha) {
    return;
  }
  var url = widget.getAttribute("data-worker");
  ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"].forEach(function (name) {
    window.$altcha.algorithms.set(name, function () {
      return new Worker(url);
    });
  });
})();
