/* trail tracker: learner state, answer rules, status rules, compact state codec and
 * commit policy. Talks only to window.TrailAdapter; see packager/runtime/README.md. */
(function () {
  "use strict";

  // @include codec.js: the state codec (arithmetic coder, text model, base91), joined in at build time

  // The state, in one walk used both ways (encoding returns the values it was given).
  // Only sites, answers and reflections that hold something are written; each carries a
  // position skip and a short hash of its id, so a changed course keeps what still matches.
  // T2 adds the learner's 24-bit shuffle seed after the header; a T1 state (no seed) still reads.
  var VERSION = "T2", READS = ["T1", "T2"], TYPES = ["single", "multiple", "true-false", "fill-in", "matching", "ordering", "likert"];
  function lim(n, max) { if (n > max) throw new Error("bad count"); return n; }
  function walk(c, R, texts, seeded) { // reflection texts go to their own stream: collected in `texts`
    R.f = c.num(1, R.f); R.best = c.num(2, R.best); R.bm = c.num(3, R.bm);
    if (seeded) R.z = c.raw(24, R.z);
    var ns = lim(c.num(4, c.d ? 0 : R.s.length), 999), i, j, x, s, q, r, m;
    if (c.d) R.s = [];
    for (i = 0; i < ns; i++) {
      s = c.d ? (R.s[i] = {q: [], r: []}) : R.s[i];
      s.k = c.num(5, s.k); s.h = c.raw(12, s.h); s.v = c.bit(6, s.v); s.d = c.bit(7, s.d);
      for (j = 0, m = lim(c.num(8, s.q.length), 255); j < m; j++) {
        q = c.d ? (s.q[j] = {}) : s.q[j];
        q.k = c.num(9, q.k); q.h = c.raw(6, q.h); q.t = c.num(10, q.t); q.n = c.num(11, q.n - 1) + 1;
        if (q.t === 2) q.r = c.bit(12, q.r);
        else if (q.t === 3) q.r = c.txt(q.r);
        else {
          x = lim(c.num(13, c.d ? 0 : q.r.length), 99);
          if (c.d) q.r = [];
          for (var y = 0; y < x; y++) q.r[y] = c.num(14 + q.t, q.r[y]);
        }
      }
      for (j = 0, m = lim(c.num(21, s.r.length), 99); j < m; j++) {
        r = c.d ? (s.r[j] = {}) : s.r[j];
        r.k = c.num(22, r.k); r.h = c.raw(6, r.h); r.s = c.num(23, r.s);
        if (r.s === 1) texts.push(r);
      }
    }
    return R;
  }

  // ---- answers: responses in their neutral shape (docs/architecture.md), packed as indexes
  function norm(s, cs) { s = String(s == null ? "" : s).trim().replace(/\s+/g, " "); return cs ? s : s.toLowerCase(); }
  function ids(list) { return (list || []).map(function (o) { return o.id; }); }
  function opt(q) { return ids(q.type === "ordering" ? q.items : q.type === "matching" ? q.right : q.options); }
  function keys(r) { return r.map(function (p) { return [].concat(p).join("."); }).sort().join(); }
  function clean(q, r) { // canonical order, unknown ids dropped
    var t = q.type, o = opt(q), m = {};
    if (t === "true-false") return r === true || r === "true";
    if (t === "fill-in") return String(r == null ? "" : r).replace(/\0/g, "").slice(0, 500);
    if (t === "matching") {
      (r || []).forEach(function (p) { if (p && o.indexOf(String(p[1])) >= 0) m[p[0]] = String(p[1]); });
      return ids(q.left).filter(function (l) { return l in m; }).map(function (l) { return [l, m[l]]; });
    }
    r = [].concat(r == null ? [] : r).map(String).filter(function (x, i, a) { return o.indexOf(x) >= 0 && a.indexOf(x) === i; });
    return t === "multiple" ? o.filter(function (x) { return r.indexOf(x) >= 0; }) : t === "ordering" ? r : r.slice(0, 1);
  }
  function evaluate(q, r) {
    var t = q.type, k = q.correct, cs = q.caseSensitive;
    if (t === "likert") return "neutral";
    return (t === "true-false" ? r === (k != null ? k : q.answer)
      : t === "fill-in" ? (q.accept || k || []).some(function (a) { return norm(a, cs) === norm(r, cs); })
      : t === "ordering" ? (k || ids(q.items)).join() === r.join()
      : keys(k || []) === keys(r)) ? "correct" : "incorrect";
  }
  // An option is stored by its letter (a = 0, b = 1 ...), not its place in the list, so an answer
  // keeps its meaning when the designer reorders options that have their own ids. Ids written by
  // position are the same letters, so states written before read the same.
  function slot(id) { return String(id).charCodeAt(0) - 97; }
  function unslot(o, x) { var id = String.fromCharCode(97 + x); return o.indexOf(id) >= 0 ? id : null; }
  function pack(q, r) {
    var m = {};
    if (q.type === "true-false" || q.type === "fill-in") return r;
    if (q.type !== "matching") return r.map(slot);
    r.forEach(function (p) { m[p[0]] = slot(p[1]) + 1; });
    return ids(q.left).map(function (l) { return m[l] || 0; });
  }
  function unpack(q, v) { // null when the stored value does not fit this question
    var t = q.type, o = opt(q), L = ids(q.left), r = [], i, id;
    if (t === "true-false") return !!v;
    if (t === "fill-in") return typeof v === "string" ? v : null;
    if (!Array.isArray(v) || (t === "matching" && v.length !== L.length)) return null;
    for (i = 0; i < v.length; i++) {
      if (t === "matching" && !v[i]) continue; // that left item unanswered
      id = unslot(o, t === "matching" ? v[i] - 1 : v[i]);
      if (id === null) return null;
      r.push(t === "matching" ? [L[i], id] : id);
    }
    return clean(q, r);
  }

  // The outline in index.html leaves out each id that follows from the site's (runtime_data.outline_site)
  function expand(s) {
    if (s.objective == null) s.objective = s.id;
    (s.questions || []).forEach(function (q) {
      if (q.activity == null) q.activity = s.id + "/questions/" + q.id;
      if (q.iid == null) q.iid = q.activity;
    });
    (s.reflections || []).forEach(function (r) { if (r.iid == null) r.iid = s.id + "/reflections/" + r.id; });
  }

  var VIDEO = ["played", "paused", "seeked", "completed"]; // the verbs of tracker.video() events

  function create(data, adapter, opts) {
    opts = opts || {};
    var C = data.course || {}, SITES = data.sites || [], PASS = C.passingScore == null ? null : +C.passingScore;
    var REQ = Math.min(C.requiredSites == null ? SITES.length : +C.requiredSites, SITES.length);
    var SCORING = C.scoring === "best" ? "best" : "first";
    var DEBOUNCE = opts.debounceMs || 3000, RETRY = opts.retryMs || 1000;
    var bySlug = {}, st = {}, ans = {}, refl = {}, away = {}, sent = {}, drop = {}, ev = {change: [], error: [], saved: []};
    var bm = null, flags = 0, best = -1, limit = null, tracked = false, ro = false, cur = null, t0 = 0, tm = 0;
    var busy = false, again = false, fails = 0, fin = null, started = null, ls = null, mkey = null;
    var cache = null, dirty = 1, tcache = {}, tcost = {};
    // SCORM 1.2 per-site (adapter sco.local): the LMS holds only this SCO's site (`only`; null: the map's
    // SCO, none), the browser's copy the whole trail, the other sites' only source
    var only;
    var seed = 0; // the option shuffle's seed for a learner the LMS gives no id: kept in the state, 1..2^24-1
    var at = {}; // "q:" or "r:" + slug/id → when the learner last changed it (ms): the newest wins a merge
    SITES.forEach(function (s) { bySlug[s.slug] = s; st[s.slug] = {v: false, d: false}; ans[s.slug] = {}; expand(s); });
    try { ls = window.localStorage; } catch (e) { ls = null; }

    function emit(n, d) { ev[n].forEach(function (f) { try { f(d); } catch (e) { /* a listener's bug */ } }); }
    function key(s, r) { return s + "/" + r; }
    function qs(s) { return s.questions || []; }
    function rs(s) { return s.reflections || []; }
    function question(slug, id) { return bySlug[slug] && qs(bySlug[slug]).filter(function (q) { return q.id === id; })[0]; }
    function written(s, r) { var k = key(s.slug, r.id); return away[k] || !!norm(refl[k]); }
    // What counts of an answer (course.scoring): "first", the first try (later tries are for
    // learning; a try after the first means the first was wrong, since a right answer ends the
    // question); "best", the best try so far. Settled: the counted result can no longer change.
    function counts(a) {
      if (!a) return null;
      if (SCORING === "best") return {correct: a.result === "correct", settled: a.final};
      return {correct: a.tries === 1 && a.result === "correct", settled: true};
    }
    function scored(q) { return q.scored !== false && q.type !== "likert"; }
    function scoreOf(list) { // weighted score: null until every scored question has an answer that counts
      var tw = 0, cw = 0, all = true, settled = true;
      list.forEach(function (s) {
        qs(s).forEach(function (q) {
          var c = counts(ans[s.slug][q.id]), w = q.weight == null ? 1 : +q.weight;
          if (!scored(q)) return;
          tw += w;
          if (!c) all = false; else { if (c.correct) cw += w; if (!c.settled) settled = false; }
        });
      });
      return all && tw > 0 ? {score: cw / tw, settled: settled} : null;
    }
    function judge(sc) { // passed/failed from a counted score; failed only once it cannot rise
      if (PASS == null || sc == null) return null;
      return sc.score * 100 >= PASS ? true : sc.settled ? false : null;
    }
    function progress() { // also applies the sticky rules: done, completed, passed, best score
      var nv = 0, nd = 0, n, sc, ratio, verdict;
      SITES.forEach(function (s) {
        var x = st[s.slug];
        if (x.v && qs(s).every(function (q) { return !!ans[s.slug][q.id]; }) &&
          rs(s).every(function (r) { return written(s, r); })) x.d = true;
        nv += x.v; nd += x.d;
      });
      n = C.require === "done" ? nd : nv; sc = scoreOf(SITES);
      if (n >= REQ) flags |= 1;
      if (sc != null) best = Math.max(best, Math.round(sc.score * 10000));
      verdict = judge(sc);
      if (verdict === true || (flags & 2 && PASS != null)) { flags |= 2; verdict = true; }
      sc = (sc != null || flags & 2) && best >= 0 ? best / 100 : null;
      ratio = flags & 1 || !REQ ? 1 : Math.min(n, REQ) / REQ;
      return {visited: nv, done: nd, required: REQ, completed: !!(flags & 1), percent: Math.floor(ratio * 100),
        score: sc, passed: verdict, ratio: ratio};
    }
    function view(q, a) {
      var n = +q.attempts || 0;
      return {result: a.result, triesLeft: n ? Math.max(0, n - a.tries) : Infinity, final: a.final};
    }
    function setAnswer(q, slug, r, tries) {
      var res = evaluate(q, r), n = +q.attempts || 0;
      return (ans[slug][q.id] = {response: r, result: res, tries: tries, final: res !== "incorrect" || (n > 0 && tries >= n)});
    }

    // ---- state string <-> state
    function record(dropped, all) {
      var one = only !== undefined && !all; // one site's state: no course-wide flags, score or bookmark
      var R = {f: one ? 0 : flags, best: one ? 0 : best + 1, bm: 0, z: seed, s: []}, last = -1;
      SITES.forEach(function (s, si) {
        var x = st[s.slug], rec = {k: si - last - 1, h: hash(s.slug) & 4095, v: x.v, d: x.d, q: [], r: []}, l = -1;
        if (one && s.slug !== only) return;
        if (s.slug === bm && !one) R.bm = si + 1;
        qs(s).forEach(function (q, i) {
          var a = ans[s.slug][q.id];
          if (a) { rec.q.push({k: i - l - 1, h: qhash(q), t: TYPES.indexOf(q.type), n: a.tries, r: pack(q, a.response)}); l = i; }
        });
        l = -1;
        rs(s).forEach(function (r, i) {
          var k = key(s.slug, r.id), t = refl[k];
          if (t || away[k]) { rec.r.push({k: i - l - 1, h: hash(r.id) & 63, s: !t || dropped[k] ? 2 : 1, x: t}); l = i; }
        });
        if (x.v || rec.q.length || rec.r.length) { R.s.push(rec); last = si; }
      });
      return R;
    }
    function qhash(q) { return hash(q.id + "|" + q.type + "|" + (q.options || q.items || q.left || []).length) & 63; }
    // bytes: length of A (2 bytes), A = the structure stream, B = the reflection texts stream.
    // B changes only when a reflection does, so it is kept between saves.
    function encode(dropped, all) {
      var c = new Coder(), list = [], a = (walk(c, record(dropped, all), list, true), c.end());
      var k = list.map(function (r) { return r.x; }).join("\0"), b = tcache[k], t;
      if (!b) {
        t = new Coder(null, 16);
        list.forEach(function (r) { var n = t.o.length; t.txt(r.x); tcost[r.x] = (t.o.length - n) * 8 / 6.5; });
        if (Object.keys(tcache).length > 1) tcache = {}; // per-site: this site's texts and the whole trail's
        b = tcache[k] = t.end();
      }
      return VERSION + toB91([a.length >> 8, a.length & 255].concat(a, b));
    }
    function find(list, at, ok) { return list[at] && ok(list[at]) ? list[at] : list.filter(ok)[0]; }
    function decode(str) { // merges a state string into the state; false when it cannot be read
      var R, list = [], si = -1;
      if (typeof str !== "string" || READS.indexOf(str.slice(0, 2)) < 0) return false;
      try {
        var y = fromB91(str.slice(2)), n = y[0] * 256 + y[1], t;
        var a = new Coder(y.slice(2, n + 2));
        R = walk(a, {}, list, str.slice(0, 2) !== "T1");
        a.end(); // stream A's checksum: a damaged structure is refused, not half read
        t = new Coder(y.slice(n + 2), 16);
        list.forEach(function (r) { r.x = t.txt(); });
        t.end();
      } catch (e) { return false; }
      R.s.forEach(function (z) {
        var s = find(SITES, si + z.k + 1, function (x) { return (hash(x.slug) & 4095) === z.h; }), qi = -1, ri = -1;
        if (!s) return;
        si = SITES.indexOf(s);
        st[s.slug].v = st[s.slug].v || !!z.v; st[s.slug].d = st[s.slug].d || !!z.d;
        z.q.forEach(function (w) {
          var q = find(qs(s), qi + w.k + 1, function (x) { return qhash(x) === w.h && TYPES.indexOf(x.type) === w.t; }), r;
          if (!q) return;
          qi = qs(s).indexOf(q); r = unpack(q, w.r);
          if (r != null) setAnswer(q, s.slug, r, w.n);
        });
        z.r.forEach(function (w) {
          var r = find(rs(s), ri + w.k + 1, function (x) { return (hash(x.id) & 63) === w.h; }), k;
          if (!r) return;
          ri = rs(s).indexOf(r); k = key(s.slug, r.id);
          if (w.s === 1) refl[k] = sent[k] = w.x; else if (w.s === 2 && !refl[k]) away[k] = true;
        });
      });
      flags |= R.f & 3; best = Math.max(best, R.best - 1);
      if (!seed && R.z) seed = R.z; // the first seed kept wins: this page's, else the stored one
      if (!bm && SITES[R.bm - 1]) bm = SITES[R.bm - 1].slug;
      return true;
    }

    function forget(slug) { // a site as if never opened (per-site: the LMS, not the browser, knows this SCO's site)
      if (!bySlug[slug]) return;
      st[slug] = {v: false, d: false}; ans[slug] = {};
      rs(bySlug[slug]).forEach(function (r) { var k = key(slug, r.id); delete refl[k]; delete away[k]; delete sent[k]; });
    }

    // Another version of the state (the LRS's, after a conflicting write): per answer and reflection,
    // the newer learner action wins, by `when` (that version's `at`); this page's items newer than it stay.
    function merge(str, when) {
      var w = when || {}, mineA = {}, mineR = {};
      Object.keys(at).forEach(function (k) {
        if (w[k] >= at[k]) return;
        var slug = k.slice(2, k.lastIndexOf("/")), id = k.slice(k.lastIndexOf("/") + 1);
        if (k[0] === "q" && ans[slug] && ans[slug][id]) mineA[k] = ans[slug][id];
        if (k[0] === "r" && refl[k.slice(2)] != null) mineR[k.slice(2)] = refl[k.slice(2)];
      });
      decode(str);
      Object.keys(mineA).forEach(function (k) { ans[k.slice(2, k.lastIndexOf("/"))][k.slice(k.lastIndexOf("/") + 1)] = mineA[k]; });
      Object.keys(mineR).forEach(function (k) { refl[k] = mineR[k]; });
      Object.keys(w).forEach(function (k) { at[k] = Math.max(at[k] || 0, +w[k] || 0); });
      dirty = 1; progress();
      return {state: fit(), at: JSON.parse(JSON.stringify(at))};
    }

    // ---- saving and committing
    function fit() { // the state within limits.state: the longest reflections go to the browser first
      if (cache && !dirty) return cache;
      var d = {}, s = encode(d), over, list, i, g;
      while (limit && s.length > limit) {
        over = s.length - limit;
        list = Object.keys(refl).filter(function (k) { return refl[k] && !d[k] && (only === undefined || k.indexOf(only + "/") === 0); });
        if (!list.length) { emit("error", {type: "state-too-large", message: "answers alone exceed " + limit}); break; }
        list.sort(function (a, b) { return refl[b].length - refl[a].length; });
        for (i = 0, g = 0; i < list.length && g < over; i++) { d[list[i]] = 1; g += tcost[refl[list[i]]] || refl[list[i]].length / 2; }
        s = encode(d);
      }
      drop = d; dirty = 0;
      return (cache = s);
    }
    function snapshot() {
      var p = progress(), state = fit(), r = {};
      Object.keys(drop).forEach(function (k) { r[k] = refl[k]; });
      if (mkey) try { ls.setItem(mkey, JSON.stringify({s: only === undefined ? state : encode({}, true), r: r, b: bm})); } catch (e) { /* full or blocked */ }
      return {state: state, at: JSON.parse(JSON.stringify(at)), bookmark: bm, completed: p.completed, progress: Math.round(p.ratio * 10000) / 10000,
        score: p.score == null ? null : {raw: p.score, scaled: Math.round(p.score * 100) / 10000},
        passed: p.passed, sessionMs: Date.now() - t0,
        sites: SITES.map(function (s) {
          var x = st[s.slug], sc = scoreOf([s]), all = qs(s).length + rs(s).length;
          var got = qs(s).filter(function (q) { return !!ans[s.slug][q.id]; }).length +
            rs(s).filter(function (r) { return written(s, r); }).length;
          return {objective: s.objective, slug: s.slug, n: s.n, visited: x.v, done: x.d,
            score: sc == null ? null : Math.round(sc.score * 10000) / 10000, passed: judge(sc),
            progress: x.d ? 1 : all ? Math.round(got / all * 10000) / 10000 : +x.v};
        })};
    }
    function save() {
      if (ro) return;
      var snap = snapshot();
      if (tracked) try { adapter.save(snap); } catch (e) { emit("error", {type: "save", message: String(e)}); }
    }
    function later() { if (!tm && !fin) tm = setTimeout(commit, DEBOUNCE); }
    function commit() {
      clearTimeout(tm); tm = 0;
      if (fin || !started) return;
      save();
      if (!tracked || ro) return;
      if (busy) { again = true; return; }
      busy = true; fails = 0; attempt();
    }
    function attempt() { // the commit, then 3 retries with back-off; the learner hears of a failure once
      var p;
      try { p = adapter.commit(); } catch (e) { p = false; }
      Promise.resolve(p).then(null, function () { return false; }).then(function (ok) {
        if (fin) busy = false;
        else if (ok) { busy = false; emit("saved", {}); if (again) { again = false; commit(); } }
        else if (fails++ < 3) setTimeout(attempt, RETRY * Math.pow(2, fails - 1));
        else { busy = again = false; emit("error", {type: "commit", message: "the LMS did not accept the data"}); }
      });
    }
    function changed() { dirty = 1; emit("change", progress()); }
    function send(rec, s) {
      rec.timestamp = new Date().toISOString(); rec.site = {slug: s.slug, n: s.n, objective: s.objective};
      if (tracked && !ro && !fin) try { adapter.interaction(rec); } catch (e) { emit("error", {type: "interaction", message: String(e)}); }
    }
    function flush(slug) { // a site's reflections go out as interactions when the learner leaves it
      var s = bySlug[slug];
      if (s) rs(s).forEach(function (r) {
        var k = key(slug, r.id), x = refl[k];
        if (!norm(x) || sent[k] === x || !tracked || ro || fin) return;
        sent[k] = x;
        send({iid: r.iid, activity: s.id + "/reflections/" + r.id, type: "reflection", text: r.text, response: x,
          correct: null, result: "neutral", weight: 0, latencyMs: null, try: 1, final: true, counts: true}, s);
      });
    }

    var T = {
      start: function () {
        if (started) return started;
        t0 = Date.now();
        started = Promise.resolve().then(function () { return adapter.start(data, {merge: merge}); }).then(null, function () { return null; }).then(function (info) {
          info = info || {ok: false};
          // review (an earlier attempt) and browse (a preview) are read-only: nothing the learner does
          // there is stored, so nothing changes the state the UI shows either
          tracked = !!info.ok; ro = info.mode === "review" || info.mode === "browse";
          limit = tracked && info.limits && info.limits.state || null;
          var msg = null, m = null, got = false;
          if (ls && (adapter.name !== "web" || !tracked)) { // the browser's copy (never the source of truth)
            mkey = "trail:" + C.id + ":" + (info.learnerId || info.learnerName || "");
            try { m = JSON.parse(ls.getItem(mkey) || "null"); } catch (e) { m = null; }
          }
          bm = info.bookmark || null;
          if (tracked && info.sco && info.sco.local) { // SCORM 1.2 per-site: the other sites from the browser's copy
            only = info.sco.site || null;
            if (!(m && m.s && decode(m.s))) m = null;
            if (m && only && info.resumed && !info.state) msg = "restoredFromBrowser"; // the LMS lost this site's
            else forget(only); // this SCO's site as the LMS has it, even when empty (a new attempt)
          }
          if (info.state && !(got = decode(info.state))) msg = "stateUnreadable";
          if (!got && m && m.s && only === undefined && (info.resumed || !tracked) && (got = decode(m.s))) { bm = bm || m.b || null; msg = "restoredFromBrowser"; }
          if (m && m.r) Object.keys(m.r).forEach(function (k) { if (away[k] && m.r[k]) { refl[k] = m.r[k]; delete away[k]; } });
          if (!bySlug[bm]) bm = null;
          if (!seed) { seed = 1 + Math.floor(Math.random() * 0xfffffe); dirty = 1; } // a new learner, or a T1 state
          if (!tracked) msg = "untracked";
          progress();
          setTimeout(function () { // after the UI's handlers (added when start() resolves), which save text first
            window.addEventListener("pagehide", function () { T.finish(); });
            document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") commit(); });
          }, 0);
          var out = {resumed: !!(info.resumed || got), bookmark: bm, mode: info.mode || "normal", learnerName: info.learnerName || null,
            learnerId: info.learnerId || null, seed: seed}; // the UI seeds its option shuffle with the id, else the seed
          if (msg) out.message = msg;
          if (info.scope) out.scope = info.scope; // cmi5: this AU is one site
          if (info.sco) out.sco = info.sco; // per-site: this SCO's site (null: the map)
          // SCORM 1.2 per-site: whether this browser remembers the other sites at all
          if (info.sco && info.sco.local) out.sco = {site: info.sco.site, local: true, copy: !!m};
          if (info.returnURL) out.returnURL = info.returnURL;
          return out;
        });
        return started;
      },
      // SCORM 2004 per-site: another site's SCO (or the map's, slug null) through the LMS; false: not possible
      go: function (slug) {
        if (!tracked || fin || !adapter.go) return false;
        try { return !!adapter.go(slug); } catch (e) { return false; }
      },
      siteStatus: function (slug) { var x = st[slug]; return x && x.d ? "done" : x && x.v ? "visited" : "new"; },
      answerOf: function (slug, id) {
        var a = ans[slug] && ans[slug][id], v;
        if (!a) return null;
        v = view(question(slug, id), a); v.response = a.response; v.tries = a.tries;
        return v;
      },
      reflectionOf: function (slug, id) { return refl[key(slug, id)] || ""; },
      visit: function (slug) {
        if (!bySlug[slug]) return;
        if (ro) { cur = slug; return; }
        if (cur && cur !== slug) flush(cur);
        cur = bm = slug; st[slug].v = true; changed(); later();
      },
      leave: function (slug) { flush(slug); if (cur === slug) cur = null; commit(); },
      answer: function (slug, id, response, latencyMs) {
        var q = question(slug, id), a;
        if (!q) return null;
        a = ans[slug][id];
        if (ro) return a ? view(q, a) : null; // read-only: the answer stays as it was
        if (!a || !a.final) { // a final answer stays as it is
          a = setAnswer(q, slug, clean(q, response), (a ? a.tries : 0) + 1);
          at["q:" + key(slug, id)] = Date.now();
          // try: which try this is; counts: this try is now the answer that counts (course.scoring)
          send({iid: q.iid, activity: q.activity, type: q.type, text: q.text, response: a.response, correct: q.correct,
            accept: q.accept, caseSensitive: !!q.caseSensitive, result: a.result, try: a.tries, final: a.final,
            counts: a.tries === 1 || (SCORING === "best" && a.result === "correct"),
            weight: q.scored === false || q.type === "likert" ? 0 : q.weight == null ? 1 : +q.weight,
            latencyMs: latencyMs == null ? null : +latencyMs}, bySlug[slug]);
          changed(); commit();
        }
        return view(q, a);
      },
      reflect: function (slug, id, text) {
        var k = key(slug, id);
        text = String(text == null ? "" : text).replace(/\0/g, "");
        if (!bySlug[slug]) return {kept: "lms"};
        if (ro) return {kept: "none"}; // read-only: nothing is kept
        if (refl[k] !== text) { refl[k] = text; delete away[k]; at["r:" + k] = Date.now(); changed(); }
        fit(); later();
        return {kept: drop[k] || !tracked ? "browser" : "lms"};
      },
      video: function (slug, index, e) { // reported only to an adapter that reports video (xAPI, cmi5)
        var s = bySlug[slug], v = s && (s.videos || [])[index];
        if (!v || !e || VIDEO.indexOf(e.verb) < 0 || typeof adapter.video !== "function" || !tracked || ro || fin) return;
        try {
          adapter.video({id: v.id, title: v.title, index: index, verb: e.verb, time: e.time, from: e.from, to: e.to,
            length: e.length, progress: e.progress, segments: e.segments || [], timestamp: new Date().toISOString(),
            site: {slug: s.slug, n: s.n, objective: s.objective, id: s.id}});
        } catch (err) { emit("error", {type: "video", message: String(err)}); }
      },
      progress: function () { var p = progress(); delete p.ratio; return p; },
      on: function (n, f) { if (ev[n]) ev[n].push(f); return T; },
      finish: function () {
        var p = true;
        if (fin) return fin;
        clearTimeout(tm); tm = 0;
        if (!started) return (fin = Promise.resolve(false));
        if (cur) flush(cur);
        save();
        if (tracked) try { p = adapter.finish(); } catch (e) { p = false; }
        fin = Promise.resolve(p).then(null, function () { return false; }).then(function (ok) {
          if (!ok) emit("error", {type: "finish", message: "the LMS did not accept the end of the session"});
          return !!ok;
        });
        return fin;
      }
    };
    return T;
  }

  window.TrailTracker = {create: create, version: VERSION};
})();
