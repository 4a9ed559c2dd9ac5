/*
 * trail test LMS, multi-SCO: a SCORM 2004 package played as a sequencing LMS plays it, with
 * scorm-again's own sequencing engine deciding everything a sequencer decides.
 *
 * The package's imsmanifest.xml is read into the engine's activity tree by manifest-sequencing.js
 * (controlMode, rollup rules and controls, objectives and their maps, delivery controls, shared
 * data maps; anything else stops the run). Then, as an LMS does:
 * - the engine's `start` request picks the first SCO; each delivery (onActivityDelivery) is
 *   launched in the same frame once the SCO before it has terminated;
 * - the SCO's adl.nav.request_valid.* are the engine's answers, and the adl.nav.request it leaves
 *   at Terminate is processed by the engine (choice, continue, previous, ...): only an activity
 *   the engine delivers is launched;
 * - the engine's rollup (measure, objective, progress) runs on each Terminate; every launch
 *   records the root activity's (the course's) and each item's status right after it.
 * - between SCOs the one API is reset (the engine's tree, global objectives and current activity
 *   stay), the shared data stores (adlcp:data) are carried over, and a SCO left with
 *   cmi.exit "suspend" is resumed with its own CMI.
 * Config `choice: false` is an LMS that offers no choice navigation to content: it answers
 * adl.nav.request_valid.choice "false" and ignores a choice request, whatever the engine says.
 * Config `ignoreNav: true` is an LMS that accepts every request and launches nothing (the page stays).
 * lms.navigate("continue" | "previous") is the LMS's own Continue/Previous button: the SCO is
 * unloaded (it terminates on pagehide) and the engine processes the request.
 */
(function () {
  "use strict";
  function statusOf(a) {
    return {id: a.id, completion: a.completionStatus, success: a.successStatus,
            measure: a.objectiveMeasureStatus ? a.objectiveNormalizedMeasure : null};
  }

  function run(o) {
    var lms = window.__lms, frame, api, t, pending = null, record = null, nav = null, origGet;
    lms.launches = []; lms.shared = {}; lms.items = []; lms.deliveries = []; lms.navigations = [];
    fetch(new URL("imsmanifest.xml", o.pkgUrl).href, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (xml) {
      t = window.TrailManifestSequencing.translate(xml);
      lms.items = t.items.slice();
      lms.tree = t.tree; // what the engine was given, for the tests to read
      var listeners = {onActivityDelivery: function (a) { lms.deliveries.push(a.id); pending = a.id; }};
      api = new window[o.spec.ctor](o.merge(o.settings, {sequencing: {activityTree: t.tree, eventListeners: listeners}}));
      origGet = api.GetValue;
      api.GetValue = function (element) {
        if (!o.choice && /^adl\.nav\.request_valid\.choice\./.test(String(element))) { origGet.call(api, "cmi.mode"); return "false"; }
        return origGet.apply(api, arguments);
      };
      var setValue = api.SetValue; // the request the SCO leaves for Terminate, as the SCO set it
      api.SetValue = function (element, value) {
        var r = setValue.apply(api, arguments);
        if (String(element) === "adl.nav.request" && String(r) === "true") {
          nav = String(value);
          if (!o.choice && /choice$/.test(nav)) api.adl.nav.request = "_none_"; // an LMS without choice ignores it
        }
        return r;
      };
      o.wrap(api, o.spec, finished);
      window[o.spec.global] = api;
      frame = document.createElement("iframe");
      frame.id = "sco"; frame.name = "sco"; frame.title = "Course";
      frame.addEventListener("load", function () { lms.frameLoads += 1; });
      document.getElementById("stage").appendChild(frame);
      lms.navigate = navigate;
      lms.status = status;
      if (!api.processNavigationRequest("start") || !pending) throw new Error("the engine delivered nothing on start");
      launch(take());
      lms.ready = true;
    }).catch(function (err) { lms.failed = "sequencer: " + (err && err.message || err); });

    function take() { var id = pending; pending = null; return id; }
    function status() {
      var root = api.getSequencingState().rootActivity, osp = api.adl.sequencing.overallSequencingProcess;
      return {course: statusOf(root), items: root.children.map(statusOf),
              globals: JSON.parse(JSON.stringify(osp ? osp.getGlobalObjectiveMapSnapshot() : {}))};
    }

    function finished() { // after a successful Terminate: the engine has processed the request
      lms.shared = api.adl.captureSharedDataSnapshot();
      var data = api.renderCMIToJSONObject();
      record.cmi = data.cmi || data;
      record.after = status();
      record.nav = nav; nav = null;
      var next = take();
      record.delivered = next;
      if (o.ignoreNav) return; // an LMS that takes the request and launches nothing
      if (next) setTimeout(function () { launch(next); }, 0);
    }

    function launch(id) {
      var before = lms.launches.filter(function (l) { return l.item === id && l.cmi; }).pop();
      var old = before && before.cmi, again = old && old.exit === "suspend";
      if (lms.launches.length) {
        api.reset();
        api.adl.restoreSharedDataSnapshot(lms.shared);
      }
      api.loadFromJSON(o.merge(o.seed, again ? {cmi: {entry: "resume", location: old.location || "",
        suspend_data: old.suspend_data || "", completion_status: old.completion_status,
        success_status: old.success_status}} : {}));
      record = {item: id, nav: null, cmi: null, delivered: null, after: null};
      lms.launches.push(record);
      lms.terminated = false;
      lms.current = id;
      frame.src = new URL(t.launches[id], o.pkgUrl).href;
    }

    function navigate(request) { // the LMS's own Continue / Previous button
      lms.navigations.push(request);
      api.adl.nav.request = request;
      nav = request;
      frame.src = "about:blank"; // the SCO goes; its pagehide terminates it with the request pending
    }
  }
  window.TrailSequencer = {run: run};
})();
