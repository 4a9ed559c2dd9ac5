"""Every activity of a course as xAPI statements carry it, shared by the profile and the guide.

The definitions are built from the runtime data of the xAPI package, so they are
exactly what the runtime sends (lrs.js `definition()`; the browser tests hold the
two equal).
"""

from __future__ import annotations

from typing import Any

from packager import vocabulary as v
from packager.model import Course, Format
from packager.runtime_data import runtime_data

EXAMPLE_TIME = "2026-01-15T09:30:00.000Z"
Json = dict[str, Any]


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


