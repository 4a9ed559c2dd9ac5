"""SCORM 2004 adapter + tracker against scorm-again's strict 2004 runtime.

Each test launches tests/runtime/pages/sco.html in the test LMS, drives the
tracker like the UI would, and reads what the LMS stored.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.runtime.course_data import QUESTIONS, RIGHT, WRONG, small_course
from tests.runtime.helpers import answer, dump, events, items, js, lms_errors, start
from tests.support.lms import LmsSession

CID = "https://kurs.example.no/trail-test"
Q = "urn:trail:{}:{}"  # short URNs: every commit carries every interaction
ISO_DURATION = r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S"


def launch(launch_scorm: Any, pages: Path, seed: dict[str, Any] | None = None) -> LmsSession:
    return launch_scorm("2004", pages, seed=seed, launch="sco.html?a=scorm2004", use_manifest=False)


def walk_all(frame: Any, reflection: str = "Vi må samarbeide bedre med NAV.") -> None:
    """Visit every site, answer every question right, write the reflections, leave."""
    for slug, qids in QUESTIONS:
        js(frame, "T.visit(arg)", slug)
        for qid in qids:
            answer(frame, slug, qid, RIGHT[qid]["r"])
        if slug != "oppfolging":
            js(frame, "T.reflect(arg[0], 'refleksjon', arg[1])", [slug, reflection])
        js(frame, "T.leave(arg)", slug)


def test_interactions_have_strict_2004_formats(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    info = start(frame, small_course("scorm2004"))
    assert info["resumed"] is False and "message" not in info
    js(frame, "T.visit('samskaping')")
    first = answer(frame, "samskaping", "hvem", ["c", "a"])  # order must not matter
    assert first == {"result": "correct", "triesLeft": float("inf"), "final": True}
    answer(frame, "samskaping", "hva-er", ["c"])  # wrong, then right: one record, the answer that counts
    answer(frame, "samskaping", "hva-er", ["b"])
    answer(frame, "samskaping", "alene", False)
    js(frame, "T.reflect('samskaping', 'refleksjon', arg)", "{Første linje}\nandre linje")
    js(frame, "T.leave('samskaping')")
    js(frame, "T.visit('bostotte')")
    assert answer(frame, "bostotte", "hvem-gir", "  den norske  STATS husbank ")["result"] == "correct"
    answer(frame, "bostotte", "par", [["1", "b"], ["0", "a"], ["2", "c"]])
    js(frame, "T.visit('oppfolging')")  # leaving bostotte by visiting the next site
    answer(frame, "oppfolging", "rekkefolge", ["a", "b", "d", "c"])
    answer(frame, "oppfolging", "enig", ["d"])
    js(frame, "T.leave('oppfolging')")

    assert lms_errors(lms) == [], dump(lms_errors(lms))
    got = {(it["id"], it["learner_response"]): it for it in items(lms.cmi()["interactions"])}
    listed = [it["id"] for it in items(lms.cmi()["interactions"])]
    assert listed == [
        Q.format("samskaping", "hvem"),
        Q.format("samskaping", "hva-er"),
        Q.format("samskaping", "alene"),
        Q.format("samskaping", "refleksjon"),
        Q.format("bostotte", "hvem-gir"),
        Q.format("bostotte", "par"),  # no reflection written
        Q.format("oppfolging", "rekkefolge"),
        Q.format("oppfolging", "enig"),
    ]

    def one(site: str, qid: str, response: str) -> dict[str, Any]:
        return got[(Q.format(site, qid), response)]

    def patterns(it: dict[str, Any]) -> list[str]:
        return [p["pattern"] for p in items(it.get("correct_responses"))]

    multiple = one("samskaping", "hvem", "a[,]c")
    assert multiple["type"] == "choice" and multiple["result"] == "correct"
    assert patterns(multiple) == ["a[,]c"]
    assert multiple["weighting"] == "2"
    assert multiple["description"] == "Spørsmål hvem om boligsosialt arbeid?"
    wrong = one("samskaping", "hva-er", "c")  # scoring "first": the retry is for learning
    assert (wrong["type"], wrong["result"], patterns(wrong)) == ("choice", "incorrect", ["b"])
    tf = one("samskaping", "alene", "false")
    assert (tf["type"], tf["result"], patterns(tf)) == ("true-false", "correct", ["false"])
    fill = one("bostotte", "hvem-gir", "den norske STATS husbank")
    assert fill["type"] == "fill-in" and fill["result"] == "correct"
    assert patterns(fill) == ["Husbanken", "Den norske stats husbank"]  # case_matters=false is the default
    match = one("bostotte", "par", "0[.]a[,]1[.]b[,]2[.]c")
    assert match["type"] == "matching" and patterns(match) == ["0[.]a[,]1[.]b[,]2[.]c"]
    seq = one("oppfolging", "rekkefolge", "a[,]b[,]d[,]c")
    assert (seq["type"], seq["result"], patterns(seq)) == ("sequencing", "incorrect", ["a[,]b[,]c[,]d"])
    likert = one("oppfolging", "enig", "d")
    assert (likert["type"], likert["result"], patterns(likert)) == ("likert", "neutral", [])
    assert likert["weighting"] == "0"
    refl = got[(Q.format("samskaping", "refleksjon"), "(Første linje} andre linje")]
    assert (refl["type"], refl["result"]) == ("long-fill-in", "neutral")
    for it in items(lms.cmi()["interactions"]):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", it["timestamp"]), it["timestamp"]
        if it["type"] != "long-fill-in":
            assert re.fullmatch(ISO_DURATION, it["latency"]), it["latency"]


def all_final(data: dict[str, Any], attempts: int = 1) -> dict[str, Any]:
    """The small course with `attempts` on every question (so wrong answers become final)."""
    for s in data["sites"]:
        for q in s["questions"]:
            q["attempts"] = attempts
    return data


def test_no_judgement_before_every_scored_answer(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, small_course("scorm2004"))
    js(frame, "T.visit('samskaping')")
    for qid in ("hva-er", "hvem", "alene"):
        answer(frame, "samskaping", qid, RIGHT[qid]["r"])
    js(frame, "T.visit('bostotte')")
    answer(frame, "bostotte", "hvem-gir", "Husbanken")
    answer(frame, "bostotte", "par", RIGHT["par"]["r"])
    js(frame, "T.visit('oppfolging')")
    answer(frame, "oppfolging", "enig", ["a"])  # the unscored likert does not count
    js(frame, "T.leave('oppfolging')")
    cmi = lms.cmi()
    assert cmi["completion_status"] == "completed"  # all three sites visited
    assert cmi["success_status"] == "unknown"
    assert cmi["score"]["scaled"] == "" and cmi["score"]["raw"] == ""
    assert js(frame, "T.progress()")["passed"] is None

    # the last scored question answered wrongly, tries left: its first answer counts, so the score is known
    answer(frame, "oppfolging", "rekkefolge", WRONG["rekkefolge"])
    answered = len(lms.commits())
    cmi = lms.cmi()
    assert cmi["success_status"] == "passed"  # 6 of 7 weighted points, passing score 80
    assert (cmi["score"]["scaled"], cmi["score"]["raw"], cmi["score"]["min"], cmi["score"]["max"]) == (
        "0.8571",
        "85.71",
        "0",
        "100",
    )
    answer(frame, "oppfolging", "rekkefolge", RIGHT["rekkefolge"]["r"])  # the retry is for learning
    cmi = lms.cmi()
    assert (cmi["success_status"], cmi["score"]["raw"]) == ("passed", "85.71")
    assert cmi["progress_measure"] == "1"
    # what the LMS backend received: no judgement and no score in any commit before every first answer
    bodies = [b["cmi"] for b in lms.commits()]
    judged = [i for i, b in enumerate(bodies) if b.get("success_status") in ("passed", "failed")]
    scored = [i for i, b in enumerate(bodies) if (b.get("score") or {}).get("scaled") not in (None, "")]
    assert judged and judged == scored and judged[0] == answered - 1
    objectives = {o["id"]: o for o in items(cmi["objectives"])}
    first = objectives[f"{CID}/sites/samskaping"]  # its reflection is still empty: not done
    assert (first["completion_status"], first["success_status"], first["score"]["scaled"]) == (
        "incomplete",
        "passed",
        "1",
    )
    assert first["progress_measure"] == "0.75"
    third = objectives[f"{CID}/sites/oppfolging"]
    assert third["completion_status"] == "completed" and third["progress_measure"] == "1"
    assert lms_errors(lms) == [], dump(lms_errors(lms))


def test_failed_then_passed_allowed_passed_never_failed(launch_scorm: Any, runtime_pages: Path) -> None:
    # an earlier session failed: passing now is allowed
    lms = launch(
        launch_scorm,
        runtime_pages,
        seed={"cmi": {"entry": "resume", "success_status": "failed", "completion_status": "incomplete"}},
    )
    frame = lms.frame
    start(frame, all_final(small_course("scorm2004")))
    walk_all(frame)
    cmi = lms.cmi()
    assert (cmi["success_status"], cmi["completion_status"], cmi["score"]["raw"]) == ("passed", "completed", "100")

    # an earlier session passed: failing now keeps passed, and writes no failing score
    lms = launch(
        launch_scorm,
        runtime_pages,
        seed={
            "cmi": {
                "entry": "resume",
                "success_status": "passed",
                "completion_status": "completed",
                "score": {"scaled": "0.9", "raw": "90", "min": "0", "max": "100"},
            }
        },
    )
    frame = lms.frame
    start(frame, all_final(small_course("scorm2004")))
    js(frame, "T.visit('samskaping')")
    for site, qid in (
        ("samskaping", "hva-er"),
        ("samskaping", "hvem"),
        ("samskaping", "alene"),
        ("bostotte", "hvem-gir"),
        ("bostotte", "par"),
        ("oppfolging", "rekkefolge"),
    ):
        assert answer(frame, site, qid, WRONG[qid]) == {"result": "incorrect", "triesLeft": 0, "final": True}
    assert js(frame, "T.progress()")["passed"] is False  # the tracker's own judgement of this attempt
    cmi = lms.cmi()
    assert cmi["success_status"] == "passed"
    assert (cmi["score"]["scaled"], cmi["score"]["raw"]) == ("0.9", "90")
    assert cmi["completion_status"] == "completed"  # completion never goes back either
    assert lms_errors(lms) == [], dump(lms_errors(lms))


def test_failed_is_reported_with_its_score(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, all_final(small_course("scorm2004")))
    js(frame, "T.visit('samskaping')")
    answer(frame, "samskaping", "hva-er", RIGHT["hva-er"]["r"])
    answer(frame, "samskaping", "hvem", RIGHT["hvem"]["r"])  # weight 2
    answer(frame, "samskaping", "alene", WRONG["alene"])
    answer(frame, "bostotte", "hvem-gir", WRONG["hvem-gir"])
    answer(frame, "bostotte", "par", RIGHT["par"]["r"])
    assert lms.cmi()["success_status"] == "unknown"
    answer(frame, "oppfolging", "rekkefolge", WRONG["rekkefolge"])
    cmi = lms.cmi()
    assert cmi["success_status"] == "failed"
    assert (cmi["score"]["raw"], cmi["score"]["scaled"]) == ("57.14", "0.5714")  # 4 of 7 weighted
    assert cmi["completion_status"] == "incomplete"  # only one site was visited
    assert js(frame, "T.progress()")["score"] == 57.14


def test_exit_suspend_session_time_and_resume(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    data = small_course("scorm2004")
    shuffle = start(frame, data)["seed"]
    js(frame, "T.visit('samskaping')")
    answer(frame, "samskaping", "hva-er", WRONG["hva-er"])
    answer(frame, "samskaping", "hvem", RIGHT["hvem"]["r"])
    js(frame, "T.reflect('samskaping', 'refleksjon', arg)", "Vi bør ha faste møter med NAV.\nOg med Husbanken.")
    js(frame, "T.leave('samskaping')")
    js(frame, "T.visit('bostotte')")
    answer(frame, "bostotte", "hvem-gir", "Kommunen")
    js(frame, "T.reflect('bostotte', 'refleksjon', arg)", "Bostøtte er lite kjent.")
    before = js(
        frame,
        """{answers: [T.answerOf('samskaping', 'hva-er'), T.answerOf('samskaping', 'hvem'),
        T.answerOf('samskaping', 'alene'), T.answerOf('bostotte', 'hvem-gir')],
        refl: [T.reflectionOf('samskaping', 'refleksjon'), T.reflectionOf('bostotte', 'refleksjon')],
        status: ['samskaping', 'bostotte', 'oppfolging'].map(s => T.siteStatus(s))}""",
    )
    assert before["status"] == ["visited", "visited", "new"]
    assert before["answers"][2] is None
    assert lms.unload(), "no Terminate or no terminate commit"
    cmi = lms.last_commit()
    assert cmi["exit"] == "suspend"
    assert re.fullmatch(ISO_DURATION, cmi["session_time"]), cmi["session_time"]
    assert cmi["location"] == "bostotte"
    # the reflection of the site the learner was in when the tab closed went out too
    stored = items(cmi["interactions"])
    count = len(stored)
    assert count == 5 and stored[-1]["learner_response"] == "Bostøtte er lite kjent."
    assert lms_errors(lms) == [], dump(lms_errors(lms))

    seed = {"cmi": {**cmi, "entry": "resume"}}
    for key in ("exit", "session_time", "total_time", "entry"):
        seed["cmi"].pop(key, None)
    seed["cmi"]["entry"] = "resume"
    again = launch(launch_scorm, runtime_pages, seed=seed)
    frame = again.frame
    info = start(frame, data)
    assert info == {"resumed": True, "bookmark": "bostotte", "mode": "normal", "learnerName": "Nordmann, Kari",
                    "learnerId": "trail-test-learner", "seed": shuffle}  # the seed came back from suspend_data
    after = js(
        frame,
        """{answers: [T.answerOf('samskaping', 'hva-er'), T.answerOf('samskaping', 'hvem'),
        T.answerOf('samskaping', 'alene'), T.answerOf('bostotte', 'hvem-gir')],
        refl: [T.reflectionOf('samskaping', 'refleksjon'), T.reflectionOf('bostotte', 'refleksjon')],
        status: ['samskaping', 'bostotte', 'oppfolging'].map(s => T.siteStatus(s))}""",
    )
    assert after == before
    # the fill-in had 2 attempts: one left after the resume; its record keeps the first answer, which counts
    assert answer(frame, "bostotte", "hvem-gir", "NAV") == {"result": "incorrect", "triesLeft": 0, "final": True}
    # a reflection rewritten after the resume updates its own record, found by its id
    js(frame, "T.reflect('bostotte', 'refleksjon', arg)", "Bostøtte er lite kjent hos oss.")
    js(frame, "T.leave('bostotte')")
    stored = items(again.cmi()["interactions"])
    assert len(stored) == count
    assert [(it["learner_response"]) for it in stored[-2:]] == ["Kommunen", "Bostøtte er lite kjent hos oss."]
    assert lms_errors(again) == [], dump(lms_errors(again))


def test_finish_once_on_pagehide_and_commit_on_hidden(launch_scorm: Any, runtime_pages: Path) -> None:
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, small_course("scorm2004"), {"debounceMs": 200})

    def count(method: str) -> int:
        return sum(1 for c in lms.calls() if c["method"] == method)

    # a visit is not worth a commit at once (counted in the same task, so no timing involved)...
    now = "window.parent.__lms.calls.filter((c) => c.method === 'Commit').length"
    assert js(frame, f"(T.visit('samskaping'), {now})") == 0
    lms.wait_for_call("Commit")  # ...only after the debounce
    commits = count("Commit")
    frame.evaluate("""() => {
        Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    assert count("Commit") == commits + 1
    frame.evaluate(
        "() => { window.dispatchEvent(new Event('pagehide')); window.dispatchEvent(new Event('pagehide')); }"
    )
    assert js(frame, "T.finish()") is True
    assert count("Terminate") == 1
    answer(frame, "samskaping", "hva-er", ["b"])  # after the finish: nothing more reaches the LMS
    js(frame, "T.leave('samskaping')")
    assert events(frame, "error") == []
    assert lms.unload()
    assert count("Terminate") == 1
    terminate_seq = next(c["seq"] for c in lms.calls() if c["method"] == "Terminate")
    assert all(c["seq"] < terminate_seq for c in lms.calls() if c["method"] in ("SetValue", "Commit"))
    assert not [c for c in lms.calls() if c["method"] == "Commit" and c["seq"] == terminate_seq - 1]
    assert lms_errors(lms) == [], dump(lms_errors(lms))


def test_text_the_ui_saves_on_pagehide_is_not_lost(launch_scorm: Any, runtime_pages: Path) -> None:
    """trail.js adds its pagehide handler once start() resolves; the tracker must finish after it."""
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    frame.wait_for_function("() => window.scoReady === true")
    frame.evaluate(
        """(d) => window.run(d).then(() => window.addEventListener('pagehide', () =>
            window.T.reflect('samskaping', 'refleksjon', 'Skrevet rett før fanen ble lukket')))""",
        small_course("scorm2004"),
    )
    js(frame, "T.visit('samskaping')")
    assert lms.unload()
    cmi = lms.last_commit()
    texts = [i["learner_response"] for i in items(cmi["interactions"]) if i["type"] == "long-fill-in"]
    assert texts == ["Skrevet rett før fanen ble lukket"]
    assert lms_errors(lms) == [], dump(lms_errors(lms))


def test_one_record_per_question_holds_the_answer_that_counts(launch_scorm: Any, runtime_pages: Path) -> None:
    """scoring "first" keeps the first answer in the record; "best" updates it in place when a retry is right."""
    for scoring, kept in (("first", ("c", "incorrect")), ("best", ("b", "correct"))):
        lms = launch(launch_scorm, runtime_pages)
        frame = lms.frame
        start(frame, small_course("scorm2004", scoring=scoring))
        js(frame, "T.visit('samskaping')")
        answer(frame, "samskaping", "hva-er", ["c"])
        answer(frame, "samskaping", "hva-er", ["a"])
        answer(frame, "samskaping", "hva-er", ["b"])
        records = [it for it in items(lms.cmi()["interactions"]) if it["id"] == Q.format("samskaping", "hva-er")]
        assert [(it["learner_response"], it["result"]) for it in records] == [kept], scoring
        assert lms_errors(lms) == [], dump(lms_errors(lms))
