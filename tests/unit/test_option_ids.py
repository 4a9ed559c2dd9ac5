"""Option ids: an option's own `id` keeps its meaning when the options are reordered in the source.

What the ids mean reaches xAPI statements, SCORM interactions, the learner's saved answers and
`trail report`'s options table; without `id`s they follow the order written (a, b, c ...).
"""

from __future__ import annotations

import re
from pathlib import Path

from packager.build import check
from packager.model import Format
from packager.runtime_data import runtime_data
from tests.unit.helpers import course_copy, edit, line_of

BLUE = "    - id: a\n      text: Blå\n      correct: true\n      feedback: Riktig, den er blå.\n"
GREEN = "    - id: b\n      text: Grønn\n      feedback: Nei, gress er grønt.\n"
RED = "    - id: c\n      text: Rød\n      feedback: Bare ved solnedgang.\n"
NAMED, REORDERED = BLUE + GREEN + RED, RED + BLUE + GREEN
WRITTEN = re.sub(r"    - id: [a-z]\n      ", "    - ", NAMED)  # the fixture's quiz as it is


def first_question(src: Path) -> dict[str, object]:
    result = check(src)
    assert result.course is not None and not result.problems.errors, result.problems.sorted()
    return dict(runtime_data(result.course, Format.XAPI)["sites"][0]["questions"][0])


def test_without_ids_they_follow_the_order_written(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    quiz = src / "sites/01-forste-stopp/quiz.yaml"
    before = first_question(src)
    blue, rest = WRITTEN.split("    - text: Grønn")
    edit(quiz, WRITTEN, "    - text: Grønn" + rest + blue)
    after = first_question(src)
    assert [(o["id"], o["text"]) for o in before["options"]] == [("a", "Blå"), ("b", "Grønn"), ("c", "Rød")]
    assert [(o["id"], o["text"]) for o in after["options"]] == [("a", "Grønn"), ("b", "Rød"), ("c", "Blå")]


def test_an_option_keeps_its_own_id_when_the_options_are_reordered(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    quiz = src / "sites/01-forste-stopp/quiz.yaml"
    edit(quiz, WRITTEN, NAMED)
    named = first_question(src)
    edit(quiz, NAMED, REORDERED)
    reordered = first_question(src)
    by_id = {o["id"]: o["text"] for o in named["options"]}  # type: ignore[union-attr]
    assert {o["id"]: o["text"] for o in reordered["options"]} == by_id  # type: ignore[union-attr]
    assert [o["id"] for o in reordered["options"]] == ["c", "a", "b"]  # type: ignore[union-attr]
    assert named["correct"] == reordered["correct"] == ["a"]


def test_option_ids_must_be_letters_on_every_option_and_distinct(tmp_path: Path) -> None:
    src = course_copy(tmp_path / "mixed")
    quiz = src / "sites/01-forste-stopp/quiz.yaml"
    edit(quiz, WRITTEN, NAMED.replace("    - id: c\n      text: Rød", "    - text: Rød"))
    edit(quiz, "    - {text: Eple, correct: true}\n    - {text: Pære, correct: true}\n    - {text: Potet}\n",
         "    - {id: e, text: Eple, correct: true}\n    - {id: e, text: Pære, correct: true}\n    - {id: p, text: Potet}\n")
    path = quiz.as_posix()
    assert [str(p) for p in check(src).problems.sorted()] == [
        f"{path}:{line_of(quiz, 'options:')}: [0].options: 2 of 3 options have an id: give every option its own id, "
        "or none (then the ids follow the order written)",
        f"{path}:{line_of(quiz, 'id: e, text: Eple') - 1}: [1].options: ids must differ; 'e' appears twice",
    ]
    src = course_copy(tmp_path / "capital")
    quiz = src / "sites/01-forste-stopp/quiz.yaml"
    edit(quiz, WRITTEN, NAMED.replace("id: a\n", "id: A\n"))
    assert [str(p) for p in check(src).problems.sorted()] == [
        f"{quiz.as_posix()}:{line_of(quiz, 'id: A')}: [0].options[0].id: expected one lower-case letter a–z "
        "(SCORM 1.2 reports a choice by one character), got 'A'",
    ]
