/* lrs.js: the LRS client shared by the xAPI and cmi5 adapters (window.TrailLRS).
 * Launch parameters, actor normalisation, statement builders (video ones too); the client (lrs-client.js,
 * joined in at its @include): one ordered statement queue kept in
 * localStorage until the LRS has it (client ids, so a resend is never stored twice), retry
 * with back-off, a keepalive flush when the page goes, and State / Agent Profile documents.
 * Credentials live only in memory (xAPI) or sessionStorage (cmi5 token); never in the package. */
(function () {
  "use strict";
  var VERSION = "1.0.3";

  function uuid() {
    var c = window.crypto;
    if (c && c.randomUUID) return c.randomUUID();
    var b = c.getRandomValues(new Uint8Array(16)), h = [];
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    for (var i = 0; i < 16; i++) h.push((b[i] + 256).toString(16).slice(1));
    return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" + h.slice(6, 8).join("") + "-" +
      h.slice(8, 10).join("") + "-" + h.slice(10).join("");
  }
  function params(search) { // form decoding ('+' is a space), as LMSs build the query
    var out = {};
    String(search || "").replace(/^\?/, "").split("&").forEach(function (kv) {
      if (!kv) return;
      var i = kv.indexOf("="), k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : kv.slice(i + 1);
      try { out[decodeURIComponent(k.replace(/\+/g, " "))] = decodeURIComponent(v.replace(/\+/g, " ")); } catch (e) { /* skip */ }
    });
    return out;
  }
  function one(v) { return Array.isArray(v) ? v[0] : v; }
  function agent(a) { // xAPI 1.0 Agent with exactly one IFI; accepts the 0.9 array form of the golf example
    if (typeof a === "string") { try { a = JSON.parse(a); } catch (e) { return null; } }
    if (!a || typeof a !== "object") return null;
    var out = {objectType: "Agent"}, name = one(a.name), acct = one(a.account), mbox = one(a.mbox);
    if (name) out.name = String(name);
    if (mbox) out.mbox = /^mailto:/i.test(mbox) ? String(mbox) : "mailto:" + mbox;
    else if (one(a.mbox_sha1sum)) out.mbox_sha1sum = String(one(a.mbox_sha1sum));
    else if (one(a.openid)) out.openid = String(one(a.openid));
    else if (acct && typeof acct === "object") {
      var home = acct.homePage || acct.accountServiceHomePage, id = acct.name || acct.accountName;
      if (!home || id == null) return null;
      out.account = {homePage: String(home), name: String(id)};
    } else return null;
    return out;
  }
  function duration(ms) { // ISO 8601, hundredths of a second
    var cs = Math.max(0, Math.round((ms || 0) / 10)), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + (cs % 6000) / 100 + "S";
  }
  var lastTs = 0;
  function timestamp() { // UTC, strictly increasing: order by timestamp is the order of sending
    lastTs = Math.max(Date.now(), lastTs + 1);
    return new Date(lastTs).toISOString();
  }
  function store(kind) { try { var s = window[kind]; s.setItem("trail.probe", "1"); s.removeItem("trail.probe"); return s; } catch (e) { return null; } }
  function read(s, k, dflt) { try { var v = s && s.getItem(k); return v ? JSON.parse(v) : dflt; } catch (e) { return dflt; } }
  function write(s, k, v) { try { if (s) { if (v == null) s.removeItem(k); else s.setItem(k, JSON.stringify(v)); } return true; } catch (e) { return false; } }

  // ---- statements and interaction definitions (xAPI 1.0.3 shapes)
  function lang(text, tag) { var m = {}; m[tag] = String(text == null ? "" : text); return m; }
  function comps(list, tag) { return (list || []).map(function (o) { return {id: String(o.id), description: lang(o.text, tag)}; }); }
  function fmt(type, r) { // the neutral response in the xAPI interaction format
    if (r == null) return "";
    if (type === "true-false") return r ? "true" : "false";
    if (type === "matching") return r.map(function (p) { return p[0] + "[.]" + p[1]; }).join("[,]");
    if (type === "fill-in" || type === "reflection") return String(r);
    return r.join("[,]");
  }
  function definition(q, rec, V, tag) { // q: the question in the course data (null for a reflection)
    var type = rec.type, d = {type: V.activityTypes.interaction, name: lang(rec.text, tag),
      interactionType: V.interactionTypes[type] || "other"};
    if (!q) return d;
    if (type === "single" || type === "multiple") {
      d.choices = comps(q.options, tag); d.correctResponsesPattern = [fmt(type, q.correct || [])];
    } else if (type === "ordering") {
      d.choices = comps(q.items, tag); d.correctResponsesPattern = [fmt(type, q.correct || [])];
    } else if (type === "likert") d.scale = comps(q.options, tag); // any answer is right: no pattern
    else if (type === "matching") {
      d.source = comps(q.left, tag); d.target = comps(q.right, tag); d.correctResponsesPattern = [fmt(type, q.correct || [])];
    } else if (type === "true-false") d.correctResponsesPattern = [fmt(type, q.correct != null ? q.correct : q.answer)];
    else if (type === "fill-in") {
      d.correctResponsesPattern = (q.accept || []).map(function (a) { return (q.caseSensitive ? "{case_matters=true}" : "") + a; });
    }
    return d;
  }

  // ---- the xAPI Video Profile (v1.0.3): what one video event of the tracker becomes, for both
  // adapters. played-segments and progress cover the registration, as the profile defines them:
  // doc.videos[id].s (in the State document) holds what earlier pages saw, this page's segments
  // follow it. completed goes out once per video and registration, when the share seen reaches
  // the completion threshold (checked on paused and on the end reached).
  var pageBase = {};
  function segText(list) { return list.map(function (p) { return p[0] + "[.]" + p[1]; }).join("[,]"); }
  function segList(text) {
    return text ? String(text).split("[,]").map(function (p) { return p.split("[.]").map(Number); })
      .filter(function (p) { return p.length === 2 && p[1] > p[0]; }) : [];
  }
  function union(list) { // sorted, overlaps merged
    var out = [];
    list.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (p) {
      var last = out[out.length - 1];
      if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]); else out.push(p.slice());
    });
    return out;
  }
  function video(V, r, doc, session, tag) { // → [{verb, object, result, ext, category}]: 0 to 2 statements
    var X = V.extensions, T = V.videoCompletionThreshold, all = doc.videos = doc.videos || {}, out = [];
    var mem = all[r.id] = all[r.id] || {s: ""}, len = r.length, cover = 0, watched = 0;
    if (!(r.id in pageBase)) pageBase[r.id] = mem.s || "";
    var segs = segList(pageBase[r.id]).concat(r.segments || []), text = segText(segs);
    if (text.length > 4000) text = segText(union(segs)); // a long history: the parts seen, merged
    mem.s = text;
    union(segs).forEach(function (p) { cover += p[1] - p[0]; });
    segs.forEach(function (p) { watched += p[1] - p[0]; });
    var progress = len ? Math.min(1, Math.round(cover / len * 1000) / 1000) : 0;
    var obj = {objectType: "Activity", id: r.id, definition: {type: V.activityTypes.video, name: lang(r.title, tag)}};
    var cat = [{objectType: "Activity", id: V.categories.video, definition: {type: V.activityTypes.profile}}];
    function ext(threshold) {
      var e = {};
      e[X.videoSessionId] = session;
      if (len != null) e[X.videoLength] = len;
      if (threshold) e[X.videoCompletionThreshold] = T;
      return e;
    }
    function seen(res) {
      res[X.videoTime] = r.time; res[X.videoProgress] = progress; res[X.videoPlayedSegments] = text;
      return res;
    }
    var res = {};
    if (r.verb === "played") res[X.videoTime] = r.time;
    else if (r.verb === "seeked") { res[X.videoTimeFrom] = r.from; res[X.videoTimeTo] = r.to; }
    else if (r.verb === "paused") seen(res);
    if (r.verb !== "completed") { // the end reached is no statement of its own: completed follows the share seen
      out.push({verb: r.verb, object: obj, result: {extensions: res}, ext: ext(r.verb === "paused"), category: cat});
    }
    if ((r.verb === "paused" || r.verb === "completed") && !mem.c && len && progress >= T) {
      mem.c = true;
      out.push({verb: "completed", object: obj, category: cat, ext: ext(true),
        result: {completion: true, duration: duration(watched * 1000), extensions: seen({})}});
    }
    return out;
  }

  // @include lrs-client.js (the client: delivery queue, State documents)

  window.TrailLRS = {
    version: VERSION, uuid: uuid, params: params, agent: agent, duration: duration, timestamp: timestamp,
    lang: lang, response: fmt, definition: definition, video: video, mergeDoc: mergeDoc, merger: merger, stamp: stamp, judged: judged, Client: Client,
    session: store("sessionStorage"), read: read, write: write
  };
})();
