"""What every statement the runtime sends must satisfy: xAPI 1.0.3 (ralph's strict
models plus what they leave out) and, for cmi5, the spec's §9 rules, in the
requirement numbering ADL's CATAPULT reports (standards.md §6.3, §6.4).
Each function returns readable problems; [] means fine.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement
from ralph.models.xapi.video.statements import VideoCompleted, VideoPaused, VideoPlayed, VideoSeeked

from packager import vocabulary as v
from tests.xapi.lms import Launch

UTC_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
DEFINED = {v.VERB_INITIALIZED, v.VERB_COMPLETED, v.VERB_PASSED, v.VERB_FAILED, v.VERB_TERMINATED}
LMS_ONLY = {
    v.VERB_LAUNCHED,
    "https://w3id.org/xapi/adl/verbs/abandoned",
    "https://w3id.org/xapi/adl/verbs/waived",
    "https://w3id.org/xapi/adl/verbs/satisfied",
}
OUR_VERBS = {t.iri for t in v.VERBS.values()}
VIDEO_MODELS: dict[str, type[BaseModel]] = {
    v.VERB_PLAYED: VideoPlayed,
    v.VERB_PAUSED: VideoPaused,
    v.VERB_SEEKED: VideoSeeked,
    v.VERB_COMPLETED: VideoCompleted,
}
SECONDS = r"\d+(?:\.\d{1,3})?"
SEGMENTS = re.compile(rf"^{SECONDS}\[\.\]{SECONDS}(?:\[,\]{SECONDS}\[\.\]{SECONDS})*$")
UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def verb_name(st: dict[str, Any]) -> str:
    return str(st["verb"]["id"]).rsplit("/", 1)[-1]


def unique(statements: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One copy of each statement id (resends collapse), ordered by timestamp."""
    seen: dict[str, dict[str, Any]] = {}
    for st in statements:
        seen.setdefault(st["id"], st)
    return sorted(seen.values(), key=lambda s: s["timestamp"])


def xapi_problems(statements: Iterable[dict[str, Any]]) -> list[str]:
    """ralph's strict 1.0.3 models, plus the rules they do not check."""
    out: list[str] = []
    for st in statements:
        where = f"{verb_name(st)} {st.get('id')}"
        try:
            BaseXapiStatement.model_validate(st)
        except ValidationError as exc:
            out.append(f"{where}: {exc.error_count()} ralph errors: {str(exc)[:600]}")
        try:
            uuid.UUID(str(st.get("id")))
        except ValueError:
            out.append(f"{where}: id is not a UUID")
        if "version" in st:
            out.append(f"{where}: a provider should not set `version` (1.0.3 §2.4.10)")
        if not UTC_TIME.match(str(st.get("timestamp", ""))):
            out.append(f"{where}: timestamp {st.get('timestamp')!r} is not UTC with milliseconds")
        if st["verb"]["id"] not in OUR_VERBS:
            out.append(f"{where}: verb {st['verb']['id']} is not in the published vocabulary")
        result = st.get("result") or {}
        progress = (result.get("extensions") or {}).get(v.CMI5_EXT_PROGRESS)
        if progress is not None and not (isinstance(progress, int) and 0 <= progress <= 100):
            out.append(f"{where}: progress {progress!r} is not an integer 0..100")
        definition = st["object"].get("definition") or {}
        if definition.get("type") == v.ACTIVITY_INTERACTION and "interactionType" not in definition:
            out.append(f"{where}: an interaction activity without interactionType")
    return out


def _seconds(value: Any, length: float) -> bool:
    """A position in the video: a number in 0..length with at most 3 decimals."""
    return isinstance(value, int | float) and 0 <= value <= length and round(value, 3) == value


def _covered(segments: str, length: float) -> float:
    """The share of the video the played segments cover (overlaps counted once)."""
    pairs = sorted(tuple(map(float, p.split("[.]"))) for p in segments.split("[,]"))
    seen, end = 0.0, 0.0
    for start, stop in pairs:
        seen += max(0.0, stop - max(start, end))
        end = max(end, stop)
    return seen / length


