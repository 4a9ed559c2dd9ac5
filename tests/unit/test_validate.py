"""Course-wide rules: the SCORM 1.2 state budget, scored questions, completion."""

from __future__ import annotations

from pathlib import Path

from packager.build import check
from tests.unit.helpers import course_copy, edit, line_of


def fill_ins(count: int, length: int) -> str:
    answer = "a" * length
    return "".join(
        f"- id: fyll-{i}\n  type: fill-in\n  prompt: Skriv svaret.\n  accept: [{answer}]\n" for i in range(count)
    )


def test_answers_that_cannot_fit_scorm12_are_an_error(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12, 240), encoding="utf-8")
    result = check(src)
    [problem] = result.problems.errors
    assert (problem.file, problem.key) == (f"{src.as_posix()}/course.yaml", "output.formats")
    assert problem.message == (
        "a learner's answers can need 5960 characters of state, 1864 more than SCORM 1.2's 4096; for a SCORM 1.2 "
        "package remove at least 4 of the 17 questions (fill-in questions cost the most, then long lists), or "
        "leave scorm12 out of output.formats (or build --format without it): the other formats keep far more state")
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12 - 3, 240), encoding="utf-8")
    assert not check(src).ok  # one fewer than it said is not enough
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12 - 4, 240), encoding="utf-8")
    assert check(src).ok  # as many as it said, and the answers fit


def test_without_scorm12_the_budget_does_not_apply(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12, 240), encoding="utf-8")
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  formats: [scorm2004, web]")
    assert check(src).ok


def test_a_tight_budget_warns_that_reflections_may_stay_in_the_browser(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(5, 240), encoding="utf-8")
    result = check(src)
    assert result.ok
    assert [p.key for p in result.problems.warnings] == ["output.formats"]
    assert "long reflections may be kept in the learner's browser only" in result.problems.warnings[0].message


def test_passing_score_needs_scored_questions(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    for quiz in ("sites/01-forste-stopp/quiz.yaml",):
        (src / quiz).write_text("- id: mening\n  type: likert\n  prompt: Hva mener du?\n  scale: [Lite, Mye]\n")
    for site in ("sites/02-andre-stopp/site.md", "sites/03-tredje-stopp/site.md"):
        text = (src / site).read_text(encoding="utf-8")
        start, end = text.index("::: quiz"), text.index(":::\n", text.index("::: quiz") + 8) + 4
        (src / site).write_text(text[:start] + text[end:], encoding="utf-8")
    messages = [str(p) for p in check(src).problems.errors]
    line = line_of(src / "course.yaml", "passing_score")
    assert messages == [f"{src.as_posix()}/course.yaml:{line}: passing_score: the course has no scored questions to "
                        "pass; remove passing_score or add questions"]
