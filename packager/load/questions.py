"""Quiz questions, in the shape every tracking standard can report.

Option ids are single letters: the only choice ids SCORM 1.2 accepts. A designer
may give each option of a choice question its `id` (a–z), so the options can be
reordered in the source without changing which id, in statements, reports and
saved answers, means which answer; without one, the ids follow the order written
(a, b, c ...). Matching sources (0, 1, 2 ...) and ordering items are numbered by
position: there the order written is the answer itself.
"""

from __future__ import annotations

import re
import string
from typing import Any

from packager.load.reader import INVALID, MapReader, Source, item_line, type_name
from packager.model import Option, Pair, Question, QuestionType
from packager.problems import Problems

QUESTION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LETTERS = string.ascii_lowercase
MAX_CHOICES = 10
MAX_SCALE = 7
MAX_TEXT = 250  # SCORM 2004 short_identifier / fill-in item limit


def read_questions(
    value: Any, line: int, path: str, source: Source, problems: Problems,
    places: list[tuple[str, str, int]] | None = None, where: dict[str, tuple[str, int]] | None = None,
    prefix: str = "",
) -> tuple[Question, ...]:
    """The questions of a quiz; `places` collects (id, file, line) for the site-wide id check,
    `where` the (file, line) of each question (`<prefix><id>`) and option (`<prefix><id>/options/<i>`)."""
    if value is INVALID:
        return ()
    if not isinstance(value, list):
        problems.error(source.file, line, path, f"expected a list of questions, got {type_name(value)}")
        return ()
    if not value:
        problems.error(source.file, line, path, "a quiz needs at least one question")
        return ()
    questions: list[Question] = []
    for i, item in enumerate(value):
        line_of_item = item_line(value, i, source, line)
        reader = MapReader.of(item, source, problems, f"{path}[{i}]" if path else f"[{i}]", line_of_item)
        if reader is not None:
            question = read_question(reader)
            if question is not None:
                questions.append(question)
                if places is not None:
                    places.append((question.id, source.file, reader.line_of("id")))
                if where is not None:
                    _record_lines(prefix + question.id, reader, where)
    return tuple(questions)


def _record_lines(qid: str, r: MapReader, where: dict[str, tuple[str, int]]) -> None:
    where.setdefault(qid, (r.source.file, r.line_of("id")))
    options = r.data.get("options")
    if isinstance(options, list):
        for i in range(len(options)):
            where.setdefault(f"{qid}/options/{i}", (r.source.file, item_line(options, i, r.source, r.line)))


def read_question(r: MapReader) -> Question | None:
    qid = r.text("id", required=True)
    if qid and not QUESTION_ID.match(qid):
        r.error("id", f"expected lower-case letters, digits and '-', got {qid!r}")
    kind_name = r.choice("type", tuple(QuestionType))
    prompt = r.text("prompt", required=True)
    weight = r.integer("weight", default=1, low=1, high=100)
    correct_fb, incorrect_fb = "", ""
    feedback = r.mapping("feedback")
    if feedback is not None:
        correct_fb = feedback.text("correct")
        incorrect_fb = feedback.text("incorrect")
        feedback.finish()
    if kind_name is None:
        for key in ("options", "answer", "accept", "case_sensitive", "pairs", "items", "scale"):
            r.raw(key)
        r.finish()
        return None
    kind = QuestionType(kind_name)
    fields: dict[str, Any] = {}
    if kind in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        fields["options"] = _options(r, kind)
    elif kind is QuestionType.TRUE_FALSE:
        value = r.raw("answer", required=True)
        if value is not None and not isinstance(value, bool):
            r.error("answer", f"expected true or false, got {value!r}")
        fields["answer"] = bool(value)
    elif kind is QuestionType.FILL_IN:
        accept = r.texts("accept", required=True)
        if isinstance(r.data.get("accept"), list) and not accept:
            r.error("accept", "expected at least one accepted answer")
        for text in accept:
            if not text or len(text) > MAX_TEXT:
                r.error("accept", f"each accepted answer must be 1 to {MAX_TEXT} characters")
                break
        fields["accept"] = tuple(accept)
        fields["case_sensitive"] = r.boolean("case_sensitive")
    elif kind is QuestionType.MATCHING:
        fields["pairs"] = _pairs(r)
    elif kind is QuestionType.ORDERING:
        items = r.texts("items", required=True)
        _count(r, "items", len(items), 2, MAX_CHOICES)
        _distinct(r, "items", items)
        fields["items"] = tuple(Option(LETTERS[i], t) for i, t in enumerate(items[:MAX_CHOICES]))
    elif kind is QuestionType.LIKERT:
        scale = r.texts("scale", required=True)
        _count(r, "scale", len(scale), 2, MAX_SCALE)
        fields["options"] = tuple(Option(LETTERS[i], t) for i, t in enumerate(scale[:MAX_SCALE]))
    r.finish()
    return Question(
        id=qid, type=kind, prompt=prompt, weight=weight,
        correct_feedback=correct_fb, incorrect_feedback=incorrect_fb, **fields,
    )


