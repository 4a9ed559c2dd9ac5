/* trail adapter for SCORM 2004 4th Edition (window.API_1484_11). Policy and formats: README.md. */
(function () {
  "use strict";
  function pad(n) { return n < 10 ? "0" + n : String(n); }
  function dur(ms) { // ISO 8601 duration, at most 2 decimals on the seconds
    var cs = Math.max(0, Math.round((ms || 0) / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (cs % 6000) / 100 + "S";
  }
  function stamp(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }
  // characterstrings in strict runtimes: one line, no leading "{" (read as a delimiter)
  function line(s, max) { return String(s == null ? "" : s).replace(/\s+/g, " ").trim().replace(/^\{/, "(").slice(0, max); }
  function fill(s) { return line(String(s).replace(/\[[,.]\]/g, " "), 250); }
  var TYPE = {single: "choice", multiple: "choice", "true-false": "true-false", "fill-in": "fill-in",
    matching: "matching", ordering: "sequencing", likert: "likert", reflection: "long-fill-in"};

  var A = null, last = {}, n = 0, objs = {}, was = {}, snap = null, done = false, at = {};
  // sco_mode per-site (imsmanifest.xml): this SCO is one site (?site=<slug>) or the map (?sco=map); the
  // trail's state lives in the course's shared data store (adl.data), so every SCO's map shows every site.
  // sco_mode per-site-packages: the SCO of a package holding one site (?site=<slug>), the same way, except
  // that no shared store is declared: its state is its own (cmi.suspend_data), its status its site's
  var per = null, store = null, require = "visited";
  function item(slug) { return slug ? "item-" + slug : "item-map"; }
  function get(k) { try { var v = A.GetValue(k); return v == null ? "" : String(v); } catch (e) { return ""; } }
  function set(k, v) {
    v = String(v);
    if (last[k] === v) return true;
    try { if (String(A.SetValue(k, v)) === "true") { last[k] = v; return true; } } catch (e) { /* reported by the LMS */ }
    return false;
  }
  function fmt(type, r) {
    if (type === "true-false") return r ? "true" : "false";
    if (type === "matching") return r.map(function (p) { return p[0] + "[.]" + p[1]; }).join("[,]");
    if (type === "fill-in") return fill(r);
    if (type === "long-fill-in") return line(r, 4000);
    return r.join("[,]");
  }

  function one(s) { // per-site: the trail's state to the shared store; this SCO's own site as its status
    if (s.bookmark != null) set("cmi.location", String(s.bookmark).slice(0, 1000));
    if (s.state != null && s.state.length <= 64000) set(store != null ? "adl.data." + store + ".store" : "cmi.suspend_data", s.state);
    set("cmi.exit", "suspend");
    var x = (s.sites || []).filter(function (y) { return y.slug === per.site; })[0];
    if (!x) { set("cmi.completion_status", "completed"); return; } // the map: seen is all it asks
    var c = (require === "done" ? x.done : x.visited) || was.c === "completed";
    set("cmi.completion_status", c ? "completed" : "incomplete");
    set("cmi.progress_measure", c ? 1 : x.progress);
    var keep = was.s === "passed" && x.passed !== true;
    if (x.passed != null && !keep) set("cmi.success_status", x.passed ? "passed" : "failed");
    if (x.score != null && !keep) score(x.score, Math.round(x.score * 10000) / 100);
  }
  function score(scaled, raw) { // raw 0..100 beside scaled: LMSs that grade (Moodle, Cornerstone) read raw
    set("cmi.score.scaled", scaled); set("cmi.score.min", "0"); set("cmi.score.max", "100"); set("cmi.score.raw", raw);
  }

  window.TrailAdapter = {
    name: "scorm2004",
    start: function (data) {
      A = TrailScorm.find("API_1484_11", "Initialize");
      var off = {ok: false, state: null, bookmark: null, mode: "normal", resumed: false, learnerName: null, limits: {state: 64000}};
      if (!A) return Promise.resolve(off);
      try { if (String(A.Initialize("")) !== "true") return Promise.resolve(off); } catch (e) { return Promise.resolve(off); }
      // a new attempt has nothing to read (and a strict LMS answers 403 for every empty element)
      var entry = get("cmi.entry"), old = entry !== "ab-initio", sd = "", i;
      was = old ? {c: get("cmi.completion_status"), s: get("cmi.success_status")} : {};
      n = old ? parseInt(get("cmi.interactions._count"), 10) || 0 : 0;
      for (i = 0, at = {}; i < n; i++) at[get("cmi.interactions." + i + ".id")] = i;
      for (i = 0, objs = {}; i < (parseInt(get("cmi.objectives._count"), 10) || 0); i++) objs[get("cmi.objectives." + i + ".id")] = i;
      per = TrailScorm.launched();
      if (per && data) {
        require = data.course.require;
        for (i = 0; i < (parseInt(get("adl.data._count"), 10) || 0); i++) {
          if (get("adl.data." + i + ".id") === data.course.id + "#trail") store = i;
        }
        if (store != null) sd = get("adl.data." + store + ".store"); // the other SCOs' work too
      }
      if (store == null && old) sd = get("cmi.suspend_data"); // with a shared store it is never written
      return Promise.resolve({ok: true, state: sd || null, sco: per ? {site: per.site} : null, bookmark: old && get("cmi.location") || null, mode: get("cmi.mode") || "normal",
        resumed: entry === "resume", learnerName: get("cmi.learner_name") || null,
        learnerId: get("cmi.learner_id") || null, limits: {state: 64000}});
    },
    save: function (s) {
      if (!A || done) return;
      snap = s;
      if (per) return one(s);
      if (s.bookmark != null) set("cmi.location", String(s.bookmark).slice(0, 1000));
      if (s.state != null && s.state.length <= 64000) set("cmi.suspend_data", s.state);
      var c = s.completed || was.c === "completed";
      set("cmi.completion_status", c ? "completed" : "incomplete");
      set("cmi.progress_measure", c ? 1 : s.progress);
      // a judgement (and its score) only once every scored question is answered; passed stays passed
      var keep = was.s === "passed" && s.passed !== true;
      if (s.passed != null && !keep) set("cmi.success_status", s.passed ? "passed" : "failed");
      if (s.score && !keep) score(s.score.scaled, s.score.raw);
      set("cmi.exit", "suspend"); // only suspend brings the learner back to this attempt
      (s.sites || []).forEach(function (x) {
        var i = objs[x.objective], p;
        if (i == null) { i = Object.keys(objs).length; if (!set("cmi.objectives." + i + ".id", x.objective)) return; objs[x.objective] = i; }
        p = "cmi.objectives." + i + ".";
        set(p + "completion_status", x.done ? "completed" : x.visited ? "incomplete" : "not attempted");
        set(p + "progress_measure", Math.round(x.progress * 10000) / 10000);
        if (x.passed != null) set(p + "success_status", x.passed ? "passed" : "failed");
        if (x.score != null) set(p + "score.scaled", x.score);
      });
    },
    // per-site: move to another SCO by asking the LMS (adl.nav.request); false when it cannot (then in-page)
    go: function (slug) {
      if (!A || done || !per || item(slug) === item(per.site)) return false;
      if (get("adl.nav.request_valid.choice.{target=" + item(slug) + "}") === "false") return false;
      return set("adl.nav.request", "{target=" + item(slug) + "}choice");
    },
    // One record per question and reflection, holding the answer that counts (course.scoring) or the
    // latest text, updated in place: an LMS sends the whole CMI with every commit (scorm-again at
    // Terminate as a beacon, which Chromium refuses over 64 KiB), so a journal of every try would not
    // reach it for a learner who retries much. The tries themselves live in the state.
    interaction: function (r) {
      var type = TYPE[r.type], i = at[r.iid], p, k;
      if (!A || done || !type) return;
      if (i == null) {
        if (n >= 250 || !set("cmi.interactions." + n + ".id", r.iid)) return;
        i = at[r.iid] = n++;
      } else if (!r.counts) return;
      p = "cmi.interactions." + i + ".";
      set(p + "type", type);
      set(p + "timestamp", stamp(new Date(r.timestamp || Date.now())));
      if (type !== "long-fill-in") set(p + "weighting", r.weight || 0);
      if (type === "fill-in") {
        for (k = 0; k < Math.min(5, (r.accept || r.correct || []).length); k++) {
          set(p + "correct_responses." + k + ".pattern", (r.caseSensitive ? "{case_matters=true}" : "") + fill((r.accept || r.correct)[k]));
        }
      } else if (r.correct != null && type !== "likert" && type !== "long-fill-in") set(p + "correct_responses.0.pattern", fmt(type, r.correct));
      if (fmt(type, r.response) !== "") set(p + "learner_response", fmt(type, r.response)); // "" is no response
      set(p + "result", r.result);
      if (r.latencyMs != null) set(p + "latency", dur(r.latencyMs));
      // the question's text; a reflection's id names it (its prompt would cost 250 bytes a commit)
      if (r.text && type !== "long-fill-in") set(p + "description", line(r.text, 250));
    },
    commit: function () {
      if (!A || done) return Promise.resolve(false);
      var ok = false;
      try { ok = String(A.Commit("")) === "true" && !(parseInt(A.GetLastError(), 10) || 0); } catch (e) { ok = false; }
      return Promise.resolve(ok);
    },
    finish: function () { // Terminate commits; no Commit right before it (some LMSs reject that on unload)
      if (!A || done) return Promise.resolve(false);
      done = true;
      var ok = false;
      try {
        if (snap) set("cmi.session_time", dur(snap.sessionMs));
        ok = String(A.Terminate("")) === "true";
      } catch (e) { ok = false; }
      return Promise.resolve(ok);
    }
  };
})();
