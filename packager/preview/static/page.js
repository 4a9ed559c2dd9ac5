/* trail preview: the stand-in page. Follows the server's build events, launches the
 * course in the iframe against a fresh LMS session, and shows the API log and the
 * data model. */
(function () {
  "use strict";
  var LMS = window.TrailPreviewLMS, LRS = window.TrailPreviewLRS;
  var MAX_LOG = 2000, SHOW_CHARS = 100;
  var LIMITS = { "1.2": { "cmi.suspend_data": 4096, "cmi.core.lesson_location": 255 },
    "2004": { "cmi.suspend_data": 64000, "cmi.location": 1000 } };
  var KINDS = { resume: "relaunch (resume)", "new": "new attempt", reload: "live reload", first: "first launch" };

  function $(id) { return document.getElementById(id); }
  var els = {
    title: $("course-title"), format: $("format"), relaunch: $("relaunch"), fresh: $("new-attempt"),
    status: $("build-status"), problems: $("problems"), problemsHeading: $("problems-heading"),
    problemsSummary: $("problems-summary"), problemsList: $("problems-list"), frame: $("course"),
    log: $("log"), logSummary: $("log-summary"), hideQueries: $("hide-queries"), clear: $("clear-log"),
    session: $("session-summary"), data: $("data-body"), scoField: $("sco-field"), sco: $("sco")
  };
  var server = null, session = null, launches = 0, calls = 0, warnings = 0, dataTimer = 0;
  var item = 0; // a package of several SCOs: the one launched, by its place in the manifest's table of contents

  /* A package of several SCOs (sco_mode per-site): its items, as an LMS lists them; [] for one SCO. */
  function scos() {
    var list = (server && server.launch && server.launch.items) || [];
    return list.length > 1 ? list : [];
  }
  function tocMenu() {
    var list = scos(), names = list.map(function (it) { return it.id; }).join();
    els.scoField.hidden = !list.length;
    if (item >= list.length) { item = 0; }
    if (els.sco.getAttribute("data-items") !== names) {
      els.sco.textContent = "";
      list.forEach(function (it, i) { els.sco.appendChild(new Option(it.title + " (" + it.id + ")", String(i))); });
      els.sco.setAttribute("data-items", names);
    }
    els.sco.value = String(item);
  }
  /* What an LMS does with the adl.nav.request a SCO leaves at Terminate: choice (or jump) launches the
     item named, continue and previous the next and previous one; the rest ends at the table of contents. */
  function navigate(request) {
    var list = scos(), ids = list.map(function (it) { return it.id; }), target = -1;
    var m = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    if (m) { target = ids.indexOf(m[1]); }
    if (request === "continue") { target = item + 1; }
    if (request === "previous") { target = item - 1; }
    if (target < 0 || target >= list.length) {
      addLog({ kind: "note", session: launches, level: "info", text: "Navigation request " + request +
        ": nothing to launch; an LMS shows its table of contents." });
      return;
    }
    addLog({ kind: "note", session: launches, level: "info", text: "Navigation request " + request +
      ": the LMS launches " + list[target].id + " (" + list[target].title + ")." });
    item = target;
    tocMenu();
    launch("resume");
  }
  function forget(prefix) { // a new attempt of a package of several SCOs: every SCO's record and the shared data
    Object.keys(window.sessionStorage).forEach(function (k) { if (k.indexOf(prefix) === 0) { window.sessionStorage.removeItem(k); } });
  }

  function versionOf(fmt) { return fmt === "scorm12" ? "1.2" : fmt === "scorm2004" ? "2004" : null; }
  function show(value) {
    if (typeof value !== "string") { return String(value); }
    if (value.length <= SHOW_CHARS) { return JSON.stringify(value); }
    return JSON.stringify(value.slice(0, SHOW_CHARS)) + "… (" + value.length + " characters)";
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function addLog(entry) {
    var warn = entry.level === "warn" || (entry.warnings && entry.warnings.length > 0);
    var query = entry.kind === "call" && entry.code === null;
    var li = el("li", "log__item" + (entry.kind === "note" ? " is-note" : "") + (warn ? " is-warn" : "") +
      (query ? " is-query" : ""));
    li.appendChild(el("span", "log__session", "#" + entry.session));
    if (warn) { li.appendChild(el("span", "warn-badge", "Warning")); li.appendChild(document.createTextNode(" ")); }
    if (entry.kind === "note") {
      li.appendChild(document.createTextNode(entry.text));
    } else {
      calls += 1;
      li.appendChild(el("code", "log__call", entry.fn + "(" + entry.args.map(show).join(", ") + ")"));
      li.appendChild(document.createTextNode(" → "));
      li.appendChild(el("code", "log__result", show(entry.result)));
      if (entry.code) { li.appendChild(el("span", "log__error", " error " + entry.code + " (" + entry.error + ")")); }
      if (entry.warnings.length) {
        var ul = el("ul", "log__warnings");
        entry.warnings.forEach(function (w) { ul.appendChild(el("li", "", w)); });
        li.appendChild(ul);
      }
    }
    if (warn) { warnings += 1; }
    els.log.insertBefore(li, els.log.firstChild);
    while (els.log.childNodes.length > MAX_LOG) { els.log.removeChild(els.log.lastChild); }
    els.logSummary.textContent = calls + " call(s), " + warnings + " warning(s).";
  }

  function renderData() {
    dataTimer = 0;
    els.data.textContent = "";
    if (!session) {
      els.session.textContent = server && server.builtFormat === "web"
        ? "The web build keeps progress in the browser's localStorage; there is no LMS session." : "No LMS session.";
      return;
    }
    els.session.textContent = "Session " + session.number + " · SCORM " + session.version + " · " + session.state +
      " · attempt " + session.attempt + " · " + session.uncommitted + " value(s) set since the last commit.";
    var limits = LIMITS[session.version];
    session.store.entries().forEach(function (pair) {
      var tr = el("tr"), name = el("td"), value = el("td");
      name.appendChild(el("code", "", pair[0]));
      value.appendChild(el("code", "", pair[1].length > 2000 ? pair[1].slice(0, 2000) + "…" : pair[1]));
      if (limits[pair[0]]) {
        var over = pair[1].length > limits[pair[0]];
        value.appendChild(el("span", "data__size" + (over ? " is-over" : ""),
          " (" + pair[1].length + " of " + limits[pair[0]] + " characters)"));
      }
      tr.appendChild(name);
      tr.appendChild(value);
      els.data.appendChild(tr);
    });
  }
  function scheduleData() { if (!dataTimer) { dataTimer = window.setTimeout(renderData, 60); } }

  function launch(kind) {
    if (!server || !server.build) { return; }
    var fmt = server.builtFormat, version = versionOf(fmt), hash = "", list = scos(), it = list[item] || server.launch;
    var key = "trail-preview:" + server.courseId + ":" + fmt;
    if (kind === "reload") {  // stay on the page the designer is editing
      try { hash = els.frame.contentWindow.location.hash || ""; } catch (e) { hash = ""; }
    }
    launches += 1;
    var previous = session;
    session = null;
    window.API = undefined;
    window.API_1484_11 = undefined;
    addLog({ kind: "note", session: launches, level: "info",
      text: "Launch " + launches + ": build " + server.build + " (" + fmt + "), " + KINDS[kind] +
        (list.length ? ", SCO " + it.id + " (" + it.title + ")" : "") + "." });
    if (version) {
      if (kind === "new" && list.length) { forget(key); }
      session = new LMS.Session({ number: launches, version: version, key: list.length ? key + "|sco|" + it.id : key,
        launch: it, fresh: kind === "new", previous: previous, log: addLog, changed: scheduleData,
        items: list, shared: key, navigate: list.length ? navigate : null });
      window[version === "1.2" ? "API" : "API_1484_11"] = session.api;
    } else if (!LRS.handles(fmt)) {
      if (kind === "new") { window.localStorage.clear(); }
      addLog({ kind: "note", session: launches, level: "info", text: "The web build runs without an LMS: it keeps " +
        "progress in this browser's localStorage" + (kind === "new" ? " (cleared for this new attempt)" : "") + "." });
    }
    els.frame.title = "Course: " + server.title + " (build " + server.build + ", " + fmt + ")";
    if (LRS.handles(fmt)) { // the LRS stand-in seeds the launch and makes its URL (lrs.js)
      LRS.launch(server, kind).then(function (url) { els.frame.src = url + hash; }, function (error) {
        LRS.note(launches, "Could not launch: " + error.message);
      });
      return;
    }
    var query = (it.parameters || "").replace(/^\?/, "");
    els.frame.src = "/course/" + it.href + "?" + (query ? query + "&" : "") + "build=" + server.build +
      "&launch=" + launches + hash;
    scheduleData();
  }

  function renderProblems(state) {
    var problems = state.problems || [];
    els.problemsList.textContent = "";
    els.problems.hidden = problems.length === 0;
    els.problems.classList.toggle("is-warnings", state.ok);
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    els.problemsHeading.textContent = state.ok ? "Build warnings" : "Build problems";
    els.problemsSummary.textContent = state.ok ? problems.length + " warning(s); the build is live."
      : errors + " error(s). " + (state.build ? "Still showing the last good build (" + state.build + ")." : "Nothing to show until they are fixed.");
    problems.forEach(function (p) {
      els.problemsList.appendChild(el("li", p.severity === "error" ? "is-error" : "", p.text));
    });
  }

  function formatMenu(state) { // the formats the preview can run, as the server's format registry lists them
    var names = state.formats || [], titles = state.formatTitles || {};
    if (Array.prototype.map.call(els.format.options, function (o) { return o.value; }).join() === names.join()) return;
    els.format.textContent = "";
    names.forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      option.textContent = titles[name] || name;
      els.format.appendChild(option);
    });
  }

  function apply(state) {
    var previous = server;
    server = state;
    formatMenu(state);
    tocMenu();
    els.title.textContent = state.title || "trail preview";
    document.title = (state.title ? state.title + " · " : "") + "trail preview";
    els.format.value = state.format;
    els.format.disabled = false;
    els.status.className = "bar__status " + (state.building ? "" : state.ok ? "is-ok" : "is-problem");
    if (state.building) {
      els.status.textContent = "Building " + state.format + "…";
    } else if (state.ok) {
      els.status.textContent = "Build " + state.build + " (" + state.builtFormat + ") is live; watching for changes.";
    } else {
      els.status.textContent = "The course has problems: " + (state.build ? "still showing build " + state.build + "." : "nothing to show yet.");
    }
    if (!state.building) { renderProblems(state); LRS.show(state); }
    if (state.build && (!previous || previous.build !== state.build || previous.builtFormat !== state.builtFormat)) {
      launch(previous && previous.build ? "reload" : (launches ? "reload" : "first"));
    }
  }

  function connect() {
    var events = new window.EventSource("/__preview/events");
    events.addEventListener("state", function (event) { apply(JSON.parse(event.data)); });
    events.onerror = function () {
      els.status.className = "bar__status is-problem";
      els.status.textContent = "Lost the connection to trail preview; retrying… (is `trail preview` still running?)";
    };
  }

  els.format.addEventListener("change", function () {
    els.format.disabled = true;
    els.status.textContent = "Building " + els.format.value + "…";
    window.fetch("/__preview/format", { method: "POST", headers: { "Content-Type": "application/json", "X-Trail-Preview": "1" },
      body: JSON.stringify({ format: els.format.value }) }).catch(function () { els.format.disabled = false; });
  });
  els.relaunch.addEventListener("click", function () { launch("resume"); });
  els.sco.addEventListener("change", function () { item = parseInt(els.sco.value, 10) || 0; launch("resume"); });
  LRS.onActivity(function () { launch("resume"); });
  els.fresh.addEventListener("click", function () { launch("new"); });
  els.clear.addEventListener("click", function () {
    els.log.textContent = "";
    calls = 0;
    warnings = 0;
    els.logSummary.textContent = "No calls yet.";
  });
  els.hideQueries.addEventListener("change", function () {
    els.log.classList.toggle("hide-queries", els.hideQueries.checked);
  });
  window.TrailPreview = { launch: launch, current: function () { return session; } };
  connect();
}());
