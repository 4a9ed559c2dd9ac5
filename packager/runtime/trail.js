/* trail.js: the learner UI. Router (#/, #/site/<slug>, #/page/<slug>), map
   statuses, quiz widgets, reflections, video events, messages. It talks only to the tracker
   (docs/architecture.md, "UI → tracker"); every text comes from #trail-strings,
   which the template fills through gettext. Plain ES2017, no dependencies. */
(function () {
  "use strict";
  var doc = document;
  var data, S, tracker, seed = "", ready = false, untracked = false, current = null, scope = null, readonly = false;
  var NAV_WAIT_MS = 4000; // an LMS that launches the SCO asked for has unloaded this page well before
  var gone = false; // SCORM 2004 per-site: this SCO has asked the LMS for another and ended
  var sco; // per-site: {site: this SCO's slug, or null for the map, local: SCORM 1.2}; other sites are other SCOs
  var last = null, sites = {}, shownAt = {}, timers = {}, videos = [], pending = null, loads = {};
  var LAUNCHED = (/[?&]site=([\w-]+)/.exec(location.search) || [])[1] || null; // ?site=<slug>: a launch of one site

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

  /* Messages: one of each kind at a time, in a polite live region (with vars: the newest replaces it). */
  function message(key, kind, vars) {
    var box = $("#trail-messages"), p;
    if (vars) unmessage(key);
    p = $('[data-msg="' + key + '"]', box);
    if (p) return p;
    p = el("p", "msg msg-" + (kind || "info"), t(key, vars));
    p.setAttribute("data-msg", key);
    box.appendChild(p);
    return p;
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
    if (sco && r.type === "site" && elsewhere(r.slug)) {
      if (current) return;
      r = { type: "map" }; // launched with another site's route: this SCO's map instead
    }
    pending = null;
    if (r.type === "site" && sites[r.slug] && !sites[r.slug].view) { loading(r, focus); return; }
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

  /* Each site's markup and texts are in its own file, sites/<slug>.js, loaded the first time it
     opens: a script (not a fetch) so it loads from file://, a web server and an LMS alike. It calls
     TrailSite.add(); until then the tracker rules on the site from the outline in #trail-data. */
  function load(slug) {
    if (loads[slug]) return loads[slug];
    var p = loads[slug] = new Promise(function (resolve, reject) {
      var sc = doc.createElement("script");
      sc.src = "sites/" + slug + ".js";
      sc.onload = function () { if (sites[slug].view) resolve(); else reject(new Error("no site in " + sc.src)); };
      sc.onerror = function () { reject(new Error("could not load " + sc.src)); };
      doc.head.appendChild(sc);
    });
    p.then(null, function () { delete loads[slug]; }); // a later try loads it again
    return p;
  }
  function mount(p, html) {
    var x = sites[p && p.slug], box = el("div"), byId = {};
    if (!x || x.view) return;
    box.innerHTML = html;
    x.view = box.firstElementChild;
    $("#main").appendChild(x.view);
    (p.questions || []).forEach(function (q) { byId[q.id] = q; });
    x.s.questions.forEach(function (q) { // the outline's objects, which the tracker holds, get their texts
      var add = byId[q.id] || {};
      Object.keys(add).forEach(function (k) {
        var v = add[k];
        if (Array.isArray(v) && Array.isArray(q[k]) && v.length === q[k].length) { // options etc.: by place
          v.forEach(function (o, i) { Object.keys(o).forEach(function (kk) { q[k][i][kk] = o[kk]; }); });
        } else q[k] = v;
      });
    });
    (p.videos || []).forEach(function (v, i) { if (x.s.videos[i]) x.s.videos[i].title = v.title; });
    (p.reflections || []).forEach(function (r, i) { if (x.s.reflections[i]) x.s.reflections[i].text = r.text; });
    videos = videos.concat($$("[data-video] video", x.view).map(watch));
    if (ready) prepare(p.slug);
  }
  window.TrailSite = { add: mount };
  function need(slugs) { // sites whose texts a page shows (the summary's reflection prompts): loaded, not opened
    return Promise.all(slugs.map(function (slug) { return load(slug).then(null, function () { return null; }); }));
  }
  function loading(r, focus) { // the site's file is on its way: say so, and say so if it fails
    var box = $("#view-loading"), s = sites[r.slug].s, slug = r.slug;
    if (current && current.type === "site") leave(current.slug);
    current = { type: "loading", slug: slug };
    pending = slug;
    $$(".view").forEach(function (v) { v.hidden = v !== box; });
    $("[data-loading-title]", box).textContent = s.n + ". " + s.title;
    $("[data-loading-text]", box).textContent = t("loading");
    $("[data-loading-text]", box).className = "loading";
    $("[data-loading-actions]", box).hidden = true;
    doc.title = s.title + " – " + data.course.title;
    load(slug).then(function () {
      if (pending === slug) show(r, focus);
    }, function () {
      if (pending !== slug) return;
      $("[data-loading-text]", box).textContent = t("loadError");
      $("[data-loading-text]", box).className = "loading msg msg-error";
      $("[data-loading-actions]", box).hidden = false;
      $("h1", box).focus({ preventScroll: true });
    });
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
    var next = suggest(last), box = $("#trail-next");
    box.hidden = !$("#trail-resume").hidden;
    data.sites.forEach(function (s) {
      var st = tracker.siteStatus(s.slug) || "new", label = t(st);
      $$('[data-site="' + s.slug + '"]').forEach(function (e) {
        var c = e.getAttribute("class") || "";
        if (/\bmarker\b/.test(c)) markMap(e, s, st, !box.hidden && next && next.slug === s.slug);
        else if (/\bstop\b/.test(c)) {
          e.setAttribute("class", c.replace(/\bis-\w+/, "is-" + st));
          $("[data-status]", e).textContent = label;
        } else if (/\bview-site\b/.test(c)) {
          $("[data-site-status]", e).textContent = t("status", { status: label });
          wayOn(e, s, st);
        }
      });
    });
    onward(box, next);
    fitLabels();
  }
  // @include trail-map.js: the map's stages, where to go next, the end of a site, the resume box

  // @include trail-quiz.js: the quiz: reading and showing answers, marks, feedback, shuffling, order moves

  // @include trail-reflections.js: reflections saved, the trail's end page, download and print

  // @include trail-video.js: video events to the tracker (played, paused, seeked, completed)

  function restore(only) {
    data.sites.forEach(function (s) {
      if (only && s.slug !== only) return;
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
      var b = e.target.closest("[data-submit], [data-retry], .move, [data-download], [data-print], [data-exit], [data-load-retry], .skip");
      if (!b || !ready) return;
      if (b.hasAttribute("data-load-retry")) { if (current && current.type === "loading") show({ type: "site", slug: current.slug }, true); }
      else if (b.classList.contains("skip")) {
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
    if (slug === sco.site || !sites[slug]) return false;
    if (sco.local) return inLms(slug); // SCORM 1.2: only the LMS's menu launches another SCO
    if (gone) { stranded(slug); return true; } // this SCO has ended: only the LMS can open another
    if (!tracker.go(slug)) return false;
    gone = true;
    stopVideos(null, true);
    saveAll();
    // the LMS ends this SCO and launches the other; one that took the request but launches nothing
    // (the page stays) would leave the learner looking at a trail that no longer saves: say so
    tracker.finish().then(function () { setTimeout(function () { stranded(slug); }, NAV_WAIT_MS); });
    return true;
  }
  function stranded(slug) {
    var p = message("navIgnored", "warn", { site: sites[slug].s.title });
    p.tabIndex = -1;
    window.scrollTo({ top: 0, left: 0, behavior: "instant" });
    p.focus({ preventScroll: true });
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
    exitButton(slug);
  }
  function exitButton(slug) { // in the site's own pager, once its file is loaded
    var pager = scope === slug && $('.view-site[data-site="' + slug + '"] .pager');
    if (!pager || $("[data-exit]", pager)) return;
    $$("a", pager).forEach(function (a) { a.hidden = true; });
    var b = el("button", "button", t(readonly ? "exitReadonly" : "exit"));
    b.type = "button";
    b.setAttribute("data-exit", "");
    pager.appendChild(b);
  }

  function start(r) {
    r = r || {};
    ready = true;
    var can = data.capabilities || {}, au = can.sitePerLaunch && LAUNCHED;
    if (r.scope || au) scopeTo(r.scope || au);
    else if (r.message !== "untracked" && can.finish) $$(".foot [data-exit]").forEach(function (b) { b.hidden = false; });
    // review (an earlier attempt) and browse (a preview): read-only in every control, since the
    // LMS keeps nothing of them; nothing may look answered, saved or passed that is not stored
    readonly = r.mode === "browse" || r.mode === "review";
    if (readonly) message(r.mode, "info");
    if (readonly) $$("[data-exit]").forEach(function (b) { b.textContent = t("exitReadonly"); }); // nothing is saved
    untracked = r.message === "untracked";
    if (S[r.message]) message(r.message, "warn");
    seed = seedOf(r);
    Object.keys(sites).forEach(function (slug) { if (sites[slug].view) prepare(slug); }); // loaded before start
    if (readonly) $$(".foot [data-exit]").forEach(function (b) { b.hidden = true; }); // "Finish and save": nothing to save
    if (r.resumed) showResume(r.bookmark);
    sco = r.sco || null;
    if (sco && sco.local) mapNote(sco.copy);
    var first = parse(location.hash) || { type: "" };
    if (sco && sco.site && sites[sco.site]) first = { type: "site", slug: sco.site }; // this SCO's own site
    else if (data.course.sitePackage && !first.type) first = { type: "site", slug: data.sites[0].slug }; // its package's
    if (!first.type) {
      first = r.resumed ? { type: "map" } : { type: "page", slug: "welcome" };
      if (history.replaceState) history.replaceState(null, "", first.type === "map" ? "#/" : "#/page/welcome");
    }
    show(first, false);
    doc.documentElement.setAttribute("data-trail", "ready");
  }

  /* A site's markup, once loaded and the tracker started: shuffled, answers restored, locked when read-only. */
  function prepare(slug) {
    var view = sites[slug].view;
    shuffleAll(slug);
    restore(slug);
    if (readonly) {
      $$(".question", view).forEach(function (q) { lock(q, true); });
      $$("[data-retry]", view).forEach(function (b) { b.hidden = true; });
      $$("textarea", view).forEach(function (a) { a.readOnly = true; });
    }
    exitButton(slug);
    refresh();
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
    tracker = window.TrailTracker.create(data, window.TrailAdapter);
    tracker.on("change", refresh);
    tracker.on("error", function () { message("commitError", "error"); });
    tracker.on("saved", function () { unmessage("commitError"); });
    window.addEventListener("trail:refused", function () { message("partNotSaved", "warn"); }); // lrs.js set one aside
    // a launch of one site (a cmi5 AU, a SCORM per-site SCO: ?site=<slug>) loads it while the tracker starts
    // (and so does a page opened at a site's address), so the first view is whole when it shows
    var one = LAUNCHED || (/^#\/site\/([\w-]+)$/.exec(location.hash) || [])[1] ||
      (data.course.sitePackage && data.sites.length ? data.sites[0].slug : null); // a package of one site
    var pre = one && sites[one] ? load(one) : Promise.resolve();
    pre = pre.then(null, function () { return null; });
    tracker.start().then(function (r) { return pre.then(function () { start(r); }); },
      function () { return pre.then(function () { start({ message: "untracked" }); }); });
  }

  function boot() { settings().then(init); }
  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