def video_problems(statements: Iterable[dict[str, Any]]) -> list[str]:
    """The xAPI Video Profile (v1.0.3 templates, statement data model §2) for every statement about a
    video: ralph's video models, then the ranges, formats and required extensions they leave out.
    ralph pins `verb.display` to `{"en-US": …}`, narrower than the language map xAPI and the profile
    allow, so the display is left out of what ralph sees (ralph's BaseXapiStatement checks it)."""
    out: list[str] = []
    for st in statements:
        if (st["object"].get("definition") or {}).get("type") != v.ACTIVITY_VIDEO:
            continue
        where = f"video {verb_name(st)} {st.get('id')}"
        model = VIDEO_MODELS.get(st["verb"]["id"])
        if model is None:
            out.append(f"{where}: not a verb trail sends about a video")
            continue
        try:
            model.model_validate({**st, "verb": {"id": st["verb"]["id"]}})
        except ValidationError as exc:
            out.append(f"{where}: {exc.error_count()} ralph video-model errors: {str(exc)[:600]}")
        result, context = st.get("result") or {}, st.get("context") or {}
        res, ctx = result.get("extensions") or {}, context.get("extensions") or {}
        length = ctx.get(v.VIDEO_EXT_LENGTH)
        if not (isinstance(length, int | float) and length > 0 and round(length, 3) == length):
            out.append(f"{where}: length {length!r} is not a positive number of seconds (3 decimals)")
            continue
        if not UUID4.match(str(ctx.get(v.VIDEO_EXT_SESSION_ID, ""))):
            out.append(f"{where}: session-id {ctx.get(v.VIDEO_EXT_SESSION_ID)!r} is not a UUID v4")
        needed = {
            "played": [v.VIDEO_EXT_TIME],
            "seeked": [v.VIDEO_EXT_TIME_FROM, v.VIDEO_EXT_TIME_TO],
        }.get(verb_name(st), [v.VIDEO_EXT_TIME, v.VIDEO_EXT_PROGRESS, v.VIDEO_EXT_PLAYED_SEGMENTS])
        out += [f"{where}: result extension {k} missing" for k in needed if k not in res]
        for key in (v.VIDEO_EXT_TIME, v.VIDEO_EXT_TIME_FROM, v.VIDEO_EXT_TIME_TO):
            if key in res and not _seconds(res[key], length):
                out.append(f"{where}: {key.rsplit('/', 1)[-1]} {res[key]!r} is not a position in 0..{length}")
        segments, progress = res.get(v.VIDEO_EXT_PLAYED_SEGMENTS), res.get(v.VIDEO_EXT_PROGRESS)
        parts = segments is not None and bool(segments) and bool(SEGMENTS.match(segments))
        if segments and not parts:
            out.append(f"{where}: played-segments {segments!r} is not from[.]to[,]…")
        elif parts and any(not (_seconds(a, length) and _seconds(b, length) and a < b) for a, b in (
                map(float, p.split("[.]")) for p in str(segments).split("[,]"))):
            out.append(f"{where}: played-segments {segments!r} has a part outside 0..{length} or backwards")
        if progress is not None and not (isinstance(progress, int | float) and 0 <= progress <= 1
                                         and round(progress, 3) == progress):
            out.append(f"{where}: progress {progress!r} is not 0..1 with 3 decimals")
        elif parts and progress is not None and abs(_covered(str(segments), length) - progress) > 0.0015:
            out.append(f"{where}: progress {progress} is not the share played-segments cover")
        threshold = ctx.get(v.VIDEO_EXT_COMPLETION_THRESHOLD)
        if verb_name(st) in ("paused", "completed") and threshold != v.VIDEO_COMPLETION_THRESHOLD:
            out.append(f"{where}: completion-threshold {threshold!r} missing (it is not 1)")
        if verb_name(st) == "completed" and (result.get("completion") is not True or "duration" not in result
                                             or (progress or 0) < v.VIDEO_COMPLETION_THRESHOLD):
            out.append(f"{where}: completed needs completion true, a duration and progress ≥ the threshold")
        if "completion" in result and verb_name(st) != "completed":
            out.append(f"{where}: completion on a statement other than completed (§2.5.2)")
    return out


def once_per_registration(statements: list[dict[str, Any]], object_id: str) -> list[str]:
    """completed and passed at most once, failed at most once and never after passed."""
    judged = [
        verb_name(s)
        for s in unique(statements)
        if s["object"]["id"] == object_id and s["verb"]["id"] in (v.VERB_COMPLETED, v.VERB_PASSED, v.VERB_FAILED)
    ]
    out = [f"{name} sent {n} times for {object_id}" for name, n in Counter(judged).items() if n > 1]
    if "passed" in judged and "failed" in judged[judged.index("passed") :]:
        out.append(f"failed after passed for {object_id}")
    return out


def _is_defined(st: dict[str, Any]) -> bool:
    """A cmi5 defined statement (the cmi5 category); any other is cmi5 allowed, e.g. a video's completed."""
    categories = ((st.get("context") or {}).get("contextActivities") or {}).get("category") or []
    return any(a.get("id") == v.CMI5_CATEGORY for a in categories)


def _template_problems(context: dict[str, Any], template: dict[str, Any]) -> list[str]:
    out = []
    for prop, expected in template.items():
        given = context.get(prop)
        if prop == "contextActivities":
            for key, wanted in expected.items():
                have = [a.get("id") for a in (given or {}).get(key) or []]
                if have[: len(wanted)] != [a["id"] for a in wanted]:
                    out.append(f"10.2.1.0-6 contextActivities.{key} {have} does not start as the template")
        elif isinstance(expected, dict):
            for key, value in expected.items():
                if (given or {}).get(key) != value:
                    out.append(f"10.2.1.0-7 context.{prop}[{key}] overwrites the template")
        elif given != expected:
            out.append(f"10.2.1.0-7 context.{prop} overwrites the template")
    return out


