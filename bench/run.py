"""Benchmarks, measured side by side in one run: `python3 bench/run.py`.

1. Build: all five formats of course_source vs the web format alone (time, median of 5).
2. Payload: the learner runtime (JS + CSS) vs the whole index.html, gzipped.
3. State: the maximal SCORM 1.2 learner (19 sites, every question, a ~300-char
   reflection per site) in trail's T1 encoding vs the same state as plain JSON,
   the way most peers store it; measured with the real tracker in Chromium.

Prints ratios; asserts nothing (tests never assert times).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from packager import runtime_files  # noqa: E402
from packager.build import build, check  # noqa: E402
from packager.model import Format  # noqa: E402
from packager.render import adapter_source  # noqa: E402
from packager.runtime_data import runtime_data  # noqa: E402

SOURCE = REPO / "course_source"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def timed_build(formats: list[Format] | None, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            result = build(SOURCE, Path(out), formats)
            times.append(time.perf_counter() - started)
            assert result.ok
    return statistics.median(times)


def payload() -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as out:
        [package] = build(SOURCE, Path(out), [Format.SCORM12]).packages
        with zipfile.ZipFile(package.path) as archive:
            runtime = sum(len(gzip.compress(archive.read(n), 9)) for n in archive.namelist()
                          if n.startswith("trail/") and n.endswith((".js", ".css")))
            page = len(gzip.compress(archive.read("index.html"), 9))
    return runtime, runtime + page


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


def main() -> None:
    all_formats, web_only = timed_build(None), timed_build([Format.WEB])
    print(f"build   all 5 formats {all_formats:.2f} s | web only {web_only:.2f} s | ratio {all_formats / web_only:.2f}")
    runtime, page = payload()
    print(f"payload runtime JS+CSS {runtime / 1024:.1f} KB gz | with the whole course page {page / 1024:.1f} KB gz"
          f" | ratio {page / runtime:.2f}")
    ours, plain, texts = state_sizes()
    print(f"state   T1 {ours} chars | plain JSON {plain} chars | ratio {plain / ours:.2f}"
          f" | SCORM 1.2 limit 4096 ({texts} chars of reflections inside)")


if __name__ == "__main__":
    main()
