"""The build-time bound on SCORM 1.2 state (packager/budget.py) holds for the real codec.

`trail check` trusts the bound to promise that every learner's answers fit in
4096 characters; here the real tracker answers every question of the real
course, wrongly first and with long typed fill-in text, and the state it
writes must stay under the bound.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packager.budget import answers_state_chars
from packager.build import check
from packager.model import Format
from packager.runtime_data import runtime_data
from tests.runtime.course_data import hard_tries
from tests.runtime.helpers import start

SOURCE = Path(__file__).resolve().parents[2] / "course_source"

WALK = """([data, tries]) => {
    const T = window.T;
    data.sites.forEach((s) => {
        T.visit(s.slug);
        s.questions.forEach((q) => {
            for (const r of tries[q.iid]) { if (T.answer(s.slug, q.id, r, 65000).final) break; }
        });
        T.leave(s.slug);
    });
}"""


def test_real_state_stays_under_the_build_time_bound(launch_scorm: Any, runtime_pages: Path,
                                                     record_property: Any) -> None:
    course = check(SOURCE).course
    assert course is not None
    data = runtime_data(course, Format.SCORM12)
    bound = answers_state_chars(course)
    lms = launch_scorm("1.2", runtime_pages, launch="sco.html?a=scorm12", use_manifest=False)
    start(lms.frame, data)
    lms.frame.evaluate(WALK, [data, {q["iid"]: hard_tries(q) for s in data["sites"] for q in s["questions"]}])
    assert lms.unload()
    length = len(lms.last_commit()["suspend_data"])
    record_property("scorm12_answers_state_chars", length)
    print(f"\nanswers-only state: {length} chars; build-time bound {bound}")
    assert 0 < length <= bound <= 4096
