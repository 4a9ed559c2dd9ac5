/* trail adapter for cmi5: one AU is one rest site (index.html?site=<slug>). Needs lrs.js first.
 * Launch: POST to `fetch` exactly once per session (the token is kept in sessionStorage for
 * reloads), read LMS.LaunchData and cmi5LearnerPreferences, then initialized → (completed,
 * passed / failed, each at most once per registration and only in Normal mode) → terminated,
 * every statement on the contextTemplate. Everything else goes out as cmi5 allowed statements
 * (experienced, answered, progressed, and video statements of the xAPI Video Profile).
 * A reload after `terminated` cannot reopen the session: it shows the answers in review mode. */
(function () {
  "use strict";
  var L = window.TrailLRS;
  var V, tag, platform = null, client = null, p, ld = {}, tpl = {}, mode = "normal", scope = null, site = null, course = null;
  var may = null, rule = "visited", sess = null, skey = null, doc = null, base = 0, dirty = false, done = false, leaving = false, byQ = {};

  function keep() { L.write(L.session, skey, sess); }
  function webAddress(u) { // returnURL comes from the LMS's launch data: never javascript:, data: or the like
    if (typeof u !== "string" || !u) return null;
    try { var x = new URL(u, window.location.href); } catch (e) { return null; }
    return x.protocol === "https:" || x.protocol === "http:" ? x.href : null;
  }
  function ctx(defined, moveOn, parent, ext, cats) { // the contextTemplate, never overwritten: ours is appended
    var c = JSON.parse(JSON.stringify(tpl)), ca = c.contextActivities = c.contextActivities || {}, k;
    function add(key, a) {
      ca[key] = ca[key] == null ? [] : [].concat(ca[key]);
      if (!ca[key].some(function (x) { return x.id === a.id; })) ca[key].push(a);
    }
    if (!c.registration) c.registration = p.registration;
    if (defined) { add("category", {objectType: "Activity", id: V.categories.cmi5}); if (moveOn) add("category", {objectType: "Activity", id: V.categories.moveOn}); }
    else { add("parent", parent || {objectType: "Activity", id: p.activityId}); add("grouping", course); }
    (cats || []).forEach(function (a) { add("category", a); });
    if (ext) { c.extensions = c.extensions || {}; for (k in ext) if (!(k in c.extensions)) c.extensions[k] = ext[k]; }
    if (!c.language) c.language = tag;
    if (!c.platform && platform) c.platform = platform; // trail/settings.json lrs_platform
    return c;
  }
  function send(verb, object, result, context, front) {
    var st = {actor: client.actor, verb: {id: V.verbs[verb].id, display: V.verbs[verb].display}, object: object, context: context};
    if (result) st.result = result;
    return client.send(st, front);
  }
  function au() { return {objectType: "Activity", id: p.activityId}; }
  function defined(verb, result, ext, front) { // cmi5 defined: object is the launch activityId
    var moveOn = !!result && (result.success != null || result.completion != null);
    sess.sent[verb] = true; keep();
    return send(verb, au(), result, ctx(true, moveOn, null, ext), front);
  }
  function sid(st) { return ((st.context || {}).extensions || {})[V.extensions.sessionId]; }
  function allowed(verb, object, result, parent) { return send(verb, object, result, ctx(false, false, parent)); }
  function normal() { return client && !done && doc && mode === "normal" && sess && sess.init && !sess.term; }

  window.TrailAdapter = {
    name: "cmi5",
    start: function (d, hooks) {
      V = d.vocabulary; tag = d.course.language || "nb"; platform = d.course.platform || null;
      var off = {ok: false, state: null, bookmark: null, mode: "normal", resumed: false, learnerName: null, limits: {state: null}};
      p = L.params(location.search);
      scope = p.site || null; rule = d.course.require || "visited";
      (d.sites || []).forEach(function (s) {
        if (s.slug === scope) site = s;
        (s.questions || []).forEach(function (q) { byQ[q.activity] = q; });
      });
      var actor = L.agent(p.actor);
      if (!p.endpoint || !p.fetch || !actor || !p.registration || !p.activityId || !window.fetch || !L.session) return Promise.resolve(off);
      course = {objectType: "Activity", id: d.course.id, definition: {type: V.activityTypes.course, name: L.lang(d.course.title, tag)}};
      var tkey = "trail.cmi5.token:" + p.fetch, token = L.read(L.session, tkey, null);
      window.addEventListener("pagehide", function () { leaving = true; });
      var got = token ? Promise.resolve(token) : fetch(p.fetch, {method: "POST", credentials: "omit", cache: "no-store"})
        .then(function (r) { return r.json(); }).then(function (j) {
          if (!j || !j["auth-token"]) throw new Error("fetch: " + (j && j["error-text"] || "no token"));
          L.write(L.session, tkey, j["auth-token"]); // one POST per session; reloads reuse it
          return j["auth-token"];
        });
      return got.then(function (t) {
        client = new L.Client({endpoint: p.endpoint, auth: "Basic " + t, actor: actor, registration: p.registration,
          first: V.verbs.initialized.id, last: V.verbs.terminated.id, // cmi5 §9.3: initialized alone and first
          once: ["initialized", "completed", "passed", "failed", "terminated"].map(function (x) { return V.verbs[x].id; }),
          scope: p.activityId}); // one queue per AU: the LMS takes an AU's statements only with its own credentials
        client.merger(p.activityId, V.documents.state, L.merger(hooks));
        may = L.judged(client, V, p.activityId, function () { return doc; }, function () { dirty = true; });
        return client.getState(p.activityId, V.documents.launchData);
      }).then(function (launch) {
        ld = launch || {}; tpl = ld.contextTemplate || {};
        mode = ({Browse: "browse", Review: "review"})[ld.launchMode] || "normal";
        var sid = tpl.extensions && tpl.extensions[V.extensions.sessionId];
        skey = "trail.cmi5.session:" + (sid || p.fetch);
        sess = L.read(L.session, skey, null) || {init: false, term: false, t0: Date.now(), sent: {}};
        return client.getProfile(V.documents.learnerPreferences); // read before any statement (cmi5 §11)
      }).then(function (prefs) {
        var lp = prefs && typeof prefs.languagePreference === "string" ? prefs.languagePreference : "";
        return client.getState(p.activityId, V.documents.state).then(null, function () { return undefined; }).then(function (remote) {
          doc = client.adopt(p.activityId, V.documents.state, remote) || {}; // with what an earlier page could not deliver
          doc.sent = doc.sent || {}; doc.pct = doc.pct || 0; doc.ms = doc.ms || 0; base = doc.ms;
          if (sess.term) mode = "review"; // this session already sent terminated
          else if (!sess.init) {
            sess.init = true; sess.t0 = Date.now(); keep();
            var now = tpl.extensions && tpl.extensions[V.extensions.sessionId];
            client.setAside(function (st) { // what a closed session could not deliver: the LMS takes it only in this one
              if (sid(st) === now) return st;
              if (st.verb.id === V.verbs.initialized.id || st.verb.id === V.verbs.terminated.id) return null; // its own order
              st.context.extensions[V.extensions.sessionId] = now; // the contextTemplate of this session (10.2.1.0-7)
              return st;
            });
            sess.vid = defined("initialized", null, null, true).id; keep(); // before what an earlier session left
            if (site && mode === "normal") { // the AU opens on its site
              sess.sent.experienced = true; keep();
              allowed("experienced", {objectType: "Activity", id: site.id, definition: {type: V.activityTypes.module, name: L.lang(site.title, tag)}});
            }
          }
          client.flush(); // also what an earlier page could not deliver
          return {ok: true, state: doc.state || null, bookmark: doc.bookmark || scope, mode: mode, resumed: !!doc.state || remote === undefined,
            learnerName: actor.name || null, learnerId: actor.account ? actor.account.name : null, limits: {state: null},
            scope: site ? scope : null, returnURL: webAddress(ld.returnURL),
            languages: lp ? lp.split(",").map(function (x) { return x.trim(); }) : []};
        });
      }).then(null, function () { return off; });
    },
    save: function (s) {
      if (!normal()) return;
      var x = null;
      (s.sites || []).forEach(function (y) { if (site && y.slug === site.slug) x = y; });
      if (!x) return; // the AU only reports on its own site
      var complete = rule === "done" ? x.done : x.visited || x.done;
      var ms = base + (s.sessionMs || 0), pct = Math.floor((x.progress || 0) * 100), res = {};
      if (!doc.sent.completed && !complete && pct > doc.pct && pct > 0 && pct < 100) {
        res[V.extensions.progress] = pct;
        allowed("progressed", au(), {extensions: res});
      }
      if (complete && may("completed") && !sess.sent.completed) {
        defined("completed", {completion: true, duration: L.duration(ms)});
      }
      var scored = (site.questions || []).some(function (q) { return q.scored !== false && q.type !== "likert"; });
      var mastery = ld.masteryScore == null || ld.masteryScore === "" ? null : parseFloat(ld.masteryScore);
      if (scored && x.score != null && (mastery != null || x.passed != null)) {
        var ok = mastery != null ? x.score >= mastery : x.passed, ext = null, score = {scaled: x.score, raw: Math.round(x.score * 100), min: 0, max: 100};
        if (mastery != null) { ext = {}; ext[V.extensions.masteryScore] = mastery; }
        if (ok && may("passed") && !sess.sent.passed && !sess.sent.failed) {
          defined("passed", {success: true, score: score, duration: L.duration(ms)}, ext);
        } else if (!ok && may("passed") && may("failed") && !sess.sent.passed && !sess.sent.failed) {
          defined("failed", {success: false, score: score, duration: L.duration(ms)}, ext);
        }
      }
      doc.pct = Math.max(doc.pct, pct); L.stamp(doc, s); doc.bookmark = s.bookmark; doc.ms = ms;
      dirty = true;
    },
    interaction: function (r) {
      if (!normal()) return;
      var result = {response: L.response(r.type, r.response)};
      if (r.result === "correct" || r.result === "incorrect") {
        result.success = r.result === "correct";
        if (r.weight > 0) result.score = {scaled: result.success ? 1 : 0, raw: result.success ? r.weight : 0, min: 0, max: r.weight};
      }
      if (r.latencyMs != null) result.duration = L.duration(r.latencyMs);
      allowed("answered", {objectType: "Activity", id: r.activity, definition: L.definition(byQ[r.activity] || null, r, V, tag)}, result);
    },
    video: function (r) { // cmi5 allowed statements about a video of this AU's site
      if (!normal() || !site || !r.site || r.site.slug !== site.slug) return;
      var parent = {objectType: "Activity", id: site.id, definition: {type: V.activityTypes.module, name: L.lang(site.title, tag)}};
      if (!sess.vid) { sess.vid = L.uuid(); keep(); }
      L.video(V, r, doc, sess.vid, tag).forEach(function (x) { send(x.verb, x.object, x.result, ctx(false, false, parent, x.ext, x.category)); });
      dirty = true; // the segments seen are in the State document
    },
    commit: function () {
      if (!normal()) return Promise.resolve(!!client && mode !== "normal");
      if (dirty) { dirty = false; doc.savedAt = L.timestamp(); client.putState(p.activityId, V.documents.state, doc); }
      return client.flush();
    },
    finish: function () {
      if (!client || done || !sess) return Promise.resolve(!!client);
      var live = sess.init && !sess.term;
      if (live) {
        if (mode === "normal" && doc && dirty) { doc.savedAt = L.timestamp(); client.putState(p.activityId, V.documents.state, doc); }
        defined("terminated", {duration: L.duration(Date.now() - sess.t0)});
        sess.term = true; keep();
      }
      done = true;
      return client.final().then(function (ok) {
        var back = webAddress(ld.returnURL); // cmi5 §10: back to the LMS, but only to a web page
        if (back && !leaving) window.location.assign(back);
        return ok || !live;
      });
    }
  };
})();
