/* An old address with a query string (/article.aspx?id=123) that no host rule can match: the
   page-not-found page looks it up in the site's list of old addresses and sends the resident on. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!window.location.search || !window.fetch) { return; }
  var decode = function (text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  };
  var here = decode(window.location.pathname) + "?" + decode(window.location.search.slice(1));
  fetch(script.dataset.map).then(function (response) { return response.json(); }).then(function (map) {
    var to = Object.prototype.hasOwnProperty.call(map, here) ? map[here] : null;
    if (typeof to === "string" && /^(https?:\/\/|\/)/.test(to)) { window.location.replace(to); }
  }).catch(function () {});
})();
