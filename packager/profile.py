"""`trail profile`: the course's xAPI vocabulary, published for analysts.

Two files: an xAPI Profile (JSON-LD, ADL xAPI Profiles 1.0) whose concepts are the verbs,
activity types and extensions of `vocabulary.py` plus the course's own activities with the
exact definitions the runtime sends, and statement templates; and a Markdown guide with an
example of every statement. Examples are tincan objects: Python speaks xAPI through one library.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from packager import profile_video
from packager import vocabulary as v
from packager.model import Course, Format
from packager.runtime_data import runtime_data

PROFILES_CONTEXT = "https://w3id.org/xapi/profiles/context"
ACTIVITY_CONTEXT = "https://w3id.org/xapi/profiles/activity-context"
CONFORMS_TO = "https://w3id.org/xapi/profiles#1.0"
EXAMPLE_TIME = "2026-01-15T09:30:00.000Z"
Json = dict[str, Any]


def profile_id(course: Course) -> str:
    return f"{course.id}/xapi/profile"


def version_id(course: Course) -> str:
    return f"{profile_id(course)}/v{course.version}"


def _comps(items: list[Json], tag: str) -> list[Json]:
    return [{"id": o["id"], "description": {tag: o["text"]}} for o in items]


def interaction_definition(q: Json, tag: str) -> Json:
    """The definition the runtime sends for a question of the course data (lrs.js `definition()`;
    the browser tests hold the two equal)."""
    kind = q["type"]
    d: Json = {"type": v.ACTIVITY_INTERACTION, "name": {tag: q["text"]}, "interactionType": v.INTERACTION_TYPES[kind]}
    if kind in ("single", "multiple", "ordering"):
        d["choices"] = _comps(q["items" if kind == "ordering" else "options"], tag)
        d["correctResponsesPattern"] = ["[,]".join(q["correct"])]
    elif kind == "likert":
        d["scale"] = _comps(q["options"], tag)  # every answer is right: no pattern
    elif kind == "matching":
        d["source"], d["target"] = _comps(q["left"], tag), _comps(q["right"], tag)
        d["correctResponsesPattern"] = ["[,]".join(f"{a}[.]{b}" for a, b in q["correct"])]
    elif kind == "true-false":
        d["correctResponsesPattern"] = ["true" if q["correct"] else "false"]
    elif kind == "fill-in":
        d["correctResponsesPattern"] = [("{case_matters=true}" if q["caseSensitive"] else "") + a for a in q["accept"]]
    return d


def activities(course: Course) -> dict[str, Json]:
    """Every activity IRI of the course → its definition, as statements carry it."""
    tag, data = str(course.language), runtime_data(course, Format.XAPI)
    out = {course.id: {"type": v.ACTIVITY_COURSE, "name": {tag: course.title},
                       "description": {tag: course.description or course.title}}}
    for model, site in zip(course.sites, data["sites"], strict=True):
        out[site["id"]] = {"type": v.ACTIVITY_MODULE, "name": {tag: site["title"]}}
        for q in site["questions"]:
            out[q["activity"]] = interaction_definition(q, tag)
        for r in site["reflections"]:
            out[r["iid"]] = {"type": v.ACTIVITY_INTERACTION, "name": {tag: r["text"]},
                             "interactionType": "long-fill-in"}
        for video, block in zip(site["videos"], model.videos, strict=True):
            if block.src:  # a video on another website sends nothing
                out[video["id"]] = {"type": v.ACTIVITY_VIDEO, "name": {tag: video["title"]}}
    return out


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


def write_profile(course: Course, out_dir: Path) -> list[Path]:
    """`<slug>-xapi-profile.jsonld` and `<slug>-xapi-vocabulary.md` (the guide with this course's
    activities) in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / f"{course.slug}-xapi-profile.jsonld"
    profile.write_text(json.dumps(build_profile(course), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    from packager.profile_guide import render_guide  # the guide builds on this module

    guide = out_dir / f"{course.slug}-xapi-vocabulary.md"
    guide.write_text(render_guide(course, with_activities=True), encoding="utf-8")
    return [profile, guide]


if __name__ == "__main__":  # python -m packager.profile: rewrite docs/xapi-vocabulary.md
    from packager.load import load
    from packager.profile_guide import render_guide

    scaffold = load(Path(__file__).parent / "scaffold" / "course").course
    assert scaffold is not None
    (Path(__file__).parents[1] / "docs" / "xapi-vocabulary.md").write_text(render_guide(scaffold), encoding="utf-8")
