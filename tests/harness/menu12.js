/*
 * trail test LMS, multi-SCO SCORM 1.2: the package's items launched from the LMS's table of contents,
 * as Moodle's player does. SCORM 1.2 has no sequencing and no navigation request: the learner picks an
 * item in the menu (lms.launch(id) in a test), and the LMS launches the first item on entry.
 *
 * What the LMS keeps per SCO, and nothing across SCOs: each launch gets a fresh Scorm12API seeded with
 * the LMS's own values, the item's adlcp:masteryscore (cmi.student_data.mastery_score), the SCO's last
 * lesson_status, and for a SCO left with cmi.core.exit "suspend" its whole last CMI with entry "resume".
 * Picking another item unloads the SCO in the frame first (it finishes on pagehide), as Moodle's menu
 * does; window.__lms.launches records each launch's CMI at LMSFinish.
 * (scorm-again 3.4.3 declares a Scorm12Sequencer in its types but ships no implementation of it.)
 */
(function () {
  "use strict";
  function all(node, local) { return Array.prototype.slice.call(node.getElementsByTagNameNS("*", local)); }
  function own(it, local) { return all(it, local).filter(function (e) { return e.parentNode === it; })[0]; }

  function itemsOf(xml) {
    var doc = new DOMParser().parseFromString(xml, "application/xml"), hrefs = {};
    all(doc, "resource").forEach(function (r) { hrefs[r.getAttribute("identifier")] = r.getAttribute("href"); });
    return all(doc, "item").filter(function (it) { return it.hasAttribute("identifierref"); }).map(function (it) {
      var mastery = own(it, "masteryscore");
      return {id: it.getAttribute("identifier"), title: own(it, "title").textContent.trim(),
              href: hrefs[it.getAttribute("identifierref")] + (it.getAttribute("parameters") || ""),
              mastery: mastery ? mastery.textContent.trim() : null};
    });
  }

  function resumeSeed(old) { // what the LMS hands back to a SCO it has seen before
    var cmi = JSON.parse(JSON.stringify(old)), core = cmi.core || {};
    if (core.exit !== "suspend") return {cmi: {core: {lesson_status: core.lesson_status || "not attempted"}}};
    delete core.exit; delete core.session_time; delete core.total_time;
    core.entry = "resume";
    return {cmi: cmi};
  }

  function run(o) {
    var lms = window.__lms, byId = {}, frame, record = null, queued = null;
    lms.launches = []; lms.items = [];
    fetch(new URL("imsmanifest.xml", o.pkgUrl).href, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (xml) {
      var menu = document.createElement("nav"), list = document.createElement("ul");
      menu.setAttribute("aria-label", "Table of contents");
      itemsOf(xml).forEach(function (i) {
        var li = document.createElement("li"), b = document.createElement("button");
        byId[i.id] = i; lms.items.push(i.id);
        b.type = "button"; b.textContent = i.title; b.setAttribute("data-item", i.id);
        b.addEventListener("click", function () { choose(i.id); });
        li.appendChild(b); list.appendChild(li);
      });
      menu.appendChild(list);
      frame = document.createElement("iframe");
      frame.id = "sco"; frame.name = "sco"; frame.title = "Course";
      frame.addEventListener("load", function () { lms.frameLoads += 1; });
      document.getElementById("stage").appendChild(menu);
      document.getElementById("stage").appendChild(frame);
      lms.launch = choose;
      launch(lms.items[0]);
      lms.ready = true;
    }).catch(function (err) { lms.failed = "menu12: " + (err && err.stack || err); });

    function choose(id) { // the learner picks an item: the SCO in the frame goes first
      if (!byId[id]) throw new Error("no item " + id);
      if (record && !record.cmi) { queued = id; frame.src = "about:blank"; return; }
      launch(id);
    }

    function launch(id) {
      var item = byId[id], before = lms.launches.filter(function (l) { return l.item === id && l.cmi; }).pop();
      var seed = o.merge(o.seed, before ? resumeSeed(before.cmi) : {});
      seed = o.merge(seed, {cmi: {student_data: {mastery_score: item.mastery || ""}}});
      var api = new window[o.spec.ctor](o.settings);
      api.loadFromJSON(seed);
      record = {item: id, seed: seed, cmi: null};
      lms.launches.push(record);
      o.wrap(api, o.spec, function () {
        var data = api.renderCMIToJSONObject();
        record.cmi = data.cmi || data;
        if (queued) { var next = queued; queued = null; setTimeout(function () { launch(next); }, 0); }
      });
      window[o.spec.global] = api;
      lms.terminated = false;
      lms.current = id;
      frame.src = new URL(item.href, o.pkgUrl).href;
    }
  }
  window.TrailMenu12 = {run: run};
})();
