/* trail adapter for xAPI (Tin Can launch). Needs lrs.js before it (both are trail/adapter.js).
 * Endpoint, auth, actor, registration and activity_id come from the launch URL only.
 * Statements: initialized, experienced (a site opened), answered, progressed, completed,
 * passed / failed (each once per registration, never on open or unload), terminated; video
 * played / paused / seeked / completed (xAPI Video Profile, built by lrs.js `video()`).
 * Resume: one State API document (vocabulary.documents.state) per activity, agent, registration. */
(function () {
  "use strict";
  var L = window.TrailLRS;
  var V, tag, platform = "trail", client = null, course, courseDef, t0 = 0, base = 0, last = null, doc = null, dirty = false, done = false, bySite = {}, byQ = {};
  var may = null, asked = {}; // may(verb): neither acknowledged nor waiting; asked: queued by this page
  var session = null; // the id of this page's initialized statement: the Video Profile's session-id

  function activity(id, type, name) {
    var a = {objectType: "Activity", id: id, definition: {type: type}};
    if (name) a.definition.name = L.lang(name, tag);
    return a;
  }
  function statement(verb, object, result, parent, more) { // more: {ext, category} (video statements)
    var ctx = {contextActivities: {}, language: tag, platform: platform};
    if (client.registration) ctx.registration = client.registration;
    if (parent) { ctx.contextActivities.parent = [parent]; if (parent.id !== course.id) ctx.contextActivities.grouping = [course]; }
    if (more && more.category) ctx.contextActivities.category = more.category;
    if (!parent && !(more && more.category)) delete ctx.contextActivities;
    if (more && more.ext) ctx.extensions = more.ext;
    var st = {actor: client.actor, verb: {id: V.verbs[verb].id, display: V.verbs[verb].display}, object: object, context: ctx};
    if (result) st.result = result;
    return client.send(st);
  }
  function siteActivity(slug) { var s = bySite[slug]; return s && activity(s.id, V.activityTypes.module, s.title); }
  function opened(slug) { // experienced: a site opened (the bookmark moved, or a site was visited unseen)
    if (!bySite[slug] || slug === last) return;
    last = slug;
    if (doc.seen.indexOf(slug) < 0) doc.seen.push(slug);
    statement("experienced", siteActivity(slug), null, course);
  }
  function judged(s) { return {scaled: s.score.scaled, raw: s.score.raw, min: 0, max: 100}; }

  window.TrailAdapter = {
    name: "xapi",
    start: function (d, hooks) {
      V = d.vocabulary; tag = d.course.language || "nb"; platform = d.course.platform || "trail"; // settings.json
      var off = {ok: false, state: null, bookmark: null, mode: "normal", resumed: false, learnerName: null, limits: {state: null}};
      var p = L.params(location.search), actor = L.agent(p.actor);
      if (!p.endpoint || !actor || !window.fetch) return Promise.resolve(off); // not launched by an LMS: say so
      var auth = p.auth || null;
      if (auth && /^Basic /i.test(auth)) auth = "Basic " + auth.slice(6).replace(/ /g, "+"); // '+' of base64 sent unencoded
      client = new L.Client({endpoint: p.endpoint, auth: auth, actor: actor, registration: p.registration});
      (d.sites || []).forEach(function (s) { bySite[s.slug] = s; (s.questions || []).forEach(function (q) { byQ[q.activity] = q; }); });
      courseDef = activity(p.activity_id || d.course.id, V.activityTypes.course, d.course.title);
      course = {objectType: "Activity", id: courseDef.id, definition: {type: V.activityTypes.course}};
      t0 = Date.now();
      var id = courseDef.id, sid = V.documents.state;
      client.merger(id, sid, L.merger(hooks));
      may = L.judged(client, V, course.id, function () { return doc; }, function () { dirty = true; client.soon(); });
      function got(remote) {
        doc = client.adopt(id, sid, remote) || {}; // a save that has not reached the LRS yet: merged with the LRS's
        doc.sent = doc.sent || {}; doc.seen = doc.seen || []; doc.pct = doc.pct || 0; doc.ms = doc.ms || 0;
        base = doc.ms; last = doc.bookmark || null; // time of earlier sessions; the site open last
        session = statement("initialized", courseDef).id;
        client.flush();
        return {ok: true, state: doc.state || null, bookmark: doc.bookmark || null, mode: "normal",
          resumed: !!doc.state || remote === undefined, learnerName: actor.name || null,
          learnerId: actor.mbox || actor.account && actor.account.name || actor.openid || actor.mbox_sha1sum || null,
          limits: {state: null}};
      }
      return client.getState(id, sid, 8000).then(null, function () { return client.getState(id, sid, 8000); })
        .then(got, function () { return got(undefined); }); // unreachable: the tracker's browser copy stands in
    },
    save: function (s) {
      if (!client || done || !doc) return;
      var bm = s.bookmark;
      (s.sites || []).forEach(function (x) { if (x.visited && doc.seen.indexOf(x.slug) < 0 && x.slug !== bm) opened(x.slug); });
      if (bm) opened(bm);
      var pct = Math.floor((s.progress || 0) * 100), ms = base + (s.sessionMs || 0), res = {};
      if (!doc.sent.completed && pct > doc.pct && pct < 100) {
        res[V.extensions.progress] = pct;
        statement("progressed", course, {extensions: res});
      }
      if (s.completed && may("completed") && !asked.completed) {
        asked.completed = true;
        // Without a passing score no passed/failed will carry the score: completed does, so an
        // LRS report never shows a learner who answered as unscored (cmi5 allows no score here).
        var finished = {completion: true, duration: L.duration(ms)};
        if (s.score && s.passed == null) finished.score = judged(s);
        statement("completed", course, finished);
      }
      if (s.passed === true && s.score && may("passed") && !asked.passed) {
        asked.passed = true;
        statement("passed", course, {success: true, score: judged(s), duration: L.duration(ms)});
      } else if (s.passed === false && s.score && may("passed") && may("failed") && !asked.passed && !asked.failed) {
        asked.failed = true;
        statement("failed", course, {success: false, score: judged(s), duration: L.duration(ms)});
      }
      doc.pct = Math.max(doc.pct, pct); L.stamp(doc, s); doc.bookmark = bm; doc.ms = ms;
      dirty = true;
    },
    interaction: function (r) {
      if (!client || done || !doc) return;
      if (r.site) opened(r.site.slug); // answers come before the debounced save that reports the visit
      var q = byQ[r.activity] || null, site = r.site ? siteActivity(r.site.slug) : null;
      var result = {response: L.response(r.type, r.response)};
      if (r.result === "correct" || r.result === "incorrect") {
        result.success = r.result === "correct";
        if (r.weight > 0) result.score = {scaled: result.success ? 1 : 0, raw: result.success ? r.weight : 0, min: 0, max: r.weight};
      }
      if (r.latencyMs != null) result.duration = L.duration(r.latencyMs);
      var obj = {objectType: "Activity", id: r.activity, definition: L.definition(q, r, V, tag)};
      statement("answered", obj, result, site || course);
    },
    video: function (r) { // played / paused / seeked, and completed once the share seen reaches the threshold
      if (!client || done || !doc || !bySite[r.site && r.site.slug]) return;
      opened(r.site.slug);
      L.video(V, r, doc, session, tag).forEach(function (x) { statement(x.verb, x.object, x.result, siteActivity(r.site.slug), x); });
      dirty = true; // the segments seen are in the State document
    },
    commit: function () {
      if (!client || done) return Promise.resolve(false);
      if (dirty) { dirty = false; doc.savedAt = L.timestamp(); client.putState(course.id, V.documents.state, doc); }
      return client.flush();
    },
    finish: function () {
      if (!client || done) return Promise.resolve(false);
      done = true;
      statement("terminated", courseDef, {duration: L.duration(Date.now() - t0)});
      if (doc) { doc.savedAt = L.timestamp(); client.putState(course.id, V.documents.state, doc); }
      return client.final();
    }
  };
})();
