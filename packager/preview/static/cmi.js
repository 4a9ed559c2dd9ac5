/* trail preview: the SCORM 1.2 and 2004 data models of the LMS stand-in.
 * Strict where real LMSs are strict (limits, vocabularies, formats), so a value
 * a designer sees accepted here is accepted after import too. Each check says
 * why it failed; the log shows that text as a warning. */
(function () {
  "use strict";

  var ERRORS = {
    "1.2": { 0: "No error", 101: "General exception", 201: "Invalid argument error",
      202: "Element cannot have children", 203: "Element not an array - cannot have count",
      301: "Not initialized", 401: "Not implemented error", 402: "Invalid set value, element is a keyword",
      403: "Element is read only", 404: "Element is write only", 405: "Incorrect data type" },
    "2004": { 0: "No Error", 101: "General Exception", 102: "General Initialization Failure",
      103: "Already Initialized", 104: "Content Instance Terminated", 111: "General Termination Failure",
      112: "Termination Before Initialization", 113: "Termination After Termination",
      122: "Retrieve Data Before Initialization", 123: "Retrieve Data After Termination",
      132: "Store Data Before Initialization", 133: "Store Data After Termination",
      142: "Commit Before Initialization", 143: "Commit After Termination", 201: "General Argument Error",
      301: "General Get Failure", 351: "General Set Failure", 391: "General Commit Failure",
      401: "Undefined Data Model Element", 402: "Unimplemented Data Model Element",
      403: "Data Model Element Value Not Initialized", 404: "Data Model Element Is Read Only",
      405: "Data Model Element Is Write Only", 406: "Data Model Element Type Mismatch",
      407: "Data Model Element Value Out Of Range", 408: "Data Model Dependency Not Established" }
  };
  // Failure kinds → code per version.
  var CODES = {
    "1.2": { type: 405, range: 405, dep: 201, index: 201, undef: 201, ro: 403, wo: 404, keyword: 402,
      nochildren: 202, nocount: 203, uninit: 0 },
    "2004": { type: 406, range: 407, dep: 408, index: 351, undef: 401, ro: 404, wo: 405, keyword: 404,
      nochildren: 301, nocount: 301, uninit: 403 }
  };

  function fail(kind, why) { return { fail: kind, why: why }; }
  function warn(why) { return { warn: why }; }
  function quote(s) { return JSON.stringify(s); }

  var DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
  function num(min, max, blank) {
    return function (v) {
      if (blank && v === "") { return null; }
      if (!DECIMAL.test(v)) { return fail("type", quote(v) + " is not a number"); }
      var n = parseFloat(v);
      if ((min !== null && n < min) || (max !== null && n > max)) {
        return fail("range", v + " is outside " + (min === null ? "…" : min) + ".." + (max === null ? "…" : max));
      }
      return null;
    };
  }
  function str(max) {
    return function (v) {
      return v.length > max ? fail("type", v.length + " characters; the limit is " + max) : null;
    };
  }
  function localized(max) {
    return function (v) { return str(max)(v.replace(/^\{lang=[A-Za-z0-9-]*\}/, "")); };
  }
  function vocab(words) {
    return function (v) {
      return words.indexOf(v) >= 0 ? null : fail("type", quote(v) + " is not one of " + words.map(quote).join(", "));
    };
  }
  function pattern(re, what) {
    return function (v) { return re.test(v) ? null : fail("type", quote(v) + " is not " + what); };
  }
  var timespan12 = pattern(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/, "HH:MM:SS or HH:MM:SS.SS (SCORM 1.2 CMITimespan)");
  var time12 = pattern(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/, "HH:MM:SS(.SS) (SCORM 1.2 CMITime)");
  var duration = pattern(/^P(?=.)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/,
    "an ISO 8601 duration such as PT1M30S (seconds with at most 2 decimals)");
  var TIMESTAMP = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.(\d+))?)?)?(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?$/;
  function timestamp(v) {
    var m = TIMESTAMP.exec(v);
    if (!m) { return fail("type", quote(v) + " is not an ISO 8601 time such as 2024-05-01T10:00:00Z"); }
    if (m[9] && m[9].length > 2) { return warn("seconds have " + m[9].length + " decimals; SCORM 2004 defines 2, and strict LMSs reject more"); }
    return null;
  }
  function ident12(v) {
    if (!/^[\x21-\x7e]{1,255}$/.test(v)) { return fail("type", quote(v) + " is not a CMIIdentifier (1–255 printable characters, no spaces)"); }
    return /^[A-Za-z0-9_-]+$/.test(v) ? null : warn(quote(v) + ": strict SCORM 1.2 LMSs allow only letters, digits, - and _ in identifiers");
  }
  function uri(max) {
    return pattern(new RegExp("^[^\\s]{1," + max + "}$"), "an identifier of 1–" + max + " characters without spaces");
  }
  var shortId = uri(250);
  var STATUS12 = ["passed", "completed", "failed", "incomplete", "browsed"];
  var TYPES12 = ["true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric"];
  var TYPES2004 = TYPES12.concat(["long-fill-in", "other"]);

  // SCORM 1.2 responses: the LMSs we know accept any string; stricter ones check the format.
  var FORMAT12 = { "true-false": /^[01tf]$/, choice: /^[0-9a-z](,[0-9a-z])*$/, likert: /^[0-9a-z]?$/,
    matching: /^[0-9a-z]\.[0-9a-z](,[0-9a-z]\.[0-9a-z])*$/, sequencing: /^[0-9a-z](,[0-9a-z])*$/, numeric: DECIMAL };
  function response12(v, ctx) {
    if (v.length > 255) { return fail("type", v.length + " characters; CMIFeedback allows 255"); }
    var type = ctx.sibling("type"), re = FORMAT12[type];
    if (re && v !== "" && !re.test(v.replace(/^\{|\}$/g, ""))) {
      return warn(quote(v) + " is not a SCORM 1.2 " + type + " response; strict LMSs reject it");
    }
    return null;
  }
  // SCORM 2004 learner_response / correct_responses.n.pattern by interaction type.
  function list(v, max, check) {
    var items = v.split("[,]");
    if (items.length > max) { return "more than " + max + " items"; }
    for (var i = 0; i < items.length; i++) { var why = check(items[i]); if (why) { return why; } }
    return null;
  }
  function sid(s) { return shortId(s) ? quote(s) + " is not a short identifier" : null; }
  function unique(v) { var items = v.split("[,]"); return items.length === new Set(items).size ? null : "duplicate items"; }
  var RESPONSE2004 = {
    "true-false": function (v) { return /^(true|false)$/.test(v) ? null : "use true or false"; },
    choice: function (v) { return v === "" ? null : list(v, 36, sid) || unique(v); },
    "fill-in": function (v) { return list(v.replace(/^(\{(case|order)_matters=(true|false)\})+/, ""), 10, function (s) { return s.replace(/^\{lang=[A-Za-z0-9-]*\}/, "").length > 250 ? "an item over 250 characters" : null; }); },
    "long-fill-in": function (v) { return v.replace(/^\{(lang=[A-Za-z0-9-]*|case_matters=(true|false))\}/g, "").length > 4000 ? "over 4000 characters" : null; },
    matching: function (v) { return list(v, 36, function (p) { var lr = p.split("[.]"); return lr.length === 2 && !sid(lr[0]) && !sid(lr[1]) ? null : quote(p) + " is not source[.]target"; }); },
    sequencing: function (v) { return list(v, 36, sid); },
    likert: function (v) { return v === "" || !sid(v) ? null : quote(v) + " is not one short identifier"; },
    numeric: function (v, isPattern) { return (isPattern ? /^(-?[\d.]*)(\[:\](-?[\d.]*))?$/ : DECIMAL).test(v) ? null : "not a number"; },
    performance: function (v) { return v.length > 4000 ? "over 4000 characters" : null; },
    other: function (v) { return v.length > 4000 ? "over 4000 characters" : null; }
  };
  var PATTERN_MAX = { "true-false": 1, choice: 10, "fill-in": 5, "long-fill-in": 5, matching: 5 };
  function response2004(isPattern) {
    return function (v, ctx) {
      var type = ctx.sibling("type");
      if (!type) { return fail("dep", "set cmi.interactions.n.type before the response"); }
      if (isPattern && ctx.isNew && PATTERN_MAX[type] && ctx.index >= PATTERN_MAX[type]) {
        return fail("index", "a " + type + " interaction has at most " + PATTERN_MAX[type] + " correct response patterns");
      }
      var why = RESPONSE2004[type](v, isPattern);
      return why ? fail("type", quote(v) + " is not a valid " + type + " response: " + why) : null;
    };
  }
  function result(words) {
    return function (v) { return words.indexOf(v) >= 0 || DECIMAL.test(v) ? null : fail("type", quote(v) + " is not one of " + words.join(", ") + " or a number"); };
  }
  var NAV = /^(continue|previous|exit|exitAll|abandon|abandonAll|suspendAll|_none_|\{target=[^\s}]+\}(choice|jump))$/;

  // [element with n for indices, access, check, children/default]
  var MODELS = {
    "1.2": [
      ["cmi.core.student_id", "r"], ["cmi.core.student_name", "r"],
      ["cmi.core.lesson_location", "rw", str(255)], ["cmi.core.credit", "r"],
      ["cmi.core.lesson_status", "rw", vocab(STATUS12)], ["cmi.core.entry", "r"],
      ["cmi.core.score.raw", "rw", num(0, 100, true)], ["cmi.core.score.min", "rw", num(0, 100, true)],
      ["cmi.core.score.max", "rw", num(0, 100, true)], ["cmi.core.total_time", "r"], ["cmi.core.lesson_mode", "r"],
      ["cmi.core.exit", "w", vocab(["time-out", "suspend", "logout", ""])], ["cmi.core.session_time", "w", timespan12],
      ["cmi.suspend_data", "rw", str(4096)], ["cmi.launch_data", "r"], ["cmi.comments", "rw", str(4096)],
      ["cmi.comments_from_lms", "r"], ["cmi.objectives.n.id", "rw", ident12],
      ["cmi.objectives.n.score.raw", "rw", num(0, 100, true)], ["cmi.objectives.n.score.min", "rw", num(0, 100, true)],
      ["cmi.objectives.n.score.max", "rw", num(0, 100, true)],
      ["cmi.objectives.n.status", "rw", vocab(STATUS12.concat(["not attempted"]))],
      ["cmi.student_data.mastery_score", "r"], ["cmi.student_data.max_time_allowed", "r"],
      ["cmi.student_data.time_limit_action", "r"], ["cmi.student_preference.audio", "rw", num(-1, 100)],
      ["cmi.student_preference.language", "rw", str(255)], ["cmi.student_preference.speed", "rw", num(-100, 100)],
      ["cmi.student_preference.text", "rw", vocab(["-1", "0", "1"])], ["cmi.interactions.n.id", "w", ident12],
      ["cmi.interactions.n.objectives.n.id", "w", ident12], ["cmi.interactions.n.time", "w", time12],
      ["cmi.interactions.n.type", "w", vocab(TYPES12)],
      ["cmi.interactions.n.correct_responses.n.pattern", "w", response12],
      ["cmi.interactions.n.weighting", "w", num(-100, 100)], ["cmi.interactions.n.student_response", "w", response12],
      ["cmi.interactions.n.result", "w", result(["correct", "wrong", "unanticipated", "neutral"])],
      ["cmi.interactions.n.latency", "w", timespan12]
    ],
    "2004": [
      ["cmi.comments_from_learner.n.comment", "rw", localized(4000)],
      ["cmi.comments_from_learner.n.location", "rw", str(250)],
      ["cmi.comments_from_learner.n.timestamp", "rw", timestamp], ["cmi.comments_from_lms.n.comment", "r"],
      ["cmi.completion_status", "rw", vocab(["completed", "incomplete", "not attempted", "unknown"])],
      ["cmi.completion_threshold", "r"], ["cmi.credit", "r"], ["cmi.entry", "r"],
      ["cmi.exit", "w", vocab(["time-out", "suspend", "logout", "normal", ""])],
      ["cmi.interactions.n.id", "rw", uri(4000)], ["cmi.interactions.n.type", "rw", vocab(TYPES2004)],
      ["cmi.interactions.n.objectives.n.id", "rw", uri(4000)], ["cmi.interactions.n.timestamp", "rw", timestamp],
      ["cmi.interactions.n.correct_responses.n.pattern", "rw", response2004(true)],
      ["cmi.interactions.n.weighting", "rw", num(null, null)],
      ["cmi.interactions.n.learner_response", "rw", response2004(false)],
      ["cmi.interactions.n.result", "rw", result(["correct", "incorrect", "unanticipated", "neutral"])],
      ["cmi.interactions.n.latency", "rw", duration], ["cmi.interactions.n.description", "rw", localized(250)],
      ["cmi.launch_data", "r"], ["cmi.learner_id", "r"], ["cmi.learner_name", "r"],
      ["cmi.learner_preference.audio_level", "rw", num(0, null)], ["cmi.learner_preference.language", "rw", str(250)],
      ["cmi.learner_preference.delivery_speed", "rw", num(0, null)],
      ["cmi.learner_preference.audio_captioning", "rw", vocab(["-1", "0", "1"])],
      ["cmi.location", "rw", str(1000)], ["cmi.max_time_allowed", "r"], ["cmi.mode", "r"],
      ["cmi.objectives.n.id", "rw", uri(4000)], ["cmi.objectives.n.score.scaled", "rw", num(-1, 1)],
      ["cmi.objectives.n.score.raw", "rw", num(null, null)], ["cmi.objectives.n.score.min", "rw", num(null, null)],
      ["cmi.objectives.n.score.max", "rw", num(null, null)],
      ["cmi.objectives.n.success_status", "rw", vocab(["passed", "failed", "unknown"])],
      ["cmi.objectives.n.completion_status", "rw", vocab(["completed", "incomplete", "not attempted", "unknown"])],
      ["cmi.objectives.n.progress_measure", "rw", num(0, 1)], ["cmi.objectives.n.description", "rw", localized(250)],
      ["cmi.progress_measure", "rw", num(0, 1)], ["cmi.scaled_passing_score", "r"],
      ["cmi.score.scaled", "rw", num(-1, 1)], ["cmi.score.raw", "rw", num(null, null)],
      ["cmi.score.min", "rw", num(null, null)], ["cmi.score.max", "rw", num(null, null)],
      ["cmi.session_time", "w", duration],
      ["cmi.success_status", "rw", vocab(["passed", "failed", "unknown"])], ["cmi.suspend_data", "rw", str(64000)],
      ["cmi.time_limit_action", "r"], ["cmi.total_time", "r"],
      ["adl.nav.request", "rw", pattern(NAV, "a navigation request such as continue or {target=ID}choice")],
      // shared data (adlcp:data in the manifest): the LMS seeds each store the SCO's item maps
      ["adl.data.n.id", "r"], ["adl.data.n.store", "rw", str(64000)]
    ]
  };
  var ARRAYS = {
    "1.2": ["cmi.objectives", "cmi.interactions", "cmi.interactions.n.objectives", "cmi.interactions.n.correct_responses"],
    "2004": ["cmi.objectives", "cmi.interactions", "cmi.interactions.n.objectives",
      "cmi.interactions.n.correct_responses", "cmi.comments_from_learner", "cmi.comments_from_lms", "adl.data"]
  };
  // A new array entry starts with this element; anything else first is error 408 in SCORM 2004.
  var FIRST = { "cmi.interactions": "id", "cmi.objectives": "id" };

  var CHILDREN = {
    "1.2": {
      "cmi.core": "student_id,student_name,lesson_location,credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time",
      "cmi.core.score": "raw,min,max", "cmi.objectives": "id,score,status", "cmi.objectives.n.score": "raw,min,max",
      "cmi.student_data": "mastery_score,max_time_allowed,time_limit_action",
      "cmi.student_preference": "audio,language,speed,text",
      "cmi.interactions": "id,objectives,time,type,correct_responses,weighting,student_response,result,latency"
    },
    "2004": {
      "cmi.comments_from_learner": "comment,location,timestamp", "cmi.comments_from_lms": "comment,location,timestamp",
      "cmi.interactions": "id,type,objectives,timestamp,correct_responses,weighting,learner_response,result,latency,description",
      "cmi.learner_preference": "audio_level,language,delivery_speed,audio_captioning",
      "cmi.objectives": "id,score,success_status,completion_status,progress_measure,description",
      "cmi.objectives.n.score": "scaled,raw,min,max", "cmi.score": "scaled,raw,min,max"
    }
  };

  function Model(version) {
    this.version = version;
    this.elements = {};
    this.children = CHILDREN[version];
    MODELS[version].forEach(function (row) {
      this.elements[row[0]] = { access: row[1], check: row[2] || null };
    }, this);
  }
  Model.prototype.codes = function () { return CODES[this.version]; };
  Model.prototype.errorString = function (code) { return ERRORS[this.version][code] || ""; };
  // "cmi.interactions.3.type" → generic "cmi.interactions.n.type", one level per array index.
  Model.prototype.parse = function (name) {
    var parts = name.split("."), generic = [], levels = [];
    for (var i = 0; i < parts.length; i++) {
      if (/^\d+$/.test(parts[i])) {
        levels.push({ prefix: parts.slice(0, i).join("."), generic: generic.join("."),
          index: parseInt(parts[i], 10), rest: parts.slice(i + 1).join(".") });
        generic.push("n");
      } else { generic.push(parts[i]); }
    }
    return { generic: generic.join("."), levels: levels };
  };
  Model.prototype.isArray = function (generic) { return ARRAYS[this.version].indexOf(generic) >= 0; };
  Model.prototype.firstOf = function (generic) { return FIRST[generic] || null; };

  window.TrailPreviewCMI = { Model: Model, ERRORS: ERRORS, fail: fail, warn: warn, quote: quote,
    STATUS12: STATUS12, TYPES12: TYPES12 };
}());
