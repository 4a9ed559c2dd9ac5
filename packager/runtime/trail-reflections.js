  /* Reflections: saved 1 s after typing stops, on blur, on leaving the site and on pagehide. */
  function save(ta) {
    clearTimeout(timers[ta.id]);
    delete timers[ta.id];
    if (readonly || ta.value === (ta.getAttribute("data-saved") || "")) return; // nothing is stored: never "Saved"
    var box = ta.closest("[data-reflection]");
    var res = tracker.reflect(siteOf(ta), box.getAttribute("data-reflection"), ta.value) || {};
    ta.setAttribute("data-saved", ta.value);
    var st = $("[data-save-status]", box);
    if (res.kept === "browser" && !untracked) {
      if (/is-browser/.test(st.className)) return;
      st.className = "save-status is-browser";
      st.textContent = "";
      st.appendChild(el("p", "", t("keptBrowser")));
      var b = el("button", "button ghost", t("download"));
      b.type = "button";
      b.setAttribute("data-download", "");
      st.appendChild(b);
    } else {
      st.className = "save-status";
      var text = t(untracked ? "savedBrowser" : "saved");
      if (st.textContent !== text) st.textContent = text;
    }
  }
  function saveAll() { $$("textarea").forEach(save); }

  function withPrompts(then) { // the prompts come with each site's file: those not loaded yet, first
    var list = data.sites.filter(function (s) { return s.reflections.length && !sites[s.slug].view; });
    need(list.map(function (s) { return s.slug; })).then(then);
  }
  function written() { // every reflection prompt of the trail with the learner's text, site by site
    saveAll();
    return data.sites.filter(function (s) { return s.reflections.length; }).map(function (s) {
      return { site: s, items: s.reflections.map(function (r) {
        var ta = $('.view-site[data-site="' + s.slug + '"] [data-reflection="' + r.id + '"] textarea');
        var text = ta ? ta.value : tracker.reflectionOf(s.slug, r.id); // a site not loaded: the tracker's copy
        return { prompt: r.text || "", text: (text || "").trim() };
      }) };
    });
  }
  function download() { withPrompts(downloadText); }
  function downloadText() {
    var lines = [data.course.title, t("reflections"), ""];
    written().forEach(function (w) {
      lines.push("", w.site.n + ". " + w.site.title, "");
      w.items.forEach(function (x) { lines.push(x.prompt, "", t("myAnswer"), x.text || t("noAnswer"), ""); });
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n")], { type: "text/plain;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = t("fileName") + ".txt";
    doc.body.appendChild(a);
    a.click();
    doc.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 30000);
  }

  /* The trail's end (#/page/done): each stage's stops and statuses, then the reflections, printable. */
  function summary() {
    var p = tracker.progress() || {}, box = $("[data-done-stages]"), refl = $("[data-done-reflections]");
    $("[data-done-lead]").textContent = p.completed ? t("completed") : t("trailSoFar");
    box.textContent = "";
    $$("#view-map .stage").forEach(function (stage) {
      var title = $(".stage-title", stage), stops = $$(".stop", stage), ul = el("ul", "done-stops"), n = 0;
      stops.forEach(function (stop) {
        var slug = stop.getAttribute("data-site"), s = sites[slug].s, st = tracker.siteStatus(slug) || "new";
        var li = el("li", "stop-line is-" + st), a = el("a", "", s.n + ". " + s.title);
        if (st === "done") n++;
        a.href = "#/site/" + slug;
        li.appendChild(a);
        li.appendChild(doc.createTextNode(" "));
        li.appendChild(el("span", "badge", t(st)));
        ul.appendChild(li);
      });
      var part = el("div", "done-stage " + (stage.className.match(/stage-\d+/) || [""])[0]);
      if (title) part.appendChild(el("h3", "stage-title", $(".stage-n", title).textContent + ": " + title.lastChild.textContent.trim()));
      part.appendChild(el("p", "meta", t("stageDone", { done: n, total: stops.length })));
      part.appendChild(ul);
      box.appendChild(part);
    });
    refl.setAttribute("aria-busy", "true");
    withPrompts(function () { reflections(refl); });
  }
  function reflections(refl) {
    refl.textContent = "";
    refl.setAttribute("aria-busy", "false");
    written().forEach(function (w) {
      refl.appendChild(el("h3", "", w.site.n + ". " + w.site.title));
      w.items.forEach(function (x) {
        var q = el("blockquote", "reflection-text");
        refl.appendChild(el("p", "reflection-prompt", x.prompt));
        (x.text || t("noAnswer")).split(/\n+/).forEach(function (line) { q.appendChild(el("p", "", line)); });
        refl.appendChild(q);
      });
    });
  }
