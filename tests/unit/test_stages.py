"""course.yaml `stages:`: the trail in named stretches; each mistake named at its file, line and key."""

from __future__ import annotations

from pathlib import Path

from packager.build import check
from packager.model import Stage
from packager.trail_map import stage_groups
from tests.unit.helpers import course_copy, edit, fixture_course, line_of

STAGES = "stages:\n  - {title: Oppstart, first: 1}\n  - {title: Videre, first: 2}"


def problems_with(tmp_path: Path, stages: str) -> tuple[list[str], Path]:
    src = course_copy(tmp_path)
    yaml = src / "course.yaml"
    edit(yaml, STAGES, stages)
    return [str(p) for p in check(src).problems.sorted()], yaml


def test_the_fixture_course_has_two_stages() -> None:
    assert fixture_course().stages == (Stage("Oppstart", 1), Stage("Videre", 2))


def test_sites_are_grouped_by_the_stage_they_fall_in() -> None:
    course = fixture_course()

    class View:
        def __init__(self, site: object) -> None:
            self.site = site

    views = [View(s) for s in course.sites]
    groups = stage_groups(course.stages, views)
    assert [(n, title, [v.site.number for v in g]) for n, title, g in groups] == [
        (1, "Oppstart", [1]), (2, "Videre", [2, 3])
    ]
    assert [(n, title, len(g)) for n, title, g in stage_groups((), views)] == [(1, "", 3)]


def test_unknown_key_and_missing_title_are_errors(tmp_path: Path) -> None:
    found, yaml = problems_with(tmp_path, "stages:\n  - {title: Oppstart, first: 1, colour: red}\n  - {first: 2}")
    line = line_of(yaml, "colour: red")
    assert any(f":{line}" in p and "stages[0].colour" in p and "unknown key" in p for p in found), found
    assert any("stages[1].title" in p and "required" in p for p in found), found


def test_first_sites_must_exist_rise_and_start_the_trail(tmp_path: Path) -> None:
    found, _ = problems_with(tmp_path, "stages:\n  - {title: A, first: 2}\n  - {title: B, first: 2}\n"
                                       "  - {title: C, first: 9}")
    assert any("stages[1].first" in p and "after 2" in p for p in found), found
    assert any("stages[0].first" in p and "belong to no stage; expected 1" in p for p in found), found
    assert any("stages[1].first" in p and "no site has number 9" in p for p in found) or any(
        "stages[2].first" in p and "no site has number 9" in p for p in found), found
