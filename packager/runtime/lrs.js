/* lrs.js: the LRS client shared by the xAPI and cmi5 adapters (window.TrailLRS).
 * Launch parameters, actor normalisation, statement builders (video ones too), a statement queue kept in
 * localStorage until the LRS has it (client ids, so a resend is never stored twice), retry
 * with back-off, a keepalive flush when the page goes, and State / Agent Profile documents.
 * Credentials live only in memory (xAPI) or sessionStorage (cmi5 token); never in the package. */
(function () {
  "use strict";
  var VERSION = "1.0.3", BATCH = 25, KEEPALIVE_MAX = 60000, TIMEOUT = 20000, MAX_WAIT = 60000;

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
  function ifi(a) {
    return a.mbox || a.mbox_sha1sum || a.openid || (a.account ? a.account.homePage + "|" + a.account.name : "");
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

  // ---- the client
  function Client(o) {
    this.endpoint = String(o.endpoint).replace(/\/?$/, "/");
    this.auth = o.auth || null;
    this.actor = o.actor;
    this.registration = o.registration || null;
    this.key = "trail.lrs:" + this.endpoint + "|" + (this.registration || "") + "|" + ifi(this.actor);
    this.ls = store("localStorage");
    this.mem = {q: [], s: {}}; this.memOnly = !this.ls; // no (or a full) localStorage: this page's memory
    this.wait = 0; this.timer = 0; this.busy = null; this.dead = []; this.ready = {};
    this.listeners = [];
    var self = this;
    window.addEventListener("online", function () { self.wait = 0; self.flush(); });
  }
  Client.prototype.headers = function (json) {
    var h = {"X-Experience-API-Version": VERSION};
    if (this.auth) h.Authorization = this.auth;
    if (json) h["Content-Type"] = "application/json";
    return h;
  };
  Client.prototype.request = function (method, path, query, body, keepalive, timeout) {
    var url = this.endpoint + path, q = [], k;
    for (k in query) if (query[k] != null) q.push(encodeURIComponent(k) + "=" + encodeURIComponent(query[k]));
    if (q.length) url += "?" + q.join("&");
    var text = body == null ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    var init = {method: method, headers: this.headers(text !== undefined), body: text, credentials: "omit", cache: "no-store"};
    if (keepalive && (!text || text.length < KEEPALIVE_MAX)) init.keepalive = true;
    var ctl = window.AbortController && !init.keepalive ? new AbortController() : null, t = 0;
    if (ctl) { init.signal = ctl.signal; t = setTimeout(function () { ctl.abort(); }, timeout || TIMEOUT); }
    return fetch(url, init).then(function (r) { clearTimeout(t); return r; }, function (e) { clearTimeout(t); throw e; });
  };
  // queue: statements wait in localStorage until the LRS answered 2xx (or refused one for good)
  Client.prototype.queue = function (v) {
    if (v === undefined) return this.memOnly ? this.mem.q : read(this.ls, this.key + ":q", []);
    this.mem.q = v;
    if (!this.memOnly && !write(this.ls, this.key + ":q", v.length ? v : null)) { this.mem.s = this.states(); this.memOnly = true; }
  };
  Client.prototype.states = function (v) {
    if (v === undefined) return this.memOnly ? this.mem.s : read(this.ls, this.key + ":s", {});
    this.mem.s = v;
    if (!this.memOnly && !write(this.ls, this.key + ":s", Object.keys(v).length ? v : null)) { this.mem.q = this.queue(); this.memOnly = true; }
  };
  Client.prototype.send = function (st) {
    st.id = st.id || uuid();
    st.timestamp = st.timestamp || timestamp();
    var q = this.queue(); q.push(st); this.queue(q);
    this.soon();
    return st;
  };
  Client.prototype.drop = function (ids) {
    var gone = {}; ids.forEach(function (i) { gone[i] = true; });
    this.queue(this.queue().filter(function (s) { return !gone[s.id]; }));
  };
  // state documents: the newest version is kept locally until the LRS has it
  Client.prototype.putState = function (activityId, stateId, doc) {
    var s = this.states();
    s[activityId + "|" + stateId] = doc; this.ready[activityId + "|" + stateId] = true;
    this.states(s);
    this.soon();
  };
  // the newer of the LRS's document and one a previous page could not deliver; only a
  // document adopted or put by this page is ever sent, so a stale one never overwrites
  Client.prototype.adopt = function (activityId, stateId, remote) {
    var s = this.states(), k = activityId + "|" + stateId, local = s[k];
    if (local && remote && String(remote.savedAt || "") >= String(local.savedAt || "")) {
      delete s[k]; this.states(s); local = null;
    }
    if (local && remote !== undefined) this.ready[k] = true;
    return local || remote || null;
  };
  Client.prototype.stateQuery = function (activityId, stateId) {
    return {activityId: activityId, agent: JSON.stringify(this.actor), registration: this.registration, stateId: stateId};
  };
  Client.prototype.getState = function (activityId, stateId, timeout) { // the document; null: none; rejects: unreachable
    return this.request("GET", "activities/state", this.stateQuery(activityId, stateId), null, false, timeout).then(function (r) {
      if (r.status === 404 || r.status === 204) return null;
      if (!r.ok) throw new Error("state " + r.status);
      return r.text().then(function (t) { return t ? JSON.parse(t) : null; });
    });
  };
  Client.prototype.getProfile = function (profileId) {
    return this.request("GET", "agents/profile", {agent: JSON.stringify(this.actor), profileId: profileId}).then(function (r) {
      if (!r.ok) return null;
      return r.text().then(function (t) { try { return t ? JSON.parse(t) : null; } catch (e) { return null; } });
    }, function () { return null; });
  };
  Client.prototype.on = function (f) { this.listeners.push(f); };
  Client.prototype.soon = function () {
    var self = this;
    if (this.timer || this.wait) return;
    this.timer = setTimeout(function () { self.timer = 0; self.flush(); }, 50);
  };
  Client.prototype.retry = function () {
    var self = this;
    this.wait = Math.min(MAX_WAIT, this.wait ? this.wait * 2 : 1000);
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.timer = 0; self.flush(); }, this.wait * (0.8 + Math.random() * 0.4));
  };
  // flush → Promise<bool>: true when nothing waits any more
  Client.prototype.flush = function (keepalive) {
    var self = this;
    if (this.busy) return this.busy.then(function () { return self.flush(keepalive); });
    var hidden = document.visibilityState === "hidden";
    this.busy = this.loop(keepalive || hidden).then(function (ok) {
      self.busy = null;
      if (ok) { self.wait = 0; clearTimeout(self.timer); self.timer = 0; } else if (!self.timer) self.retry();
      self.listeners.forEach(function (f) { try { f(ok); } catch (e) { /* listener's bug */ } });
      return ok;
    });
    return this.busy;
  };
  Client.prototype.loop = function (keepalive) {
    var self = this, batch = this.queue().slice(0, BATCH);
    if (batch.length) {
      return this.post(batch, keepalive).then(function (ok) { return ok ? self.loop(keepalive) : false; });
    }
    var s = this.states(), ready = this.ready;
    var k = Object.keys(s).filter(function (x) { return ready[x]; })[0];
    if (!k) return Promise.resolve(true);
    var doc = s[k], cut = k.lastIndexOf("|");
    return this.request("PUT", "activities/state", this.stateQuery(k.slice(0, cut), k.slice(cut + 1)), doc, keepalive).then(function (r) {
      if (!r.ok && r.status !== 403 && r.status !== 400) return false; // 400/403: the LMS will never take it
      self.delivered(k, JSON.stringify(doc));
      return self.loop(keepalive);
    }, function () { return false; });
  };
  Client.prototype.delivered = function (k, body) { // forget a state document the LRS has, unless it changed since
    var now = this.states();
    if (JSON.stringify(now[k]) === body) { delete now[k]; this.states(now); }
  };
  Client.prototype.post = function (batch, keepalive) {
    var self = this;
    return this.request("POST", "statements", null, batch, keepalive).then(function (r) {
      if (r.ok) { self.drop(batch.map(function (s) { return s.id; })); return true; }
      if (r.status === 400 || r.status === 409) return self.each(batch, keepalive); // find the one at fault
      return false;
    }, function () { return false; });
  };
  Client.prototype.each = function (batch, keepalive) { // one PUT per statement: 409/400 mean "never"
    var self = this;
    return batch.reduce(function (p, st) {
      return p.then(function (ok) {
        if (!ok) return false;
        return self.request("PUT", "statements", {statementId: st.id}, st, keepalive).then(function (r) {
          if (r.status === 400 || r.status === 409) { self.dead.push({status: r.status, statement: st}); write(self.ls, self.key + ":dead", self.dead); }
          else if (!r.ok) return false;
          self.drop([st.id]);
          return true;
        }, function () { return false; });
      });
    }, Promise.resolve(true));
  };
  // the last flush, when the page is going: everything in one keepalive request (a fetch, since
  // sendBeacon cannot carry the Authorization header); what does not fit waits for the next launch
  Client.prototype.final = function () {
    var self = this, q = this.queue(), out = [], size = 2, sent = [];
    q.forEach(function (st) { var n = JSON.stringify(st).length + 1; if (size + n < KEEPALIVE_MAX) { out.push(st); size += n; } });
    if (out.length) {
      sent.push(this.request("POST", "statements", null, out, true).then(function (r) {
        if (r.ok) self.drop(out.map(function (s) { return s.id; }));
        return r.ok;
      }, function () { return false; }));
    }
    var s = this.states();
    Object.keys(s).filter(function (k) { return self.ready[k]; }).forEach(function (k) {
      var body = JSON.stringify(s[k]), cut = k.lastIndexOf("|");
      if (size + body.length >= KEEPALIVE_MAX) return;
      size += body.length;
      sent.push(self.request("PUT", "activities/state", self.stateQuery(k.slice(0, cut), k.slice(cut + 1)), body, true).then(function (r) {
        if (r.ok) self.delivered(k, body);
        return r.ok;
      }, function () { return false; }));
    });
    return Promise.all(sent).then(function (r) { return r.every(Boolean) && self.queue().length === 0; });
  };

  window.TrailLRS = {
    version: VERSION, uuid: uuid, params: params, agent: agent, duration: duration, timestamp: timestamp,
    lang: lang, response: fmt, definition: definition, video: video, Client: Client,
    session: store("sessionStorage"), read: read, write: write
  };
})();
