/*
 * trail test LMS: a SCORM 2004 4th Edition imsmanifest.xml → scorm-again's sequencing settings.
 *
 * An LMS reads the default organization's items and their imsss/adlseq/adlcp sequencing
 * elements into its activity tree; this does the same for scorm-again's engine
 * (`sequencing.activityTree`, see scorm-again's sequencing_types.d.ts), so the engine, not the
 * test, decides navigation requests and rollup. It knows nothing of trail's courses: it reads
 * every element and attribute below and throws on any other element or attribute in those
 * namespaces (and on an unknown value), so a manifest the translation would misread stops the
 * test instead of being quietly simplified.
 *
 * Each attribute gets its XSD default when absent (imsss_v1p0*.xsd, adlseq_v1p3.xsd,
 * adlcp_v1p3.xsd), so nothing rests on scorm-again's own defaults. An objective's imsss:mapInfo
 * and adlseq:mapInfo for the same target become one map entry; the half whose element is absent
 * reads and writes nothing.
 *
 * adlseq:objectivesGlobalToSystem and adlcp:sharedDataGlobalToSystem are read and checked for a
 * boolean: in this harness one course is the whole system (one learner, one package per run),
 * so either value keeps the same objectives and shared data.
 */
(function (root) {
  "use strict";
  var NS = {
    cp: "http://www.imsglobal.org/xsd/imscp_v1p1",
    imsss: "http://www.imsglobal.org/xsd/imsss",
    adlseq: "http://www.adlnet.org/xsd/adlseq_v1p3",
    adlcp: "http://www.adlnet.org/xsd/adlcp_v1p3",
    adlnav: "http://www.adlnet.org/xsd/adlnav_v1p3"
  };
  var SEQ_NS = [NS.imsss, NS.adlseq, NS.adlcp, NS.adlnav];
  var ROLLUP_CONDITIONS = ["satisfied", "objectiveStatusKnown", "objectiveMeasureKnown", "completed",
    "activityProgressKnown", "attempted", "attemptLimitExceeded"]; // scorm-again has no time conditions
  var ENGINE_CONDITION = {activityProgressKnown: "progressKnown"}; // scorm-again's name for it
  var ROLLUP_ACTIONS = ["satisfied", "notSatisfied", "completed", "incomplete"];
  var CHILD_SETS = ["all", "any", "none", "atLeastCount", "atLeastPercent"];

  function fail(el, what) {
    throw new Error("imsmanifest.xml: " + what + " (at <" + (el.prefix ? el.prefix + ":" : "") +
      el.localName + (el.getAttribute && el.getAttribute("identifier") ? " identifier=\"" +
      el.getAttribute("identifier") + "\"" : "") + ">); the harness's translator does not understand it");
  }
  function children(el) { return Array.prototype.filter.call(el.childNodes, function (n) { return n.nodeType === 1; }); }
  function key(el) {
    for (var p in NS) if (NS[p] === el.namespaceURI) return p + ":" + el.localName;
    return "{" + el.namespaceURI + "}" + el.localName;
  }
  function text(el) { return el.textContent.trim(); }
  function qname(a, el) { // an attribute of another namespace by our prefix for it, whatever the manifest's
    if (!a.namespaceURI || a.namespaceURI === el.namespaceURI) return a.localName;
    for (var p in NS) if (NS[p] === a.namespaceURI) return p + ":" + a.localName;
    return "{" + a.namespaceURI + "}" + a.localName;
  }

  // Attributes: name → [type, default]; an attribute not listed (outside xmlns/xsi) is an error.
  function attrs(el, spec) {
    var out = {};
    Array.prototype.forEach.call(el.attributes, function (a) {
      if (a.name === "xmlns" || a.prefix === "xmlns" || a.namespaceURI === "http://www.w3.org/2001/XMLSchema-instance") return;
      if (!Object.prototype.hasOwnProperty.call(spec, qname(a, el))) fail(el, "attribute " + qname(a, el));
    });
    Object.keys(spec).forEach(function (name) {
      var type = spec[name][0], dflt = spec[name][1], parts = name.split(":"), local = parts[parts.length - 1];
      var present = parts.length === 2 ? el.hasAttributeNS(NS[parts[0]], local) : el.hasAttribute(name);
      var raw = !present ? null : parts.length === 2 ? el.getAttributeNS(NS[parts[0]], local) : el.getAttribute(name);
      if (raw === null) { out[local] = dflt; return; }
      if (type === "bool") {
        if (raw === "true" || raw === "1") out[local] = true;
        else if (raw === "false" || raw === "0") out[local] = false;
        else fail(el, name + "=\"" + raw + "\" (not a boolean)");
      } else if (type === "num" || type === "int") {
        var v = Number(raw);
        if (raw.trim() === "" || isNaN(v) || type === "int" && Math.floor(v) !== v) fail(el, name + "=\"" + raw + "\" (not a number)");
        out[local] = v;
      } else if (Array.isArray(type)) {
        if (type.indexOf(raw) === -1) fail(el, name + "=\"" + raw + "\" (expected one of " + type.join(", ") + ")");
        out[local] = raw;
      } else {
        out[local] = raw;
      }
    });
    return out;
  }
  function only(el, allowed) {
    children(el).forEach(function (c) { if (allowed.indexOf(key(c)) === -1) fail(c, "element " + key(c) + " inside " + key(el)); });
  }

  function controlMode(el) {
    var a = attrs(el, {choice: ["bool", true], choiceExit: ["bool", true], flow: ["bool", false],
      forwardOnly: ["bool", false], useCurrentAttemptObjectiveInfo: ["bool", true],
      useCurrentAttemptProgressInfo: ["bool", true]});
    only(el, []);
    return a;
  }

  function rollupRules(el, activity) {
    var a = attrs(el, {rollupObjectiveSatisfied: ["bool", true], rollupProgressCompletion: ["bool", true],
      objectiveMeasureWeight: ["num", 1.0]});
    if (a.objectiveMeasureWeight < 0 || a.objectiveMeasureWeight > 1) fail(el, "objectiveMeasureWeight outside 0..1");
    activity.sequencingControls.rollupObjectiveSatisfied = a.rollupObjectiveSatisfied;
    activity.sequencingControls.rollupProgressCompletion = a.rollupProgressCompletion;
    activity.sequencingControls.objectiveMeasureWeight = a.objectiveMeasureWeight;
    only(el, ["imsss:rollupRule"]);
    var rules = children(el).map(function (r) {
      var ra = attrs(r, {childActivitySet: [CHILD_SETS, "all"], minimumCount: ["int", 0], minimumPercent: ["num", 0]});
      only(r, ["imsss:rollupConditions", "imsss:rollupAction"]);
      var conds = children(r).filter(function (c) { return c.localName === "rollupConditions"; });
      var acts = children(r).filter(function (c) { return c.localName === "rollupAction"; });
      if (conds.length !== 1 || acts.length !== 1) fail(r, "a rollupRule needs one rollupConditions and one rollupAction");
      var ca = attrs(conds[0], {conditionCombination: [["all", "any"], "any"]});
      only(conds[0], ["imsss:rollupCondition"]);
      var list = children(conds[0]).map(function (c) {
        var x = attrs(c, {condition: [ROLLUP_CONDITIONS, null], operator: [["not", "noOp"], "noOp"]});
        if (!x.condition) fail(c, "rollupCondition without condition");
        only(c, []);
        return {condition: ENGINE_CONDITION[x.condition] || x.condition, operator: x.operator};
      });
      if (!list.length) fail(conds[0], "rollupConditions without a rollupCondition");
      var action = attrs(acts[0], {action: [ROLLUP_ACTIONS, null]}).action;
      if (!action) fail(acts[0], "rollupAction without action");
      only(acts[0], []);
      return {action: action, consideration: ra.childActivitySet, minimumCount: ra.minimumCount,
              minimumPercent: ra.minimumPercent, conditionCombination: ca.conditionCombination, conditions: list};
    });
    if (rules.length) activity.rollupRules = {rules: rules};
  }

  function objectives(el, objs) { // imsss:objectives
    attrs(el, {});
    only(el, ["imsss:primaryObjective", "imsss:objective"]);
    children(el).forEach(function (o) {
      var primary = o.localName === "primaryObjective";
      var a = attrs(o, {objectiveID: ["str", null], satisfiedByMeasure: ["bool", false]});
      if (!a.objectiveID && !primary) fail(o, "objective without objectiveID");
      only(o, ["imsss:minNormalizedMeasure", "imsss:mapInfo"]);
      var id = a.objectiveID || "(primary)";
      var obj = objs[id] || (objs[id] = {objectiveID: id, maps: {}});
      obj.isPrimary = primary;
      obj.satisfiedByMeasure = a.satisfiedByMeasure;
      obj.minNormalizedMeasure = 1.0;
      children(o).forEach(function (c) {
        if (c.localName === "minNormalizedMeasure") {
          attrs(c, {});
          var v = Number(text(c));
          if (text(c) === "" || isNaN(v) || v < -1 || v > 1) fail(c, "minNormalizedMeasure \"" + text(c) + "\"");
          obj.minNormalizedMeasure = v;
        } else {
          var m = attrs(c, {targetObjectiveID: ["str", null], readSatisfiedStatus: ["bool", true],
            readNormalizedMeasure: ["bool", true], writeSatisfiedStatus: ["bool", false], writeNormalizedMeasure: ["bool", false]});
          if (!m.targetObjectiveID) fail(c, "mapInfo without targetObjectiveID");
          only(c, []);
          var t = obj.maps[m.targetObjectiveID] || (obj.maps[m.targetObjectiveID] = {});
          if (t.imsss) fail(c, "a second imsss:mapInfo for " + m.targetObjectiveID);
          t.imsss = m;
        }
      });
    });
  }

  function adlObjectives(el, objs) { // adlseq:objectives: the 4th Edition's extra map fields
    attrs(el, {});
    only(el, ["adlseq:objective"]);
    children(el).forEach(function (o) {
      var a = attrs(o, {objectiveID: ["str", null]});
      only(o, ["adlseq:mapInfo"]);
      var obj = objs[a.objectiveID];
      if (!obj) fail(o, "adlseq:objective " + a.objectiveID + " names no imsss objective of this activity");
      children(o).forEach(function (c) {
        var m = attrs(c, {targetObjectiveID: ["str", null], readRawScore: ["bool", true], readMinScore: ["bool", true],
          readMaxScore: ["bool", true], readCompletionStatus: ["bool", true], readProgressMeasure: ["bool", true],
          writeRawScore: ["bool", false], writeMinScore: ["bool", false], writeMaxScore: ["bool", false],
          writeCompletionStatus: ["bool", false], writeProgressMeasure: ["bool", false]});
        if (!m.targetObjectiveID) fail(c, "adlseq:mapInfo without targetObjectiveID");
        only(c, []);
        var t = obj.maps[m.targetObjectiveID] || (obj.maps[m.targetObjectiveID] = {});
        if (t.adlseq) fail(c, "a second adlseq:mapInfo for " + m.targetObjectiveID);
        t.adlseq = m;
      });
    });
  }

  function objectiveSettings(objs, activity) {
    Object.keys(objs).forEach(function (id) {
      var o = objs[id];
      if (id === "(primary)" && !Object.keys(o.maps).length) id = activity.id + "#primary";
      var maps = Object.keys(o.maps).map(function (target) {
        var s = o.maps[target].imsss || {}, x = o.maps[target].adlseq || {};
        function b(v) { return v === true; } // the half without an element reads and writes nothing
        return {targetObjectiveID: target,
          readSatisfiedStatus: b(s.readSatisfiedStatus), readNormalizedMeasure: b(s.readNormalizedMeasure),
          writeSatisfiedStatus: b(s.writeSatisfiedStatus), writeNormalizedMeasure: b(s.writeNormalizedMeasure),
          readCompletionStatus: b(x.readCompletionStatus), writeCompletionStatus: b(x.writeCompletionStatus),
          readProgressMeasure: b(x.readProgressMeasure), writeProgressMeasure: b(x.writeProgressMeasure),
          readRawScore: b(x.readRawScore), writeRawScore: b(x.writeRawScore), readMinScore: b(x.readMinScore),
          writeMinScore: b(x.writeMinScore), readMaxScore: b(x.readMaxScore), writeMaxScore: b(x.writeMaxScore)};
      });
      var s = {objectiveID: id, isPrimary: o.isPrimary, satisfiedByMeasure: o.satisfiedByMeasure,
               minNormalizedMeasure: o.minNormalizedMeasure, mapInfo: maps};
      if (o.isPrimary) activity.primaryObjective = s;
      else (activity.objectives = activity.objectives || []).push(s);
    });
  }

  function sequencing(el, activity) {
    attrs(el, {});
    only(el, ["imsss:controlMode", "imsss:rollupRules", "imsss:objectives", "imsss:deliveryControls", "adlseq:objectives"]);
    var objs = {};
    children(el).forEach(function (c) {
      var k = key(c);
      if (k === "imsss:controlMode") {
        var cm = controlMode(c);
        Object.keys(cm).forEach(function (n) { activity.sequencingControls[n] = cm[n]; });
      } else if (k === "imsss:rollupRules") rollupRules(c, activity);
      else if (k === "imsss:objectives") objectives(c, objs);
      else if (k === "imsss:deliveryControls") {
        activity.deliveryControls = attrs(c, {tracked: ["bool", true], completionSetByContent: ["bool", false],
          objectiveSetByContent: ["bool", false]});
        only(c, []);
      }
    });
    children(el).filter(function (c) { return key(c) === "adlseq:objectives"; }).forEach(function (c) { adlObjectives(c, objs); });
    objectiveSettings(objs, activity);
  }

  function sharedData(el) { // adlcp:data
    attrs(el, {});
    only(el, ["adlcp:map"]);
    return children(el).map(function (m) {
      var a = attrs(m, {targetID: ["str", null], readSharedData: ["bool", true], writeSharedData: ["bool", false]});
      if (!a.targetID) fail(m, "adlcp:map without targetID");
      only(m, []);
      return a;
    });
  }

  // One activity (the organization or an item), with the XSD defaults of everything it may set.
  function activityOf(el, resources, launches) {
    var isOrg = el.localName === "organization";
    var a = attrs(el, isOrg ? {identifier: ["str", null], structure: ["str", "hierarchical"],
      "adlseq:objectivesGlobalToSystem": ["bool", true], "adlcp:sharedDataGlobalToSystem": ["bool", true]}
      : {identifier: ["str", null], identifierref: ["str", null], parameters: ["str", ""], isvisible: ["bool", true]});
    var activity = {id: a.identifier, title: "", isVisible: isOrg ? true : a.isvisible,
      sequencingControls: {choice: true, choiceExit: true, flow: false, forwardOnly: false,
        useCurrentAttemptObjectiveInfo: true, useCurrentAttemptProgressInfo: true,
        rollupObjectiveSatisfied: true, rollupProgressCompletion: true, objectiveMeasureWeight: 1.0},
      deliveryControls: {tracked: true, completionSetByContent: false, objectiveSetByContent: false}};
    only(el, ["cp:title", "cp:item", "cp:metadata", "imsss:sequencing", "adlcp:data"]);
    var kids = [];
    children(el).forEach(function (c) {
      var k = key(c);
      if (k === "cp:title") activity.title = text(c);
      else if (k === "cp:item") kids.push(activityOf(c, resources, launches));
      else if (k === "imsss:sequencing") sequencing(c, activity);
      else if (k === "adlcp:data") activity.sharedDataMaps = sharedData(c);
    });
    if (kids.length) activity.children = kids;
    if (!isOrg) {
      if (kids.length && a.identifierref) fail(el, "identifierref on an item with children");
      if (!kids.length) {
        var href = resources[a.identifierref];
        if (!href) fail(el, "identifierref \"" + a.identifierref + "\" names no resource with an href");
        var p = a.parameters;
        launches[a.identifier] = href + (p && !/^[?#]/.test(p) ? "?" + p : p);
      }
    }
    return activity;
  }

  /* → {tree: ActivitySettings (the default organization), launches: {itemId: "href?params"},
        orgId, items: [leaf item ids in tree order]}; throws Error on anything it does not understand */
  function translate(xml) {
    var doc = new DOMParser().parseFromString(xml, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) throw new Error("imsmanifest.xml is not well-formed");
    var all = doc.getElementsByTagNameNS("*", "*");
    Array.prototype.forEach.call(all, function (el) { // nothing of the sequencing namespaces outside what is read
      if (SEQ_NS.indexOf(el.namespaceURI) !== -1) {
        var parent = el.parentNode;
        if (parent && parent.namespaceURI === NS.cp && ["organization", "item", "resource"].indexOf(parent.localName) === -1) {
          fail(el, "element " + key(el) + " inside cp:" + parent.localName);
        }
        if (parent && parent.namespaceURI === NS.cp && parent.localName === "resource") fail(el, "element " + key(el) + " inside a resource");
      }
    });
    var resources = {};
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(NS.cp, "resource"), function (r) {
      if (r.getAttribute("href")) resources[r.getAttribute("identifier")] = r.getAttribute("href");
    });
    var orgs = doc.getElementsByTagNameNS(NS.cp, "organizations")[0];
    if (!orgs) throw new Error("imsmanifest.xml: no organizations");
    var def = orgs.getAttribute("default"), org = null;
    Array.prototype.forEach.call(doc.getElementsByTagNameNS(NS.cp, "organization"), function (o) {
      if (o.getAttribute("identifier") === def || !def && !org) org = org || o;
    });
    if (!org) throw new Error("imsmanifest.xml: no organization \"" + def + "\"");
    if (doc.getElementsByTagNameNS(NS.imsss, "sequencingCollection").length) {
      fail(doc.getElementsByTagNameNS(NS.imsss, "sequencingCollection")[0], "element imsss:sequencingCollection");
    }
    var launches = {}, tree = activityOf(org, resources, launches);
    return {tree: tree, launches: launches, orgId: tree.id, items: Object.keys(launches)};
  }

  root.TrailManifestSequencing = {translate: translate};
})(typeof window !== "undefined" ? window : this);
