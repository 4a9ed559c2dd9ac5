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
