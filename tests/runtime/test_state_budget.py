"""The compact state in SCORM 1.2's 4096 characters: the maximal learner, overflow, resume."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from tests.runtime.course_data import REFLECTIONS_NB, learner_response, maximal_course
from tests.runtime.helpers import dump, items, lms_errors, start
from tests.support.lms import LmsSession
from tests.support.scorm_limits import check_scorm12_limits

# Walks the whole course in the page: visit, answer until final, reflect, leave.
WALK = """([data, texts, responses]) => {
    const T = window.T, kept = [];
    data.sites.forEach((s, i) => {
        T.visit(s.slug);
        s.questions.forEach((q) => {
            const tries = responses[q.iid];
            for (let k = 0; k < tries.length; k++) {
                if (T.answer(s.slug, q.id, tries[k], 3000 + k).final) break;
            }
        });
        kept.push(T.reflect(s.slug, s.reflections[0].id, texts[i]).kept);
        T.leave(s.slug);
    });
    return kept;
}"""
SNAPSHOT = """(data) => {
    const T = window.T;
    return data.sites.map((s) => ({
        status: T.siteStatus(s.slug),
        answers: s.questions.map((q) => T.answerOf(s.slug, q.id)),
        reflection: T.reflectionOf(s.slug, s.reflections[0].id),
    }));
}"""


def responses(data: dict[str, Any]) -> dict[str, list[Any]]:
    """Per question, the learner's tries in order: wrong first where that is realistic."""
    out: dict[str, list[Any]] = {}
    k = 0
    for s in data["sites"]:
        for q in s["questions"]:
            out[q["iid"]] = [learner_response(q, k + j) for j in range(6)]
            k += 1
    return out


def launch(launch_scorm: Any, pages: Path, seed: dict[str, Any] | None = None) -> LmsSession:
    return launch_scorm("1.2", pages, seed=seed, launch="sco.html?a=scorm12", use_manifest=False)


def resume_seed(cmi: dict[str, Any]) -> dict[str, Any]:
    """What an LMS hands back on the next launch after an exit of "suspend"."""
    core = {k: v for k, v in cmi["core"].items() if k not in ("exit", "session_time", "total_time")}
    core["entry"] = "resume"
    return {"cmi": {**{k: v for k, v in cmi.items() if k != "core"}, "core": core}}


def relaunch_same_browser(lms: LmsSession, lms_url: str, seed: dict[str, Any]) -> None:
    """Launch again in the same browser context (its localStorage kept), like a learner coming back."""
    config = {"pkg": lms.package_url, "session": lms.session, "seed": seed, "settings": {}, "useManifest": False}
    script = json.dumps(config).replace("</", "<\\/")
    lms.page.add_init_script(f"if (window === window.top) {{ window.__lmsConfig = {script}; }}")
    lms.page.goto(f"{lms_url}/scorm12.html", wait_until="load")
    lms.page.wait_for_function("() => window.__lms && window.__lms.ready && window.__lms.frameLoads > 0")
    lms.frame.wait_for_load_state("load")


def test_maximal_learner_fits_in_4096(launch_scorm: Any, runtime_pages: Path, record_property: Any) -> None:
    """19 sites, 95 questions all answered (with retries), a ~300-char Norwegian reflection per site."""
    data = maximal_course("scorm12")
    assert len(REFLECTIONS_NB) == 19 and all(len(t) >= 300 for t in REFLECTIONS_NB)
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, data)
    kept = frame.evaluate(WALK, [data, REFLECTIONS_NB, responses(data)])
    assert kept == ["lms"] * 19
    before = frame.evaluate(SNAPSHOT, data)
    assert all(s["status"] == "done" for s in before)
    judged = frame.evaluate("() => window.T.progress()")
    assert judged["completed"] is True and judged["passed"] is not None
    assert lms.unload()
    cmi = lms.last_commit()
    length = len(cmi["suspend_data"])
    record_property("scorm12_maximal_state_chars", length)
    print(f"\nmaximal learner: suspend_data is {length} chars for {sum(map(len, REFLECTIONS_NB))} chars of reflections")
    assert length <= 4096
    assert check_scorm12_limits(cmi) == [], check_scorm12_limits(cmi)
    # completed, so the verdict on the first answers and their score went to the LMS
    assert cmi["core"]["lesson_status"] == ("passed" if judged["passed"] else "failed")
    assert float(cmi["core"]["score"]["raw"]) == judged["score"]
    assert lms_errors(lms) == [], dump(lms_errors(lms))

    # a new browser (no localStorage): the LMS's state alone brings everything back
    again = launch(launch_scorm, runtime_pages, seed=resume_seed(cmi))
    info = start(again.frame, data)
    assert info["resumed"] is True and info["bookmark"] == data["sites"][-1]["slug"]
    assert "message" not in info
    assert again.frame.evaluate(SNAPSHOT, data) == before
    # nothing was re-sent: the interactions continue after the stored ones
    assert again.frame.evaluate("() => window.T.progress()") == judged