def _count(r: MapReader, key: str, n: int, low: int, high: int) -> None:
    if isinstance(r.data.get(key), list) and not low <= n <= high:  # a wrong type is reported already
        r.error(key, f"expected {low} to {high} entries, got {n}")


def _distinct(r: MapReader, key: str, texts: list[str], what: str = "entries") -> None:
    seen: set[str] = set()
    for text in texts:
        if text.casefold() in seen:
            r.error(key, f"{what} must differ; {text!r} appears twice")
            return
        seen.add(text.casefold())


def _option_id(o: MapReader, i: int) -> str | None:
    """The option's own `id` (one letter a–z), LETTERS[i] without one; None when it is wrong."""
    before = len(o.problems.errors)
    given = o.text("id")
    if "id" not in o.data:
        return LETTERS[i]
    if len(o.problems.errors) > before:  # not a text: reported
        return None
    if not re.fullmatch(r"[a-z]", given):
        o.error("id", "expected one lower-case letter a–z (SCORM 1.2 reports a choice by one character), "
                      f"got {given!r}")
        return None
    return given


def _options(r: MapReader, kind: QuestionType) -> tuple[Option, ...]:
    options: list[Option] = []
    before = len(r.problems.errors)
    named = 0
    for i, item, line, path in r.items("options", required=True):
        o = MapReader.of(item, r.source, r.problems, path, line)
        if o is None:
            continue
        named += "id" in o.data
        oid = _option_id(o, i)
        text = o.text("text", required=True)
        correct = o.boolean("correct")
        feedback = o.text("feedback")
        o.finish()
        if i < MAX_CHOICES and oid is not None:
            options.append(Option(oid, text, correct, feedback))
    if isinstance(r.data.get("options"), list):  # a wrong type is reported by r.items
        _count(r, "options", len(r.data["options"]), 2, MAX_CHOICES)
        _distinct(r, "options", [o.text for o in options])
        right = sum(o.correct for o in options)
        if len(r.problems.errors) > before:  # an option is broken: counting the right ones (or ids) would mislead
            return tuple(options)
        if named and named != len(r.data["options"]):
            r.error("options", f"{named} of {len(r.data['options'])} options have an id: give every option its own "
                               "id, or none (then the ids follow the order written)")
        elif named:
            _distinct(r, "options", [o.id for o in options], what="ids")
        if kind is QuestionType.SINGLE and right != 1:
            r.error("options", f"a single-choice question needs exactly one correct option, found {right}")
        if kind is QuestionType.MULTIPLE and right < 1:
            r.error("options", "a multiple-choice question needs at least one correct option")
    return tuple(options)


def _pairs(r: MapReader) -> tuple[Pair, ...]:
    pairs: list[Pair] = []
    for i, item, line, path in r.items("pairs", required=True):
        p = MapReader.of(item, r.source, r.problems, path, line)
        if p is None:
            continue
        left, right = p.text("left", required=True), p.text("right", required=True)
        p.finish()
        if i < MAX_CHOICES:
            pairs.append(Pair(str(i), left, right))
    if isinstance(r.data.get("pairs"), list):
        _count(r, "pairs", len(r.data["pairs"]), 2, MAX_CHOICES)
        _distinct(r, "pairs", [p.left for p in pairs])
        _distinct(r, "pairs", [p.right for p in pairs])
    return tuple(pairs)
