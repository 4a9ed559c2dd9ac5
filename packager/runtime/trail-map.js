  /* A map marker: its status in the class (the dot's look), in words under its title, in its name;
     the suggested next stop flagged in words above its dot. */
  function markMap(e, s, st, suggested) {
    var c = (e.getAttribute("class") || "").replace(/\bis-\w+/, "is-" + st).replace(/ suggested\b/g, "");
    e.setAttribute("class", c + (suggested ? " suggested" : ""));
    var stage = e.getAttribute("data-stage-label"); // the visible words in their order (WCAG 2.5.3 label in name)
    e.setAttribute("aria-label", [s.n + ". " + s.title, stage, t(st), suggested && t("suggested")].filter(Boolean).join(", "));
    $("[data-state]", e).textContent = t(st);
  }
  /* A label line the font draws wider than the room trail_map.py gave it is narrowed to fit, so
     no two labels meet whatever the learner's system font. Once, when the map is drawn. */
  var fitted = false;
  function fitLabels() {
    var texts = $$(".marker text[data-width]");
    if (fitted || !texts.length || !texts[0].getComputedTextLength()) return; // not drawn (hidden)
    fitted = true;
    texts.forEach(function (text) {
      var room = parseFloat(text.getAttribute("data-width")), lines = $$("tspan[x]", text);
      (lines.length ? lines : [text]).forEach(function (line) {
        if (line.getComputedTextLength() > room) {
          line.setAttribute("textLength", room);
          line.setAttribute("lengthAdjust", "spacingAndGlyphs");
        }
      });
    });
  }
  /* Where to go next, in a trail walked in any order: the rest of this stage first, then the
     trail ahead (wrapping round); a stop never opened before one only visited. */
  function stageOf(slug) {
    var stop = slug && $('.stop[data-site="' + slug + '"]');
    return stop ? stop.getAttribute("data-stage") : null;
  }
  function suggest(from) {
    var list = data.sites, n = list.length, at = 0, best = null, bestKey = Infinity, here = stageOf(from);
    list.forEach(function (s, i) { if (s.slug === from) at = i; });
    list.forEach(function (s, i) {
      var st = tracker.siteStatus(s.slug) || "new", k;
      if (s.slug === from || st === "done") return;
      k = ((here && stageOf(s.slug) !== here ? 2 : 0) + (st === "new" ? 0 : 1)) * n + (i - at + n) % n;
      if (k < bestKey) { best = s; bestKey = k; }
    });
    return best;
  }
  function onward(box, next) { // the suggestion, or with nothing left to suggest, the trail's summary
    var a = $("[data-next-link]", box);
    $("[data-next-intro]", box).hidden = !next;
    if (next) nextLink(a, next);
    else { a.setAttribute("href", "#/page/done"); a.textContent = t("seeSummary"); }
  }
  function nextLink(a, s) {
    var stop = $('.stop[data-site="' + s.slug + '"]'), stage = stop && stop.getAttribute("data-stage-title");
    a.setAttribute("href", "#/site/" + s.slug);
    a.textContent = s.n + ". " + s.title + (stage ? " (" + t("stageOf", { n: stop.getAttribute("data-stage"), title: stage }) + ")" : "");
  }
  /* The end of a site: what the learner did here once it is done, and a suggestion for where next. */
  function wayOn(view, s, st) {
    var done = $("[data-site-done]", view), box = $("[data-next-box]", view), next = suggest(s.slug);
    var nq = s.questions.length, nr = s.reflections.length;
    if (!done) return;
    done.hidden = st !== "done";
    done.textContent = st !== "done" ? "" : t(nq && nr ? "siteDoneBoth" : nq ? "siteDoneQuiz" : nr ? "siteDoneReflection" : "siteDoneVisit", { n: nq });
    onward(box, next);
    box.hidden = !!scope; // a cmi5 AU is one site: the way on is the LMS's
  }
  function showResume(bookmark) {
    var slug = String(bookmark || "").replace(/^#?\/?(site\/)?/, "");
    if (!sites[slug]) return;
    last = slug;
    if (tracker.siteStatus(slug) === "done") return; // finished there: the suggestion offers the way on
    var s = sites[slug].s;
    $("#trail-resume").hidden = false;
    $("[data-resume-title]").textContent = t("lastTime", { n: s.n, title: s.title });
    $("[data-resume-link]").setAttribute("href", "#/site/" + slug);
  }
  /* SCORM 1.2 per-site: the LMS holds this SCO's site only, so the map shows the others as this browser
     remembers them, and says so; another site opens from the LMS's menu, never inside this SCO (its
     answers would be recorded in the wrong SCO). */
  function mapNote(copy) {
    var p = el("p", "msg msg-info", t(copy ? "otherSitesFromBrowser" : "otherSitesUnknown"));
    p.setAttribute("data-map-note", copy ? "browser" : "unknown");
    $("#view-map h1").insertAdjacentElement("afterend", p);
  }
  function inLms(slug) {
    var s = sites[slug].s, here = current ? (current.type === "map" ? "#/" : "#/" + current.type + "/" + current.slug) : "#/";
    message("otherSiteInLms", "info", { n: s.n, title: s.title });
    if (history.replaceState) history.replaceState(null, "", here); // the route stays where the learner is
    $('#trail-messages [data-msg="otherSiteInLms"]').scrollIntoView({ block: "nearest" });
    return true;
  }
