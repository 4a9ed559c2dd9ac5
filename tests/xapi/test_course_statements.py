"""What one full learner leaves in the LRS for AU 1 and AU 19 of course_source (cmi5): every
question answered right, the reflection written, the AU closed. Printed in order (verb,
object, result) for the lead's closing note and for LRS analysts; the strict LMS stand-in
accepted every request (conftest.py), and the sequence is the one cmi5 §9.3 allows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from packager import vocabulary as v
from packager.model import Format
from tests.support.server import HttpServer
from tests.xapi.conftest import Built, Learner, built
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import cmi5_problems, verb_name, xapi_problems
from tests.xapi.walk import answer, reflect, wait_for

SOURCE = Path(__file__).resolve().parents[2] / "course_source"
RIGHT = """slug => {
  const site = JSON.parse(document.getElementById('trail-data').textContent).sites.find(s => s.slug === slug);
  return site.questions.map(q => [q.id, q.type, q.correct ?? q.answer ?? null, (q.accept || [])[0] ?? null,
                                  (q.options || []).map(o => o.id)]);
}"""


def right(qtype: str, correct: Any, accept: str | None, options: list[str]) -> Any:
    """The right answer in walk.answer's shape (likert: the first point of the scale)."""
    if qtype == "fill-in":
        return accept
    if qtype == "likert":
        return [options[0]]
    if qtype == "true-false":
        return bool(correct)
    return correct


def line(st: dict[str, Any]) -> str:
    result = st.get("result") or {}
    shown = {k: result[k] for k in ("response", "success", "completion", "score", "duration") if k in result}
    if v.CMI5_EXT_PROGRESS in (result.get("extensions") or {}):
        shown["progress"] = result["extensions"][v.CMI5_EXT_PROGRESS]
    if "response" in shown and len(str(shown["response"])) > 40:
        shown["response"] = str(shown["response"])[:37] + "..."
    return f"{verb_name(st):12} {st['object']['id'].rsplit('/', 2)[-2:]} {shown}"


@pytest.fixture(scope="module")
def course_cmi5(tmp_path_factory: pytest.TempPathFactory, http_server: HttpServer) -> Built:
    return built(SOURCE, Format.CMI5, tmp_path_factory.mktemp("course-cmi5"), http_server, "course-cmi5")


@pytest.mark.parametrize("number", [1, 19])
def test_one_full_learner_in_au(
    lms: LmsStandIn, lrs: LearningLocker, course_cmi5: Built, learner: Learner, number: int
) -> None:
    slug = sorted(p.name for p in (SOURCE / "sites").iterdir() if p.is_dir())[number - 1].split("-", 1)[1]
    course_id = (course_cmi5.dir / "cmi5.xml").read_text(encoding="utf-8").split('<au id="')[1].split("/sites/")[0]
    launch = lms.cmi5_launch(course_cmi5.url, f"index.html?site={slug}", f"{course_id}/sites/{slug}")
    page = learner.open(launch.url)
    page.wait_for_selector(f'.view-site[data-site="{slug}"]:not([hidden])')
    for qid, qtype, correct, accept, options in page.evaluate(RIGHT, slug):
        assert answer(page, slug, qid, right(qtype, correct, accept, options)) in ("correct", "neutral")
    for rid in page.locator(f'.view-site[data-site="{slug}"] [data-reflection]').evaluate_all(
        "els => els.map(e => e.getAttribute('data-reflection'))"
    ):
        reflect(page, slug, rid, "Vi deler ansvaret for boligsosialt arbeid på tvers av tjenestene.")
    page.goto("about:blank")
    wait_for(lambda: any(verb_name(s) == "terminated" for s in lms.received(launch)), what="terminated")
    stored = [s for s in lrs.raw_statements(registration=launch.registration or "")
              if (s["context"].get("extensions") or {}).get(v.CMI5_EXT_SESSION_ID) == launch.session_id]
    print(f"\nAU {number} ({slug}): {len(stored)} statements in the LRS, in order")
    for st in stored:
        print("  " + line(st))
    verbs = [verb_name(s) for s in stored]
    assert verbs[:3] == ["launched", "initialized", "experienced"] and verbs[-1] == "terminated"
    assert verbs.count("completed") == 1 and verbs.count("answered") >= 1
    assert len({s["id"] for s in stored}) == len(stored)
    sent = lms.received(launch)
    assert cmi5_problems(sent, [launch]) == [] and xapi_problems(sent) == []
