  /* Quiz */
  function qOf(qel) {
    var slug = siteOf(qel);
    return { slug: slug, q: sites[slug].qs[qel.getAttribute("data-q")] };
  }
  function readResponse(qel, q) {
    var list;
    switch (q.type) {
      case "true-false":
        list = $("input:checked", qel);
        return list ? list.value === "true" : null;
      case "fill-in":
        list = $("input.text", qel).value.trim();
        return list || null;
      case "matching":
        list = $$("select", qel).map(function (s) { return [s.getAttribute("data-left"), s.value]; });
        return list.every(function (p) { return p[1]; }) ? list : null;
      case "ordering":
        return $$(".order li", qel).map(function (li) { return li.getAttribute("data-id"); });
      default:
        list = $$("input:checked", qel).map(function (i) { return i.value; });
        return list.length ? list : null;
    }
  }
  function setResponse(qel, q, r) {
    if (q.type === "fill-in") $("input.text", qel).value = r;
    else if (q.type === "matching") {
      r.forEach(function (p) {
        var s = $('select[data-left="' + p[0] + '"]', qel);
        if (s) s.value = p[1];
      });
    } else if (q.type === "ordering") {
      var ol = $(".order", qel);
      r.forEach(function (id) {
        var li = $('li[data-id="' + id + '"]', ol);
        if (li) ol.appendChild(li);
      });
      moves(ol);
    } else {
      var on = q.type === "true-false" ? [String(r)] : r;
      $$("input", qel).forEach(function (i) { i.checked = on.indexOf(i.value) >= 0; });
    }
  }
  function textOf(list, id) {
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i].text;
    return id;
  }
  function answerText(q) {
    switch (q.type) {
      case "true-false": return t(q.correct ? "true" : "false");
      case "fill-in": return q.accept[0];
      case "matching":
        return q.correct.map(function (p) { return textOf(q.left, p[0]) + " – " + textOf(q.right, p[1]); }).join("; ");
      case "ordering": return q.correct.map(function (id) { return textOf(q.items, id); }).join(" → ");
      default: return q.correct.map(function (id) { return textOf(q.options, id); }).join(", ");
    }
  }
  function lock(qel, locked) {
    $("fieldset", qel).disabled = locked;
    $("[data-submit]", qel).setAttribute("aria-disabled", String(locked));
    if (!locked) $$(".order", qel).forEach(moves);
  }
  function feedback(qel, kind, lines) {
    var fb = $("[data-feedback]", qel);
    fb.className = "feedback is-" + kind;
    fb.textContent = "";
    lines.forEach(function (l, i) { if (l) fb.appendChild(el("p", i === 0 && kind !== "warn" ? "fb-head" : "", l)); });
  }
  /* ✓/✗ on every option, row or item (with its word, not colour alone); the right ones the
     learner missed only once the answer is settled, so a retry still asks for thought. */
  function marks(qel, q, resp, res) {
    $$("[data-mark]", qel).forEach(function (m) { m.parentNode.removeChild(m); });
    $$(".is-right, .is-wrong, .is-missed", qel).forEach(function (e) { e.classList.remove("is-right", "is-wrong", "is-missed"); });
    if (!res || res.result === "neutral") return;
    var settled = res.final || res.result === "correct";
    function put(node, state) {
      var m = el("span", "mark");
      m.setAttribute("data-mark", "");
      m.appendChild(el("span", "mark-text", t("mark_" + state)));
      node.classList.add("is-" + state);
      node.appendChild(m);
    }
    function choose(node, chosen, right) {
      if (chosen) put(node, right ? "right" : "wrong");
      else if (right && settled) put(node, "missed");
    }
    if (q.type === "single" || q.type === "multiple") {
      $$(".choice", qel).forEach(function (c) {
        var id = $("input", c).value;
        choose(c, resp.indexOf(id) >= 0, q.correct.indexOf(id) >= 0);
      });
    } else if (q.type === "true-false") {
      $$(".choice", qel).forEach(function (c) {
        var v = $("input", c).value === "true";
        choose(c, v === resp, v === q.correct);
      });
    } else if (q.type === "matching") {
      var want = {};
      q.correct.forEach(function (p) { want[p[0]] = p[1]; });
      $$(".match", qel).forEach(function (m) {
        var s = $("select", m);
        put(m, want[s.getAttribute("data-left")] === s.value ? "right" : "wrong");
      });
    } else if (q.type === "ordering") {
      $$(".order li", qel).forEach(function (li, i) { put(li, q.correct[i] === li.getAttribute("data-id") ? "right" : "wrong"); });
    } else if (q.type === "fill-in") {
      put($("fieldset", qel), res.result === "correct" ? "right" : "wrong");
    }
  }
  /* The designer's feedback without a leading "Riktig." or "Feil." that would echo the verdict line. */
  function unecho(text) {
    var words = String(S.echoes || "").split("|").filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()[\]\\]/g, "\\$&"); });
    if (!text || !words.length) return text || "";
    return text.replace(new RegExp("^\\s*(?:" + words.join("|") + ")\\s*[.!]\\s*", "i"), "").trim();
  }
  function showResult(qel, q, resp, res, quiet) {
    var lines = [t(res.result)];
    var opts = (q.options || []).filter(function (o) {
      return o.feedback && Array.isArray(resp) && resp.indexOf(o.id) >= 0;
    });
    opts.forEach(function (o) {
      var f = unecho(o.feedback);
      if (f) lines.push(opts.length > 1 ? o.text + ": " + f : f);
    });
    if (q.feedback && q.feedback[res.result]) lines.push(unecho(q.feedback[res.result]));
    if (res.result === "incorrect" && q.attempts > 0) {
      if (res.final) lines.push(t("noTries"), t("answerWas", { answer: answerText(q) }));
      else lines.push(res.triesLeft === 1 ? t("triesOne") : t("triesMany", { n: res.triesLeft }));
    }
    feedback(qel, res.result, lines);
    marks(qel, q, resp, res);
    lock(qel, true);
    var retry = $("[data-retry]", qel);
    retry.hidden = readonly || res.final || res.result !== "incorrect";
    if (!quiet && !retry.hidden) retry.focus();
  }
  /* Options shuffled per learner and question, the same on every visit: seeded by the learner id
     the LMS gives, else by the random seed the tracker keeps in the learner's state (so another
     computer resuming from the LMS shows the same order). Responses stay option ids, so the
     interactions do not change. Never left in the written order. */
  function hash32(str) {
    var h = 2166136261;
    for (var i = 0; i < str.length; i++) { h ^= str.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function shuffled(list, key) {
    var a = list.slice(), x = hash32(seed + "|" + key) || 1, i, j, tmp;
    for (i = a.length - 1; i > 0; i--) {
      x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
      j = x % (i + 1); tmp = a[i]; a[i] = a[j]; a[j] = tmp;
    }
    if (a.length > 1 && a.every(function (v, k) { return v === list[k]; })) a.push(a.shift());
    return a;
  }
  function seedOf(r) { return r.learnerId ? "id:" + r.learnerId : "state:" + r.seed; }
  function shuffleAll(only) {
    data.sites.forEach(function (s) {
      if (only && s.slug !== only) return; // a site shuffled when its file loads, once
      s.questions.forEach(function (q) {
        var qel = $('.view-site[data-site="' + s.slug + '"] [data-q="' + q.id + '"]'), key = s.slug + "/" + q.id, box;
        if (!qel) return;
        if (q.type === "single" || q.type === "multiple") {
          box = $(".choices", qel);
          shuffled(ids(q.options), key).forEach(function (id) { box.appendChild($('input[value="' + id + '"]', box).closest(".choice")); });
        } else if (q.type === "matching") {
          var order = shuffled(ids(q.right), key);
          $$("select", qel).forEach(function (sel) {
            order.forEach(function (id) { sel.appendChild($('option[value="' + id + '"]', sel)); });
          });
        } else if (q.type === "ordering") {
          box = $(".order", qel);
          shuffled(ids(q.items), key).forEach(function (id) { box.appendChild($('li[data-id="' + id + '"]', box)); });
          moves(box);
        }
      });
    });
  }
  function ids(list) { return (list || []).map(function (o) { return o.id; }); }
  function submit(qel) {
    if (readonly || $("[data-submit]", qel).getAttribute("aria-disabled") === "true") return;
    var x = qOf(qel), q = x.q, resp = readResponse(qel, q);
    if (resp === null) {
      feedback(qel, "warn", [t(q.type === "fill-in" ? "needText" : q.type === "matching" ? "needMatch" : "needChoice")]);
      return;
    }
    var key = x.slug + "/" + q.id;
    var res = tracker.answer(x.slug, q.id, resp, Math.max(0, Date.now() - (shownAt[key] || Date.now())));
    if (res) showResult(qel, q, resp, res, false);
    refresh();
  }
  function retry(qel) {
    if (readonly) return; // review and browse: the answers stay as they were
    var x = qOf(qel);
    lock(qel, false);
    feedback(qel, "none", []);
    marks(qel, x.q, null, null);
    $("[data-feedback]", qel).className = "feedback";
    $("[data-retry]", qel).hidden = true;
    shownAt[x.slug + "/" + x.q.id] = Date.now();
    var first = $("input:checked, input, select, .move:not(:disabled)", $("fieldset", qel));
    if (first) first.focus();
  }
  function moves(ol) {
    var lis = $$("li", ol);
    lis.forEach(function (li, i) {
      $('[data-dir="-1"]', li).disabled = i === 0;
      $('[data-dir="1"]', li).disabled = i === lis.length - 1;
    });
  }
  function move(btn) {
    var li = btn.closest("li"), ol = li.parentNode, dir = Number(btn.getAttribute("data-dir"));
    var sib = dir < 0 ? li.previousElementSibling : li.nextElementSibling;
    if (!sib) return;
    if (dir < 0) ol.insertBefore(li, sib);
    else ol.insertBefore(sib, li);
    moves(ol);
    (btn.disabled ? $('[data-dir="' + -dir + '"]', li) : btn).focus();
    var qel = ol.closest(".question");
    $("[data-announce]", qel).textContent = t("moved", {
      item: $(".item-text", li).textContent, pos: $$("li", ol).indexOf(li) + 1, total: ol.children.length
    });
    var fb = $("[data-feedback]", qel);
    if (/is-warn/.test(fb.className)) feedback(qel, "none", []);
  }
