"""The course's xAPI vocabulary as an xAPI Profile (JSON-LD, ADL xAPI Profiles 1.0).

Its concepts are the verbs, activity types and extensions of `vocabulary.py` plus
the course's own activities with the exact definitions the runtime sends
(`activities.py`), and a Statement Template per kind of statement.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from packager import vocabulary as v
from packager.model import Course
from packager.xapi import video as profile_video
from packager.xapi.activities import Json, activities

PROFILES_CONTEXT = "https://w3id.org/xapi/profiles/context"
ACTIVITY_CONTEXT = "https://w3id.org/xapi/profiles/activity-context"
CONFORMS_TO = "https://w3id.org/xapi/profiles#1.0"


def profile_id(course: Course) -> str:
    return f"{course.id}/xapi/profile"


def version_id(course: Course) -> str:
    return f"{profile_id(course)}/v{course.version}"


def _concept(term: v.Term, kind: str, scheme: str) -> Json:
    return {"id": term.iri, "type": kind, "inScheme": scheme, "prefLabel": dict(term.label),
            "definition": {"en": term.definition}}


def _has(path: str, *values: Any, presence: str = "included") -> Json:
    rule: Json = {"location": path, "presence": presence}
    if values:
        rule["all"] = list(values)
    return rule


def templates(course: Course) -> list[Json]:
    """One Statement Template per kind of statement the xAPI package sends."""
    progress = f"$.result.extensions['{v.CMI5_EXT_PROGRESS}']"
    kinds = sorted({t for k, t in v.INTERACTION_TYPES.items() if k != "reflection"})
    judged = [_has("$.result.score.scaled"), _has("$.result.duration")]
    rows: list[tuple[str, str, str, list[Json], str, str | None]] = [
        ("initialized", "initialized", "Session start", [], v.ACTIVITY_COURSE, None),
        ("experienced", "experienced", "A rest site opened", [], v.ACTIVITY_MODULE, v.ACTIVITY_COURSE),
        ("answered-question", "answered", "A question answered",
         [{"location": "$.object.definition.interactionType", "any": kinds}, _has("$.result.response"),
          _has("$.result.duration", presence="recommended")], v.ACTIVITY_INTERACTION, v.ACTIVITY_MODULE),
        ("answered-reflection", "answered", "A reflection saved",
         [_has("$.object.definition.interactionType", "long-fill-in"), _has("$.result.response"),
          _has("$.result.success", presence="excluded")], v.ACTIVITY_INTERACTION, v.ACTIVITY_MODULE),
        ("progressed", "progressed", "Progress", [_has(progress)], v.ACTIVITY_COURSE, None),
        ("completed", "completed", "Completion", [_has("$.result.completion", True), _has("$.result.duration"),
                                                  _has(progress, presence="excluded")], v.ACTIVITY_COURSE, None),
        ("passed", "passed", "Passed", [_has("$.result.success", True), *judged], v.ACTIVITY_COURSE, None),
        ("failed", "failed", "Failed", [_has("$.result.success", False), *judged], v.ACTIVITY_COURSE, None),
        ("terminated", "terminated", "Session end", [_has("$.result.duration")], v.ACTIVITY_COURSE, None),
        *profile_video.template_rows(),
    ]
    out = []
    for name, verb, label, rules, obj, parent in rows:
        t: Json = {"id": f"{profile_id(course)}/templates/{name}", "type": "StatementTemplate",
                   "inScheme": version_id(course), "prefLabel": {"en": label},
                   "definition": {"en": f"{label}: {v.VERBS[verb].definition}"},
                   "verb": v.VERBS[verb].iri, "objectActivityType": obj}
        if parent:
            t["contextParentActivityType"] = [parent]
            if parent != v.ACTIVITY_COURSE:
                t["contextGroupingActivityType"] = [v.ACTIVITY_COURSE]
        t["rules"] = [_has("$.timestamp"), *rules]
        out.append(t)
    return out


def generated_at() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_profile(course: Course) -> Json:
    scheme, host, tag = version_id(course), urlsplit(course.id), str(course.language)
    concepts = [_concept(t, "Verb", scheme) for t in v.VERBS.values()]
    concepts += [_concept(t, "ActivityType", scheme) for t in v.ACTIVITY_TYPES.values()]
    uses = {"progress": ('{"type": "integer", "minimum": 0, "maximum": 100}', ["progressed"]),
            "masteryScore": ('{"type": "number", "minimum": 0, "maximum": 1}', ["passed", "failed"]),
            "sessionId": ('{"type": "string"}', list(v.VERBS)), **profile_video.SCHEMAS}
    for name, (kind, term) in v.EXTENSIONS.items():
        schema, verbs = uses[name]
        concepts.append({**_concept(term, kind, scheme), "recommendedVerbs": [v.VERBS[x].iri for x in verbs],
                         "inlineSchema": schema})
    for iri, definition in activities(course).items():
        concepts.append({"id": iri, "type": "Activity", "inScheme": scheme,
                         "activityDefinition": {"@context": ACTIVITY_CONTEXT, **definition}})
    return {
        "@context": PROFILES_CONTEXT, "id": profile_id(course), "type": "Profile", "conformsTo": CONFORMS_TO,
        "prefLabel": {tag: f"{course.title}: xAPI", "en": f"{course.title}: xAPI vocabulary"},
        "definition": {"en": f"The statements the trail course {course.title!r} (version {course.version}) sends from "
                             "its xAPI and cmi5 packages: ADL verbs, the cmi5 extensions, the xAPI Video Profile and "
                             "the course's own activities, whose IRIs stay the same on every build."},
        "versions": [{"id": scheme, "generatedAtTime": generated_at()}],
        "author": {"type": "Organization", "name": host.netloc, "url": f"{host.scheme}://{host.netloc}"},
        "concepts": concepts,
        "templates": templates(course),
    }