def test_overflow_keeps_reflections_in_this_browser(launch_scorm: Any, runtime_pages: Path, lms_url: str) -> None:
    data = maximal_course("scorm12")
    rng = random.Random(7)
    words = " ".join(REFLECTIONS_NB).split()
    # long, varied reflections: far more than 4096 chars even compressed
    texts = [" ".join(rng.choice(words) for _ in range(260)) for _ in range(19)]
    lms = launch(launch_scorm, runtime_pages)
    frame = lms.frame
    start(frame, data)
    walked = frame.evaluate(WALK, [data, texts, responses(data)])
    assert walked[0] == "lms" and walked[-1] == "browser"
    # where each reflection is kept now (reflect() with the same text answers that again)
    kept = frame.evaluate(
        "(data) => data.sites.map((s) => window.T.reflect(s.slug, 'refleksjon', "
        "window.T.reflectionOf(s.slug, 'refleksjon')).kept)",
        data,
    )
    assert "browser" in kept and "lms" in kept
    # the longest went to the browser first
    assert min(len(t) for t, k in zip(texts, kept, strict=True) if k == "browser") >= max(
        len(t) for t, k in zip(texts, kept, strict=True) if k == "lms"
    )
    before = frame.evaluate(SNAPSHOT, data)
    assert [s["reflection"] for s in before] == texts
    assert lms.unload()
    cmi = lms.last_commit()
    assert len(cmi["suspend_data"]) <= 4096, len(cmi["suspend_data"])
    assert check_scorm12_limits(cmi) == [], check_scorm12_limits(cmi)

    # another browser: answers and progress all there, only the browser-kept texts are missing
    other = launch(launch_scorm, runtime_pages, seed=resume_seed(cmi))
    start(other.frame, data)
    there = other.frame.evaluate(SNAPSHOT, data)
    assert [s["answers"] for s in there] == [s["answers"] for s in before]
    assert [s["status"] for s in there] == ["done"] * 19
    assert [s["reflection"] for s in there] == [t if k == "lms" else "" for t, k in zip(texts, kept, strict=True)]
    other.frame.evaluate("() => { window.T.visit('sted-02-boligsosialt'); window.T.leave('sted-02-boligsosialt'); }")
    assert other.unload()
    later = other.last_commit()

    # back in the first browser, after the other one saved: every reflection is back
    relaunch_same_browser(lms, lms_url, resume_seed(later))
    start(lms.frame, data)
    assert lms.frame.evaluate(SNAPSHOT, data) == before


def test_unreadable_state_starts_fresh(launch_scorm: Any, runtime_pages: Path) -> None:
    data = maximal_course("scorm12")
    lms = launch(
        launch_scorm, runtime_pages, seed={"cmi": {"core": {"entry": "resume"}, "suspend_data": "T1(garbage]~~"}}
    )
    info = start(lms.frame, data)
    assert info["message"] == "stateUnreadable"
    assert lms.frame.evaluate(SNAPSHOT, data)[0] == {"status": "new", "answers": [None] * 5, "reflection": ""}
    # the learner carries on, and the next save replaces the unreadable state with a good one
    lms.frame.evaluate("() => { window.T.visit('sted-01-boligsosialt'); window.T.leave('sted-01-boligsosialt'); }")
    assert lms.cmi()["suspend_data"].startswith("T2")
    assert items(lms.cmi()["interactions"]) == []
