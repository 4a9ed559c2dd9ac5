/* trail: finding the SCORM API, shared by both SCORM adapters (joined before them into trail/adapter.js). */
var TrailScorm = (function () {
  "use strict";
  // The parent chain (bounded), then the opener and its parents, then top (and its opener); every
  // cross-window access in try/catch, since an LMS may wrap the content in frames of another origin.
  function find(name, method) {
    function up(w) {
      for (var i = 0; w && i < 500; i++) {
        try { if (w[name] && w[name][method]) return w[name]; } catch (e) { /* other origin */ }
        var p = null;
        try { p = w.parent; } catch (e) { p = null; }
        if (!p || p === w) break;
        w = p;
      }
      return null;
    }
    var api = up(window), o = null, t = null;
    try { o = window.opener; } catch (e) { o = null; }
    if (!api && o) api = up(o);
    try { t = window.top; } catch (e) { t = null; }
    if (!api && t) { api = up(t); try { if (!api && t.opener) api = up(t.opener); } catch (e) { /* closed */ } }
    return api;
  }
  // sco_mode per-site (imsmanifest.xml): this SCO is one site (?site=<slug>) or the map (?sco=map);
  // null in a one-SCO package
  function launched() {
    var m = /[?&](site|sco)=([\w-]+)/.exec(location.search);
    return m ? {site: m[1] === "site" ? m[2] : null} : null;
  }
  return {find: find, launched: launched};
})();
