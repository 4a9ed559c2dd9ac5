"""The video part of `trail profile`: the xAPI Video Profile statements the xAPI and cmi5 packages
send, as profile concepts' schemas, statement templates, guide text and example statements.

Kept apart from `profile.py` so that the statements the runtime builds in `lrs.js` `video()` are
described in one place. The rules follow the Video Profile v1.0.3 templates (played, paused,
seeked, completed); trail sends no video initialized or terminated statements (the course's own
session statements frame them), so those templates are not used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from packager import vocabulary as v

Json = dict[str, Any]

# extension name in vocabulary.EXTENSIONS → (inline JSON Schema, the verbs that carry it)
SCHEMAS: dict[str, tuple[str, list[str]]] = {
    "videoTime": ('{"type": "number", "minimum": 0}', ["played", "paused", "completed"]),
    "videoTimeFrom": ('{"type": "number", "minimum": 0}', ["seeked"]),
    "videoTimeTo": ('{"type": "number", "minimum": 0}', ["seeked"]),
    "videoProgress": ('{"type": "number", "minimum": 0, "maximum": 1}', ["paused", "completed"]),
    "videoPlayedSegments": ('{"type": "string"}', ["paused", "completed"]),
    "videoLength": ('{"type": "number", "minimum": 0}', ["played", "paused", "seeked", "completed"]),
    "videoSessionId": ('{"type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-'
                       '[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$"}', ["played", "paused", "seeked", "completed"]),
    "videoCompletionThreshold": ('{"type": "number", "minimum": 0, "maximum": 1}', ["paused", "completed"]),
}


def _ext(where: str, iri: str, presence: str = "included") -> Json:
    return {"location": f"$.{where}.extensions['{iri}']", "presence": presence}


def template_rows() -> list[tuple[str, str, str, list[Json], str, str | None]]:
    """Rows for `profile.templates()`: (name, verb, label, rules, object type, parent type)."""
    category = {"location": "$.context.contextActivities.category[*].id", "presence": "included",
                "any": [v.VIDEO_PROFILE]}
    base = [category, _ext("context", v.VIDEO_EXT_SESSION_ID)]
    seen = [_ext("result", v.VIDEO_EXT_TIME), _ext("result", v.VIDEO_EXT_PROGRESS),
            _ext("result", v.VIDEO_EXT_PLAYED_SEGMENTS), _ext("context", v.VIDEO_EXT_LENGTH),
            _ext("context", v.VIDEO_EXT_COMPLETION_THRESHOLD)]
    return [
        ("video-played", "played", "A video played",
         [*base, _ext("result", v.VIDEO_EXT_TIME), _ext("context", v.VIDEO_EXT_LENGTH, "recommended")],
         v.ACTIVITY_VIDEO, v.ACTIVITY_MODULE),
        ("video-paused", "paused", "A video paused", [*base, *seen], v.ACTIVITY_VIDEO, v.ACTIVITY_MODULE),
        ("video-seeked", "seeked", "A seek in a video",
         [*base, _ext("result", v.VIDEO_EXT_TIME_FROM), _ext("result", v.VIDEO_EXT_TIME_TO)],
         v.ACTIVITY_VIDEO, v.ACTIVITY_MODULE),
        ("video-completed", "completed", "A video seen",
         [*base, *seen, {"location": "$.result.completion", "presence": "included", "all": [True]},
          {"location": "$.result.duration", "presence": "included"}], v.ACTIVITY_VIDEO, v.ACTIVITY_MODULE),
    ]


WHEN = {"played": "a video starts or resumes", "paused": "a video stops (pause, its end, leaving the rest site)",
        "seeked": "the learner moved a video to another point (one per drag; moves under 0.5 s are left out)"}

GUIDE = """## Video

Local videos (`src:` in a video block) report with the [xAPI Video Profile](https://w3id.org/xapi/video)
(v1.0.3): `played`, `paused`, `seeked`, and `completed` once per video and registration when the
learner has seen at least {threshold:.0%} of it (`completion-threshold`), counted over every session of
the registration. Nothing is sent per `timeupdate`. Videos on another website send nothing.

- **Object:** the video, `<course id>/sites/<slug>/videos/<n>` (`n` counts the site's video blocks
  from 1), type `{video_type}`, named by the block title.
- **Context:** the site as `parent`, the course as `grouping` (for cmi5 after the context template's
  own activities), the Video Profile (`{profile}`) in `category`; `session-id` is the id of the
  session's `initialized` statement, `length` the video's length in seconds. In cmi5 packages these
  are cmi5 allowed statements (no cmi5 category, the context template kept, the cmi5 session id in
  the extensions), sent only between `initialized` and `terminated`.
- **Result:** `time` (seconds, 3 decimals) on played, paused and completed; `time-from` and `time-to`
  on seeked; `progress` (0 to 1) and `played-segments` on paused and completed, both over the
  registration; a video's completed also carries `completion: true` and `duration`, the time spent
  playing it.
"""


def examples(make: Callable[..., Json], video: str, site: str, title: str, tag: str) -> dict[str, Json]:
    """Example statements of the video part of the guide; `make(verb, object, result, parent,
    extensions, category, name)` is profile.py's statement maker (name: the seed of the id)."""
    obj = {"id": video, "definition": {"type": v.ACTIVITY_VIDEO, "name": {tag: title}}}
    category = [{"id": v.VIDEO_PROFILE, "definition": {"type": v.ACTIVITY_PROFILE}}]
    session = "7f1fc0b6-5b2f-4a38-9d2e-2f7c1a0e6b41"

    def ctx(seen: bool = False) -> Json:
        out: Json = {v.VIDEO_EXT_SESSION_ID: session, v.VIDEO_EXT_LENGTH: 94.5}
        if seen:
            out[v.VIDEO_EXT_COMPLETION_THRESHOLD] = v.VIDEO_COMPLETION_THRESHOLD
        return out

    segments = "0[.]31.25[,]12.5[.]94.5"  # 0 to 31.25, a seek back to 12.5, then to the end
    seen = {v.VIDEO_EXT_TIME: 94.5, v.VIDEO_EXT_PROGRESS: 1, v.VIDEO_EXT_PLAYED_SEGMENTS: segments}
    paused = {v.VIDEO_EXT_TIME: 31.25, v.VIDEO_EXT_PROGRESS: 0.331, v.VIDEO_EXT_PLAYED_SEGMENTS: "0[.]31.25"}
    return {
        "played": make("played", obj, {"extensions": {v.VIDEO_EXT_TIME: 0}}, site, ctx(), category, "video/played"),
        "paused": make("paused", obj, {"extensions": paused}, site, ctx(True), category, "video/paused"),
        "seeked": make("seeked", obj, {"extensions": {v.VIDEO_EXT_TIME_FROM: 31.25, v.VIDEO_EXT_TIME_TO: 12.5}},
                       site, ctx(), category, "video/seeked"),
        "completed (video)": make("completed", obj, {"completion": True, "duration": "PT1M53.25S", "extensions": seen},
                                  site, ctx(True), category, "video/completed"),
    }
