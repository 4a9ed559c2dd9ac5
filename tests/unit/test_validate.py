"""Course-wide rules: the SCORM 1.2 state budget, scored questions, completion."""

from __future__ import annotations

from pathlib import Path

from packager.build import check
from packager.model import Format, ScoMode
from packager.package.format import ScormOptions
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
        "a learner's answers can need 5966 characters of state, 1870 more than SCORM 1.2's 4096 in one SCO; for a "
        "SCORM 1.2 package remove at least 4 of the 17 questions (fill-in questions cost the most, then long lists), or "
        "leave scorm12 out of output.formats (or build --format without it): the other formats keep far more state")
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12 - 3, 240), encoding="utf-8")
    assert not check(src).ok  # one fewer than it said is not enough
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12 - 4, 240), encoding="utf-8")
    assert check(src).ok  # as many as it said, and the answers fit


def test_answers_too_many_for_one_sco_fit_one_sco_per_site(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    for site in ("01-forste-stopp", "02-andre-stopp", "03-tredje-stopp"):
        (src / f"sites/{site}/quiz.yaml").write_text(fill_ins(5, 240), encoding="utf-8")
        if site != "01-forste-stopp":  # site 01 has its quiz in quiz.yaml already
            with (src / f"sites/{site}/site.md").open("a", encoding="utf-8") as md:
                md.write("\n::: quiz\nfile: quiz.yaml\n:::\n")
    [problem] = check(src).problems.errors
    assert problem.message.startswith("a learner's answers can need 7424 characters of state, 3328 more than "
                                      "SCORM 1.2's 4096 in one SCO; for a SCORM 1.2 package build it with sco_mode: "
                                      "per-site (output.sco_mode, or trail build --sco-mode per-site), where each "
                                      "rest site's SCO keeps only its own answers (at most 2540 characters, site "
                                      "'andre-stopp'); or remove at least 7 of the 20 questions")
    per_site = {Format.SCORM12: ScormOptions(sco_mode=ScoMode.PER_SITE)}
    assert check(src, None, per_site).problems.errors == []  # trail build --sco-mode per-site
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site")
    result = check(src)
    assert result.problems.errors == []
    assert [p.key for p in result.problems.warnings] == ["output.formats"]  # 2540 of 4096: reflections may move


def test_one_site_too_large_for_its_own_sco_is_named(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(12, 240), encoding="utf-8")
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site")
    [problem] = check(src).problems.errors
    assert problem.message.startswith("a learner's answers in rest site 'forste-stopp' can need 5864 characters of "
                                      "state, 1768 more than SCORM 1.2's 4096 for its SCO; remove at least 4 of its "
                                      "12 questions")
    (src / "sites/01-forste-stopp/quiz.yaml").write_text(fill_ins(8, 240), encoding="utf-8")
    assert check(src).ok  # as many as it said


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
