/* trail adapter for SCORM 1.2 (window.API). Status policy and formats: README.md. */
(function () {
  "use strict";
  function pad(n, w) { n = String(n); while (n.length < (w || 2)) n = "0" + n; return n; }
  function span(ms) { // CMITimespan HH:MM:SS.SS, 2-4 hour digits
    var cs = Math.max(0, Math.round((ms || 0) / 10)), h = Math.min(9999, Math.floor(cs / 360000));
    return pad(h) + ":" + pad(Math.floor(cs / 6000) % 60) + ":" + pad(Math.floor(cs / 100) % 60) + "." + pad(cs % 100);
  }
  var RANK = {passed: 3, failed: 2, completed: 1};
  var TYPE = {single: "choice", multiple: "choice", "true-false": "true-false", "fill-in": "fill-in",
    matching: "matching", ordering: "sequencing", likert: "likert"};

  var A = null, data = null, last = {}, n = 0, objs = {}, start = "", snap = null, done = false;
  // sco_mode per-site: this SCO is one site or the map (TrailScorm.launched()). 1.2 has no shared data and
  // no navigation request, so the LMS holds only this SCO's site (its state, status, score, interactions);
  // the tracker shows the other sites as this browser's copy remembers them (sco.local).
  var per = null;
  function get(k) { try { var v = A.LMSGetValue(k); return v == null ? "" : String(v); } catch (e) { return ""; } }
  function set(k, v) {
    v = String(v);
    if (last[k] === v) return true;
    try { if (String(A.LMSSetValue(k, v)) === "true") { last[k] = v; return true; } } catch (e) { /* reported by the LMS */ }
    return false;
  }
  function fmt(type, r) {
    if (type === "true-false") return r ? "t" : "f";
    if (type === "matching") return r.map(function (p) { return p[0] + "." + p[1]; }).join(",");
    if (type === "fill-in") return String(r).slice(0, 255);
    return r.join(",");
  }

  window.TrailAdapter = {
    name: "scorm12",
    start: function (d) {
      data = d; A = TrailScorm.find("API", "LMSInitialize");
      var off = {ok: false, state: null, bookmark: null, mode: "normal", resumed: false, learnerName: null, limits: {state: 4096}};
      if (!A) return Promise.resolve(off);
      try { if (String(A.LMSInitialize("")) !== "true") return Promise.resolve(off); } catch (e) { return Promise.resolve(off); }
      var entry = get("cmi.core.entry"), sd = get("cmi.suspend_data"), mode = get("cmi.core.lesson_mode") || "normal", i;
      start = get("cmi.core.lesson_status");
      n = parseInt(get("cmi.interactions._count"), 10) || 0;
      for (i = 0, objs = {}; i < (parseInt(get("cmi.objectives._count"), 10) || 0); i++) objs[get("cmi.objectives." + i + ".id")] = i;
      per = TrailScorm.launched();
      // the map's SCO records a visit only: completed when opened
      var first = per && !per.site ? "completed" : "incomplete";
      if (mode === "normal" && (start === "" || start === "not attempted" || (first === "completed" && start === "incomplete"))) {
        set("cmi.core.lesson_status", first);
      }
      // a package of one site (sco_mode per-site-packages) has no other sites to show: its state is all there is
      var alone = !!(d && d.course && d.course.sitePackage);
      return Promise.resolve({ok: true, state: sd || null, sco: per ? {site: per.site, local: !alone} : null,
        bookmark: get("cmi.core.lesson_location") || null, mode: mode,
        resumed: entry === "resume" || !!sd, learnerName: get("cmi.core.student_name") || null,
        learnerId: get("cmi.core.student_id") || null, limits: {state: 4096}});
    },
    save: function (s) {
      if (!A || done) return;
      snap = s;
      if (per && !per.site) return; // the map: nothing but the visit
      var x = per ? (s.sites || []).filter(function (y) { return y.slug === per.site; })[0] : null;
      if (per && !x) return;
      if (s.bookmark != null) set("cmi.core.lesson_location", String(s.bookmark).slice(0, 255));
      if (s.state != null && s.state.length <= 4096) set("cmi.suspend_data", s.state); // per-site: this site's only
      // what this SCO reports: the course (one SCO), or its own site (per-site), judged by the same rules
      var it = !x ? {completed: s.completed, passed: s.passed, raw: s.score && s.score.raw}
        : {completed: data.course.require === "done" ? x.done : x.visited, passed: x.passed,
           raw: x.score == null ? null : Math.round(x.score * 10000) / 100};
      // One status holds both judgements in 1.2, and an LMS closes the attempt on completed, passed or
      // failed (Moodle opens the next launch in review mode): so no status but incomplete before the
      // course's completion rule is met; then passed/failed (passed implies completed) or completed.
      var own = !it.completed ? "incomplete" : it.passed === true ? "passed" : it.passed === false ? "failed" : "completed";
      var st = (RANK[start] || 0) > (RANK[own] || 0) ? start : own;
      set("cmi.core.lesson_status", st);
      // The score as soon as it is known, so a gradebook never shows 0 for a learner who answered. With a
      // passing score it waits for the judgement: an LMS's mastery override would turn a score below the
      // mastery score into "failed" at LMSFinish and close the attempt early.
      if (st === own && it.raw != null && (data.course.passingScore == null || own === "passed" || own === "failed")) {
        set("cmi.core.score.min", "0"); set("cmi.core.score.max", "100"); set("cmi.core.score.raw", it.raw);
      }
      set("cmi.core.exit", "suspend"); // the learner may always come back to this attempt and carry on
      (x ? [x] : s.sites || []).forEach(function (y) {
        var i = objs[y.objective], p;
        if (i == null) { i = Object.keys(objs).length; if (!set("cmi.objectives." + i + ".id", y.objective)) return; objs[y.objective] = i; }
        p = "cmi.objectives." + i + ".";
        set(p + "status", y.passed === true ? "passed" : y.passed === false ? "failed" : y.done ? "completed" : y.visited ? "incomplete" : "not attempted");
        if (y.score != null) { set(p + "score.min", "0"); set(p + "score.max", "100"); set(p + "score.raw", Math.round(y.score * 10000) / 100); }
      });
    },
    interaction: function (r) {
      if (!A || done || r.type === "reflection" || !TYPE[r.type]) return; // 1.2 has no long-fill-in: reflections live in the state
      if (per && (!r.site || r.site.slug !== per.site)) return; // per-site: this SCO's own questions only
      // the first try (the one that counts under scoring "first") and the one that settles the question;
      // tries in between live in the state, so a learner who retries much still fits one commit
      if (r.try > 1 && !r.final) return;
      var p = "cmi.interactions." + n + ".", t = new Date(r.timestamp || Date.now()), type = TYPE[r.type];
      // 1.2 interactions are a write-only journal: each try is a new record with an id of its own (some
      // LMSs reject a repeated id); its objective ties every try to the question.
      if (!set(p + "id", r.try > 1 ? r.iid + "_" + r.try : r.iid)) return;
      n++;
      set(p + "objectives.0.id", r.iid);
      set(p + "type", type);
      set(p + "time", pad(t.getHours()) + ":" + pad(t.getMinutes()) + ":" + pad(t.getSeconds()));
      set(p + "weighting", r.weight || 0);
      set(p + "student_response", fmt(type, r.response));
      if (r.type !== "likert" && r.correct != null) set(p + "correct_responses.0.pattern", fmt(type, type === "fill-in" ? (r.accept || r.correct)[0] : r.correct));
      set(p + "result", r.result === "incorrect" ? "wrong" : r.result);
      if (r.latencyMs != null) set(p + "latency", span(r.latencyMs));
    },
    commit: function () {
      if (!A || done) return Promise.resolve(false);
      var ok = false;
      try { ok = String(A.LMSCommit("")) === "true" && !(parseInt(A.LMSGetLastError(), 10) || 0); } catch (e) { ok = false; }
      return Promise.resolve(ok);
    },
    finish: function () { // LMSFinish commits; no separate LMSCommit right before it
      if (!A || done) return Promise.resolve(false);
      done = true;
      var ok = false;
      try {
        if (snap) set("cmi.core.session_time", span(snap.sessionMs));
        ok = String(A.LMSFinish("")) === "true";
      } catch (e) { ok = false; }
      return Promise.resolve(ok);
    }
  };
})();
