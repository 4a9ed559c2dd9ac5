"""SCORM 1.2 adapter + tracker in the test LMS (scorm-again 1.2 is lax: 1.2 limits are checked here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.runtime.course_data import QUESTIONS, RIGHT, WRONG, small_course
from tests.runtime.helpers import answer, dump, events, items, js, lms_errors, start
from tests.support.lms import LmsSession
from tests.support.scorm_limits import check_scorm12_limits

TIMESPAN = r"\d{2,4}:[0-5]\d:[0-5]\d\.\d\d"  # what the SCO sends (scorm-again drops the .SS)


def launch(launch_scorm: Any, pages: Path, seed: dict[str, Any] | None = None, **kw: Any) -> LmsSession:
    return launch_scorm("1.2", pages, seed=seed, launch="sco.html?a=scorm12", use_manifest=False, **kw)


def set_calls(lms: LmsSession, element: str) -> list[str]:
    """Values the SCO set on `element`, in order."""
    return [c["args"][1] for c in lms.calls() if c["method"] == "LMSSetValue" and c["args"][0] == element]


def test_interactions_objectives_and_limits(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    info = start(frame, small_course("scorm12"))
    assert info["resumed"] is False
    js(frame, "T.visit('samskaping')")
    answer(frame, "samskaping", "hva-er", WRONG["hva-er"], latency=83_450)
    answer(frame, "samskaping", "hva-er", ["b"])
    answer(frame, "samskaping", "hvem", ["c", "a"])
    answer(frame, "samskaping", "alene", False)
    js(frame, "T.reflect('samskaping', 'refleksjon', arg)", "Vi trenger faste møter.")
    js(frame, "T.leave('samskaping')")
    js(frame, "T.visit('bostotte')")
    answer(frame, "bostotte", "hvem-gir", "x" * 300)  # too long for 1.2: cut at 255
    answer(frame, "bostotte", "par", [["0", "a"], ["1", "b"], ["2", "c"]])
    js(frame, "T.visit('oppfolging')")
    answer(frame, "oppfolging", "rekkefolge", ["a", "b", "d", "c"])
    answer(frame, "oppfolging", "enig", ["e"])
    js(frame, "T.leave('oppfolging')")
    assert lms.unload()

    cmi = lms.last_commit()
    assert check_scorm12_limits(cmi) == [], check_scorm12_limits(cmi)
    assert lms_errors(lms) == [], dump(lms_errors(lms))
    got = [
        (
            i["id"],
            i["type"],
            i["student_response"],
            [p["pattern"] for p in items(i.get("correct_responses"))],
            i["result"],
            i["weighting"],
        )
        for i in items(cmi["interactions"])
    ]
    assert got == [  # no reflection: 1.2 has no long-fill-in, reflections live in suspend_data
        ("s01_hva-er", "choice", "c", ["b"], "wrong", "1"),
        ("s01_hva-er_2", "choice", "b", ["b"], "correct", "1"),  # a retry: its own id
        ("s01_hvem", "choice", "a,c", ["a,c"], "correct", "2"),
        ("s01_alene", "true-false", "f", ["f"], "correct", "1"),
        ("s02_hvem-gir", "fill-in", "x" * 255, ["Husbanken"], "wrong", "1"),
        ("s02_par", "matching", "0.a,1.b,2.c", ["0.a,1.b,2.c"], "correct", "1"),
        ("s03_rekkefolge", "sequencing", "a,b,d,c", ["a,b,c,d"], "wrong", "1"),
        ("s03_enig", "likert", "e", [], "neutral", "0"),
    ]
    assert set_calls(lms, "cmi.interactions.0.latency") == ["00:01:23.45"]
    assert all(re.fullmatch(r"\d\d:[0-5]\d:[0-5]\d", t) for t in set_calls(lms, "cmi.interactions.0.time"))
    # every try is tied to its question by its objective
    assert [i["objectives"]["0"]["id"] for i in items(cmi["interactions"])][:2] == ["s01_hva-er", "s01_hva-er"]
    objectives = [(o["id"], o["status"], o["score"]["raw"]) for o in items(cmi["objectives"])]
    assert objectives == [  # the first answers count (scoring "first"): a retry does not change a score
        ("s01", "failed", "75"),  # hva-er wrong first: 3 of 4 weighted points, under 80
        ("s02", "failed", "50"),  # the fill-in was answered (wrongly), the matching right
        ("s03", "failed", "0"),  # the ordering wrong; the likert is not scored
    ]
    assert cmi["core"]["lesson_location"] == "oppfolging"
    assert len(cmi["suspend_data"]) <= 4096 and cmi["suspend_data"].startswith("T2")
    assert re.fullmatch(TIMESPAN, set_calls(lms, "cmi.core.session_time")[-1])


def test_status_policy(launch_scorm: Any, runtime_pages: Path) -> None:
    """passed waits for completion (1.2 passed implies completed); score only with the judgement."""
    data = small_course("scorm12", require="done")
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, data)
    for slug, qids in QUESTIONS:
        js(frame, "T.visit(arg)", slug)
        for qid in qids:
            answer(frame, slug, qid, RIGHT[qid]["r"])
            core = lms.cmi()["core"]
            assert core["lesson_status"] == "incomplete"
            assert core["score"]["raw"] == ""
        js(frame, "T.leave(arg)", slug)
    js(frame, "T.reflect('samskaping', 'refleksjon', 'Samarbeid')")
    assert js(frame, "T.progress()")["passed"] is True  # judged, but bostotte's reflection is empty
    js(frame, "T.leave('samskaping')")
    assert lms.cmi()["core"]["lesson_status"] == "incomplete"
    assert set_calls(lms, "cmi.core.score.raw") == []
    js(frame, "T.reflect('bostotte', 'refleksjon', 'Bostøtte')")
    js(frame, "T.leave('bostotte')")
    core = lms.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == (
        "passed",
        "100",
        "0",
        "100",
    )
    assert set_calls(lms, "cmi.core.lesson_status") == ["incomplete", "passed"]
    assert lms.unload()
    assert lms.last_commit()["core"]["exit"] == "suspend"  # the learner may always come back to this attempt
    assert lms_errors(lms) == [], dump(lms_errors(lms))


def test_failed_waits_for_completion_and_never_below_a_pass(launch_scorm: Any, runtime_pages: Path) -> None:
    def final_once(data: dict[str, Any]) -> dict[str, Any]:
        for s in data["sites"]:
            for q in s["questions"]:
                q["attempts"] = 1
        return data

    wrong = [
        ("samskaping", "hva-er"),
        ("samskaping", "hvem"),
        ("samskaping", "alene"),
        ("bostotte", "hvem-gir"),
        ("bostotte", "par"),
        ("oppfolging", "rekkefolge"),
    ]
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, final_once(small_course("scorm12")))
    js(frame, "T.visit('samskaping')")
    for slug, qid in wrong:
        answer(frame, slug, qid, WRONG[qid])
    core = lms.cmi()["core"]
    # judged, but "failed" would close the attempt (Moodle: review mode next time) before the trail is walked
    assert js(frame, "T.progress()")["passed"] is False
    assert (core["lesson_status"], core["score"]["raw"]) == ("incomplete", "")
    for slug in ("bostotte", "oppfolging"):
        js(frame, "T.visit(arg)", slug)
    js(frame, "T.leave('oppfolging')")
    core = lms.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("failed", "0")  # completed: now the verdict
    assert lms.unload()
    assert lms.last_commit()["core"]["exit"] == "suspend"

    # an earlier session passed: this attempt's fail does not undo it, nor write a failing score
    lms = launch(
        launch_scorm,
        runtime_pages,
        seed={
            "cmi": {
                "core": {"entry": "resume", "lesson_status": "passed", "score": {"raw": "90", "min": "0", "max": "100"}}
            }
        },
    )
    frame = lms.frame
    start(frame, final_once(small_course("scorm12")))
    js(frame, "T.visit('samskaping')")
    for slug, qid in wrong:
        answer(frame, slug, qid, WRONG[qid])
    core = lms.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("passed", "90")
    assert "failed" not in set_calls(lms, "cmi.core.lesson_status")

    # an earlier session failed: passing now is allowed
    lms = launch(launch_scorm, runtime_pages, seed={"cmi": {"core": {"entry": "resume", "lesson_status": "failed"}}})
    frame = lms.frame
    start(frame, final_once(small_course("scorm12")))
    for slug in ("samskaping", "bostotte", "oppfolging"):
        js(frame, "T.visit(arg)", slug)
    for slug, qid in wrong:
        answer(frame, slug, qid, RIGHT[qid]["r"])
    core = lms.cmi()["core"]
    assert (core["lesson_status"], core["score"]["raw"]) == ("passed", "100")
    assert lms_errors(lms) == [], dump(lms_errors(lms))


def test_without_passing_score_completion_only(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages, seed={"cmi": {"core": {"lesson_status": "not attempted"}}})
    frame = lms.frame
    start(frame, small_course("scorm12", passing=None, required=2))
    assert lms.cmi()["core"]["lesson_status"] == "incomplete"  # attempted on launch, nothing more
    js(frame, "T.visit('samskaping')")
    js(frame, "T.leave('samskaping')")
    assert lms.cmi()["core"]["lesson_status"] == "incomplete"
    js(frame, "T.visit('bostotte')")
    js(frame, "T.leave('bostotte')")
    core = lms.cmi()["core"]
    assert core["lesson_status"] == "completed"  # 2 of 3 sites were required
    for slug, qid in (
        ("samskaping", "hva-er"),
        ("samskaping", "hvem"),
        ("samskaping", "alene"),
        ("bostotte", "hvem-gir"),
        ("bostotte", "par"),
        ("oppfolging", "rekkefolge"),
    ):
        answer(frame, slug, qid, RIGHT[qid]["r"])
    progress = js(frame, "T.progress()")
    assert progress["passed"] is None and progress["score"] == 100
    assert lms.cmi()["core"]["lesson_status"] == "completed"  # never passed/failed without a rule
    assert lms.unload()
    assert lms.last_commit()["core"]["exit"] == "suspend"


def test_commit_failure_is_retried_and_surfaced(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, small_course("scorm12"), {"retryMs": 300})

    def commits() -> list[dict[str, Any]]:
        return [c for c in lms.calls() if c["method"] == "LMSCommit"]

    js(frame, "T.visit('samskaping')")
    lms.fail_commits(500)
    before = len(commits())
    answer(frame, "samskaping", "hva-er", ["b"])
    frame.wait_for_function("() => window.events.some(e => e.name === 'error')", timeout=10_000)
    failed = commits()[before:]
    assert [c["result"] for c in failed] == ["false"] * 4  # the commit and 3 retries
    assert [e["type"] for e in events(frame, "error")] == ["commit"]
    saved = len(events(frame, "saved"))

    lms.server.accept_commits(lms.session)
    answer(frame, "samskaping", "hvem", ["a", "c"])
    frame.wait_for_function(f"() => window.events.filter(e => e.name === 'saved').length > {saved}")
    assert commits()[-1]["result"] == "true"
    # the LMS backend got everything, including the answer whose commits failed
    body = lms.commits()[-1]["cmi"]
    assert [i["id"] for i in items(body["interactions"])] == ["s01_hva-er", "s01_hvem"]

    # a commit that fails once and then works: retried, and no error for the learner
    lms.fail_commits(500)
    errors, before = len(events(frame, "error")), len(commits())
    answer(frame, "samskaping", "alene", False)  # its commit fails; the retries come 0.3, 0.9, 2.1 s later
    lms.server.accept_commits(lms.session)
    frame.wait_for_function(f"() => window.events.filter(e => e.name === 'saved').length > {saved + 1}")
    results = [c["result"] for c in commits()[before:]]
    assert results[0] == "false" and results[-1] == "true"
    assert len(events(frame, "error")) == errors
    assert [i["id"] for i in items(lms.commits()[-1]["cmi"]["interactions"])][-1] == "s01_alene"


def test_without_a_passing_score_the_score_comes_when_all_is_answered(launch_scorm: Any, runtime_pages: Path) -> None:
    """No judgement to make: never passed/failed, but the LMS still gets the score once it is known."""
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    data = small_course("scorm12", passing=None)
    start(frame, data)
    for site in data["sites"]:
        js(frame, "T.visit(arg)", site["slug"])
        for q in site["questions"]:
            if q["id"] != "hvem-gir":
                answer(frame, site["slug"], q["id"], RIGHT[q["id"]]["r"])
        js(frame, "T.leave(arg)", site["slug"])
    assert set_calls(lms, "cmi.core.score.raw") == []  # a scored question has no answer yet
    answer(frame, "bostotte", "hvem-gir", "Kommunen")  # wrong, one try of two left
    # every scored question has its first answer: the score is known and sent at once
    assert set_calls(lms, "cmi.core.score.raw") == ["85.71"]
    answer(frame, "bostotte", "hvem-gir", "Husbanken")  # right on the retry: for learning, not the score
    assert lms.unload()
    core = lms.last_commit()["core"]
    assert core["lesson_status"] == "completed"  # never passed or failed
    assert float(core["score"]["raw"]) == 85.71  # 6 of 7 weighted points right at the first answer
    assert check_scorm12_limits(lms.last_commit()) == []
    assert lms_errors(lms) == [], dump(lms_errors(lms))
