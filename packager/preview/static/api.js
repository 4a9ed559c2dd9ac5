/* trail preview: the LMS stand-in's API objects (window.API, window.API_1484_11).
 * One Session per launch of the SCO, with its own API object, so a late call
 * from an unloading page lands in its own session, never in the next one.
 * Committed data persists in sessionStorage per course and format, which is
 * what "Relaunch" resumes from, as an LMS would. */
(function () {
  "use strict";
  var CMI = window.TrailPreviewCMI, Store = window.TrailPreviewStore.Store, quote = CMI.quote;

  var NAMES = {
    "1.2": { init: "LMSInitialize", finish: "LMSFinish", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit",
      last: "LMSGetLastError", string: "LMSGetErrorString", diag: "LMSGetDiagnostic",
      exit: "cmi.core.exit", entry: "cmi.core.entry", sessionTime: "cmi.core.session_time", total: "cmi.core.total_time" },
    "2004": { init: "Initialize", finish: "Terminate", get: "GetValue", set: "SetValue", commit: "Commit",
      last: "GetLastError", string: "GetErrorString", diag: "GetDiagnostic",
      exit: "cmi.exit", entry: "cmi.entry", sessionTime: "cmi.session_time", total: "cmi.total_time" }
  };
  // Codes for calls in the wrong state: [before Initialize, after Terminate/LMSFinish].
  var STATE = {
    "1.2": { get: [301, 101], set: [301, 101], commit: [301, 101], finish: [301, 101], init: [0, 101], twice: 101 },
    "2004": { get: [122, 123], set: [132, 133], commit: [142, 143], finish: [112, 113], init: [0, 104], twice: 103 }
  };

  function durationMs(version, value) {
    if (!value) { return 0; }
    var m = version === "1.2" ? /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value)
      : /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(value);
    if (!m) { return 0; }
    if (version === "1.2") { return ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000; }
    return ((((+(m[1] || 0) * 365 + +(m[2] || 0) * 30 + +(m[3] || 0)) * 24 + +(m[4] || 0)) * 60 + +(m[5] || 0)) * 60 +
      +(m[6] || 0)) * 1000;
  }
  function formatDuration(version, ms) {
    var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), mi = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
    if (version === "2004") { return "PT" + h + "H" + mi + "M" + s + "S"; }
    function pad(n, w) { return String(n).padStart(w, "0"); }
    return pad(h, 4) + ":" + pad(mi, 2) + ":" + pad(Math.floor(s), 2) + "." + pad(cs % 100, 2);
  }

  function defaults(version, launch, entry, totalMs) {
    var total = formatDuration(version, totalMs);
    if (version === "1.2") {
      return { "cmi.core.student_id": "preview-learner", "cmi.core.student_name": "Designer, Preview",
        "cmi.core.lesson_location": "", "cmi.core.credit": "credit", "cmi.core.lesson_status": "not attempted",
        "cmi.core.entry": entry, "cmi.core.score.raw": "", "cmi.core.score.min": "", "cmi.core.score.max": "",
        "cmi.core.total_time": total, "cmi.core.lesson_mode": "normal", "cmi.suspend_data": "",
        "cmi.launch_data": launch.launchData || "", "cmi.comments": "", "cmi.comments_from_lms": "",
        "cmi.student_data.mastery_score": launch.masteryScore || "", "cmi.student_data.max_time_allowed": "",
        "cmi.student_data.time_limit_action": "", "cmi.student_preference.audio": "0",
        "cmi.student_preference.language": "", "cmi.student_preference.speed": "0", "cmi.student_preference.text": "0" };
    }
    var seed = { "cmi.learner_id": "preview-learner", "cmi.learner_name": "Preview Designer", "cmi.credit": "credit",
      "cmi.entry": entry, "cmi.mode": "normal", "cmi.completion_status": "unknown", "cmi.success_status": "unknown",
      "cmi.total_time": total, "cmi.launch_data": launch.launchData || "", "cmi.time_limit_action": "continue,no message",
      "cmi.learner_preference.audio_level": "1", "cmi.learner_preference.language": "",
      "cmi.learner_preference.delivery_speed": "1", "cmi.learner_preference.audio_captioning": "0" };
    if (launch.scaledPassingScore !== null && launch.scaledPassingScore !== undefined) { seed["cmi.scaled_passing_score"] = launch.scaledPassingScore; }
    if (launch.completionThreshold !== null && launch.completionThreshold !== undefined) { seed["cmi.completion_threshold"] = launch.completionThreshold; }
    return seed;
  }

  function read(key) {
    try { return JSON.parse(window.sessionStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function write(key, record) { window.sessionStorage.setItem(key, JSON.stringify(record)); }

  /* opts: {number, version, key, launch, fresh, previous, log(entry), changed(), and for a package of several
     SCOs: items (the manifest's, in order), shared (the key prefix of the course's shared data stores),
     navigate(request) (called after Terminate with the SCO's adl.nav.request)} */
  function Session(opts) {
    this.items = opts.items || [];
    this.shared = opts.shared || opts.key;
    this.navigate = opts.navigate || null;
    this.number = opts.number;
    this.version = opts.version;
    this.names = NAMES[opts.version];
    this.key = opts.key;
    this.launch = opts.launch || {};
    this.log = opts.log;
    this.changed = opts.changed || function () {};
    this.previous = opts.previous || null;
    this.model = new CMI.Model(opts.version);
    this.store = new Store(this.model, {});
    this.state = "launched";  // → "running" → "finished"
    this.uncommitted = 0;
    this.lastError = 0;
    this.lastWhy = "";
    var record = read(this.key);
    if (opts.fresh) {
      record = { attempt: (record ? record.attempt : 0) + 1, cmi: null, exit: "", totalMs: 0 };
      write(this.key, record);
    }
    this.attempt = record ? record.attempt : 1;
    this.api = this.makeApi();
  }

  Session.prototype.note = function (text, level) {
    this.log({ kind: "note", session: this.number, text: text, level: level || "info" });
  };

  // What the LMS hands the SCO at Initialize, decided from what was committed before.
  Session.prototype.begin = function () {
    var record = read(this.key) || { attempt: this.attempt, cmi: null, exit: "", totalMs: 0 };
    var carried = record.cmi || {}, entry = "ab-initio", v = this.version;
    if (this.previous && this.previous.state === "running") {
      this.previous.note("Session " + this.previous.number + " ended without " + this.previous.names.finish +
        " (the page was unloaded): " + this.previous.uncommitted + " value(s) set after the last " +
        this.previous.names.commit + " are lost; an LMS keeps only committed data.", "warn");
      this.previous.state = "abandoned";
    }
    this.previous = null;
    if (record.cmi) {
      var suspended = record.exit === "suspend" || (v === "2004" && record.exit === "logout");
      entry = suspended ? "resume" : "";
      if (!suspended) {
        this.note("The previous session ended with " + this.names.exit + " = " + quote(record.exit || "") +
          ", not \"suspend\": " + (v === "2004" ? "an LMS starts a new attempt, so location and suspend_data are gone."
            : "entry is \"\" and many LMSs start a new attempt."), "warn");
        if (v === "2004") {
          record = { attempt: record.attempt + 1, cmi: null, exit: "", totalMs: 0 };
          carried = {};
        }
      }
    }
    this.attempt = record.attempt;
    var seed = defaults(v, this.launch, entry, record.totalMs || 0), shared = this.shared;
    Object.keys(carried).forEach(function (name) { seed[name] = carried[name]; });
    if (v === "2004") { // the shared data stores this SCO's item maps, as every SCO of the course last wrote them
      (this.launch.data || []).forEach(function (target, i) {
        var stored = read(shared + "|data|" + target);
        seed["adl.data." + i + ".id"] = target;
        if (stored !== null) { seed["adl.data." + i + ".store"] = stored; }
      });
    }
    this.store = new Store(this.model, seed);
    this.totalMs = record.totalMs || 0;
    write(this.key, record);
    var loc = v === "1.2" ? "cmi.core.lesson_location" : "cmi.location";
    this.note("LMS launch data: " + this.names.entry + " = " + quote(entry) + ", " + loc + " = " +
      quote(this.store.values[loc] || "") + ", cmi.suspend_data " + (this.store.values["cmi.suspend_data"] || "").length +
      " characters, " + this.store.count("cmi.interactions") + " interaction(s) (attempt " + this.attempt + ").");
  };

  Session.prototype.persist = function () {
    var record = read(this.key);
    if (record && record.attempt !== this.attempt) {
      this.note("Not saved: a new attempt started since this session began.");
      return;
    }
    var cmi = {}, values = this.store.values, model = this.model, names = this.names, shared = this.shared;
    Object.keys(values).forEach(function (name) {
      var el = model.elements[model.parse(name).generic], data = /^adl\.data\.(\d+)\.store$/.exec(name);
      if (data) { write(shared + "|data|" + values["adl.data." + data[1] + ".id"], values[name]); return; }
      if (el && el.access !== "r" && name !== names.exit && name !== names.sessionTime) { cmi[name] = values[name]; }
    });
    write(this.key, { attempt: this.attempt, cmi: cmi, exit: values[names.exit] || "", totalMs: this.totalMs });
    this.uncommitted = 0;
  };

  // What the LMS itself does with the data when the session ends.
  Session.prototype.close = function () {
    var values = this.store.values, v = this.version;
    this.totalMs += durationMs(v, values[this.names.sessionTime]);
    if (!values[this.names.sessionTime]) { this.note(this.names.sessionTime + " was never set: the LMS records no time for this session.", "warn"); }
    if ((values[this.names.exit] || "") !== "suspend") {
      this.note(this.names.exit + " is " + quote(values[this.names.exit] || "") + ": the next launch " +
        (v === "2004" ? "starts a new attempt." : "gets entry \"\"; many LMSs start a new attempt."), "warn");
    }
    var mastery = this.launch.masteryScore, raw = values["cmi.core.score.raw"];
    if (v === "1.2" && mastery && raw) {
      var judged = parseFloat(raw) >= parseFloat(mastery) ? "passed" : "failed";
      if (values["cmi.core.lesson_status"] !== judged) {
        this.note("Moodle's mastery override records lesson_status " + quote(judged) + ", not " +
          quote(values["cmi.core.lesson_status"]) + " (score.raw " + raw + ", masteryscore " + mastery + ").", "warn");
      }
    }
    var passing = values["cmi.scaled_passing_score"], scaled = values["cmi.score.scaled"];
    if (v === "2004" && passing !== undefined) {
      var success = scaled === undefined ? "unknown" : (parseFloat(scaled) >= parseFloat(passing) ? "passed" : "failed");
      if (values["cmi.success_status"] !== success) {
        this.note("At Terminate the LMS sets cmi.success_status to " + quote(success) + " from cmi.score.scaled (" +
          (scaled === undefined ? "never set" : scaled) + ") and scaled_passing_score " + passing + ".", "warn");
        this.store.put("cmi.success_status", success);
      }
    }
    var threshold = values["cmi.completion_threshold"], progress = values["cmi.progress_measure"];
    if (v === "2004" && threshold !== undefined && progress !== undefined) {
      var completion = parseFloat(progress) >= parseFloat(threshold) ? "completed" : "incomplete";
      if (values["cmi.completion_status"] !== completion) {
        this.note("At Terminate the LMS sets cmi.completion_status to " + quote(completion) + " from progress_measure.", "warn");
        this.store.put("cmi.completion_status", completion);
      }
    }
  };

  Session.prototype.makeApi = function () {
    var self = this, v = this.version, n = this.names, codes = STATE[v], api = {};
    var ops = {
      init: function (args, warnings) {
        if (args[0] !== "") { return self.fail(201, "the argument must be \"\"", warnings); }
        if (self.state === "running") { return self.fail(codes.twice, "a second " + n.init + " in the same session", warnings); }
        if (self.state !== "launched") { return self.fail(codes.init[1], n.init + " after " + n.finish + "; a SCO never re-initialises", warnings); }
        self.begin();
        self.state = "running";
        return self.ok("true");
      },
      finish: function (args, warnings) {
        var bad = self.guard("finish", args, warnings);
        if (bad) { return bad; }
        self.close();
        self.persist();
        self.state = "finished";
        var request = self.store.values["adl.nav.request"];
        if (request && request !== "_none_" && self.navigate) {
          window.setTimeout(function () { self.navigate(request); }, 0); // after Terminate has returned
        }
        return self.ok("true");
      },
      commit: function (args, warnings) {
        var bad = self.guard("commit", args, warnings);
        if (bad) { return bad; }
        self.persist();
        return self.ok("true");
      },
      get: function (args, warnings) {
        var bad = self.guard("get", null, warnings);
        if (bad !== null) { return ""; }
        var valid = v === "2004" && /^adl\.nav\.request_valid\.(continue|previous|choice\.\{target=([^}]+)\})$/.exec(String(args[0]));
        if (valid) { return self.ok(self.requestValid(valid[1], valid[2])); }
        var r = self.store.get(String(args[0]));
        self.lastError = r.code;
        self.lastWhy = r.why;
        if (r.code && r.code !== 403) { warnings.push(r.why + " (error " + r.code + ")"); }
        return r.value;
      },
      set: function (args, warnings) {
        var bad = self.guard("set", null, warnings);
        if (bad !== null) { return "false"; }
        if (typeof args[1] !== "string") { warnings.push("the value is a " + typeof args[1] + "; the API takes strings"); }
        var r = self.store.set(String(args[0]), String(args[1]));
        self.lastError = r.code;
        self.lastWhy = r.why;
        r.warnings.forEach(function (w) { warnings.push(w); });
        if (r.code) {
          warnings.push("A real LMS rejects this: " + r.why + " (error " + r.code + ").");
          return "false";
        }
        self.uncommitted += 1;
        return "true";
      }
    };
    ["init", "finish", "commit", "get", "set"].forEach(function (op) {
      api[n[op]] = function () {
        var args = Array.prototype.slice.call(arguments), warnings = [];
        if (op === "init" || op === "finish" || op === "commit") { args = args.length ? args : [""]; }
        var result = ops[op](args, warnings);
        self.log({ kind: "call", session: self.number, fn: n[op], args: args, result: result, code: self.lastError,
          error: self.lastError ? self.model.errorString(self.lastError) : "", warnings: warnings });
        self.changed(self);
        return result;
      };
    });
    function query(name, compute) {
      api[name] = function (code) {
        var args = Array.prototype.slice.call(arguments), result = compute(code);
        self.log({ kind: "call", session: self.number, fn: name, args: args, result: result, code: null, warnings: [] });
        return result;
      };
    }
    query(n.last, function () { return String(self.lastError); });
    query(n.string, function (code) { return self.model.errorString(parseInt(code, 10)); });
    query(n.diag, function (code) {
      return (code === undefined || code === "" || String(code) === String(self.lastError)) ? self.lastWhy : self.model.errorString(parseInt(code, 10));
    });
    return api;
  };

  // Whether the LMS would honour a navigation request from this SCO: free choice and flow over the
  // manifest's items (what trail's per-site organization allows), so any other item, the next, the previous.
  Session.prototype.requestValid = function (kind, target) {
    var ids = this.items.map(function (it) { return it.id; }), here = ids.indexOf(this.launch.id);
    if (kind === "continue") { return String(here >= 0 && here + 1 < ids.length); }
    if (kind === "previous") { return String(here > 0); }
    return String(ids.indexOf(target) >= 0);
  };
  Session.prototype.ok = function (result) { this.lastError = 0; this.lastWhy = ""; return result; };
  Session.prototype.fail = function (code, why, warnings) {
    this.lastError = code;
    this.lastWhy = why;
    warnings.push("A real LMS rejects this: " + why + " (error " + code + ").");
    return "false";
  };
  // null when the call may go ahead; otherwise the failed result.
  Session.prototype.guard = function (op, args, warnings) {
    var n = this.names, codes = STATE[this.version][op];
    if (args && args[0] !== "") { return this.fail(201, "the argument must be \"\"", warnings); }
    if (this.state === "launched") { return this.fail(codes[0], this.names[op] + " before " + n.init, warnings); }
    if (this.state !== "running") { return this.fail(codes[1], this.names[op] + " after " + n.finish, warnings); }
    return null;
  };

  window.TrailPreviewLMS = { Session: Session, durationMs: durationMs, formatDuration: formatDuration };
}());
