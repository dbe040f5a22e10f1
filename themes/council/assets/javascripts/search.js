/* Site search: loads the index only on the search page, after a query is given. */
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("lg-search-page");
  var results = document.getElementById("lg-search-results");
  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) { return; }
  results.textContent = "Searching…";
  fetch(script.dataset.index).then(function (response) { return response.json(); }).then(function (index) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    var found = index.docs.filter(function (doc) {
      var text = (doc.title + " " + doc.text + " " + (doc.headings || "")).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) !== -1; });
    });
    var inTitle = function (doc) { return words.every(function (w) { return doc.title.toLowerCase().indexOf(w) !== -1; }); };
    found = found.filter(inTitle).concat(found.filter(function (doc) { return !inTitle(doc); })).slice(0, 30);
    results.textContent = "";
    var heading = document.createElement("h2");
    heading.textContent = found.length + (found.length === 1 ? " result" : " results") + " for ‘" + query + "’";
    results.appendChild(heading);
    var list = document.createElement("ul");
    list.className = "lg-list";
    found.forEach(function (doc) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = script.dataset.base + "/" + doc.location;
      link.textContent = doc.title;
      item.appendChild(link);
      if (doc.text) {
        var summary = document.createElement("p");
        summary.textContent = doc.text;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    results.appendChild(list);
  }).catch(function () {
    results.textContent = "Search is not working right now. Try the A to Z of services.";
  });
})();
