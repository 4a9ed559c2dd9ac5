/* trail adapter for the standalone web build: progress lives in this browser's localStorage. */
(function () {
  "use strict";
  var key = null, pending = null, done = false;
  function store() { try { return window.localStorage; } catch (e) { return null; } }

  window.TrailAdapter = {
    name: "web",
    start: function (data) {
      key = "trail:web:" + data.course.id;
      var s = store(), v = null;
      try { v = s && JSON.parse(s.getItem(key) || "null"); } catch (e) { v = null; }
      v = v && typeof v === "object" ? v : {};
      return Promise.resolve({ok: !!s, state: v.state || null, bookmark: v.bookmark || null, mode: "normal",
        resumed: !!v.state, learnerName: null, limits: {state: null}});
    },
    save: function (snap) {
      pending = {state: snap.state, bookmark: snap.bookmark, completed: snap.completed, passed: snap.passed,
        score: snap.score && snap.score.raw, saved: new Date().toISOString()};
    },
    interaction: function () { /* nobody to report answers to: the state keeps them */ },
    commit: function () {
      var s = store();
      if (!s || done) return Promise.resolve(false);
      if (!pending) return Promise.resolve(true);
      try { s.setItem(key, JSON.stringify(pending)); return Promise.resolve(true); } catch (e) { return Promise.resolve(false); }
    },
    finish: function () {
      var ok = window.TrailAdapter.commit();
      done = true;
      return ok;
    }
  };
})();
