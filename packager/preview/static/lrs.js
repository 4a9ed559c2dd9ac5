/* trail preview: the xAPI / cmi5 side of the stand-in page. Asks the preview's LRS stand-in to
 * launch the built package (packager/preview/lrs/), then follows its events: each statement as it
 * arrives (verb, object, result; the whole JSON when opened), each refused request in red with
 * its rule id and reason, and the State and Agent Profile documents with their ETags. */
(function () {
  "use strict";
  var FORMATS = { xapi: "xAPI (Tin Can)", cmi5: "cmi5" }, MAX_LOG = 2000;
  function $(id) { return document.getElementById(id); }
  var els = {
    parts: document.querySelectorAll(".panel__part--scorm"), lrsParts: document.querySelectorAll(".panel__part--lrs"),
    auField: $("au-field"), au: $("au"), log: $("statements"), summary: $("statements-summary"),
    docs: $("documents-body"), docSummary: $("documents-summary"), clear: $("clear-statements")
  };
  var stream = null, counts = { statements: 0, refused: 0 }, docs = {}, auKey = "", registration = null;
  var names = {}; // the LMS's activity id of each launched AU → its title (cmi5 defined statements carry no name)

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function lang(map) { // a language map's text: English (the page's language), bokmål, then any
    if (!map || typeof map !== "object") { return ""; }
    var keys = ["en", "en-US", "en-GB", "nb", "nb-NO"];
    for (var i = 0; i < keys.length; i++) { if (map[keys[i]]) { return map[keys[i]]; } }
    var any = Object.keys(map);
    return any.length ? map[any[0]] : "";
  }
  function verbOf(st) {
    var verb = st.verb || {};
    return lang(verb.display) || String(verb.id || "?").split("/").pop();
  }
  function objectOf(st) {
    var o = st.object || {};
    return lang((o.definition || {}).name) || names[o.id] || o.id || "?";
  }
  function resultOf(st) {
    var r = st.result, out = [];
    if (!r) { return ""; }
    if (r.score) {
      if (r.score.scaled !== undefined) { out.push("score " + r.score.scaled); }
      if (r.score.raw !== undefined) { out.push(r.score.raw + (r.score.max !== undefined ? "/" + r.score.max : "")); }
    }
    if (r.success !== undefined) { out.push("success " + r.success); }
    if (r.completion !== undefined) { out.push("completion " + r.completion); }
    if (r.response !== undefined) { out.push("response " + JSON.stringify(r.response)); }
    return out.join(", ");
  }
  function details(summaryText, cls, json) { // the JSON behind a line, opened by click or keyboard
    var box = el("details", "lrs__details");
    var summary = el("summary", cls || "", summaryText);
    box.appendChild(summary);
    box.appendChild(el("pre", "lrs__json", JSON.stringify(json, null, 2)));
    return box;
  }
  function add(li) {
    els.log.insertBefore(li, els.log.firstChild);
    while (els.log.childNodes.length > MAX_LOG) { els.log.removeChild(els.log.lastChild); }
    els.summary.textContent = counts.statements + " statement(s), " + counts.refused + " refused request(s).";
  }

  function statement(event) {
    var st = event.statement, li = el("li", "log__item lrs__statement"), result = resultOf(st);
    counts.statements += 1;
    var text = verbOf(st) + " · " + objectOf(st) + (result ? " · " + result : "");
    li.appendChild(el("span", "log__session", "#" + event.launch + " " + event.by));
    li.appendChild(details(text, "lrs__line", st));
    li.dataset.verb = String((st.verb || {}).id || "").split("/").pop();
    add(li);
  }
  function refused(event) {
    var li = el("li", "log__item is-refused");
    counts.refused += 1;
    li.appendChild(el("span", "log__session", "#" + event.launch));
    li.appendChild(el("strong", "lrs__refused", "Refused " + event.status + " · " + event.method + " " + event.resource));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("code", "lrs__rule", event.rule));
    li.appendChild(el("p", "lrs__reason", event.reason));
    if (event.statements && event.statements.length) {
      li.appendChild(details("The refused request (" + event.statements.length + " statement(s))", "", event.statements));
    }
    add(li);
  }
  function note(event) {
    var li = el("li", "log__item is-note");
    li.appendChild(el("span", "log__session", "#" + event.launch));
    li.appendChild(document.createTextNode(event.text));
    add(li);
  }
  function documentChanged(event) { // the documents of the registration launched last
    if (event.registration !== registration) { return; }
    var key = event.key.join("|");
    if (event.json === null) { delete docs[key]; } else { docs[key] = event; }
    renderDocuments();
  }
  function renderDocuments() {
    els.docs.textContent = "";
    Object.keys(docs).sort().forEach(function (k) {
      var d = docs[k], tr = el("tr"), name = el("th"), tag = el("td"), value = el("td");
      name.scope = "row";
      name.appendChild(el("code", "", d.documentId));
      name.appendChild(el("span", "lrs__kind", d.key[0] === "state" ? " State" : " Agent Profile"));
      tag.appendChild(el("code", "", d.etag));
      value.appendChild(details(JSON.stringify(d.json).slice(0, 80) + (JSON.stringify(d.json).length > 80 ? "…" : ""),
        "", d.json));
      tr.dataset.document = d.documentId;
      tr.appendChild(name); tr.appendChild(tag); tr.appendChild(value);
      els.docs.appendChild(tr);
    });
    els.docSummary.textContent = Object.keys(docs).length + " document(s) in the stand-in LRS.";
  }
  function launched(event) {
    if (event.title) { names[event.activityId] = "AU " + event.title; }
    note(event);
  }
  var HANDLERS = { statement: statement, refused: refused, note: note, launch: launched, document: documentChanged };

  function follow(after) {
    if (stream) { return; }
    stream = new window.EventSource("/__preview/lrs/events?after=" + after);
    stream.addEventListener("lrs", function (event) {
      var data = JSON.parse(event.data), handler = HANDLERS[data.kind];
      if (handler) { handler(data); }
    });
  }

  function activities(server) { // the AU menu: one AU per rest site (cmi5), the one activity (xAPI)
    var aus = (server.launch && server.launch.aus) || [], key = server.builtFormat + ":" + aus.map(function (a) { return a.id; }).join();
    if (key === auKey) { return; }
    auKey = key;
    els.au.textContent = "";
    aus.forEach(function (au, i) {
      var option = el("option", "", au.title || au.id);
      option.value = String(i);
      els.au.appendChild(option);
    });
  }

  window.TrailPreviewLRS = {
    handles: function (fmt) { return Object.prototype.hasOwnProperty.call(FORMATS, fmt); },
    show: function (server) { // the panels of the format being shown
      var on = this.handles(server.builtFormat || server.format);
      Array.prototype.forEach.call(els.parts, function (p) { p.hidden = on; });
      Array.prototype.forEach.call(els.lrsParts, function (p) { p.hidden = !on; });
      els.auField.hidden = !on;
      if (on) { activities(server); }
    },
    launch: function (server, kind) { // resolves to the URL the course frame opens
      return window.fetch("/__preview/lrs/launch", { method: "POST",
        headers: { "Content-Type": "application/json", "X-Trail-Preview": "1" },
        body: JSON.stringify({ au: parseInt(els.au.value || "0", 10), fresh: kind === "new" }) })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (!answer.url) { throw new Error(answer.error || "the LRS stand-in did not launch"); }
          registration = answer.registration;
          docs = {};
          answer.documents.forEach(documentChanged);
          renderDocuments();
          follow(answer.after);
          return answer.url;
        });
    },
    onActivity: function (callback) { els.au.addEventListener("change", callback); },
    note: function (launch, text) { note({ launch: launch, text: text }); }
  };
  els.clear.addEventListener("click", function () {
    els.log.textContent = "";
    counts = { statements: 0, refused: 0 };
    els.summary.textContent = "No statements yet.";
  });
}());