def cmi5_problems(statements: Iterable[dict[str, Any]], launches: Iterable[Launch]) -> list[str]:
    """cmi5 §9 for every statement, per session and per registration."""
    by_session = {launch.session_id: launch for launch in launches}
    sessions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    out: list[str] = []
    for st in unique(statements):
        ctx = st.get("context") or {}
        sid = (ctx.get("extensions") or {}).get(v.CMI5_EXT_SESSION_ID)
        where = f"{verb_name(st)} {st['id']}"
        launch = by_session.get(sid)
        if launch is None:
            out.append(f"{where}: 9.6.3.1-4 no known session id ({sid!r})")
            continue
        sessions[str(sid)].append(st)
        if st["actor"] != launch.actor:
            out.append(f"{where}: 8.1.3.0-3 actor {st['actor']} is not the launch actor")
        if ctx.get("registration") != launch.registration:
            out.append(f"{where}: 9.6.1.0-1 registration differs from the launch's")
        out += [f"{where}: {p}" for p in _template_problems(ctx, launch.launch_data["contextTemplate"])]
        categories = [a.get("id") for a in (ctx.get("contextActivities") or {}).get("category") or []]
        result = st.get("result") or {}
        defined = v.CMI5_CATEGORY in categories
        verb = st["verb"]["id"]
        if verb in LMS_ONLY:
            out.append(f"{where}: 9.3.0.0-1 the AU used an LMS-only verb")
        if verb in DEFINED and not defined and st["object"]["id"] == launch.activity_id:
            out.append(f"{where}: a cmi5 verb about the AU without the cmi5 category")
        moveon = v.CMI5_CATEGORY_MOVEON in categories
        if moveon != (defined and ("success" in result or "completion" in result)):
            out.append(f"{where}: 9.6.2.2 moveon category {'present' if moveon else 'missing'}")
        if not defined:
            continue
        if st["object"]["id"] != launch.activity_id:
            out.append(f"{where}: 9.4.0.0-2 object is not the launch activityId")
        if ("completion" in result) != (verb == v.VERB_COMPLETED) or result.get("completion") not in (None, True):
            out.append(f"{where}: 9.5.3 completion only (and true) on completed")
        if ("success" in result) != (verb in (v.VERB_PASSED, v.VERB_FAILED)) or (
            "success" in result and result["success"] != (verb == v.VERB_PASSED)
        ):
            out.append(f"{where}: 9.5.2 success only on passed (true) and failed (false)")
        if "score" in result and verb not in (v.VERB_PASSED, v.VERB_FAILED):
            out.append(f"{where}: 9.5.1 score only on passed and failed")
        score = result.get("score") or {}
        if "raw" in score and not all(isinstance(score.get(k), int) for k in ("raw", "min", "max")):
            out.append(f"{where}: 9.5.1 raw needs integer min and max")
        if verb != v.VERB_INITIALIZED and "duration" not in result:
            out.append(f"{where}: 9.5.4.1 duration missing")
        if verb == v.VERB_COMPLETED and v.CMI5_EXT_PROGRESS in (result.get("extensions") or {}):
            out.append(f"{where}: 9.5.5.1 progress in a completed statement")
        mastery = launch.launch_data.get("masteryScore")
        if verb in (v.VERB_PASSED, v.VERB_FAILED) and mastery is not None:
            if (ctx.get("extensions") or {}).get(v.CMI5_EXT_MASTERY_SCORE) != mastery:
                out.append(f"{where}: 9.6.3.2-2 masteryscore extension missing or wrong")
            scaled = score.get("scaled")
            if scaled is not None and (scaled >= mastery) != (verb == v.VERB_PASSED):
                out.append(f"{where}: 9.3.4.0-2 / 9.3.6.0-1 score {scaled} against masteryScore {mastery}")
        if launch.launch_data["launchMode"] != "Normal" and verb not in (v.VERB_INITIALIZED, v.VERB_TERMINATED):
            out.append(f"{where}: 10.2.2 {verb_name(st)} in {launch.launch_data['launchMode']} mode")
    for sid, sts in sessions.items():
        names = [verb_name(s) for s in sts]
        if names[0] != "initialized":
            out.append(f"session {sid}: 9.3.0.0-4 the first statement is {names[0]}, not initialized")
        if names[-1] != "terminated":
            out.append(f"session {sid}: 9.3.0.0-5 the last statement is {names[-1]}, not terminated")
        defined_names = [verb_name(s) for s in sts if s["verb"]["id"] in DEFINED and _is_defined(s)]
        out += [f"session {sid}: 9.3.0.0-2 {n} sent {c} times" for n, c in Counter(defined_names).items() if c > 1]
        if "passed" in defined_names and "failed" in defined_names:
            out.append(f"session {sid}: 9.3.0.0-3 both passed and failed")
    by_au: dict[tuple[str | None, str], list[dict[str, Any]]] = defaultdict(list)
    for sid, sts in sessions.items():
        launch = by_session[sid]
        by_au[(launch.registration, launch.activity_id)].extend(sts)
    for (_, activity_id), sts in by_au.items():
        out += once_per_registration(sts, activity_id)
    return out
