/* Site search (lgsite/search_index.py writes the files it reads).
 *
 * Nothing is fetched until a resident searches. A search fetches the word list for
 * each first letter of its words (v/<c>.json), the pages of each word (t/<stem>.json)
 * and the page file of each result shown (p/<n>.json), and keeps them for the next
 * search. The index is the page's language's (data-index); its manifest says how its
 * words were read. English words are reduced to Porter stems exactly as
 * lgsite/stemmer.py does, so "collected" finds "collection"; Welsh words are only
 * folded, as Porter's rules are English. A word of 5 letters or more that is in no page
 * finds words one typing slip away; "quoted words" must appear together.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  // The words it writes, in the page's language (search.html, from lgsite's interface strings).
  var TEXT = JSON.parse(script.dataset.words);
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (field, name) { return name in values ? values[name] : field; });
  }
  var root = script.dataset.index;
  var base = script.dataset.base;
  var form = document.getElementById("lg-search-form");
  var input = document.getElementById("lg-search-page");
  var status = document.getElementById("lg-search-status");
  var results = document.getElementById("lg-search-results");
  var waysOn = document.getElementById("lg-search-ways-on");
  var PAGE_SIZE = 10;
  var PHRASE_BATCHES = 2; // files of PAGE_SIZE pages a search reads at most to find quoted phrases
  var TYPO_LENGTH = 5;
  var STOP = {}; // the language's stop words, from the manifest
  var stemOf = null; // the language's way with words: Porter's stems, or the words as they are

  /* ---- Porter stemmer: the same steps as lgsite/stemmer.py ---- */
  var STEP2 = [["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["izer", "ize"],
    ["abli", "able"], ["alli", "al"], ["entli", "ent"], ["eli", "e"], ["ousli", "ous"],
    ["ization", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["iveness", "ive"],
    ["fulness", "ful"], ["ousness", "ous"], ["aliti", "al"], ["iviti", "ive"], ["biliti", "ble"]];
  var STEP3 = [["icate", "ic"], ["ative", ""], ["alize", "al"], ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize"];

  function consonant(w, i) {
    var c = w.charAt(i);
    if ("aeiou".indexOf(c) !== -1) { return false; }
    if (c === "y") { return i === 0 || !consonant(w, i - 1); }
    return true;
  }
  function measure(s) {
    var count = 0, previousVowel = false;
    for (var i = 0; i < s.length; i++) {
      var c = consonant(s, i);
      if (c && previousVowel) { count++; }
      previousVowel = !c;
    }
    return count;
  }
  function hasVowel(s) {
    for (var i = 0; i < s.length; i++) { if (!consonant(s, i)) { return true; } }
    return false;
  }
  function ends(w, suffix) { return w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix; }
  function doubleConsonant(w) {
    var n = w.length;
    return n >= 2 && w.charAt(n - 1) === w.charAt(n - 2) && consonant(w, n - 1);
  }
  function cvc(w) {
    var n = w.length;
    return n >= 3 && consonant(w, n - 3) && !consonant(w, n - 2) && consonant(w, n - 1) && "wxy".indexOf(w.charAt(n - 1)) === -1;
  }
  function replace(w, table, least) {
    for (var i = 0; i < table.length; i++) {
      if (ends(w, table[i][0])) {
        var stem = w.slice(0, w.length - table[i][0].length);
        return measure(stem) > least ? stem + table[i][1] : w;
      }
    }
    return w;
  }
  function step1(w) {
    if (ends(w, "sses") || ends(w, "ies")) { w = w.slice(0, -2); }
    else if (ends(w, "s") && !ends(w, "ss")) { w = w.slice(0, -1); }
    if (ends(w, "eed")) {
      if (measure(w.slice(0, -3)) > 0) { w = w.slice(0, -1); }
    } else {
      var suffixes = ["ed", "ing"];
      for (var i = 0; i < suffixes.length; i++) {
        var s = suffixes[i];
        if (ends(w, s) && hasVowel(w.slice(0, w.length - s.length))) {
          w = w.slice(0, w.length - s.length);
          if (ends(w, "at") || ends(w, "bl") || ends(w, "iz")) { w += "e"; }
          else if (doubleConsonant(w) && "lsz".indexOf(w.charAt(w.length - 1)) === -1) { w = w.slice(0, -1); }
          else if (measure(w) === 1 && cvc(w)) { w += "e"; }
          break;
        }
      }
    }
    if (ends(w, "y") && hasVowel(w.slice(0, -1))) { w = w.slice(0, -1) + "i"; }
    return w;
  }
  function step4(w) {
    for (var i = 0; i < STEP4.length; i++) {
      var s = STEP4[i];
      if (ends(w, s)) {
        var stem = w.slice(0, w.length - s.length);
        if (s === "ion" && !(ends(stem, "s") || ends(stem, "t"))) { return w; }
        return measure(stem) > 1 ? stem : w;
      }
    }
    return w;
  }
  function step5(w) {
    if (ends(w, "e")) {
      var stem = w.slice(0, -1);
      var m = measure(stem);
      if (m > 1 || (m === 1 && !cvc(stem))) { w = stem; }
    }
    if (ends(w, "ll") && measure(w) > 1) { w = w.slice(0, -1); }
    return w;
  }
  function stem(w) {
    if (w.length <= 2 || !/^[a-z]+$/.test(w)) { return w; }
    return step5(step4(replace(replace(step1(w), STEP2, 0), STEP3, 0)));
  }
  /* The index's language, as its manifest says: lgsite/search_index.py left these words out and stemmed so. */
  function useLanguage(manifest) {
    STOP = {};
    manifest.stop.forEach(function (w) { STOP[w] = true; });
    stemOf = manifest.stemmer === "porter" ? stem : function (w) { return w; };
  }
  function words(text) {
    var plain = text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/['\u2019]/g, "");
    return (plain.match(/[a-z0-9]+/g) || []).filter(function (w) { return w.length <= 30; });
  }

  /* ---- fetching, each file once ---- */
  var cache = {};
  function load(path) {
    if (!cache[path]) {
      cache[path] = fetch(root + path).then(function (r) {
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return r.json();
      });
    }
    return cache[path];
  }

  /* One typing slip: a letter added, left out, changed, or two letters swapped. */
  function oneSlip(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) { return false; }
    var i = 0;
    while (i < a.length && i < b.length && a.charAt(i) === b.charAt(i)) { i++; }
    if (a.length === b.length) {
      return a.slice(i + 1) === b.slice(i + 1) ||
        (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The stems a query word matches, with how much each counts (a near miss counts less). */
  function matchesFor(word, initials, slips) {
    var s = stemOf(word);
    if (initials.indexOf(s.charAt(0)) === -1) { return Promise.resolve([]); }
    return load("v/" + s.charAt(0) + ".json").then(function (vocabulary) {
      var df = vocabulary.stems, has = Object.prototype.hasOwnProperty;
      if (has.call(df, s)) { return [{ stem: s, df: df[s], weight: 1 }]; }
      if (!slips || word.length < TYPO_LENGTH) { return []; }
      // A slip from a word as pages write it ("plannig", "planning") is better evidence than one
      // from a stem ("permis", "premis"), so the stems are tried only when no such word is near.
      var near = [];
      Object.keys(vocabulary.words).forEach(function (w) {
        var to = vocabulary.words[w];
        if (oneSlip(word, w) && near.indexOf(to) === -1) { near.push(to); }
      });
      if (!near.length) { near = Object.keys(df).filter(function (v) { return oneSlip(s, v) || oneSlip(word, v); }); }
      near.sort(function (x, y) { return df[y] - df[x]; });
      return near.slice(0, 3).map(function (v) { return { stem: v, df: df[v], weight: 0.7 }; });
    });
  }

  /* The query as slots, each a need the results should meet: one word, or a phrase from a group of
   * synonyms with the group's other phrases as alternatives ("not collected" or "missed" or ...).
   * An alternative is the list of words it needs (stop words left out). */
  function parse(query, synonyms) {
    var phrases = [];
    query.replace(/"([^"]+)"/g, function (_, phrase) {
      var ws = words(phrase);
      if (ws.length) { phrases.push(ws); }
      return " ";
    });
    var all = words(query);
    var sequence = all.map(stemOf);
    var content = function (ws) { return ws.filter(function (w) { return !STOP[w]; }); };
    var slots = [], seen = {};
    function add(alternatives) {
      var key = alternatives.map(function (alt) { return alt.map(stemOf).join(" "); }).sort().join("|");
      if (!seen[key]) { seen[key] = true; slots.push(alternatives); }
    }
    for (var i = 0; i < all.length;) {
      var best = null;
      (synonyms || []).forEach(function (group) {
        group.forEach(function (phrase) {
          var ws = words(phrase), n = ws.length;
          if (n && (!best || n > best.n) && content(ws).length &&
              ws.map(stemOf).join(" ") === sequence.slice(i, i + n).join(" ")) {
            best = { n: n, group: group, typed: all.slice(i, i + n) };
          }
        });
      });
      if (best) {
        var alternatives = [content(best.typed)];
        best.group.forEach(function (phrase) {
          var alt = content(words(phrase));
          if (alt.length && alt.map(stemOf).join(" ") !== alternatives[0].map(stemOf).join(" ")) { alternatives.push(alt); }
        });
        add(alternatives);
        i += best.n;
      } else {
        if (!STOP[all[i]]) { add([[all[i]]]); }
        i += 1;
      }
    }
    if (!slots.length) { all.forEach(function (w) { add([[w]]); }); }
    return { slots: slots, phrases: phrases };
  }

  var SYNONYM = 0.9; // a synonym counts a little less than the resident's own words

  /* Each page's score for a slot: the score of its best alternative. */
  function slotScores(alternatives, found, postings, pages) {
    var best = {};
    alternatives.forEach(function (alt, index) {
      var sums = {}, counts = {}, least = {};
      alt.forEach(function (w) {
        var perPage = {};
        found[w].forEach(function (m) {
          var idf = Math.log(1 + pages / Math.max(m.df, 1));
          var flat = postings[m.stem], page = 0;
          for (var i = 0; i < flat.length; i += 2) {
            page += flat[i];
            var score = flat[i + 1] * idf * m.weight;
            if (!(page in perPage) || score > perPage[page]) { perPage[page] = score; }
          }
        });
        Object.keys(perPage).forEach(function (page) {
          sums[page] = (sums[page] || 0) + perPage[page];
          counts[page] = (counts[page] || 0) + 1;
          least[page] = page in least ? Math.min(least[page], perPage[page]) : perPage[page];
        });
      });
      Object.keys(sums).forEach(function (page) {
        var whole = counts[page] === alt.length;
        if (!whole && index > 0) { return; } // half a synonym ("waste" of "bulky waste") is no match
        // The resident's own words add up, as words do outside a synonym. A synonym counts as one word,
        // as strong as its weakest: "council offices" is not found by "council" in a title and
        // "offices" somewhere in the body.
        var score = index === 0 ? sums[page] * (whole ? 1 : 0.5) : least[page] * SYNONYM;
        if (!(page in best) || score > best[page].score) { best[page] = { score: score, whole: whole }; }
      });
    });
    return best;
  }

  function rank(parsed, manifest) {
    var needed = [], typed = {};
    parsed.slots.forEach(function (alts) {
      alts[0].forEach(function (w) { typed[w] = true; }); // typing slips are forgiven in the resident's words only
      alts.forEach(function (alt) { alt.forEach(function (w) { if (needed.indexOf(w) === -1) { needed.push(w); } }); });
    });
    return Promise.all(needed.map(function (w) { return matchesFor(w, manifest.initials, typed[w]); })).then(function (perWord) {
      var found = {}, stems = [];
      needed.forEach(function (w, i) { found[w] = perWord[i]; });
      perWord.forEach(function (ms) { ms.forEach(function (m) { if (stems.indexOf(m.stem) === -1) { stems.push(m.stem); } }); });
      return Promise.all(stems.map(function (s) { return load("t/" + s + ".json"); })).then(function (lists) {
        var postings = {};
        stems.forEach(function (s, i) { postings[s] = lists[i]; });
        var scores = {}, matched = {};
        parsed.slots.forEach(function (alternatives) {
          var best = slotScores(alternatives, found, postings, manifest.pages);
          Object.keys(best).forEach(function (page) {
            scores[page] = (scores[page] || 0) + best[page].score;
            matched[page] = (matched[page] || 0) + (best[page].whole ? 1 : 0.5);
          });
        });
        var total = parsed.slots.length;
        var results = Object.keys(scores).map(function (page) {
          var share = matched[page] / total;
          return { page: Number(page), score: scores[page] * share * share, all: matched[page] === total };
        });
        if (parsed.phrases.length) { results = results.filter(function (r) { return r.all; }); }
        results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
        return { found: results, stems: stems };
      });
    });
  }

  function containsPhrase(text, phrase) {
    return (" " + words(text).join(" ") + " ").indexOf(" " + phrase.join(" ") + " ") !== -1;
  }

  /* The results of one search, read a page file at a time as they are shown. Quoted phrases are
   * checked in the text of each page read, so with phrases the count is known only once every page
   * that has all the words has been read: until then it is "at least". */
  function Results(found, phrases) {
    this.found = found;
    this.phrases = phrases;
    this.checked = 0;
    this.kept = [];
  }
  Results.prototype.complete = function () { return this.checked >= this.found.length; };
  Results.prototype.count = function () {
    if (!this.phrases.length) { return String(this.found.length); }
    return this.complete() ? String(this.kept.length) : fill(TEXT.atLeast, {count: this.kept.length});
  };
  /* Read pages until `wanted` results are known, all are read, or `batches` more files of pages. */
  Results.prototype.fill = function (wanted, batches) {
    var self = this;
    if (self.kept.length >= wanted || self.complete() || batches === 0) { return Promise.resolve(); }
    var batch = self.found.slice(self.checked, self.checked + PAGE_SIZE);
    self.checked += batch.length;
    return Promise.all(batch.map(function (r) { return load("p/" + r.page + ".json"); })).then(function (docs) {
      docs.forEach(function (doc) {
        var text = doc.t + " " + doc.d + " " + doc.x;
        if (self.phrases.every(function (p) { return containsPhrase(text, p); })) { self.kept.push(doc); }
      });
      return self.fill(wanted, batches - 1);
    });
  };

  /* The stem of one word of a page's text, remembered: snippets meet the same words again and again. */
  var tokenStems = {};
  function stemOfToken(token) {
    if (!Object.prototype.hasOwnProperty.call(tokenStems, token)) {
      var ws = words(token);
      tokenStems[token] = ws.length === 1 ? stemOf(ws[0]) : "";
    }
    return tokenStems[token];
  }

  /* A short passage of the page from just before its first matched word, as text and <mark> elements. */
  function snippet(text, wanted) {
    var tokens = [], re = /[A-Za-z0-9\u00c0-\u024f'\u2019]+/g, m, first = -1;
    while ((m = re.exec(text)) !== null) {
      var token = { start: m.index, end: re.lastIndex, hit: wanted.indexOf(stemOfToken(m[0])) !== -1 };
      tokens.push(token);
      if (first === -1 && token.hit) { first = tokens.length - 1; }
      if (first !== -1 && tokens.length >= first + 22) { break; }
    }
    if (first === -1) { return null; }
    var from = Math.max(0, first - 8), to = tokens.length;
    var fragment = document.createDocumentFragment();
    var at = tokens[from].start;
    if (from > 0) { fragment.appendChild(document.createTextNode("… ")); }
    for (var i = from; i < to; i++) {
      if (tokens[i].hit) {
        fragment.appendChild(document.createTextNode(text.slice(at, tokens[i].start)));
        var mark = document.createElement("mark");
        mark.textContent = text.slice(tokens[i].start, tokens[i].end);
        fragment.appendChild(mark);
        at = tokens[i].end;
      }
    }
    var more = m !== null;
    fragment.appendChild(document.createTextNode(text.slice(at, tokens[to - 1].end) + (more ? " …" : "")));
    return fragment;
  }

  function resultItem(doc, stems) {
    var item = document.createElement("li");
    item.className = "lg-search-results__item";
    var heading = document.createElement("h3");
    var link = document.createElement("a");
    link.href = base + "/" + doc.u;
    link.textContent = doc.t;
    heading.appendChild(link);
    item.appendChild(heading);
    if (doc.d) {
      var description = document.createElement("p");
      description.textContent = doc.d;
      item.appendChild(description);
    }
    var passage = snippet(doc.x, stems);
    if (passage) {
      var p = document.createElement("p");
      p.className = "lg-search-results__snippet";
      p.appendChild(passage);
      item.appendChild(p);
    }
    return item;
  }

  function show(found, stems, list) {
    var shown = list.children.length;
    return found.fill(shown + PAGE_SIZE, PHRASE_BATCHES).then(function () {
      found.kept.slice(shown, shown + PAGE_SIZE).forEach(function (doc) { list.appendChild(resultItem(doc, stems)); });
      var more = results.querySelector(".lg-search-results__more");
      if (more) { more.remove(); }
      if (found.kept.length > list.children.length || !found.complete()) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "lg-button lg-search-results__more";
        button.textContent = TEXT.showMore;
        button.addEventListener("click", function () {
          var focusAt = list.children.length;
          show(found, stems, list).then(function () {
            var link = list.children[focusAt] && list.children[focusAt].querySelector("a");
            if (link) { link.focus(); } else { status.textContent = TEXT.noMore; }
          });
        });
        results.appendChild(button);
      }
    });
  }

  var current = 0;
  function search(query) {
    var run = ++current;
    results.textContent = "";
    if (!words(query).length) {
      status.textContent = "";
      waysOn.hidden = false;
      return;
    }
    status.textContent = TEXT.searching;
    var parsed;
    load("search_index.json").then(function (manifest) {
      useLanguage(manifest);
      parsed = parse(query, manifest.synonyms);
      return rank(parsed, manifest);
    }).then(function (ranked) {
      if (run !== current) { return; }
      var found = new Results(ranked.found, parsed.phrases);
      var list = document.createElement("ol");
      list.className = "lg-search-results__list";
      results.appendChild(list);
      return show(found, ranked.stems, list).then(function () {
        if (run !== current) { return; }
        var count = found.count();
        var text = fill(count === "1" ? TEXT.resultOne : TEXT.resultOther, {count: count, query: query});
        var heading = document.createElement("h2");
        heading.textContent = text; // last, once the results under it are there
        results.insertBefore(heading, results.firstChild);
        waysOn.hidden = list.children.length > 0;
        status.textContent = text;
      });
    }).catch(function () {
      if (run !== current) { return; }
      results.textContent = "";
      status.textContent = TEXT.broken;
      waysOn.hidden = false;
    });
  }

  function fromAddress() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    search(query.trim());
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    var url = new URL(window.location.href);
    url.searchParams.set("q", query);
    window.history.pushState(null, "", url.pathname + url.search);
    search(query);
  });
  window.addEventListener("popstate", fromAddress);
  window.lgsiteSearchStem = stem; // for the test that lgsite/stemmer.py and this file agree
  fromAddress();
})();
