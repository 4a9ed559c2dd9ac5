/*
 * trail test LMS, multi-SCO: launches a SCORM 2004 package's items one after another, as an LMS
 * player does. What it keeps across SCOs, and nothing more: the shared data stores (adlcp:data,
 * scorm-again's adl.data, restored into each new API) and each item's last CMI (to resume it).
 * A choice request (adl.nav.request "{target=ID}choice") is acted on when the SCO terminates:
 * the harness launches that item in the same frame (config `choice: false`: an LMS that answers
 * adl.nav.request_valid.choice "false" for every item). Rollup is not simulated: tests read each
 * launch's CMI in window.__lms.launches and judge the manifest's rules against it.
 */
(function () {
  "use strict";
  function all(node, local) { return Array.prototype.slice.call(node.getElementsByTagNameNS("*", local)); }

  function itemsOf(xml) {
    var doc = new DOMParser().parseFromString(xml, "application/xml"), hrefs = {};
    all(doc, "resource").forEach(function (r) { hrefs[r.getAttribute("identifier")] = r.getAttribute("href"); });
    return all(doc, "item").filter(function (it) { return it.hasAttribute("identifierref"); }).map(function (it) {
      var maps = all(it, "map").map(function (m) {
        return {targetID: m.getAttribute("targetID"), readSharedData: m.getAttribute("readSharedData") !== "false",
                writeSharedData: m.getAttribute("writeSharedData") === "true"};
      });
      return {id: it.getAttribute("identifier"), href: hrefs[it.getAttribute("identifierref")] + (it.getAttribute("parameters") || ""),
              maps: maps};
    });
  }

  function run(o) {
    var lms = window.__lms, byId = {}, frame;
    lms.launches = []; lms.shared = {}; lms.items = [];
    fetch(new URL("imsmanifest.xml", o.pkgUrl).href, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (xml) {
      itemsOf(xml).forEach(function (i) { byId[i.id] = i; lms.items.push(i.id); });
      frame = document.createElement("iframe");
      frame.id = "sco"; frame.name = "sco"; frame.title = "Course";
      frame.addEventListener("load", function () { lms.frameLoads += 1; });
      document.getElementById("stage").appendChild(frame);
      lms.launch = launch; // a test may launch an item as a learner picking it from the LMS's menu
      launch(lms.items[0]);
      lms.ready = true;
    }).catch(function (err) { lms.failed = "sequencer: " + (err && err.stack || err); });

    function launch(id) {
      var item = byId[id], before = lms.launches.filter(function (l) { return l.item === id && l.cmi; }).pop();
      var old = before && before.cmi, again = old && old.exit === "suspend";
      var api = new window[o.spec.ctor](o.settings);
      api.loadFromJSON(o.merge(o.seed, again ? {cmi: {entry: "resume", location: old.location || "",
        suspend_data: old.suspend_data || "", completion_status: old.completion_status,
        success_status: old.success_status}} : {}));
      api.adl.configureSharedDataMaps(item.maps);
      api.adl.restoreSharedDataSnapshot(lms.shared);
      var record = {item: id, nav: null, cmi: null};
      lms.launches.push(record);
      api.on("SequenceChoice", function (target) { record.nav = target; });
      // The LMS's answer for a choice: any item (the organization allows choice, with no preconditions);
      // none with the test's choice: false (an LMS that offers no choice navigation to content).
      // scorm-again's own sequencer, left without an activity tree here, would say "false" to all.
      var getValue = api.GetValue;
      api.GetValue = function (element) {
        var m = /^adl\.nav\.request_valid\.choice\.\{target=([^}]*)\}$/.exec(String(element));
        if (m) { getValue.call(api, "cmi.mode"); return o.choice && byId[m[1]] ? "true" : "false"; } // resets the last error
        return getValue.apply(api, arguments);
      };
      o.wrap(api, o.spec, function () {
        lms.shared = api.adl.captureSharedDataSnapshot();
        var data = api.renderCMIToJSONObject();
        record.cmi = data.cmi || data;
        if (record.nav && byId[record.nav]) setTimeout(function () { launch(record.nav); }, 0);
      });
      window[o.spec.global] = api;
      lms.terminated = false;
      lms.current = id;
      frame.src = new URL(item.href, o.pkgUrl).href;
    }
  }
  window.TrailSequencer = {run: run};
})();
