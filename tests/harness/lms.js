/*
 * trail test LMS: hosts one SCO in an iframe, like Moodle's player does.
 *
 * The SCORM API object (scorm-again) lives on this window, so the SCO finds it
 * through window.parent. Every API call, its return value and the error code
 * right after it are recorded in window.__lms.calls; scorm-again's own log
 * (errors of every kind, failed commits) in window.__lms.log. Commits go to the
 * test server's /__lms/commit/<session>, where the Python side reads them.
 *
 * Configuration: window.__lmsConfig (set by the Python fixture before any
 * script runs) or, for manual use in a browser, the query string:
 *   scorm12.html?pkg=<URL of the launch file>&session=<id>&seed=<CMI JSON>
 */
(function () {
  "use strict";

  var SPECS = {
    "1.2": {
      global: "API",
      ctor: "Scorm12API",
      methods: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
                "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      finish: "LMSFinish",
      lastError: "LMSGetLastError",
      errorString: "LMSGetErrorString",
      diagnostic: "LMSGetDiagnostic",
      defaults: {cmi: {core: {student_id: "trail-test-learner", student_name: "Nordmann, Kari",
                              entry: "ab-initio", lesson_mode: "normal", credit: "credit"}}}
    },
    "2004": {
      global: "API_1484_11",
      ctor: "Scorm2004API",
      methods: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
                "GetLastError", "GetErrorString", "GetDiagnostic"],
      finish: "Terminate",
      lastError: "GetLastError",
      errorString: "GetErrorString",
      diagnostic: "GetDiagnostic",
      defaults: {cmi: {learner_id: "trail-test-learner", learner_name: "Nordmann, Kari",
                       entry: "ab-initio", mode: "normal", credit: "credit"}}
    }
  };
  // Methods that only report the previous call's error: never a new error.
  var INFO_METHODS = ["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic",
                      "GetLastError", "GetErrorString", "GetDiagnostic"];
  var LEVELS = {1: "debug", 2: "info", 3: "warn", 4: "error"};

  var lms = window.__lms = {
    version: null, session: null, pkg: null, calls: [], log: [], seed: null,
    manifest: null, frameLoads: 0, terminated: false, ready: false, failed: null
  };

  function isPlainObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  // Deep merge; b wins. Arrays are replaced, not merged.
  function merge(a, b) {
    var out = {};
    Object.keys(a || {}).forEach(function (k) { out[k] = a[k]; });
    Object.keys(b || {}).forEach(function (k) {
      out[k] = isPlainObject(out[k]) && isPlainObject(b[k]) ? merge(out[k], b[k]) : b[k];
    });
    return out;
  }

  function readConfig() {
    var cfg = window.__lmsConfig || {};
    var q = new URLSearchParams(window.location.search);
    var seed = cfg.seed || null;
    if (!seed && q.get("seed")) seed = JSON.parse(q.get("seed"));
    return {
      pkg: cfg.pkg || q.get("pkg"),
      session: cfg.session || q.get("session") || "manual",
      seed: seed,
      settings: cfg.settings || {},
      useManifest: cfg.useManifest !== false,
      sequence: !!cfg.sequence,
      choice: cfg.choice !== false,
      ignoreNav: !!cfg.ignoreNav
    };
  }

  function log(level, message) {
    var name = LEVELS[level] || String(level).toLowerCase();
    // seq: the API call this happened in (or after).
    lms.log.push({level: name, message: String(message), seq: lms.calls.length - 1});
  }

  function text(el) { return el ? el.textContent.trim() : ""; }

  // What a real LMS reads from the manifest and hands to the SCO as read-only
  // CMI data (Moodle: mastery score, launch data; 2004: passing score and
  // completion threshold). Returns a partial seed, or null without a manifest.
  function manifestSeed(version, pkgUrl) {
    var url = new URL("imsmanifest.xml", pkgUrl).href;
    return fetch(url, {cache: "no-store"}).then(function (res) {
      if (!res.ok) return null;
      return res.text().then(function (xml) {
        var doc = new DOMParser().parseFromString(xml, "application/xml");
        if (doc.getElementsByTagName("parsererror").length) {
          throw new Error("imsmanifest.xml is not well-formed");
        }
        var items = Array.prototype.filter.call(doc.getElementsByTagNameNS("*", "item"),
          function (it) { return it.hasAttribute("identifierref"); });
        var item = items[0];
        if (!item) return {};
        function child(local) {
          return Array.prototype.filter.call(item.getElementsByTagNameNS("*", local),
            function (el) { return el.parentNode === item; })[0];
        }
        var seed = {cmi: {}};
        if (version === "1.2") {
          var mastery = text(child("masteryscore"));
          if (mastery) seed.cmi.student_data = {mastery_score: mastery};
          var data12 = text(child("datafromlms"));
          if (data12) seed.cmi.launch_data = data12;
        } else {
          var data04 = text(child("dataFromLMS"));
          if (data04) seed.cmi.launch_data = data04;
          var threshold = child("completionThreshold");
          if (threshold) {
            var min = threshold.getAttribute("minProgressMeasure") || text(threshold);
            if (min && threshold.getAttribute("completedByMeasure") === "true") {
              seed.cmi.completion_threshold = min;
            }
          }
          var primary = item.getElementsByTagNameNS("*", "primaryObjective")[0];
          if (primary && primary.getAttribute("satisfiedByMeasure") === "true") {
            var measure = text(primary.getElementsByTagNameNS("*", "minNormalizedMeasure")[0]);
            seed.cmi.scaled_passing_score = measure || "1.0";
          }
        }
        return seed;
      });
    }).catch(function (err) {
      log(4, "harness: cannot read imsmanifest.xml: " + err);
      return null;
    });
  }

  // onFinish: called after a successful Terminate/LMSFinish (the sequencer's cue to act on adl.nav.request)
  function wrap(api, spec, onFinish) {
    var originals = {};
    spec.methods.forEach(function (name) {
      originals[name] = api[name];
    });
    spec.methods.forEach(function (name) {
      var original = originals[name];
      if (typeof original !== "function") {
        throw new Error("scorm-again has no " + name);
      }
      api[name] = function () {
        var args = Array.prototype.slice.call(arguments);
        var record = {seq: lms.calls.length, method: name, args: args.map(String),
                      result: null, error: 0, errorString: "", diagnostic: ""};
        lms.calls.push(record);
        var result;
        try {
          result = original.apply(api, arguments);
        } catch (err) {
          record.result = null;
          record.error = -1;
          record.errorString = "exception: " + (err && err.message || err);
          log(4, "harness: " + name + " threw " + (err && err.stack || err));
          throw err;
        }
        record.result = result === undefined ? null : String(result);
        if (INFO_METHODS.indexOf(name) === -1) {
          var code = String(originals[spec.lastError].call(api));
          record.error = parseInt(code, 10) || 0;
          if (record.error !== 0) {
            record.errorString = String(originals[spec.errorString].call(api, code));
            record.diagnostic = String(originals[spec.diagnostic].call(api, code));
          }
          if (name === spec.finish && record.result === "true") {
            lms.terminated = true;
            if (onFinish) onFinish();
          }
        }
        return result;
      };
    });
  }

  function start(version) {
    var spec = SPECS[version];
    var cfg = readConfig();
    lms.version = version;
    lms.session = cfg.session;
    lms.pkg = cfg.pkg;
    if (!cfg.pkg) {
      lms.failed = "no package URL (window.__lmsConfig.pkg or ?pkg=)";
      return;
    }
    var pkgUrl = new URL(cfg.pkg, window.location.href).href;
    var ready = cfg.useManifest ? manifestSeed(version, pkgUrl) : Promise.resolve(null);
    ready.then(function (fromManifest) {
      lms.manifest = fromManifest;
      var settings = merge({
        lmsCommitUrl: "/__lms/commit/" + encodeURIComponent(cfg.session),
        autocommit: false,
        terminateCommitParam: "terminate",
        logLevel: 3,
        onLogMessage: log
      }, cfg.settings);
      var api = new window[spec.ctor](settings);
      api.on("CommitError", function (element, code) {
        log(4, "harness: commit to the LMS failed with error " + code);
      });
      // The LMS's own values first, then the manifest's, then the test's seed.
      var seed = merge(merge(spec.defaults, fromManifest || {}), cfg.seed || {});
      if (cfg.sequence) { // a multi-SCO package: launched item by item (2004: sequencer.js, 1.2: menu12.js)
        (version === "1.2" ? window.TrailMenu12 : window.TrailSequencer).run({spec: spec, settings: settings, seed: seed, pkgUrl: pkgUrl,
                                   wrap: wrap, merge: merge, log: log, choice: cfg.choice,
                                   ignoreNav: cfg.ignoreNav});
        return;
      }
      lms.seed = seed;
      var before = lms.log.length;
      try {
        api.loadFromJSON(seed);
      } catch (err) {
        log(4, "harness: " + (err && err.message || err));
      }
      var seedErrors = lms.log.slice(before).filter(function (e) { return e.level === "error"; });
      if (seedErrors.length) {
        // A seed the LMS itself could not hold would test nothing: stop here.
        lms.failed = "seed rejected by scorm-again: " +
          seedErrors.map(function (e) { return e.message; }).join("; ");
        return;
      }
      wrap(api, spec);
      window[spec.global] = api;

      var frame = document.createElement("iframe");
      frame.id = "sco";
      frame.name = "sco";
      frame.title = "Course";
      frame.setAttribute("allow", "fullscreen; autoplay");
      frame.addEventListener("load", function () { lms.frameLoads += 1; });
      frame.src = pkgUrl;
      document.getElementById("stage").appendChild(frame);
      lms.ready = true;
    }).catch(function (err) {
      lms.failed = "harness start failed: " + (err && err.stack || err);
    });
  }

  window.TrailLms = {start: start};
})();
