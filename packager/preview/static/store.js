/* trail preview: one learner's CMI values, with the get/set rules of the data model.
 * Results carry the error code the SCO gets, the diagnostic text, and warnings
 * for values that this stand-in accepts but a strict LMS would not. */
(function () {
  "use strict";
  var CMI = window.TrailPreviewCMI;
  var VERSION = { "1.2": "3.4", "2004": "1.0" };

  function Store(model, seed) {
    this.model = model;
    this.values = {};
    this.counts = {};
    for (var name in seed) {
      if (Object.prototype.hasOwnProperty.call(seed, name)) { this.put(name, String(seed[name])); }
    }
  }

  Store.prototype.put = function (name, value) {
    this.values[name] = value;
    this.model.parse(name).levels.forEach(function (level) {
      this.counts[level.prefix] = Math.max(this.counts[level.prefix] || 0, level.index + 1);
    }, this);
  };

  Store.prototype.count = function (prefix) { return this.counts[prefix] || 0; };

  Store.prototype.result = function (kind, why, value) {
    var code = kind ? this.model.codes()[kind] : 0;
    return { value: code ? "" : (value === undefined ? "" : value), code: code, why: why || "", warnings: [] };
  };

  // _version, _children and _count, or null when the name is not a keyword.
  Store.prototype.keyword = function (name, generic) {
    var m = /^(.*)\.(_version|_children|_count)$/.exec(generic);
    if (!m) { return null; }
    var base = m[1], model = this.model;
    if (m[2] === "_version") {
      return base === "cmi" ? this.result(null, "", VERSION[model.version]) : this.result("undef", name + " is not defined");
    }
    var known = Object.keys(model.elements).some(function (el) { return el === base || el.indexOf(base + ".") === 0; });
    if (!known) { return this.result("undef", base + " is not a data model element"); }
    if (m[2] === "_children") {
      return model.children[base] ? this.result(null, "", model.children[base])
        : this.result("nochildren", base + " has no children");
    }
    return model.isArray(base) ? this.result(null, "", String(this.count(name.slice(0, -7))))
      : this.result("nocount", base + " is not an array");
  };

  Store.prototype.indexProblem = function (levels, forSet) {
    for (var i = 0; i < levels.length; i++) {
      var level = levels[i], count = this.count(level.prefix);
      if (level.index > count || (!forSet && level.index === count)) {
        return level.prefix + "." + level.index + ": " + level.prefix + "._count is " + count +
          (forSet ? "; indices must be used in order" : "");
      }
    }
    return null;
  };

  Store.prototype.get = function (name) {
    if (name === "") { return this.getFailure("no element named"); }
    var parsed = this.model.parse(name), kw = this.keyword(name, parsed.generic);
    if (kw) { return kw; }
    var el = this.model.elements[parsed.generic];
    if (!el) { return this.result("undef", name + " is not a SCORM " + this.model.version + " element"); }
    if (el.access === "w") { return this.result("wo", name + " is write-only: the SCO can set it but never read it"); }
    var bad = this.indexProblem(parsed.levels, false);
    if (bad) { return this.getFailure(bad); }
    if (Object.prototype.hasOwnProperty.call(this.values, name)) { return this.result(null, "", this.values[name]); }
    if (this.model.version === "2004") { return this.result("uninit", name + " has no value yet"); }
    return this.result(null, "", "");
  };

  // 1.2 has no "get failure": a bad index is an invalid argument there, a general get failure in 2004.
  Store.prototype.getFailure = function (why) {
    var r = this.result("index", why);
    if (this.model.version === "2004") { r.code = 301; }
    return r;
  };

  Store.prototype.set = function (name, value) {
    var parsed = this.model.parse(name), model = this.model;
    if (name === "") {
      var none = this.result("undef", "no element named");
      if (model.version === "2004") { none.code = 351; }
      return none;
    }
    if (/\.(_version|_children|_count)$/.test(name)) { return this.result("keyword", name + " is a keyword; it cannot be set"); }
    var el = model.elements[parsed.generic];
    if (!el) { return this.result("undef", name + " is not a SCORM " + model.version + " element"); }
    if (el.access === "r") { return this.result("ro", name + " is read-only: only the LMS sets it"); }
    var bad = this.indexProblem(parsed.levels, true);
    if (bad) { return this.result("index", bad); }
    var warnings = [], last = parsed.levels[parsed.levels.length - 1], self = this;
    for (var i = 0; i < parsed.levels.length; i++) {
      var level = parsed.levels[i], first = model.firstOf(level.generic);
      if (level.index === this.count(level.prefix) && first && level.rest !== first) {
        var why = "set " + level.prefix + "." + level.index + "." + first + " before " + name;
        if (model.version === "2004") { return this.result("dep", why); }
        warnings.push(why + ": strict LMSs need the " + first + " first");
      }
    }
    var ctx = {
      isNew: !!last && last.index === this.count(last.prefix),
      index: last ? last.index : 0,
      sibling: function (leaf) {
        var top = parsed.levels[0];
        return top ? self.values[top.prefix + "." + top.index + "." + leaf] || "" : "";
      }
    };
    var checked = el.check ? el.check(value, ctx) : null;
    if (checked && checked.fail) { return this.result(checked.fail, checked.why); }
    if (checked && checked.warn) { warnings.push(checked.warn); }
    this.put(name, value);
    var ok = this.result(null, "", "true");
    ok.warnings = warnings;
    return ok;
  };

  // Values in a stable, readable order (interactions.10 after interactions.9).
  Store.prototype.entries = function () {
    var values = this.values;
    return Object.keys(values).sort(function (a, b) {
      return a.localeCompare(b, "en", { numeric: true });
    }).map(function (name) { return [name, values[name]]; });
  };

  Store.prototype.snapshot = function () { return Object.assign({}, this.values); };

  window.TrailPreviewStore = { Store: Store, quote: CMI.quote };
}());
