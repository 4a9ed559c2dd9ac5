"""SCORM 1.2 data model limits that scorm-again does not enforce.

scorm-again 3.4.3 stores a 4097-char suspend_data, a true-false response
"maybe", a choice "a[,]b" and a second interaction with the same id with
error 0, while Moodle and other strict LMSs truncate or reject them
(lms-pitfalls.md §A1, §A6, §B, §6). Tests run these
checks on the CMI that was committed, so a 1.2 package that only "works" in
the lax test runtime still fails the suite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

SUSPEND_DATA_MAX = 4096
LOCATION_MAX = 255
RESPONSE_MAX = 255
IDENTIFIER_MAX = 255

LESSON_STATUS = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
EXIT = {"", "time-out", "suspend", "logout"}
INTERACTION_TYPES = {
    "true-false", "choice", "fill-in", "matching", "performance", "sequencing", "likert", "numeric",
}
RESULTS = {"correct", "wrong", "unanticipated", "neutral"}

_IDENTIFIER = re.compile(r"[A-Za-z0-9_-]{1,255}")
_TIMESPAN = re.compile(r"(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?")
_TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,2})?")
_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
_CHAR = "[0-9a-z]"
_CHOICE = re.compile(rf"{_CHAR}(,{_CHAR})*|\{{{_CHAR}(,{_CHAR})*\}}")
_MATCHING = re.compile(
    rf"{_CHAR}\.{_CHAR}(,{_CHAR}\.{_CHAR})*|\{{{_CHAR}\.{_CHAR}(,{_CHAR}\.{_CHAR})*\}}"
)
_TRUE_FALSE = re.compile(r"[01tf]")
_SEQUENCE = re.compile(rf"{_CHAR}(,{_CHAR})*")
_LIKERT = re.compile(rf"{_CHAR}?")


def _items(value: Any) -> Iterable[tuple[str, dict[str, Any]]]:
    """scorm-again renders lists as {"0": {...}}; accept real lists too."""
    if isinstance(value, dict):
        return sorted(
            ((str(k), v) for k, v in value.items() if isinstance(v, dict)),
            key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0,
        )
    if isinstance(value, list):
        return [(str(i), v) for i, v in enumerate(value) if isinstance(v, dict)]
    return []


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def response_problem(kind: str, response: str) -> str | None:
    """Why `response` is not a valid 1.2 student_response/pattern of `kind`, or None."""
    if len(response) > RESPONSE_MAX:
        return f"is {len(response)} chars (max {RESPONSE_MAX})"
    if response == "" or kind in ("fill-in", "performance"):
        return None
    formats = {
        "true-false": (_TRUE_FALSE, "0, 1, t or f"),
        "choice": (_CHOICE, "single characters 0-9a-z separated by commas"),
        "matching": (_MATCHING, "pairs like 0.a,1.b of single characters"),
        "sequencing": (_SEQUENCE, "single characters 0-9a-z separated by commas"),
        "likert": (_LIKERT, "one character 0-9a-z"),
        "numeric": (_DECIMAL, "a decimal number"),
    }
    if kind not in formats:
        return None  # an invalid type is reported on its own
    pattern, expected = formats[kind]
    if not pattern.fullmatch(response):
        return f"{response!r} is not a {kind} response ({expected})"
    return None


def _score(where: str, score: Any) -> list[str]:
    problems: list[str] = []
    if not isinstance(score, dict):
        return problems
    for key in ("raw", "min", "max"):
        value = _text(score.get(key))
        if value == "":
            continue
        if not _DECIMAL.fullmatch(value):
            problems.append(f"{where}.score.{key} {value!r} is not a decimal")
        elif not 0 <= float(value) <= 100:
            problems.append(f"{where}.score.{key} {value!r} is outside 0–100")
    return problems


def check_scorm12_limits(cmi: dict[str, Any]) -> list[str]:
    """Problems with a SCORM 1.2 `cmi` object (from LmsSession.cmi() or a commit body).

    Accepts either the cmi object or a commit body `{"cmi": {...}}`.
    """
    if set(cmi) == {"cmi"} and isinstance(cmi["cmi"], dict):
        cmi = cmi["cmi"]
    problems: list[str] = []
    core = cmi.get("core") or {}

    suspend = _text(cmi.get("suspend_data"))
    if len(suspend) > SUSPEND_DATA_MAX:
        problems.append(f"cmi.suspend_data is {len(suspend)} chars (max {SUSPEND_DATA_MAX})")
    location = _text(core.get("lesson_location"))
    if len(location) > LOCATION_MAX:
        problems.append(f"cmi.core.lesson_location is {len(location)} chars (max {LOCATION_MAX})")
    status = _text(core.get("lesson_status"))
    if status and status not in LESSON_STATUS:
        problems.append(f"cmi.core.lesson_status {status!r} is not in the 1.2 vocabulary")
    exit_ = _text(core.get("exit"))
    if exit_ not in EXIT:
        problems.append(f"cmi.core.exit {exit_!r} is not in the 1.2 vocabulary")
    session_time = _text(core.get("session_time"))
    if session_time and not _TIMESPAN.fullmatch(session_time):
        problems.append(f"cmi.core.session_time {session_time!r} is not HH:MM:SS(.SS)")
    problems += _score("cmi.core", core.get("score"))

    for n, obj in _items(cmi.get("objectives")):
        where = f"cmi.objectives.{n}"
        if not _IDENTIFIER.fullmatch(_text(obj.get("id"))):
            problems.append(f"{where}.id {obj.get('id')!r} is not a 1.2 identifier")
        obj_status = _text(obj.get("status"))
        if obj_status and obj_status not in LESSON_STATUS:
            problems.append(f"{where}.status {obj_status!r} is not in the 1.2 vocabulary")
        problems += _score(where, obj.get("score"))

    seen: dict[str, str] = {}
    for n, it in _items(cmi.get("interactions")):
        problems += _interaction(f"cmi.interactions.{n}", it)
        ident = _text(it.get("id"))
        if ident in seen:  # some LMSs reject a repeated id (Adapt's spoor moved to unique ids for that)
            problems.append(f"cmi.interactions.{n}.id {ident!r} repeats cmi.interactions.{seen[ident]}.id")
        seen.setdefault(ident, n)
    return problems


def _interaction(where: str, it: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    ident = _text(it.get("id"))
    if not _IDENTIFIER.fullmatch(ident):
        problems.append(f"{where}.id {ident!r} is not [A-Za-z0-9_-], 1–{IDENTIFIER_MAX} chars")
    kind = _text(it.get("type"))
    if kind not in INTERACTION_TYPES:
        problems.append(f"{where}.type {kind!r} is not a 1.2 interaction type")
    response = _text(it.get("student_response"))
    issue = response_problem(kind, response)
    if issue:
        problems.append(f"{where}.student_response {issue}")
    for m, pattern in _items(it.get("correct_responses")):
        issue = response_problem(kind, _text(pattern.get("pattern")))
        if issue:
            problems.append(f"{where}.correct_responses.{m}.pattern {issue}")
    result = _text(it.get("result"))
    if result and result not in RESULTS and not _DECIMAL.fullmatch(result):
        problems.append(f"{where}.result {result!r} is not in the 1.2 vocabulary")
    when = _text(it.get("time"))
    if when and not _TIME.fullmatch(when):
        problems.append(f"{where}.time {when!r} is not HH:MM:SS")
    latency = _text(it.get("latency"))
    if latency and not _TIMESPAN.fullmatch(latency):
        problems.append(f"{where}.latency {latency!r} is not HH:MM:SS(.SS)")
    weighting = _text(it.get("weighting"))
    if weighting and not _DECIMAL.fullmatch(weighting):
        problems.append(f"{where}.weighting {weighting!r} is not a decimal")
    for m, obj in _items(it.get("objectives")):
        if not _IDENTIFIER.fullmatch(_text(obj.get("id"))):
            problems.append(f"{where}.objectives.{m}.id {obj.get('id')!r} is not a 1.2 identifier")
    return problems
