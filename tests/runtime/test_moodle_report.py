"""The learner of the Moodle report, in the real course: status and score a gradebook gets right.

Reported from Moodle 4.5 (SCORM 1.2): all 19 sites visited with 25 of 77 answers wrong gave
`completed` with no score (gradebook 0.00), and the next launch opened in review mode. Now the
trail is completed only when every site is done (visited, every question answered, the
reflection written); the score (the first answer to each question) goes out as soon as every
scored question has an answer, never 0 for a learner who answered; course_source has no
passing score, so no passed/failed; and a launch after completion resumes in normal mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from packager.build import check
from packager.model import Format
from packager.runtime_data import runtime_data
from tests.runtime.course_data import REFLECTIONS_NB, hard_tries
from tests.runtime.helpers import dump, items, js, lms_errors, start
from tests.support.lms import LmsSession
from tests.support.scorm_limits import check_scorm12_limits

SOURCE = Path(__file__).resolve().parents[2] / "course_source"
WRONG_FIRST = 25


def status(lms: LmsSession) -> tuple[str, str, str]:
    """(completion, success, raw score) as the LMS holds them now."""
    cmi = lms.cmi()
    if lms.version == "1.2":
        return cmi["core"]["lesson_status"], "", cmi["core"]["score"]["raw"]
    return cmi["completion_status"], cmi["success_status"], cmi["score"]["raw"]


def scores_sent(lms: LmsSession) -> list[str]:
    key = "cmi.core.score.raw" if lms.version == "1.2" else "cmi.score.raw"
    return [c["args"][1] for c in lms.calls() if c["method"] in ("LMSSetValue", "SetValue") and c["args"][0] == key]


def resume_seed(lms: LmsSession) -> dict[str, Any]:
    """What the LMS hands back on the next launch of this attempt (exit was suspend)."""
    cmi = lms.last_commit()
    if lms.version == "1.2":
        assert cmi["core"]["exit"] == "suspend"
        core = {k: v for k, v in cmi["core"].items() if k not in ("exit", "session_time", "total_time")}
        return {"cmi": {**cmi, "core": {**core, "entry": "resume"}}}
    assert cmi["exit"] == "suspend"
    return {"cmi": {**{k: v for k, v in cmi.items() if k not in ("exit", "session_time", "total_time")},
                    "entry": "resume"}}


@pytest.mark.parametrize("fmt", [Format.SCORM12, Format.SCORM2004])
def test_the_moodle_learner_gets_a_score_and_completes_only_when_done(
        fmt: Format, launch_scorm: Any, runtime_pages: Path) -> None:
    course = check(SOURCE).course
    assert course is not None and course.passing_score is None
    data = runtime_data(course, fmt)
    version = "1.2" if fmt is Format.SCORM12 else "2004"
    scored = [(s["slug"], q) for s in data["sites"] for q in s["questions"] if q["scored"]]
    wrong = {q["iid"] for _, q in scored[:WRONG_FIRST]}
    expected = round((len(scored) - WRONG_FIRST) / len(scored) * 100, 2)
    lms = launch_scorm(version, runtime_pages, launch=f"sco.html?a={fmt}", use_manifest=False)
    frame = lms.frame
    start(frame, data)

    # every site visited and every question answered, 25 wrong first (and then retried right)
    last = scored[-1][1]["iid"]
    for site in data["sites"]:
        js(frame, "T.visit(arg)", site["slug"])
        for q in site["questions"]:
            if q["iid"] == last:
                assert scores_sent(lms) == []  # a scored question has no answer yet: no score, not 0
            tries = hard_tries(q)  # the costliest wrong answer first, the right one last
            first = tries[0] if q["iid"] in wrong else tries[-1]
            js(frame, "T.answer(arg[0], arg[1], arg[2], 4000)", [site["slug"], q["id"], first])
            if q["iid"] in wrong:  # the retry is for learning
                js(frame, "T.answer(arg[0], arg[1], arg[2], 4000)", [site["slug"], q["id"], tries[-1]])
        js(frame, "T.leave(arg)", site["slug"])
    # the score went out with the last first answer, and it is the first answers' score
    assert [float(x) for x in scores_sent(lms)] == [expected]
    completion, success, raw = status(lms)
    assert (completion, success, float(raw)) == ("incomplete", "" if version == "1.2" else "unknown", expected)
    assert js(frame, "T.progress()")["completed"] is False  # 19 visited, none done: no reflection yet

    # the reflections: every site done, the trail completed; no pass or fail without a passing score
    for i, site in enumerate(data["sites"]):
        js(frame, "T.visit(arg)", site["slug"])
        for r in site["reflections"]:
            js(frame, "T.reflect(arg[0], arg[1], arg[2])", [site["slug"], r["id"], REFLECTIONS_NB[i]])
        if i < len(data["sites"]) - 1:
            js(frame, "T.leave(arg)", site["slug"])
            assert status(lms)[0] == "incomplete"
    js(frame, "T.leave(arg)", data["sites"][-1]["slug"])
    completion, success, raw = status(lms)
    assert (completion, success, float(raw)) == ("completed", "" if version == "1.2" else "unknown", expected)
    assert lms.unload()
    final = lms.last_commit()
    if version == "1.2":
        assert check_scorm12_limits(final) == [], check_scorm12_limits(final)
    else:
        assert float(final["score"]["scaled"]) == round(expected / 100, 4)
    assert "0" not in scores_sent(lms)  # never 0 for a learner who answered
    assert lms_errors(lms) == [], dump(lms_errors(lms))

    # the next launch resumes the attempt in normal mode: everything there, the learner carries on
    again = launch_scorm(version, runtime_pages, launch=f"sco.html?a={fmt}", use_manifest=False,
                         seed=resume_seed(lms))
    info = start(again.frame, data)
    assert (info["resumed"], info["mode"]) == (True, "normal")
    progress = js(again.frame, "T.progress()")
    assert (progress["completed"], progress["done"], progress["score"]) == (True, 19, expected)
    site, q = scored[0]
    js(again.frame, "T.visit(arg)", site)
    assert js(again.frame, "T.answerOf(arg[0], arg[1]).result", [site, q["id"]]) == "correct"  # retried before
    js(again.frame, "T.leave(arg)", site)
    assert status(again)[0] == "completed" and float(status(again)[2]) == expected
    before = len(items(again.cmi()["interactions"]))
    js(again.frame, "T.reflect(arg[0], arg[1], arg[2])", [site, data["sites"][0]["reflections"][0]["id"], "Ny tanke."])
    js(again.frame, "T.leave(arg)", site)
    assert again.unload()
    assert status(again)[0] == "completed" and float(status(again)[2]) == expected
    if version == "2004":  # the rewritten reflection updated its record
        assert len(items(again.cmi()["interactions"])) == before
    assert lms_errors(again) == [], dump(lms_errors(again))
