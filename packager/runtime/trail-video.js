  /* Video: played, paused, seeked and completed (the end reached) go to the tracker, with the
     segments seen on this page. timeupdate only moves the known position; it never reports.
     Seeks less than 1 s apart are one seek (a drag of the scrubber), and one that moves less
     than 0.5 s is player noise. */
  var SEEK_GAP = 1000, SEEK_MIN = 0.5;
  function r3(x) { return Math.round(x * 1000) / 1000; }
  function seen(segs, len) { // the share of the video the segments cover
    var sum = 0, end = 0;
    if (!len) return 0;
    segs.slice().sort(function (a, b) { return a[0] - b[0]; }).forEach(function (x) {
      var a = Math.max(x[0], end);
      if (x[1] > a) sum += x[1] - a;
      end = Math.max(end, x[1]);
    });
    return Math.min(1, r3(sum / len));
  }
  function report(m, verb, extra) {
    var v = m.el, len = isFinite(v.duration) && v.duration > 0 ? r3(v.duration) : null, e, k;
    if (!ready || !tracker.video) return;
    e = {verb: verb, time: r3(v.currentTime || 0), length: len, progress: seen(m.segs, len), segments: m.segs.slice()};
    for (k in extra) e[k] = extra[k];
    tracker.video(m.slug, m.index, e);
  }
  function cut(m, at) { // close the open segment
    if (m.start != null && r3(at) > r3(m.start)) m.segs.push([r3(m.start), r3(at)]);
    m.start = null;
  }
  function seekDone(m) {
    var s = m.seek;
    clearTimeout(m.timer);
    m.seek = null;
    if (s && s.to == null) s.to = r3(m.el.currentTime); // still seeking: where it goes
    if (s && Math.abs(s.to - s.from) >= SEEK_MIN) report(m, "seeked", {time: s.to, from: s.from, to: s.to});
  }
  function stopped(m) { // the video stopped playing: a pause, its end, or the learner went away
    seekDone(m);
    if (!m.playing) return;
    m.playing = false;
    m.pos = m.el.currentTime;
    cut(m, m.pos);
    report(m, "paused");
  }
  function watch(v) {
    var m = {el: v, slug: siteOf(v), index: +v.closest("[data-video]").getAttribute("data-video"), segs: [],
      start: null, rest: null, pos: 0, playing: false, ended: false, seek: null, timer: 0};
    v.addEventListener("timeupdate", function () { if (!v.seeking) m.pos = v.currentTime; });
    // played on "playing", when the length is known, from where "play" found the video (playback
    // may have moved on a little since). A stall or a seek while playing fires "playing" again
    // without a pause in between: that only reopens the segment.
    v.addEventListener("play", function () { if (!m.playing) m.rest = v.currentTime; });
    v.addEventListener("playing", function () {
      if (m.playing) { if (m.start == null) m.start = v.currentTime; return; }
      seekDone(m);
      m.playing = true;
      m.start = m.rest != null ? m.rest : v.currentTime;
      m.rest = null;
      report(m, "played", {time: r3(m.start)});
    });
    v.addEventListener("seeking", function () { // currentTime is the new position already
      var rewind = m.ended && v.currentTime < 0.01; // play() after the end rewinds: not the learner's seek
      m.ended = false;
      if (m.playing && !rewind) cut(m, m.pos);
      if (m.rest != null) m.rest = v.currentTime;
      if (!m.seek && !rewind) m.seek = {from: r3(m.pos), to: null};
    });
    v.addEventListener("seeked", function () {
      m.pos = v.currentTime;
      if (m.playing && m.start == null) m.start = m.pos;
      if (!m.seek) return;
      m.seek.to = r3(m.pos);
      clearTimeout(m.timer);
      m.timer = setTimeout(function () { seekDone(m); }, SEEK_GAP);
    });
    v.addEventListener("pause", function () { stopped(m); });
    v.addEventListener("ended", function () { stopped(m); m.ended = true; report(m, "completed"); });
    return m;
  }
  function stopVideos(slug, pause) { // leaving a site, the exit button, the page going
    videos.forEach(function (m) {
      if (slug && m.slug !== slug) return;
      stopped(m);
      if (pause && !m.el.paused) m.el.pause(); // its pause event then finds it stopped already
    });
  }
