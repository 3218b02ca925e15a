/* Warmtetoolbox: the search page on top of Pagefind's JavaScript API.
 *
 * Theme-independent: it needs only the form on /zoeken/ and the files the build
 * writes (pagefind/, zoeken/woorden.json, zoeken/termen.json). Queries lose Dutch
 * stop words; entries that match every remaining word come first, then those that
 * match all but one, and so on. When nothing is found, a typo is corrected from
 * the term list ("Bedoelde u …?"), which is loaded only then. An abbreviation or
 * term from Begrippen shows its definition above the results. When nothing matches
 * every word well, "Staat uw vraag er niet bij?" links to the "Nieuwe vraag" form with the
 * search words filled in (only on a site that names its repository).
 */
(function () {
  "use strict";
  var form = document.querySelector("form.wtb-search");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var statusBox = document.querySelector(".wtb-search__status");
  var definitionBox = document.querySelector(".wtb-search__definition");
  var list = document.querySelector(".wtb-search__results");
  var ask = document.querySelector(".wtb-search__ask");
  var ASK_WORDS = "WTBZOEKWOORDEN";
  var MAX_RESULTS = 20;
  var MAX_COMBINATIONS = 12;
  var ENOUGH = 3;
  var WEAK_SCORE = 1.0;
  var pagefind = null;
  var words = null;
  var terms = null;
  var running = 0;

  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function tokens(text) {
    return fold(text).split(/[^0-9a-z+&]+/).filter(Boolean);
  }
  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }
  function absolute(path) {
    return new URL(path, document.baseURI).href;
  }

  async function engine() {
    if (!pagefind) {
      var loaded = await import(absolute(form.dataset.pagefind));
      var settings = {
        baseUrl: new URL(form.dataset.base, document.baseURI).pathname,
        excerptLength: 24,
        ranking: { termFrequency: 0.3, pageLength: 0.5, termSaturation: 1.0, termSimilarity: 1.0 }
      };
      await loaded.options(settings);
      /* a large toolbox has its index in parts (by the last character of the id): search them as one */
      var others = (form.dataset.pagefindMerge || "").split(" ").filter(Boolean);
      for (var i = 0; i < others.length; i++) {
        await loaded.mergeIndex(new URL(absolute(others[i])).pathname, settings);
      }
      pagefind = loaded;
    }
    return pagefind;
  }
  async function wordData() {
    if (!words) {
      var response = await fetch(absolute(form.dataset.words));
      words = await response.json();
      words.stop = new Set(words.stopwoorden);
      words.phrases = new Map(); /* first word -> [[phrase words, group], ...] */
      words.groepen.forEach(function (group, index) {
        group.forEach(function (phrase) {
          var parts = phrase.split(" ");
          if (!words.phrases.has(parts[0])) words.phrases.set(parts[0], []);
          words.phrases.get(parts[0]).push([parts, index]);
        });
      });
    }
    return words;
  }
  async function termList() {
    if (!terms) {
      var response = await fetch(absolute(form.dataset.terms));
      terms = await response.json();
    }
    return terms;
  }

  /* The concepts of a query, as the build's vocabulary knows them: a phrase of a
     synonym or abbreviation group counts once, whichever phrasing was typed (every
     entry page carries all phrasings of its groups, so one phrasing finds them all).
     Each concept becomes the words to search for, without stop words. */
  function concepts(all) {
    var out = [];
    var seen = new Set();
    for (var i = 0; i < all.length;) {
      var best = null;
      (words.phrases.get(all[i]) || []).forEach(function (candidate) {
        var parts = candidate[0];
        var fits = parts.every(function (p, k) { return all[i + k] === p; });
        if (fits && (!best || parts.length > best[0].length)) best = candidate;
      });
      var span = best ? best[0] : [all[i]];
      var key = best ? "g" + best[1] : "w" + all[i];
      var content = span.filter(function (t) { return !words.stop.has(t); });
      if (content.length && !seen.has(key)) {
        seen.add(key);
        out.push(content.join(" "));
      }
      i += span.length;
    }
    return out.length ? out : all.slice(0, 1);
  }

  function combinations(items, size) {
    var out = [];
    (function pick(start, chosen) {
      if (out.length >= MAX_COMBINATIONS) return;
      if (chosen.length === size) { out.push(chosen.slice()); return; }
      for (var i = start; i < items.length; i++) {
        chosen.push(items[i]); pick(i + 1, chosen); chosen.pop();
      }
    })(0, []);
    return out;
  }

  function filters() {
    var chosen = {};
    selects.forEach(function (s) { if (s.value) chosen[s.name] = s.value; });
    return chosen;
  }

  /* Strict to loose: all words, all but one, ...; within a tier by Pagefind's score. */
  async function tiered(content, chosen) {
    var pf = await engine();
    var found = new Map();
    for (var size = content.length; size >= 1; size--) {
      if (found.size >= ENOUGH && size < content.length) break;
      var tier = content.length - size;
      var searches = await Promise.all(
        combinations(content, size).map(function (combo) {
          return pf.search(combo.join(" "), { filters: chosen });
        })
      );
      searches.forEach(function (search) {
        (search ? search.results : []).forEach(function (r) {
          var known = found.get(r.id);
          if (!known) found.set(r.id, { result: r, tier: tier, score: r.score });
          else if (known.tier === tier && r.score > known.score) known.score = r.score;
        });
      });
    }
    return Array.from(found.values()).sort(function (a, b) {
      return a.tier - b.tier || b.score - a.score;
    });
  }

  function distance(a, b) {
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      for (var k = 1; k <= b.length; k++) {
        current.push(Math.min(previous[k] + 1, current[k - 1] + 1,
          previous[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1)));
      }
      previous = current;
    }
    return previous[b.length];
  }

  /* The nearest known word (same first letter, at most two edits; one for short words). */
  function correct(word, known) {
    if (word.length < 4 || known.has(word)) return word;
    var limit = word.length <= 5 ? 1 : 2;
    var best = null;
    var bestDistance = limit + 1;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i];
      if (term[0] !== word[0] || Math.abs(term.length - word.length) > limit) continue;
      var d = distance(word, term);
      if (d < bestDistance) { best = term; bestDistance = d; if (d === 1) break; }
    }
    return best || word;
  }

  function showDefinition(query) {
    var key = fold(query.trim());
    var match = words.begrippen.find(function (b) { return b.key === key; });
    definitionBox.textContent = "";
    definitionBox.hidden = !match;
    if (!match) return;
    var term = document.createElement("strong");
    term.textContent = match.term;
    var link = document.createElement("a");
    link.href = absolute(form.dataset.glossary);
    link.textContent = "Alle begrippen";
    var sentence = /[.!?]$/.test(match.definition) ? match.definition : match.definition + ".";
    definitionBox.append(term, ": " + sentence + " ", link);
  }

  function excerptNode(html) {
    /* Pagefind's excerpt is escaped text with <mark>; keep only the marks. An excerpt
       taken from the hidden list of other phrasings (joined by " · ") is not shown. */
    var p = document.createElement("p");
    p.className = "wtb-search__excerpt";
    if (html.indexOf(" · ") !== -1) return p;
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === 3) p.append(node.textContent);
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark"); mark.textContent = node.textContent; p.append(mark);
      } else p.append(node.textContent || "");
    });
    return p;
  }

  function details(r) {
    if (!r.details) r.details = r.result.data();
    return r.details;
  }

  /* Whether a word of the query (four letters or more) occurs in none of the best
     results, not even with another ending ("warmtepompen" in a text on "warmtepomp"). */
  async function absent(content, results) {
    var wanted = content.join(" ").split(" ").filter(function (w) { return w.length >= 4; });
    if (!wanted.length) return false;
    var texts = await Promise.all(results.slice(0, ENOUGH).map(details));
    var seen = new Set();
    texts.forEach(function (data) {
      tokens((data.meta.title || "") + " " + data.content).forEach(function (t) { seen.add(t); });
    });
    var list = Array.from(seen);
    return wanted.some(function (word) {
      if (seen.has(word)) return false;
      var need = Math.max(4, word.length - 2);
      return !list.some(function (t) {
        var n = 0;
        while (n < word.length && word[n] === t[n]) n++;
        return n >= need;
      });
    });
  }

  async function render(results) {
    var shown = await Promise.all(results.slice(0, MAX_RESULTS).map(details));
    list.textContent = "";
    shown.forEach(function (data) {
      var item = document.createElement("li");
      item.className = "wtb-search__result";
      var heading = document.createElement("h2");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title || data.url;
      heading.append(link);
      var badges = document.createElement("p");
      badges.className = "wtb-badges";
      var kind = document.createElement("span");
      kind.className = "wtb-badge wtb-type";
      kind.textContent = data.meta.soort || "";
      badges.append(kind);
      if (data.meta.status) {
        var status = document.createElement("span");
        status.className = "wtb-badge wtb-status";
        status.textContent = data.meta.status;
        badges.append(" ", status);
      }
      var summary = document.createElement("p");
      summary.className = "wtb-search__summary";
      summary.textContent = data.meta.samenvatting || "";
      item.append(heading, badges, summary, excerptNode(data.excerpt || ""));
      list.append(item);
    });
  }

  function say(text, suggestion) {
    statusBox.textContent = text;
    if (suggestion) {
      var p = document.createElement("p");
      p.append("Bedoelde u: ");
      var link = document.createElement("a");
      link.href = "?q=" + encodeURIComponent(suggestion);
      link.textContent = suggestion;
      link.addEventListener("click", function (event) {
        event.preventDefault(); input.value = suggestion; run(true);
      });
      p.append(link, "?");
      statusBox.prepend(p);
    }
  }

  /* No result, or only loose ones (missing a word of the query, or a weak partial match):
     offer the new-question form. */
  function offer(query, results) {
    if (!ask) return;
    var poor = Boolean(query) && (!results || !results.length || results[0].tier > 0 ||
      results[0].score < WEAK_SCORE);
    ask.hidden = !poor;
    if (!poor) return;
    var link = ask.querySelector("a[data-template]");
    link.href = link.dataset.template.split(ASK_WORDS).join(encodeURIComponent(query));
  }

  async function run(remember) {
    var query = input.value.trim().slice(0, 200);
    var chosen = filters();
    if (remember) {
      var params = new URLSearchParams();
      if (query) params.set("q", query);
      Object.keys(chosen).forEach(function (k) { params.set(k, chosen[k]); });
      history.replaceState(null, "", "?" + params.toString());
    }
    var ticket = ++running;
    if (!query) {
      list.textContent = ""; definitionBox.hidden = true; offer("", null);
      say("Typ een zoekvraag, bijvoorbeeld ‘warmtenet kosten’ of ‘ISDE’.");
      return;
    }
    say("Zoeken…");
    try {
      await wordData();
      var all = tokens(query);
      var content = concepts(all);
      var results = await tiered(content, chosen);
      var suggestion = null;
      /* Pagefind also returns loose partial matches for an unknown word ("warmtepmop"
         finds "warmte", "aquatermie" finds pages about other things): when the best
         results do not hold a query word, a corrected query is tried too. */
      var missing = results.length > 0 && await absent(content, results);
      var weak = missing || results.length < ENOUGH || results[0].tier > 0 ||
        results[0].score < WEAK_SCORE;
      if (weak) {
        await termList();
        var known = new Set(terms);
        var corrected = content.map(function (concept) {
          return concept.split(" ").map(function (w) { return correct(w, known); }).join(" ");
        });
        if (corrected.join(" ") !== content.join(" ")) {
          /* a query word the best results do not hold was corrected: those results win */
          var better = await tiered(corrected, chosen);
          if (better.length && (missing || !results.length || better[0].tier < results[0].tier ||
              (better[0].tier === results[0].tier &&
               (better.length > results.length || better[0].score > results[0].score)))) {
            results = better; suggestion = corrected.join(" ");
          }
        }
      }
      if (ticket !== running) return;
      showDefinition(query);
      await render(results);
      if (ticket !== running) return;
      offer(query, results);
      if (results.length) {
        say(plural(results.length, "resultaat", "resultaten") + " voor ‘" + query + "’" +
          (results.length > MAX_RESULTS ? "; de eerste " + MAX_RESULTS + " staan hieronder." : "."),
          suggestion);
      } else {
        say("Geen resultaten voor ‘" + query + "’. Probeer andere of minder woorden, of kies bij de filters ‘Alle’.");
      }
    } catch (error) {
      offer("", null);
      say("Zoeken lukt nu niet. Laad de pagina opnieuw of gebruik de overzichten in het menu.");
    }
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (s) {
    var value = params.get(s.name);
    if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) {
      s.value = value;
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
  selects.forEach(function (s) { s.addEventListener("change", function () { run(true); }); });
  run(false);
})();
