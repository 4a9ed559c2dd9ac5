  // ---- lrs-client.js: the LRS client of lrs.js (joined into its closure at `// @include`, see
  // packager/runtime_files.py): the delivery queue and the State documents. Uses lrs.js's uuid,
  // timestamp, store, read, write, VERSION and the video segment helpers; declares Client, mergeDoc,
  // merger, stamp and judged for it.
  var BATCH = 25, BATCH_BYTES = 24000, KEEPALIVE_MAX = 60000, TIMEOUT = 20000, MAX_WAIT = 60000;
  function ifi(a) {
    return a.mbox || a.mbox_sha1sum || a.openid || (a.account ? a.account.homePage + "|" + a.account.name : "");
  }

  // ---- documents: the merge of two versions of the State document (ours and what the LRS holds
  // after a 409 / 412, or a version an earlier page could not deliver). Per item, the newest learner
  // action wins: `state` through the tracker's merge (answers and reflections, by `at`, the time
  // of each item's last change); flags, sites seen and video segments are unions.
  function mergeDoc(local, remote, state) {
    if (!remote || typeof remote !== "object") return local;
    if (!local) return remote;
    var out = JSON.parse(JSON.stringify(local)), newer = String(remote.savedAt || "") > String(local.savedAt || "");
    var sent = out.sent = out.sent || {}, k;
    for (k in remote.sent || {}) if (remote.sent[k]) sent[k] = true;
    out.seen = (out.seen || []).concat((remote.seen || []).filter(function (x) { return (out.seen || []).indexOf(x) < 0; }));
    out.pct = Math.max(out.pct || 0, remote.pct || 0); out.ms = Math.max(out.ms || 0, remote.ms || 0);
    if (newer) { out.bookmark = remote.bookmark; out.savedAt = remote.savedAt; }
    var vids = out.videos = out.videos || {};
    for (k in remote.videos || {}) {
      var a = vids[k] || {s: ""}, r = remote.videos[k];
      var as = String(a.s || ""), rs = String(r.s || ""); // one continues the other: the longer; else the parts seen
      vids[k] = {s: as.indexOf(rs) === 0 ? as : rs.indexOf(as) === 0 ? rs : segText(union(segList(as).concat(segList(rs)))), c: !!(a.c || r.c)};
    }
    var m = state && state(remote.state, remote.at);
    if (m) { out.state = m.state; out.at = m.at; }
    else if (newer) { out.state = remote.state; out.at = remote.at; }
    return out;
  }

  // what both adapters do with the State document: merge with the tracker's help (the local version
  // fed to the tracker first: at start it holds nothing yet), and keep the times of the items
  function merger(hooks) {
    var state = hooks && hooks.merge;
    return function (local, remote) {
      if (state && local && local.state) state(local.state, local.at);
      return mergeDoc(local, remote, state);
    };
  }
  function stamp(doc, s) { // a save: the tracker's state and the times of its items (the newest of each)
    var at = doc.at = doc.at || {}, k;
    for (k in s.at || {}) at[k] = Math.max(at[k] || 0, s.at[k]);
    doc.state = s.state;
  }
  // `sent` in the State document: what the LRS acknowledged (completed, passed, failed about `object`)
  function judged(client, V, object, doc, changed) {
    var names = ["completed", "passed", "failed"];
    client.when("delivered", function (list) {
      list.forEach(function (st) {
        names.forEach(function (n) {
          var d = doc();
          if (d && st.object.id === object && st.verb.id === V.verbs[n].id && !d.sent[n]) { d.sent[n] = true; changed(); }
        });
      });
    });
    return function (n) { var d = doc(); return !d.sent[n] && !client.pending(V.verbs[n].id, object); }; // may it be sent?
  }

  // ---- the client: one writer, in order. Statements wait in localStorage (`:q`) until the LRS
  // has acknowledged them; one request is in flight at a time, oldest statements first. The verb
  // `first` (cmi5: initialized) goes alone and nothing follows it until it is acknowledged; after
  // the verb `last` (cmi5: terminated) nothing more is taken. A statement refused for good (400,
  // 403, 409 alone) is set aside (`:dead`), logged and reported ("refused"); the queue goes on.
  // Only the pagehide flush (`final`) is a keepalive fetch: Chromium sends an unanswered keepalive
  // request again when its page goes, so one in flight then would arrive twice. `final` sends only
  // what is not in flight and moves both to `:u` (sent, answer unknown): the next page asks the LRS
  // for each of those ids before anything else, drops what it has and sends the rest again.
  // Documents: see `write`.
  function Client(o) {
    this.endpoint = String(o.endpoint).replace(/\/?$/, "/");
    this.auth = o.auth || null;
    this.actor = o.actor;
    this.registration = o.registration || null;
    this.first = o.first || null; this.last = o.last || null; this.once = o.once || []; this.mine = {};
    this.key = "trail.lrs:" + this.endpoint + "|" + (this.registration || "") + "|" + ifi(this.actor) + (o.scope ? "|" + o.scope : "");
    this.ls = store("localStorage");
    this.mem = {q: [], s: {}, u: []}; this.memOnly = !this.ls; // no (or a full) localStorage: this page's memory
    this.wait = 0; this.timer = 0; this.busy = null; this.flight = null; this.closed = false; this.checked = false;
    this.tags = {}; this.merges = {}; this.docs = {}; this.hooks = {flushed: [], delivered: [], refused: []};
    var self = this;
    window.addEventListener("online", function () { self.wait = 0; self.flush(); });
    window.addEventListener("pagehide", function () { self.leaving = true; }); // before the tracker's: added first
  }
  Client.prototype.headers = function (json, more) {
    var h = {"X-Experience-API-Version": VERSION}, k;
    if (this.auth) h.Authorization = this.auth;
    if (json) h["Content-Type"] = "application/json";
    for (k in more || {}) h[k] = more[k];
    return h;
  };
  Client.prototype.request = function (method, path, query, body, keepalive, timeout, more, abort) {
    var url = this.endpoint + path, q = [], k;
    for (k in query) if (query[k] != null) q.push(encodeURIComponent(k) + "=" + encodeURIComponent(query[k]));
    if (q.length) url += "?" + q.join("&");
    var text = body == null ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    var init = {method: method, headers: this.headers(text !== undefined, more), body: text, credentials: "omit", cache: "no-store"};
    if (keepalive && (!text || text.length < KEEPALIVE_MAX)) init.keepalive = true;
    var ctl = window.AbortController && !init.keepalive ? new AbortController() : null, t = 0;
    if (ctl) { init.signal = ctl.signal; t = setTimeout(function () { ctl.abort(); }, timeout || TIMEOUT); }
    if (abort) abort.stop = function () { if (ctl) ctl.abort(); };
    return fetch(url, init).then(function (r) { clearTimeout(t); return r; }, function (e) { clearTimeout(t); throw e; });
  };
  Client.prototype.kept = function (name, v) { // the stored lists: q (queue), u (unconfirmed), s (documents)
    var empty = name === "s" ? {} : [];
    if (v === undefined) return this.memOnly ? this.mem[name] : read(this.ls, this.key + ":" + name, empty);
    this.mem[name] = v;
    if (!this.memOnly && !write(this.ls, this.key + ":" + name, (name === "s" ? Object.keys(v) : v).length ? v : null)) {
      var self = this;
      ["q", "u", "s"].forEach(function (n) { if (n !== name) self.mem[n] = self.kept(n); });
      this.memOnly = true;
    }
  };
  Client.prototype.queue = function (v) { return this.kept("q", v); };
  Client.prototype.states = function (v) { return this.kept("s", v); };
  Client.prototype.send = function (st, front) { // front: before what waits (cmi5: this session's initialized)
    if (this.closed) return st; // nothing after `last`
    st.id = st.id || uuid();
    st.timestamp = st.timestamp || timestamp();
    if (this.last && st.verb.id === this.last) this.closed = true;
    var q = this.queue();
    if (front) q.unshift(st); else q.push(st);
    this.queue(q);
    this.soon();
    return st;
  };
  Client.prototype.pending = function (verb, object) { // a statement queued or sent without an answer yet
    return this.queue().concat(this.kept("u")).some(function (s) { return s.verb.id === verb && s.object.id === object; });
  };
  // what an earlier session left: `keep(st)` returns it as this session sends it, or null to set it
  // aside; applied now and to what `confirm` sends again
  Client.prototype.setAside = function (keep) {
    this.keep = keep;
    var q = this.queue(), out = q.map(keep).filter(Boolean);
    if (out.length < q.length && window.console) console.warn("trail: set aside", q.length - out.length, "statements of a closed session");
    this.queue(out);
  };
  Client.prototype.when = function (name, f) { this.hooks[name].push(f); };
  Client.prototype.emit = function (name, x) { this.hooks[name].forEach(function (f) { try { f(x); } catch (e) { /* a listener's bug */ } }); };
  Client.prototype.forget = function (ids) { // acknowledged, or refused for good: out of the queue and the unknown
    var gone = {}; ids.forEach(function (i) { gone[i] = true; });
    function keep(s) { return !gone[s.id]; }
    this.queue(this.queue().filter(keep)); this.kept("u", this.kept("u").filter(keep));
  };
  Client.prototype.refused = function (st, status) {
    this.forget([st.id]);
    var dead = read(this.ls, this.key + ":dead", []);
    dead.push({status: status, statement: st}); write(this.ls, this.key + ":dead", dead.slice(-50));
    if (window.console) console.warn("trail: the LRS refused a statement for good", status, st.verb.id, st.id);
    this.emit("refused", {status: status, statement: st});
    try { window.dispatchEvent(new CustomEvent("trail:refused", {detail: {status: status}})); } catch (e) { /* old browser */ }
  };
  // documents: the newest version is kept until the LRS has it
  Client.prototype.putState = function (activityId, stateId, doc) {
    this.doc(activityId + "|" + stateId, doc);
    this.soon();
  };
  // this page's version of a document (the one it writes: another tab's never replaces it), and a
  // copy in `:s` for the next page, should this one go before the LRS has it
  Client.prototype.doc = function (k, doc) {
    var s = this.states();
    this.docs[k] = s[k] = doc; this.states(s);
    return doc;
  };
  Client.prototype.merger = function (activityId, stateId, f) { this.merges[activityId + "|" + stateId] = f; };
  // the LRS's document, merged with one a previous page could not deliver (then written again)
  Client.prototype.adopt = function (activityId, stateId, remote) {
    var k = activityId + "|" + stateId, local = this.docs[k] || this.states()[k];
    if (!local || remote === undefined) return local || remote || null; // unreachable: ours is not sent blind
    return this.doc(k, (this.merges[k] || mergeDoc)(local, remote));
  };
  Client.prototype.stateQuery = function (activityId, stateId) {
    return {activityId: activityId, agent: JSON.stringify(this.actor), registration: this.registration, stateId: stateId};
  };
  Client.prototype.getState = function (activityId, stateId, timeout) { // the document; null: none; rejects: unreachable
    var self = this, k = activityId + "|" + stateId;
    return this.request("GET", "activities/state", this.stateQuery(activityId, stateId), null, false, timeout).then(function (r) {
      if (r.status === 404) { self.tags[k] = null; return null; }
      if (!r.ok) throw new Error("state " + r.status);
      self.tags[k] = r.headers.get("ETag") || undefined;
      return r.text().then(function (t) { return t ? JSON.parse(t) : null; });
    });
  };
  Client.prototype.getProfile = function (profileId) {
    return this.request("GET", "agents/profile", {agent: JSON.stringify(this.actor), profileId: profileId}).then(function (r) {
      if (!r.ok) return null;
      return r.text().then(function (t) { try { return t ? JSON.parse(t) : null; } catch (e) { return null; } });
    }, function () { return null; });
  };
  Client.prototype.on = function (f) { this.hooks.flushed.push(f); };
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
  // flush → Promise<bool>: true when nothing waits any more. One loop at a time: a second call waits for it.
  Client.prototype.flush = function (keepalive) {
    var self = this;
    if (this.busy) return this.busy.then(function () { return self.flush(keepalive); });
    this.busy = this.loop(keepalive).then(function (ok) {
      self.busy = null;
      if (ok) { self.wait = 0; clearTimeout(self.timer); self.timer = 0; } else if (!self.timer) self.retry();
      self.emit("flushed", ok);
      return ok;
    });
    return this.busy;
  };
  Client.prototype.loop = function (keepalive) {
    var self = this;
    function next(ok) { return ok ? self.loop(keepalive) : false; }
    if (!this.checked) return this.confirm().then(next);
    var batch = this.batch();
    if (batch.length) return this.post(batch).then(next);
    var k = Object.keys(this.docs)[0];
    return k ? this.write(k, keepalive, 0).then(next) : Promise.resolve(true);
  };
  Client.prototype.batch = function () { // from the head of the queue: `first` alone, else up to BATCH in BATCH_BYTES
    var q = this.queue(), out = [], size = 2, first = this.first;
    if (q[0] && q[0].verb.id === first) return [q[0]];
    for (var i = 0; i < q.length && q[i].verb.id !== first; i++) {
      var n = JSON.stringify(q[i]).length + 1;
      if (out.length && (out.length >= BATCH || size + n > BATCH_BYTES)) break;
      out.push(q[i]); size += n;
    }
    return out;
  };
  Client.prototype.post = function (batch) {
    var self = this, body = JSON.stringify(batch);
    var once = this.once, fl = this.flight = {ids: batch.map(function (s) { return s.id; }), bytes: body.length,
      once: batch.some(function (s) { return once.indexOf(s.verb.id) >= 0; })};
    return this.request("POST", "statements", null, body, false, null, null, fl).then(function (r) { // not keepalive: see `final`
      self.flight = null;
      if (r.ok) { self.forget(batch.map(function (s) { return s.id; })); self.emit("delivered", batch); return true; }
      if (r.status === 400 || r.status === 403 || r.status === 409) {
        if (batch.length === 1) { self.refused(batch[0], r.status); return true; }
        return batch.reduce(function (p, st) { // one by one: only the statement at fault is set aside
          return p.then(function (ok) { return ok && self.post([st]); });
        }, Promise.resolve(true));
      }
      return false;
    }, function () { // no answer (offline, timed out, cancelled as the page goes): it may have arrived
      self.flight = null; self.unknown(batch);
      batch.forEach(function (s) { self.mine[s.id] = true; }); // `final` may send these again
      return false;
    });
  };
  Client.prototype.unknown = function (list) { // sent, answer unknown: looked up (`confirm`) before any resend
    var gone = {}, q = this.queue();
    list.forEach(function (s) { gone[s.id] = true; });
    this.kept("u", this.kept("u").concat(q.filter(function (s) { return gone[s.id]; })));
    this.queue(q.filter(function (s) { return !gone[s.id]; }));
    this.checked = false;
  };
  Client.prototype.confirm = function () { // sent by an earlier page, answer unknown: does the LRS have them?
    var self = this, u = this.kept("u"), again = [];
    return u.reduce(function (p, st) {
      return p.then(function (ok) {
        if (!ok) return false;
        return self.request("GET", "statements", {statementId: st.id}).then(function (r) {
          if (r.ok) { self.forget([st.id]); self.emit("delivered", [st]); return true; }
          if (r.status !== 404) return false;
          again.push(st); return true;
        }, function () { return false; });
      });
    }, Promise.resolve(true)).then(function (ok) {
      if (!ok) return false;
      var q = self.queue(), ids = {}, at = q[0] && q[0].verb.id === self.first ? 1 : 0;
      q.forEach(function (s) { ids[s.id] = true; });
      again = again.filter(function (s) { return !ids[s.id]; }).map(self.keep || function (s) { return s; }).filter(Boolean);
      self.queue(q.slice(0, at).concat(again, q.slice(at)));
      self.kept("u", []); self.checked = true;
      return true;
    });
  };
  // documents, as xAPI 1.0.3 asks of a client: update with If-Match (the ETag of what was read or
  // written), create with If-None-Match: *; on 409 / 412 read the LRS's version (and its ETag),
  // merge per item and write again. Not known whether there is one: read first.
  Client.prototype.write = function (k, keepalive, tries) {
    var self = this, doc = this.docs[k], cut = k.lastIndexOf("|"), a = k.slice(0, cut), id = k.slice(cut + 1);
    if (!doc) return Promise.resolve(true);
    if (this.tags[k] === undefined) return this.reread(k).then(function (ok) { return ok && self.write(k, keepalive, tries); });
    var body = JSON.stringify(doc), tag = this.tags[k];
    return this.request("PUT", "activities/state", this.stateQuery(a, id), body, keepalive, null,
      tag === null ? {"If-None-Match": "*"} : {"If-Match": tag}).then(function (r) {
      if (r.ok) { self.tags[k] = r.headers.get("ETag") || undefined; self.delivered(k, body); return true; }
      if ((r.status === 409 || r.status === 412) && tries < 5) {
        return self.reread(k).then(function (ok) { return ok && self.write(k, keepalive, tries + 1); });
      }
      if (r.status === 400 || r.status === 403) { self.delivered(k, body); return true; } // never: do not block the queue
      return false;
    }, function () { return false; });
  };
  Client.prototype.reread = function (k) { // the LRS's version and ETag, merged into ours
    var self = this, cut = k.lastIndexOf("|");
    return this.getState(k.slice(0, cut), k.slice(cut + 1)).then(function (remote) {
      if (self.docs[k] && remote) self.doc(k, (self.merges[k] || mergeDoc)(self.docs[k], remote));
      return true;
    }, function () { return false; });
  };
  Client.prototype.delivered = function (k, body) { // forget a state document the LRS has, unless it changed since
    var now = this.states();
    if (JSON.stringify(this.docs[k]) === body) delete this.docs[k];
    if (JSON.stringify(now[k]) === body) { delete now[k]; this.states(now); }
  };
  // the last flush, when the page is going: one keepalive request (a fetch, since sendBeacon cannot
  // carry the Authorization header), in order, within the keepalive budget. The request in flight is
  // taken over (stopped, its statements first in this one: a page that goes cancels it, maybe before
  // it left) unless it holds a verb the LMS takes only once (`once`, cmi5's defined verbs): then it
  // is left to arrive on its own. `first` not known to be acknowledged lets nothing follow. All
  // these move to `:u`, for the next page to look up.
  Client.prototype.final = function () {
    var self = this;
    // the page stays (an exit button): the queue and the documents drain in order through the one
    // writer, terminated last. A keepalive request here would move its statements to `:u`, and the
    // next timed flush would look them up before they arrived and send them again (a second
    // terminated, refused by a cmi5 LMS as 9.3.0.0-5).
    if (!this.leaving) return this.flush();
    var fl = this.flight, flying = {}, size = 2, out = [], sent = [];
    if (fl && !fl.once) { fl.stop(); fl = null; } // taken over
    (fl ? fl.ids : []).forEach(function (i) { flying[i] = true; });
    var once = this.once, q = this.queue(), rest = q.filter(function (s) { return !flying[s.id]; });
    // what this page sent without an answer (the page's going may have cancelled it before it left)
    // goes again first, as the request in flight does; a verb the LMS takes only once is left to `confirm`
    rest = this.kept("u").filter(function (s) { return self.mine[s.id] && once.indexOf(s.verb.id) < 0; }).concat(rest);
    var gate = this.kept("u").concat(fl ? q.filter(function (s) { return flying[s.id]; }) : [])
      .some(function (s) { return s.verb.id === self.first; });
    if (!gate) { // `first` not known to be acknowledged: nothing may follow it
      for (var i = 0; i < rest.length; i++) {
        var n = JSON.stringify(rest[i]).length + 1;
        if (size + n >= KEEPALIVE_MAX || (out.length && rest[i].verb.id === this.first)) break;
        out.push(rest[i]); size += n;
        if (rest[i].verb.id === this.first) break;
      }
    }
    this.unknown(q.filter(function (s) { return flying[s.id]; }).concat(out));
    if (out.length) {
      sent.push(this.request("POST", "statements", null, out, true).then(function (r) {
        if (r.ok) { self.forget(out.map(function (s) { return s.id; })); self.emit("delivered", out); }
        return r.ok;
      }, function () { return false; }));
    }
    var s = this.docs;
    Object.keys(s).filter(function (k) { return self.tags[k] !== undefined; }).forEach(function (k) {
      var body = JSON.stringify(s[k]), cut = k.lastIndexOf("|"), tag = self.tags[k];
      if (size + body.length >= KEEPALIVE_MAX) return;
      size += body.length;
      sent.push(self.request("PUT", "activities/state", self.stateQuery(k.slice(0, cut), k.slice(cut + 1)), body, true, null,
        tag === null ? {"If-None-Match": "*"} : {"If-Match": tag}).then(function (r) {
        if (r.ok) { self.tags[k] = r.headers.get("ETag") || undefined; self.delivered(k, body); }
        return r.ok; // 409 / 412: ours stays in `:s`, and the next page merges it with the LRS's
      }, function () { return false; }));
    });
    return Promise.all(sent).then(function (r) { return r.every(Boolean) && self.queue().length === 0; });
  };
