"""The course data the learner runtime reads (`<script id="trail-data">`).

Ids are chosen here, per format, so the JavaScript never derives one: SCORM
1.2 needs short CMIIdentifiers, the other standards take the activity IRIs.
The shape is documented in docs/architecture.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from packager import ids
from packager.ids import IdScheme
from packager.model import Course, Format, Question, QuestionType, QuizBlock, ReflectionBlock, Site, VideoBlock
from packager.package import output_format
from packager.text import plain
from packager.vocabulary import runtime_vocabulary

SCHEMA_VERSION = 1


def question_data(course: Course, site: Site, q: Question, scheme: IdScheme, attempts: int) -> dict[str, Any]:
    activity = ids.question_iri(course, site, q)
    data: dict[str, Any] = {
        "id": q.id,
        "iid": scheme.question(course, site, q),
        "activity": activity,
        "type": str(q.type),
        "weight": q.weight,
        "scored": q.scored,
        "attempts": attempts,
        "text": plain(q.prompt),
        "feedback": {"correct": q.correct_feedback, "incorrect": q.incorrect_feedback},
    }
    if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.LIKERT):
        data["options"] = [{"id": o.id, "text": o.text, "feedback": o.feedback} for o in q.options]
        data["correct"] = None if q.type is QuestionType.LIKERT else [o.id for o in q.options if o.correct]
    elif q.type is QuestionType.TRUE_FALSE:
        data["answer"] = q.answer
        data["correct"] = q.answer
    elif q.type is QuestionType.FILL_IN:
        data["accept"] = list(q.accept)
        data["caseSensitive"] = q.case_sensitive
        data["correct"] = list(q.accept)
    elif q.type is QuestionType.MATCHING:
        data["left"] = [{"id": p.id, "text": p.left} for p in q.pairs]
        data["right"] = [{"id": chr(ord("a") + int(p.id)), "text": p.right} for p in q.pairs]
        data["correct"] = [[p.id, chr(ord("a") + int(p.id))] for p in q.pairs]
    elif q.type is QuestionType.ORDERING:
        data["items"] = [{"id": o.id, "text": o.text} for o in q.items]
        data["correct"] = [o.id for o in q.items]
    return data


@dataclass(frozen=True)
class BlockData:
    """One block's part of the runtime data, for the template to show beside it."""

    questions: tuple[dict[str, Any], ...] = ()  # a quiz's questions (QUESTION in docs/architecture.md)
    reflection: dict[str, Any] | None = None
    video: dict[str, Any] | None = None


@dataclass(frozen=True)
class CourseData:
    """The runtime data (`json`), and per site, per block, the part of it each block carries."""

    json: dict[str, Any]
    blocks: tuple[tuple[BlockData, ...], ...]  # [site index][block index], as course.sites[i].blocks


def site_data(course: Course, site: Site, scheme: IdScheme) -> tuple[dict[str, Any], tuple[BlockData, ...]]:
    """A site's entry in the runtime data and each block's part of it: one walk over its blocks,
    so the template's view of a block and the runtime's data for it cannot drift apart."""
    questions: list[dict[str, Any]] = []
    reflections: list[dict[str, Any]] = []
    videos: list[dict[str, Any]] = []
    blocks: list[BlockData] = []
    for block in site.blocks:
        if isinstance(block, QuizBlock):
            quiz = tuple(question_data(course, site, q, scheme, block.attempts) for q in block.questions)
            questions.extend(quiz)
            blocks.append(BlockData(questions=quiz))
        elif isinstance(block, ReflectionBlock):
            reflection = {"id": block.id, "iid": scheme.reflection(course, site, block.id), "text": plain(block.prompt)}
            reflections.append(reflection)
            blocks.append(BlockData(reflection=reflection))
        elif isinstance(block, VideoBlock):
            video = {"id": ids.video_iri(course, site, len(videos) + 1), "title": block.title}
            videos.append(video)
            blocks.append(BlockData(video=video))
        else:
            blocks.append(BlockData())
    entry = {
        "slug": site.slug,
        "n": site.number,
        "id": ids.site_iri(course, site),
        "objective": scheme.objective(course, site),
        "title": site.title,
        "questions": questions,
        "reflections": reflections,
        "videos": videos,
    }
    return entry, tuple(blocks)


def course_data(course: Course, fmt: Format, site_package: bool = False) -> CourseData:
    """The runtime data of one format, with each block's part of it; `site_package`: `course` is one
    site's own package (`sco_mode: per-site-packages`), which the trail opens at that site."""
    spec = output_format(fmt)
    sites = [site_data(course, s, spec.ids) for s in course.sites]
    about: dict[str, Any] = {
        "id": course.id,
        "title": course.title,
        "language": str(course.language),
        "version": course.version,
        "passingScore": course.passing_score,
        "require": str(course.completion.require),
        "scoring": str(course.scoring),
        "requiredSites": course.required_sites,
        "commonRoomUrl": course.common_room_url,
    }
    if site_package:
        about["sitePackage"] = True
    data = {"schema": SCHEMA_VERSION, "format": str(fmt), "capabilities": spec.capabilities(), "course": about,
            "sites": [entry for entry, _ in sites]}
    if spec.xapi_vocabulary:
        data["vocabulary"] = runtime_vocabulary()
    return CourseData(data, tuple(blocks for _, blocks in sites))


def runtime_data(course: Course, fmt: Format) -> dict[str, Any]:
    """The course data the runtime of `fmt` reads (`<script id="trail-data">`)."""
    return course_data(course, fmt).json


