/* trail.js: the learner UI. Router (#/, #/site/<slug>, #/page/<slug>), map
   statuses, quiz widgets, reflections, video events, messages. It talks only to the tracker
   (docs/architecture.md, "UI → tracker"); every text comes from #trail-strings,
   which the template fills through gettext. Plain ES2017, no dependencies. */
(function () {
  "use strict";
  var doc = document;
  var data, S, tracker, seed = "", ready = false, untracked = false, current = null, scope = null, readonly = false;
  var sco; // SCORM 2004 per-site: {site: this SCO's slug, or null for the map}; other sites are other SCOs
  var last = null, sites = {}, shownAt = {}, timers = {}, videos = [];

  function $(sel, root) { return (root || doc).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function json(id) { return JSON.parse(doc.getElementById(id).textContent); }
  function t(key, vars) {
    return String(S[key] == null ? key : S[key]).replace(/\{(\w+)\}/g, function (m, k) {
      return vars && k in vars ? vars[k] : m;
    });
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function siteOf(node) { return node.closest(".view-site").getAttribute("data-site"); }

  /* Messages: one of each kind at a time, in a polite live region. */
  function message(key, kind) {
    var box = $("#trail-messages");
    if ($('[data-msg="' + key + '"]', box)) return;
    var p = el("p", "msg msg-" + (kind || "info"), t(key));
    p.setAttribute("data-msg", key);
    box.appendChild(p);
  }
  function unmessage(key) {
    var m = $('#trail-messages [data-msg="' + key + '"]');
    if (m) m.parentNode.removeChild(m);
  }

  /* Router */
  function parse(hash) {
    if (!hash || hash === "#") return { type: "" };
    var m = /^#\/(?:(site|page)\/([\w-]+))?$/.exec(hash);
    if (!m) return null; // an in-page anchor: leave it to the browser
    return m[1] ? { type: m[1], slug: m[2] } : { type: "map" };
  }
  function viewFor(r) {
    if (r.type === "site") return $('.view-site[data-site="' + r.slug + '"]');
    if (r.type === "page") return $('.view-page[data-page="' + r.slug + '"]');
    return $("#view-map");
  }
  function show(r, focus) {
    if (scope) r = { type: "site", slug: scope }; // a cmi5 AU is one site: no map, no other sites
    if (sco && r.type === "site" && elsewhere(r.slug)) return;
    var view = viewFor(r);
    if (!view) { r = { type: "map" }; view = $("#view-map"); }
    var same = current && current.type === r.type && current.slug === r.slug;
    if (current && current.type === "site" && !same) leave(current.slug);
    $$(".view").forEach(function (v) { v.hidden = v !== view; });
    var h1 = $("h1", view), here = r.type === "map" ? "#/" : "#/" + r.type + "/" + r.slug;
    doc.title = r.type === "map" ? data.course.title : h1.textContent + " – " + data.course.title;
    $$(".menu a").forEach(function (a) {
      if (a.getAttribute("href") === here) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    });
    current = r;
    if (r.type === "page" && r.slug === "done") summary();
    if (r.type === "site" && !same) {
      sites[r.slug].s.questions.forEach(function (q) { shownAt[r.slug + "/" + q.id] = Date.now(); });
      tracker.visit(r.slug);
      last = r.slug;
    }
    refresh();
    window.scrollTo({ top: 0, left: 0, behavior: "instant" });
    if (focus) h1.focus({ preventScroll: true });
  }
  function leave(slug) {
    stopVideos(slug, true); // a hidden video would play on
    $$('.view-site[data-site="' + slug + '"] textarea').forEach(save);
    tracker.leave(slug);
  }

  /* Progress and statuses */
  function refresh() {
    if (!ready) return;
    var p = tracker.progress() || {};
    var req = p.required || data.course.requiredSites;
    var count = Math.min(req, data.course.require === "done" ? p.done : p.visited) || 0;
    var text = t("progress", { count: count, required: req });
    $$("[data-progress-text]").forEach(function (e) { e.textContent = text; });
    $("#trail-progress").value = count;
    var extra = p.completed ? t("completed") : "";
    // score: percent 0..100 from tracker.progress() (or {raw}); null until judged
    var score = p.score && typeof p.score === "object" ? p.score.raw : p.score;
    if (score != null) extra += (extra ? " " : "") + t("score", { score: Math.round(score) });
    if (p.passed === true || p.passed === false) extra += " " + t(p.passed ? "passed" : "failed");
    $("[data-progress-extra]").textContent = extra;
    data.sites.forEach(function (s) {
      var st = tracker.siteStatus(s.slug) || "new", label = t(st);
      $$('[data-site="' + s.slug + '"]').forEach(function (e) {
        var c = e.getAttribute("class") || "";
        if (/\bmarker\b/.test(c)) {
          e.setAttribute("class", c.replace(/\bis-\w+/, "is-" + st));
          e.setAttribute("aria-label", s.n + ". " + s.title + " (" + label + ")");
        } else if (/\bstop\b/.test(c)) {
          e.setAttribute("class", c.replace(/\bis-\w+/, "is-" + st));
          $("[data-status]", e).textContent = label;
        } else if (/\bview-site\b/.test(c)) {
          $("[data-site-status]", e).textContent = t("status", { status: label });
          wayOn(e, s, st);
        }
      });
    });
    var next = suggest(last), box = $("#trail-next");
    box.hidden = !$("#trail-resume").hidden;
    onward(box, next);
  }
  /* Where to go next, in a trail walked in any order: the rest of this stage first, then the
     trail ahead (wrapping round); a stop never opened before one only visited. */
  function stageOf(slug) {
    var stop = slug && $('.stop[data-site="' + slug + '"]');
    return stop ? stop.getAttribute("data-stage") : null;
  }
  function suggest(from) {
    var list = data.sites, n = list.length, at = 0, best = null, bestKey = Infinity, here = stageOf(from);
    list.forEach(function (s, i) { if (s.slug === from) at = i; });
    list.forEach(function (s, i) {
      var st = tracker.siteStatus(s.slug) || "new", k;
      if (s.slug === from || st === "done") return;
      k = ((here && stageOf(s.slug) !== here ? 2 : 0) + (st === "new" ? 0 : 1)) * n + (i - at + n) % n;
      if (k < bestKey) { best = s; bestKey = k; }
    });
    return best;
  }
  function onward(box, next) { // the suggestion, or with nothing left to suggest, the trail's summary
    var a = $("[data-next-link]", box);
    $("[data-next-intro]", box).hidden = !next;
    if (next) nextLink(a, next);
    else { a.setAttribute("href", "#/page/done"); a.textContent = t("seeSummary"); }
  }
  function nextLink(a, s) {
    var stop = $('.stop[data-site="' + s.slug + '"]'), stage = stop && stop.getAttribute("data-stage-title");
    a.setAttribute("href", "#/site/" + s.slug);
    a.textContent = s.n + ". " + s.title + (stage ? " (" + t("stageOf", { n: stop.getAttribute("data-stage"), title: stage }) + ")" : "");
  }
  /* The end of a site: what the learner did here once it is done, and a suggestion for where next. */
  function wayOn(view, s, st) {
    var done = $("[data-site-done]", view), box = $("[data-next-box]", view), next = suggest(s.slug);
    var nq = s.questions.length, nr = s.reflections.length;
    if (!done) return;
    done.hidden = st !== "done";
    done.textContent = st !== "done" ? "" : t(nq && nr ? "siteDoneBoth" : nq ? "siteDoneQuiz" : nr ? "siteDoneReflection" : "siteDoneVisit", { n: nq });
    onward(box, next);
    box.hidden = !!scope; // a cmi5 AU is one site: the way on is the LMS's
  }
  function showResume(bookmark) {
    var slug = String(bookmark || "").replace(/^#?\/?(site\/)?/, "");
    if (!sites[slug]) return;
    last = slug;
    if (tracker.siteStatus(slug) === "done") return; // finished there: the suggestion offers the way on
    var s = sites[slug].s;
    $("#trail-resume").hidden = false;
    $("[data-resume-title]").textContent = t("lastTime", { n: s.n, title: s.title });
    $("[data-resume-link]").setAttribute("href", "#/site/" + slug);
  }

  /* Quiz */
  function qOf(qel) {
    var slug = siteOf(qel);
    return { slug: slug, q: sites[slug].qs[qel.getAttribute("data-q")] };
  }
  function readResponse(qel, q) {
    var list;
    switch (q.type) {
      case "true-false":
        list = $("input:checked", qel);
        return list ? list.value === "true" : null;
      case "fill-in":
        list = $("input.text", qel).value.trim();
        return list || null;
      case "matching":
        list = $$("select", qel).map(function (s) { return [s.getAttribute("data-left"), s.value]; });
        return list.every(function (p) { return p[1]; }) ? list : null;
      case "ordering":
        return $$(".order li", qel).map(function (li) { return li.getAttribute("data-id"); });
      default:
        list = $$("input:checked", qel).map(function (i) { return i.value; });
        return list.length ? list : null;
    }
  }
  function setResponse(qel, q, r) {
    if (q.type === "fill-in") $("input.text", qel).value = r;
    else if (q.type === "matching") {
      r.forEach(function (p) {
        var s = $('select[data-left="' + p[0] + '"]', qel);
        if (s) s.value = p[1];
      });
    } else if (q.type === "ordering") {
      var ol = $(".order", qel);
      r.forEach(function (id) {
        var li = $('li[data-id="' + id + '"]', ol);
        if (li) ol.appendChild(li);
      });
      moves(ol);
    } else {
      var on = q.type === "true-false" ? [String(r)] : r;
      $$("input", qel).forEach(function (i) { i.checked = on.indexOf(i.value) >= 0; });
    }
  }
  function textOf(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].text;
    return id;
  }
  function answerText(q) {
    switch (q.type) {
      case "true-false": return t(q.correct ? "true" : "false");
      case "fill-in": return q.accept[0];
      case "matching":
        return q.correct.map(function (p) { return textOf(q.left, p[0]) + " – " + textOf(q.right, p[1]); }).join("; ");
      case "ordering": return q.correct.map(function (id) { return textOf(q.items, id); }).join(" → ");
      default: return q.correct.map(function (id) { return textOf(q.options, id); }).join(", ");
    }
  }
  function lock(qel, locked) {
    $("fieldset", qel).disabled = locked;
    $("[data-submit]", qel).setAttribute("aria-disabled", String(locked));
    if (!locked) $$(".order", qel).forEach(moves);
  }
  function feedback(qel, kind, lines) {
    var fb = $("[data-feedback]", qel);
    fb.className = "feedback is-" + kind;
    fb.textContent = "";
    lines.forEach(function (l, i) { if (l) fb.appendChild(el("p", i === 0 && kind !== "warn" ? "fb-head" : "", l)); });
  }
  /* ✓/✗ on every option, row or item (with its word, not colour alone); the right ones the
     learner missed only once the answer is settled, so a retry still asks for thought. */
  function marks(qel, q, resp, res) {
    $$("[data-mark]", qel).forEach(function (m) { m.parentNode.removeChild(m); });
    $$(".is-right, .is-wrong, .is-missed", qel).forEach(function (e) { e.classList.remove("is-right", "is-wrong", "is-missed"); });
    if (!res || res.result === "neutral") return;
    var settled = res.final || res.result === "correct";
    function put(node, state) {
      var m = el("span", "mark");
      m.setAttribute("data-mark", "");
      m.appendChild(el("span", "mark-text", t("mark_" + state)));
      node.classList.add("is-" + state);
      node.appendChild(m);
    }
    function choose(node, chosen, right) {
      if (chosen) put(node, right ? "right" : "wrong");
      else if (right && settled) put(node, "missed");
    }
    if (q.type === "single" || q.type === "multiple") {
      $$(".choice", qel).forEach(function (c) {
        var id = $("input", c).value;
        choose(c, resp.indexOf(id) >= 0, q.correct.indexOf(id) >= 0);
      });
    } else if (q.type === "true-false") {
      $$(".choice", qel).forEach(function (c) {
        var v = $("input", c).value === "true";
        choose(c, v === resp, v === q.correct);
      });
    } else if (q.type === "matching") {
      var want = {};
      q.correct.forEach(function (p) { want[p[0]] = p[1]; });
      $$(".match", qel).forEach(function (m) {
        var s = $("select", m);
        put(m, want[s.getAttribute("data-left")] === s.value ? "right" : "wrong");
      });
    } else if (q.type === "ordering") {
      $$(".order li", qel).forEach(function (li, i) { put(li, q.correct[i] === li.getAttribute("data-id") ? "right" : "wrong"); });
    } else if (q.type === "fill-in") {
      put($("fieldset", qel), res.result === "correct" ? "right" : "wrong");
    }
  }
  /* The designer's feedback without a leading "Riktig." or "Feil." that would echo the verdict line. */
  function unecho(text) {
    var words = String(S.echoes || "").split("|").filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()[\]\\]/g, "\\$&"); });
    if (!text || !words.length) return text || "";
    return text.replace(new RegExp("^\\s*(?:" + words.join("|") + ")\\s*[.!]\\s*", "i"), "").trim();
  }
  function showResult(qel, q, resp, res, quiet) {
    var lines = [t(res.result)];
    var opts = (q.options || []).filter(function (o) {
      return o.feedback && Array.isArray(resp) && resp.indexOf(o.id) >= 0;
    });
    opts.forEach(function (o) {
      var f = unecho(o.feedback);
      if (f) lines.push(opts.length > 1 ? o.text + ": " + f : f);
    });
    if (q.feedback && q.feedback[res.result]) lines.push(unecho(q.feedback[res.result]));
    if (res.result === "incorrect" && q.attempts > 0) {
      if (res.final) lines.push(t("noTries"), t("answerWas", { answer: answerText(q) }));
      else lines.push(res.triesLeft === 1 ? t("triesOne") : t("triesMany", { n: res.triesLeft }));
    }
    feedback(qel, res.result, lines);
    marks(qel, q, resp, res);
    lock(qel, true);
    var retry = $("[data-retry]", qel);
    retry.hidden = readonly || res.final || res.result !== "incorrect";
    if (!quiet && !retry.hidden) retry.focus();
  }
  /* Options shuffled per learner and question, the same on every visit: seeded by the learner id
     the LMS gives, else by a random seed kept in this browser. Responses stay option ids, so the
     interactions and the stored state do not change. Never left in the written order. */
  function hash32(str) {
    var h = 2166136261;
    for (var i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function shuffled(list, key) {
    var a = list.slice(), x = hash32(seed + "|" + key) || 1, i, j, tmp;
    for (i = a.length - 1; i > 0; i--) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      j = x % (i + 1); tmp = a[i]; a[i] = a[j]; a[j] = tmp;
    }
    if (a.length > 1 && a.every(function (v, k) { return v === list[k]; })) a.push(a.shift());
    return a;
  }
  function seedOf(learnerId) {
    var k = "trail:" + data.course.id + ":seed", s = null;
    if (learnerId) return "id:" + learnerId;
    try {
      s = localStorage.getItem(k);
      if (!s) { s = String(Math.random()).slice(2); localStorage.setItem(k, s); }
    } catch (e) { s = null; }
    return s || String(Math.random()).slice(2);
  }
  function shuffleAll() {
    data.sites.forEach(function (s) {
      s.questions.forEach(function (q) {
        var qel = $('.view-site[data-site="' + s.slug + '"] [data-q="' + q.id + '"]'), key = s.slug + "/" + q.id, box;
        if (!qel) return;
        if (q.type === "single" || q.type === "multiple") {
          box = $(".choices", qel);
          shuffled(ids(q.options), key).forEach(function (id) { box.appendChild($('input[value="' + id + '"]', box).closest(".choice")); });
        } else if (q.type === "matching") {
          var order = shuffled(ids(q.right), key);
          $$("select", qel).forEach(function (sel) {
            order.forEach(function (id) { sel.appendChild($('option[value="' + id + '"]', sel)); });
          });
        } else if (q.type === "ordering") {
          box = $(".order", qel);
          shuffled(ids(q.items), key).forEach(function (id) { box.appendChild($('li[data-id="' + id + '"]', box)); });
          moves(box);
        }
      });
    });
  }
  function ids(list) { return (list || []).map(function (o) { return o.id; }); }
  function submit(qel) {
    if (readonly || $("[data-submit]", qel).getAttribute("aria-disabled") === "true") return;
    var x = qOf(qel), q = x.q, resp = readResponse(qel, q);
    if (resp === null) {
      feedback(qel, "warn", [t(q.type === "fill-in" ? "needText" : q.type === "matching" ? "needMatch" : "needChoice")]);
      return;
    }
    var key = x.slug + "/" + q.id;
    var res = tracker.answer(x.slug, q.id, resp, Math.max(0, Date.now() - (shownAt[key] || Date.now())));
    if (res) showResult(qel, q, resp, res, false);
    refresh();
  }
  function retry(qel) {
    if (readonly) return; // review and browse: the answers stay as they were
    var x = qOf(qel);
    lock(qel, false);
    feedback(qel, "none", []);
    marks(qel, x.q, null, null);
    $("[data-feedback]", qel).className = "feedback";
    $("[data-retry]", qel).hidden = true;
    shownAt[x.slug + "/" + x.q.id] = Date.now();
    var first = $("input:checked, input, select, .move:not(:disabled)", $("fieldset", qel));
    if (first) first.focus();
  }
  function moves(ol) {
    var lis = $$("li", ol);
    lis.forEach(function (li, i) {
      $('[data-dir="-1"]', li).disabled = i === 0;
      $('[data-dir="1"]', li).disabled = i === lis.length - 1;
    });
  }
  function move(btn) {
    var li = btn.closest("li"), ol = li.parentNode, dir = Number(btn.getAttribute("data-dir"));
    var sib = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!sib) return;
    if (dir < 0) ol.insertBefore(li, sib);
    else ol.insertBefore(sib, li);
    moves(ol);
    (btn.disabled ? $('[data-dir="' + -dir + '"]', li) : btn).focus();
    var qel = ol.closest(".question");
    $("[data-announce]", qel).textContent = t("moved", {
      item: $(".item-text", li).textContent, pos: $$("li", ol).indexOf(li) + 1, total: ol.children.length
    });
    var fb = $("[data-feedback]", qel);
    if (/is-warn/.test(fb.className)) feedback(qel, "none", []);
  }

  /* Reflections: saved 1 s after typing stops, on blur, on leaving the site and on pagehide. */
  function save(ta) {
    clearTimeout(timers[ta.id]);
    delete timers[ta.id];
    if (readonly || ta.value === (ta.getAttribute("data-saved") || "")) return; // nothing is stored: never "Saved"
    var box = ta.closest("[data-reflection]");
    var res = tracker.reflect(siteOf(ta), box.getAttribute("data-reflection"), ta.value) || {};
    ta.setAttribute("data-saved", ta.value);
    var st = $("[data-save-status]", box);
    if (res.kept === "browser" && !untracked) {
      if (/is-browser/.test(st.className)) return;
      st.className = "save-status is-browser";
      st.textContent = "";
      st.appendChild(el("p", "", t("keptBrowser")));
      var b = el("button", "button ghost", t("download"));
      b.type = "button";
      b.setAttribute("data-download", "");
      st.appendChild(b);
    } else {
      st.className = "save-status";
      var text = t(untracked ? "savedBrowser" : "saved");
      if (st.textContent !== text) st.textContent = text;
    }
  }
  function saveAll() { $$("textarea").forEach(save); }

  function written() { // every reflection prompt of the trail with the learner's text, site by site
    saveAll();
    return data.sites.filter(function (s) { return s.reflections.length; }).map(function (s) {
      return { site: s, items: s.reflections.map(function (r) {
        var ta = $('.view-site[data-site="' + s.slug + '"] [data-reflection="' + r.id + '"] textarea');
        return { prompt: r.text, text: (ta && ta.value.trim()) || "" };
      }) };
    });
  }
  function download() {
    var lines = [data.course.title, t("reflections"), ""];
    written().forEach(function (w) {
      lines.push("", w.site.n + ". " + w.site.title, "");
      w.items.forEach(function (x) { lines.push(x.prompt, "", t("myAnswer"), x.text || t("noAnswer"), ""); });
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/plain;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = t("fileName") + ".txt";
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 30000);
  }

  /* The trail's end (#/page/done): each stage's stops and statuses, then the reflections, printable. */
  function summary() {
    var p = tracker.progress() || {}, box = $("[data-done-stages]"), refl = $("[data-done-reflections]");
    $("[data-done-lead]").textContent = p.completed ? t("completed") : t("trailSoFar");
    box.textContent = "";
    $$("#view-map .stage").forEach(function (stage) {
      var title = $(".stage-title", stage), stops = $$(".stop", stage), ul = el("ul", "done-stops"), n = 0;
      stops.forEach(function (stop) {
        var slug = stop.getAttribute("data-site"), s = sites[slug].s, st = tracker.siteStatus(slug) || "new";
        var li = el("li", "stop-line is-" + st), a = el("a", "", s.n + ". " + s.title);
        if (st === "done") n++;
        a.href = "#/site/" + slug;
        li.appendChild(a);
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(el("span", "badge", t(st)));
        ul.appendChild(li);
      });
      var part = el("div", "done-stage " + (stage.className.match(/stage-\d+/) || [""])[0]);
      if (title) part.appendChild(el("h3", "stage-title", $(".stage-n", title).textContent + ": " + title.lastChild.textContent.trim()));
      part.appendChild(el("p", "meta", t("stageDone", { done: n, total: stops.length })));
      part.appendChild(ul);
      box.appendChild(part);
    });
    refl.textContent = "";
    written().forEach(function (w) {
      refl.appendChild(el("h3", "", w.site.n + ". " + w.site.title));
      w.items.forEach(function (x) {
        var q = el("blockquote", "reflection-text");
        refl.appendChild(el("p", "reflection-prompt", x.prompt));
        (x.text || t("noAnswer")).split(/\n+/).forEach(function (line) { q.appendChild(el("p", "", line)); });
        refl.appendChild(q);
      });
    });
  }

  /* Video: played, paused, seeked and completed (the end reached) go to the tracker, with the
     segments seen on this page. timeupdate only moves the known position; it never reports.
     Seeks less than 1 s apart are one seek (a drag of the scrubber), and one that moves less
     than 0.5 s is player noise. */
  var SEEK_GAP = 1000, SEEK_MIN = 0.5;
  function r3(x) { return Math.round(x * 1000) / 1000; }
  function seen(segs, len) { // the share of the video the segments cover
    var sum = 0, end = 0;
    if (!len) return 0;
    segs.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (x) {
      var a = Math.max(x[0], end);
      if (x[1] > a) sum += x[1] - a;
      end = Math.max(end, x[1]);
    });
    return Math.min(1, r3(sum / len));
  }
  function report(m, verb, extra) {
    var v = m.el, len = isFinite(v.duration) && v.duration > 0 ? r3(v.duration) : null, e, k;
    if (!ready || !tracker.video) return;
    e = {verb: verb, time: r3(v.currentTime || 0), length: len, progress: seen(m.segs, len), segments: m.segs.slice()};
    for (k in extra) e[k] = extra[k];
    tracker.video(m.slug, m.index, e);
  }
  function cut(m, at) { // close the open segment
    if (m.start != null && r3(at) > r3(m.start)) m.segs.push([r3(m.start), r3(at)]);
    m.start = null;
  }
  function seekDone(m) {
    var s = m.seek;
    clearTimeout(m.timer);
    m.seek = null;
    if (s && s.to == null) s.to = r3(m.el.currentTime); // still seeking: where it goes
    if (s && Math.abs(s.to - s.from) >= SEEK_MIN) report(m, "seeked", {time: s.to, from: s.from, to: s.to});
  }
  function stopped(m) { // the video stopped playing: a pause, its end, or the learner went away
    seekDone(m);
    if (!m.playing) return;
    m.playing = false;
    m.pos = m.el.currentTime;
    cut(m, m.pos);
    report(m, "paused");
  }
  function watch(v) {
    var m = {el: v, slug: siteOf(v), index: +v.closest("[data-video]").getAttribute("data-video"), segs: [],
      start: null, rest: null, pos: 0, playing: false, ended: false, seek: null, timer: 0};
    v.addEventListener("timeupdate", function () { if (!v.seeking) m.pos = v.currentTime; });
    // played on "playing", when the length is known, from where "play" found the video (playback
    // may have moved on a little since). A stall or a seek while playing fires "playing" again
    // without a pause in between: that only reopens the segment.
    v.addEventListener("play", function () { if (!m.playing) m.rest = v.currentTime; });
    v.addEventListener("playing", function () {
      if (m.playing) { if (m.start == null) m.start = v.currentTime; return; }
      seekDone(m);
      m.playing = true;
      m.start = m.rest != null ? m.rest : v.currentTime;
      m.rest = null;
      report(m, "played", {time: r3(m.start)});
    });
    v.addEventListener("seeking", function () { // currentTime is the new position already
      var rewind = m.ended && v.currentTime < 0.01; // play() after the end rewinds: not the learner's seek
      m.ended = false;
      if (m.playing && !rewind) cut(m, m.pos);
      if (m.rest != null) m.rest = v.currentTime;
      if (!m.seek && !rewind) m.seek = {from: r3(m.pos), to: null};
    });
    v.addEventListener("seeked", function () {
      m.pos = v.currentTime;
      if (m.playing && m.start == null) m.start = m.pos;
      if (!m.seek) return;
      m.seek.to = r3(m.pos);
      clearTimeout(m.timer);
      m.timer = setTimeout(function () { seekDone(m); }, SEEK_GAP);
    });
    v.addEventListener("pause", function () { stopped(m); });
    v.addEventListener("ended", function () { stopped(m); m.ended = true; report(m, "completed"); });
    return m;
  }
  function stopVideos(slug, pause) { // leaving a site, the exit button, the page going
    videos.forEach(function (m) {
      if (slug && m.slug !== slug) return;
      stopped(m);
      if (pause && !m.el.paused) m.el.pause(); // its pause event then finds it stopped already
    });
  }

  function restore() {
    data.sites.forEach(function (s) {
      var view = $('.view-site[data-site="' + s.slug + '"]');
      s.questions.forEach(function (q) {
        var a = tracker.answerOf(s.slug, q.id), qel = $('[data-q="' + q.id + '"]', view);
        if (!a || !qel) return;
        setResponse(qel, q, a.response);
        var final = "final" in a ? a.final : a.result !== "incorrect" || (q.attempts > 0 && a.tries >= q.attempts);
        showResult(qel, q, a.response, { result: a.result, final: final, triesLeft: "triesLeft" in a ? a.triesLeft : q.attempts - a.tries }, true);
      });
      s.reflections.forEach(function (r) {
        var ta = $('[data-reflection="' + r.id + '"] textarea', view);
        if (ta) { ta.value = tracker.reflectionOf(s.slug, r.id) || ""; ta.setAttribute("data-saved", ta.value); }
      });
    });
  }

  function bind() {
    doc.addEventListener("click", function (e) {
      var b = e.target.closest("[data-submit], [data-retry], .move, [data-download], [data-print], [data-exit], .skip");
      if (!b || !ready) return;
      if (b.classList.contains("skip")) {
        e.preventDefault();
        var v = $(".view:not([hidden]) h1");
        if (v) v.focus();
      } else if (b.hasAttribute("data-download")) download();
      else if (b.hasAttribute("data-print")) window.print();
      else if (b.hasAttribute("data-exit")) finish(b);
      else if (b.classList.contains("move")) move(b);
      else if (b.hasAttribute("data-retry")) retry(b.closest(".question"));
      else submit(b.closest(".question"));
    });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.matches(".question input.text")) {
        e.preventDefault();
        submit(e.target.closest(".question"));
      }
    });
    doc.addEventListener("input", function (e) {
      var ta = e.target;
      if (!ready || ta.tagName !== "TEXTAREA") return;
      clearTimeout(timers[ta.id]);
      timers[ta.id] = setTimeout(function () { save(ta); }, 1000);
    });
    doc.addEventListener("change", function (e) {
      var qel = ready && e.target.closest(".question");
      var fb = qel && $("[data-feedback]", qel);
      if (fb && /is-warn/.test(fb.className)) feedback(qel, "none", []);
    });
    doc.addEventListener("focusout", function (e) {
      if (ready && e.target.tagName === "TEXTAREA") save(e.target);
    });
    window.addEventListener("hashchange", function () {
      var r = ready && parse(location.hash);
      if (r) show(r.type ? r : { type: "map" }, true);
    });
    // Registered before the tracker exists, so reflections are saved before it finishes.
    window.addEventListener("pagehide", function () { if (ready) { stopVideos(null, false); saveAll(); } });
    doc.addEventListener("visibilitychange", function () { if (ready && doc.visibilityState === "hidden") saveAll(); });
  }

  /* SCORM 2004 per-site: every SCO shows the map (and the pages) itself; another site is another SCO,
     reached through the LMS (adl.nav.request, then Terminate, and the LMS launches that SCO); where the
     LMS cannot, the page shows the site itself. */
  function elsewhere(slug) {
    if (slug === sco.site || !sites[slug] || !tracker.go(slug)) return false;
    stopVideos(null, true);
    saveAll();
    tracker.finish(); // the LMS ends this SCO and launches the other
    return true;
  }

  /* An explicit end of the session (LMS pitfall: data lost when only the tab's closing ends it). */
  function finish(button) {
    stopVideos(null, true);
    saveAll();
    $$("[data-exit]").forEach(function (b) { b.disabled = true; });
    tracker.finish().then(function () { message(readonly ? "closed" : "exited", "info"); if (button) button.focus(); });
  }

  /* cmi5: the AU shows its own site only, and ends with the exit button (the adapter follows returnURL). */
  function scopeTo(slug) {
    if (!sites[slug]) return;
    scope = slug; // the trail's progress is the LMS's to show: this AU knows its own site only
    $$(".menu, .brand, .top-progress, #view-map, .view-page").forEach(function (e) { e.hidden = true; });
    var pager = $('.view-site[data-site="' + slug + '"] .pager');
    if (!pager) return;
    $$("a", pager).forEach(function (a) { a.hidden = true; });
    var b = el("button", "button", t("exit"));
    b.type = "button";
    b.setAttribute("data-exit", "");
    pager.appendChild(b);
  }

  function start(r) {
    r = r || {};
    ready = true;
    var can = data.capabilities || {}, au = can.sitePerLaunch && /[?&]site=([\w-]+)/.exec(location.search);
    if (r.scope || au) scopeTo(r.scope || au[1]);
    else if (r.message !== "untracked" && can.finish) $$(".foot [data-exit]").forEach(function (b) { b.hidden = false; });
    // review (an earlier attempt) and browse (a preview): read-only in every control, since the
    // LMS keeps nothing of them; nothing may look answered, saved or passed that is not stored
    readonly = r.mode === "browse" || r.mode === "review";
    if (readonly) message(r.mode, "info");
    untracked = r.message === "untracked";
    if (S[r.message]) message(r.message, "warn");
    seed = seedOf(r.learnerId);
    shuffleAll();
    restore();
    if (readonly) {
      $$(".question").forEach(function (q) { lock(q, true); });
      $$("[data-retry]").forEach(function (b) { b.hidden = true; });
      $$("textarea").forEach(function (a) { a.readOnly = true; });
      $$(".foot [data-exit]").forEach(function (b) { b.hidden = true; }); // "Finish and save": nothing to save
    }
    if (r.resumed) showResume(r.bookmark);
    sco = r.sco || null;
    var first = parse(location.hash) || { type: "" };
    if (sco && sco.site && sites[sco.site]) first = { type: "site", slug: sco.site }; // this SCO's own site
    if (!first.type) {
      first = r.resumed ? { type: "map" } : { type: "page", slug: "welcome" };
      if (history.replaceState) history.replaceState(null, "", first.type === "map" ? "#/" : "#/page/welcome");
    }
    show(first, false);
    doc.documentElement.setAttribute("data-trail", "ready");
  }

  /* trail/settings.json: what a municipality may change in the finished package (`trail configure`).
     Without it (opened from disk, or an older package) the built-in values stand. */
  function settings() {
    if (!window.fetch) return Promise.resolve({});
    return fetch("trail/settings.json", { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
  }
  function applySettings(s) {
    var c = data.course;
    if (typeof s.common_room_url === "string") c.commonRoomUrl = s.common_room_url;
    if (s.title) { c.title = s.title; doc.title = s.title; }
    if (s.lrs_platform) c.platform = s.lrs_platform;
    $$("[data-setting-text=title]").forEach(function (e) { e.textContent = c.title; });
    $$("[data-setting-href=common_room_url]").forEach(function (a) { a.href = c.commonRoomUrl || "#"; });
    $$("[data-setting-block=common_room_url]").forEach(function (b) { b.hidden = !c.commonRoomUrl; });
    if (s.logo && /^https:\/\//.test(s.logo)) {
      var img = el("img", "brand-logo"); img.src = s.logo; img.alt = "";
      $(".brand").insertBefore(img, $(".brand").firstChild);
    }
  }

  function init(s) {
    data = json("trail-data");
    applySettings(s || {});
    S = json("trail-strings");
    data.sites.forEach(function (s) {
      var qs = {};
      s.questions.forEach(function (q) { qs[q.id] = q; });
      sites[s.slug] = { s: s, qs: qs };
    });
    bind();
    videos = $$(".view-site [data-video] video").map(watch);
    tracker = window.TrailTracker.create(data, window.TrailAdapter);
    tracker.on("change", refresh);
    tracker.on("error", function () { message("commitError", "error"); });
    tracker.on("saved", function () { unmessage("commitError"); });
    window.addEventListener("trail:refused", function () { message("partNotSaved", "warn"); }); // lrs.js set one aside
    tracker.start().then(start, function () { start({ message: "untracked" }); });
  }

  function boot() { settings().then(init); }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
