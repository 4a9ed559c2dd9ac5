"""The statement checkers catch what they claim to: a valid cmi5 session passes, and each
broken variant (the CATAPULT rule it breaks in the id) fails."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from packager import vocabulary as v
from tests.xapi.lms import Launch
from tests.xapi.rules import cmi5_problems, video_problems, xapi_problems

AU = "https://lms.example.test/aus/1"
PUBLISHER = "https://example.no/kurs/k/sites/a"
SESSION = "s-1"
LAUNCH = Launch(
    url="",
    actor={"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "u1"}},
    registration=str(uuid.uuid4()),
    activity_id=AU,
    publisher_id=PUBLISHER,
    session_id=SESSION,
    launch_data={
        "launchMode": "Normal",
        "masteryScore": 0.8,
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": PUBLISHER}]},
            "extensions": {v.CMI5_EXT_SESSION_ID: SESSION},
        },
    },
)


def statement(verb: str, n: int, result: dict[str, Any] | None = None, defined: bool = True) -> dict[str, Any]:
    cats = [{"id": v.CMI5_CATEGORY}] if defined else []
    if defined and result and ("success" in result or "completion" in result):
        cats.append({"id": v.CMI5_CATEGORY_MOVEON})
    ctx: dict[str, Any] = {
        "registration": LAUNCH.registration,
        "extensions": {v.CMI5_EXT_SESSION_ID: SESSION},
        "contextActivities": {"grouping": [{"id": PUBLISHER}]},
    }
    if cats:
        ctx["contextActivities"]["category"] = cats
    if verb in ("passed", "failed"):
        ctx["extensions"][v.CMI5_EXT_MASTERY_SCORE] = 0.8
    st = {
        "id": str(uuid.uuid4()),
        "actor": LAUNCH.actor,
        "verb": {"id": v.VERBS[verb].iri},
        "object": {"id": AU if defined else PUBLISHER + "/questions/q"},
        "context": ctx,
        "timestamp": f"2026-01-15T09:30:{n:02d}.000Z",
    }
    if result:
        st["result"] = result
    return st


def session() -> list[dict[str, Any]]:
    return [
        statement("initialized", 0),
        statement("answered", 1, {"response": "a", "success": True}, defined=False),
        statement("completed", 2, {"completion": True, "duration": "PT1M"}),
        statement("passed", 3, {"success": True, "duration": "PT1M", "score": {"scaled": 0.9}}),
        statement("terminated", 4, {"duration": "PT2M"}),
    ]


def test_a_valid_session_passes() -> None:
    assert cmi5_problems(session(), [LAUNCH]) == []
    assert xapi_problems(session()) == []


def _set(i: int, path: str, value: Any) -> Callable[[list[dict[str, Any]]], None]:
    def change(sts: list[dict[str, Any]]) -> None:
        *keys, last = path.split(".")
        target = sts[i]
        for k in keys:
            target = target[k]
        target[last] = value

    return change


@pytest.mark.parametrize(
    ("mutate", "rule"),
    [
        (_set(0, "context.extensions", {}), "9.6.3.1-4"),
        (_set(1, "context.registration", str(uuid.uuid4())), "9.6.1.0-1"),
        (_set(1, "context.contextActivities.grouping", []), "10.2.1.0-6"),
        (_set(2, "result.duration", None), "9.5.4.1"),
        (_set(3, "result.score", {"scaled": 0.5}), "9.3.4.0-2"),
        (_set(3, "context.extensions", {v.CMI5_EXT_SESSION_ID: SESSION}), "9.6.3.2-2"),
        (_set(3, "object.id", PUBLISHER), "9.4.0.0-2"),
        (
            _set(0, "context.contextActivities.category", [{"id": v.CMI5_CATEGORY}, {"id": v.CMI5_CATEGORY_MOVEON}]),
            "9.6.2.2",
        ),
        (lambda sts: sts.append(statement("answered", 5, {"response": "b"}, defined=False)), "9.3.0.0-5"),
        (lambda sts: sts.insert(3, statement("completed", 2, {"completion": True, "duration": "PT1M"})), "9.3.0.0-2"),
        (lambda sts: sts.insert(4, statement("failed", 3, {"success": False, "duration": "PT1M"})), "9.3.0.0-3"),
        (lambda sts: sts.pop(0), "9.3.0.0-4"),
    ],
)
def test_each_broken_rule_is_caught(mutate: Callable[[list[dict[str, Any]]], None], rule: str) -> None:
    sts = copy.deepcopy(session())
    mutate(sts)
    for st in sts:  # a None marks a property to remove
        if st.get("result", {}).get("duration", "") is None:
            del st["result"]["duration"]
    problems = cmi5_problems(sts, [LAUNCH])
    assert any(rule in p for p in problems), problems


def test_xapi_problems_catch_what_ralph_and_the_vocabulary_reject() -> None:
    good = session()[0]
    cases: list[tuple[dict[str, Any], str]] = [
        ({"timestamp": "2026-01-15T10:30:00+01:00"}, "not UTC"),
        ({"version": "1.0.3"}, "version"),
        ({"id": "42"}, "not a UUID"),
        ({"verb": {"id": "completed"}}, "ralph"),
    ]
    for change, expected in cases:
        problems = xapi_problems([{**good, **change}])
        assert any(expected in p for p in problems), (change, problems)


VIDEO = PUBLISHER + "/videos/1"


def video_statement(verb: str, n: int, result: dict[str, Any], threshold: bool = False) -> dict[str, Any]:
    """A cmi5 allowed statement about a video, as the cmi5 adapter sends it."""
    st = statement(verb, n, result, defined=False)
    st["object"] = {"id": VIDEO, "definition": {"type": v.ACTIVITY_VIDEO, "name": {"nb": "Video"}}}
    st["context"]["contextActivities"]["category"] = [
        {"id": v.VIDEO_PROFILE, "definition": {"type": v.ACTIVITY_PROFILE}}
    ]
    st["context"]["extensions"].update({v.VIDEO_EXT_SESSION_ID: str(uuid.uuid4()), v.VIDEO_EXT_LENGTH: 2})
    if threshold:
        st["context"]["extensions"][v.VIDEO_EXT_COMPLETION_THRESHOLD] = v.VIDEO_COMPLETION_THRESHOLD
    return st


def watched() -> list[dict[str, Any]]:
    seen = {v.VIDEO_EXT_TIME: 2, v.VIDEO_EXT_PROGRESS: 1, v.VIDEO_EXT_PLAYED_SEGMENTS: "0[.]1.25[,]0.5[.]2"}
    return [
        video_statement("played", 1, {"extensions": {v.VIDEO_EXT_TIME: 0}}),
        video_statement("paused", 1, {"extensions": {v.VIDEO_EXT_TIME: 1.25, v.VIDEO_EXT_PROGRESS: 0.625,
                                                     v.VIDEO_EXT_PLAYED_SEGMENTS: "0[.]1.25"}}, threshold=True),
        video_statement("seeked", 1, {"extensions": {v.VIDEO_EXT_TIME_FROM: 1.25, v.VIDEO_EXT_TIME_TO: 0.5}}),
        video_statement("paused", 1, {"extensions": seen}, threshold=True),
        video_statement("completed", 1, {"completion": True, "duration": "PT2.75S", "extensions": seen},
                        threshold=True),
    ]


def test_a_video_watched_in_a_cmi5_session_passes() -> None:
    sts = session()
    sts[2:2] = watched()  # a video's completed is a cmi5 allowed statement next to the AU's own
    assert cmi5_problems(sts, [LAUNCH]) == []
    assert xapi_problems(sts) == []
    assert video_problems(sts) == []


@pytest.mark.parametrize(
    ("index", "path", "value", "expected"),
    [
        (0, "context.contextActivities.category", [], "ralph"),  # no Video Profile category
        (1, "context.extensions", {v.CMI5_EXT_SESSION_ID: SESSION}, "length"),
        (1, f"result.extensions.{v.VIDEO_EXT_PROGRESS}", 1.5, "progress"),
        (1, f"result.extensions.{v.VIDEO_EXT_PROGRESS}", 0.9, "not the share"),
        (1, f"result.extensions.{v.VIDEO_EXT_PLAYED_SEGMENTS}", "0-1.25", "from[.]to"),
        (2, f"result.extensions.{v.VIDEO_EXT_TIME_TO}", 3.5, "time-to"),
        (3, f"result.extensions.{v.VIDEO_EXT_TIME}", 0.1234, "time"),
        (4, "result.completion", None, "completion"),
        (4, f"result.extensions.{v.VIDEO_EXT_PROGRESS}", 0.5, "not the share"),
    ],
)
def test_each_broken_video_rule_is_caught(index: int, path: str, value: Any, expected: str) -> None:
    sts = watched()
    *keys, last = path.split(".", 2) if "extensions." in path else path.split(".")
    target = sts[index]
    for k in keys:
        target = target[k]
    if value is None:
        del target[last]
    else:
        target[last] = value
    problems = video_problems(sts)
    assert any(expected in p for p in problems), problems


def test_the_au_still_needs_the_cmi5_category_on_its_own_completed() -> None:
    sts = session()
    sts[2]["context"]["contextActivities"].pop("category")
    assert any("without the cmi5 category" in p for p in cmi5_problems(sts, [LAUNCH]))