def script_json(data: Any) -> Markup:
    """JSON safe inside a <script> element: no '</script>' or HTML comment can form."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# What the tracker needs of a question to rule on a stored answer without the site loaded
# (status, score, the state codec's hashes): no text. The rest comes with the site's file.
TRACKER_KEYS = ("id", "iid", "activity", "type", "weight", "scored", "attempts", "correct", "answer", "accept",
                "caseSensitive")
CHOICE_LISTS = ("options", "items", "left", "right")


def outline_question(q: dict[str, Any], site_id: str = "") -> dict[str, Any]:
    out = {k: q[k] for k in TRACKER_KEYS if k in q}
    for key in CHOICE_LISTS:
        if key in q:
            out[key] = [{"id": o["id"]} for o in q[key]]
    if out.get("activity") == f"{site_id}/questions/{q['id']}":
        if out.get("iid") == out["activity"]:
            del out["iid"]
        del out["activity"]
    return out


def outline_site(s: dict[str, Any]) -> dict[str, Any]:
    """A site's outline entry (`outline`): no text but its title, no id that follows from another."""
    entry = {**s, "questions": [outline_question(q, s["id"]) for q in s["questions"]],
             "reflections": [{"id": r["id"]} if r["iid"] == f"{s['id']}/reflections/{r['id']}"
                             else {"id": r["id"], "iid": r["iid"]} for r in s["reflections"]],
             "videos": [{"id": v["id"]} for v in s["videos"]]}
    if entry.get("objective") == entry["id"]:
        del entry["objective"]
    return entry


def expand(s: dict[str, Any]) -> dict[str, Any]:
    """An outline's site entry with the ids it left out put back, as the tracker does."""
    questions = []
    for q in s.get("questions", ()):
        activity = q.get("activity", f"{s['id']}/questions/{q['id']}")
        questions.append({**q, "activity": activity, "iid": q.get("iid", activity)})
    reflections = [{**r, "iid": r.get("iid", f"{s['id']}/reflections/{r['id']}")} for r in s.get("reflections", ())]
    return {**s, "objective": s.get("objective", s["id"]), "questions": questions, "reflections": reflections}


def outline(data: dict[str, Any]) -> dict[str, Any]:
    """The course outline `index.html` carries: the course, and per site what the map and the
    tracker need (titles, ids, questions and reflections without their texts; `outline_site`).
    Each site's texts come with its own file (`site_payload`) when it opens."""
    return {**data, "sites": [outline_site(s) for s in data["sites"]]}


def question_texts(q: dict[str, Any]) -> dict[str, Any]:
    """What the outline leaves out of a question (`outline_question`): its texts and feedback, the
    choice lists' entries in the outline's order, without their ids."""
    out = {k: v for k, v in q.items() if k not in TRACKER_KEYS and k not in CHOICE_LISTS}
    for key in CHOICE_LISTS:
        if key in q:
            out[key] = [{k: v for k, v in o.items() if k != "id"} for o in q[key]]
    return {"id": q["id"], **out}


def site_payload(entry: dict[str, Any]) -> dict[str, Any]:
    """What a site's file adds to its outline entry: question texts and feedback, reflection
    prompts, video titles (lists in the outline's order)."""
    return {"slug": entry["slug"], "questions": [question_texts(q) for q in entry["questions"]],
            "reflections": [{"text": r["text"]} for r in entry["reflections"]],
            "videos": [{"title": v["title"]} for v in entry["videos"]]}


JS_STRING = (("\\", "\\\\"), ("'", "\\'"), ("\n", "\\n"), ("\r", "\\r"), ("\u2028", "\\u2028"),
             ("\u2029", "\\u2029"))  # the backslash first: the others' replacements bring their own


def js_string(text: str) -> str:
    """`text` inside a single-quoted JavaScript string (str.replace, each a C loop; str.translate
    with a mapping goes character by character and was a sixth of a small build)."""
    for old, new in JS_STRING:
        text = text.replace(old, new)
    return text


def site_script(payload: dict[str, Any], html: str) -> bytes:
    """`sites/<slug>.js`: a script, not JSON, so it loads from file:// and from any LMS alike. The
    markup is one single-quoted string (its attributes' double quotes need no escape); the file is
    never inline in a page, so `</script>` in it is harmless."""
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"TrailSite.add({data},\n'{js_string(html)}');\n".encode()


def read_site_script(script: bytes) -> dict[str, Any]:
    """The data of a `sites/<slug>.js` (`site_script`'s first argument); ValueError if it is not one."""
    text = script.decode("utf-8")
    if not text.startswith("TrailSite.add("):
        raise ValueError("not a trail site file")
    payload, _ = json.JSONDecoder().raw_decode(text, len("TrailSite.add("))
    if not isinstance(payload, dict):
        raise ValueError("not a trail site file")
    return payload


def with_site(entry: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """An outline's site entry with its file's data merged in, as trail.js merges them on loading."""
    entry = expand(entry)
    texts = {q.get("id"): q for q in payload.get("questions", ())}

    def merged(q: dict[str, Any]) -> dict[str, Any]:
        out = dict(q)
        for key, value in texts.get(q["id"], {}).items():
            listed = out.get(key)
            if isinstance(value, list) and isinstance(listed, list) and len(value) == len(listed):
                out[key] = [{**a, **b} for a, b in zip(listed, value, strict=True)]
            else:
                out[key] = value
        return out

    def by_place(key: str) -> list[dict[str, Any]]:
        mine, theirs = list(entry.get(key, ())), list(payload.get(key, ()))
        return [{**a, **b} for a, b in zip(mine, theirs, strict=True)] if len(mine) == len(theirs) else mine

    return {**entry, "questions": [merged(q) for q in entry.get("questions", ())],
            "reflections": by_place("reflections"), "videos": by_place("videos")}
