"""What an LMS receives per commit stays whole: the maximal learner of the real course.

scorm-again, like several LMS players, sends the whole CMI with every commit, and the
last one, at LMSFinish/Terminate, with `navigator.sendBeacon`; Chromium refuses a beacon
over 64 KiB, so a larger final commit never reaches the LMS (the last reflection and the
session time were lost that way). The real course, every question answered with its
costliest wrong answer first and retried, a 300-character reflection at every site: the
largest commit must stay well under the limit, and the final one must arrive whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from packager.build import check
from packager.model import Format
from packager.runtime_data import runtime_data
from tests.runtime.course_data import REFLECTIONS_NB, hard_tries
from tests.runtime.helpers import dump, items, lms_errors, start
from tests.support.scorm_limits import check_scorm12_limits

SOURCE = Path(__file__).resolve().parents[2] / "course_source"
BEACON_LIMIT = 64 * 1024
BUDGET = 50 * 1024  # well under: room for longer question texts or a chattier LMS

WALK = """([data, tries, texts]) => {
    const T = window.T;
    data.sites.forEach((s, i) => {
        T.visit(s.slug);
        s.questions.forEach((q) => {
            for (const r of tries[q.iid]) { if (T.answer(s.slug, q.id, r, 65000).final) break; }
        });
        s.reflections.forEach((r) => T.reflect(s.slug, r.id, texts[i]));
        T.leave(s.slug);
    });
}"""


@pytest.mark.parametrize("fmt", [Format.SCORM12, Format.SCORM2004])
def test_maximal_learner_commits_fit_a_beacon(fmt: Format, launch_scorm: Any, runtime_pages: Path,
                                              record_property: Any) -> None:
    course = check(SOURCE).course
    assert course is not None
    data = runtime_data(course, fmt)
    version = "1.2" if fmt is Format.SCORM12 else "2004"
    lms = launch_scorm(version, runtime_pages, launch=f"sco.html?a={fmt}", use_manifest=False)
    start(lms.frame, data)
    tries = {q["iid"]: hard_tries(q) for s in data["sites"] for q in s["questions"]}
    lms.frame.evaluate(WALK, [data, tries, REFLECTIONS_NB])
    arrived = lms.unload()
    log = lms.commit_log()
    largest = max(c.size for c in log)
    record_property(f"{fmt}_largest_commit_bytes", largest)
    print(f"\nmaximal learner, {fmt}: largest commit {largest} bytes in {len(log)} commits")
    assert arrived, f"the final commit never reached the LMS (largest commit {largest} bytes)"
    assert largest < BUDGET < BEACON_LIMIT, (
        f"{fmt}: a commit of {largest} bytes leaves less than {BEACON_LIMIT - BUDGET} bytes under the 64 KiB beacon "
        "limit; longer question texts or more questions? see packager/runtime/README.md, Status policy")
    final = [c for c in log if c.terminate][-1].body["cmi"]
    interactions = items(final["interactions"])
    if fmt is Format.SCORM12:
        assert final["core"]["session_time"]
        assert check_scorm12_limits(final) == [], check_scorm12_limits(final)
        ids = [it["id"] for it in interactions]
        assert len(ids) == len(set(ids)), "every 1.2 interaction record has its own id"
    else:
        assert final["session_time"]
        # one record per question and reflection; the last reflection arrived whole
        assert len(interactions) == sum(len(s["questions"]) + len(s["reflections"]) for s in data["sites"])
        last = data["sites"][-1]["reflections"][0]["iid"]
        assert [it["learner_response"] for it in interactions if it["id"] == last] == [REFLECTIONS_NB[-1]]
    assert lms_errors(lms) == [], dump(lms_errors(lms))
