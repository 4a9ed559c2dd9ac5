"""SCORM 1.2 state size: the maximal learner in trail's T2 encoding vs the same state as plain JSON.

19 sites, every question answered, a ~300-character reflection per site,
walked with the real tracker in Chromium; plain JSON is how most peers store it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from packager import runtime_files
from packager.build import check
from packager.model import Format
from packager.render import adapter_source
from packager.runtime_data import runtime_data

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "course_source"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


STATE_PAGE = """<!doctype html><meta charset="utf-8"><script>
window.API = {LMSInitialize: () => "true", LMSFinish: () => "true", LMSCommit: () => "true",
  LMSGetValue: (k) => k === "cmi.core.entry" ? "ab-initio" : "",
  LMSSetValue: (k, v) => { window.cmi[k] = v; return "true"; },
  LMSGetLastError: () => "0", LMSGetErrorString: () => "", LMSGetDiagnostic: () => ""};
window.cmi = {};
</script><script src="adapter.js"></script><script src="tracker.js"></script>"""

WALK = """async ([data, texts]) => {
  const T = TrailTracker.create(data, TrailAdapter);
  await T.start();
  const plain = {visited: [], answers: {}, reflections: {}, bookmark: null};
  data.sites.forEach((s, i) => {
    T.visit(s.slug); plain.visited.push(s.slug); plain.bookmark = s.slug;
    s.questions.forEach((q) => {
      const r = q.type === "true-false" ? q.correct : q.type === "fill-in" ? q.accept[0]
        : q.type === "likert" ? [q.options[0].id] : q.correct;
      T.answer(s.slug, q.id, r, 5000);
      plain.answers[s.slug + "/" + q.id] = {response: r, tries: 1, result: "correct"};
    });
    s.reflections.forEach((r) => {
      T.reflect(s.slug, r.id, texts[i]);
      plain.reflections[s.slug + "/" + r.id] = texts[i];
    });
    T.leave(s.slug);
  });
  await new Promise((ok) => setTimeout(ok, 200));
  return [window.cmi["cmi.suspend_data"].length, JSON.stringify(plain).length];
}"""


def state_sizes() -> tuple[int, int, int]:
    from playwright.sync_api import sync_playwright

    course = check(SOURCE).course
    assert course is not None
    data = runtime_data(course, Format.SCORM12)
    texts = json.loads((REPO / "tests/runtime/fixtures/reflections_nb.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        page_dir = Path(folder)
        (page_dir / "index.html").write_text(STATE_PAGE, encoding="utf-8")
        (page_dir / "tracker.js").write_bytes(runtime_files.source("tracker.js"))
        (page_dir / "adapter.js").write_bytes(adapter_source(Format.SCORM12))
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto((page_dir / "index.html").as_uri())
        ours, plain = page.evaluate(WALK, [data, texts])
        browser.close()
    return ours, plain, sum(len(t) for t in texts)
