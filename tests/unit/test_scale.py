"""Courses of any size: site folders numbered with any width; SCORM 1.2's state limit stops only SCORM 1.2."""

from __future__ import annotations

import shutil
from pathlib import Path

from packager.build import build, check
from packager.model import Format, ScoMode
from packager.package import with_option
from tests.unit.helpers import course_copy


def many_sites(tmp_path: Path, count: int) -> Path:
    """The fixture course with its three sites cycled to `count`, numbered 001, 002, ..."""
    src = course_copy(tmp_path)
    originals = sorted((src / "sites").iterdir())
    for folder in originals:
        shutil.move(folder, tmp_path / folder.name)
    for n in range(1, count + 1):
        folder = tmp_path / originals[(n - 1) % len(originals)].name
        shutil.copytree(folder, src / "sites" / f"{n:03d}-{folder.name.split('-', 1)[1]}-{n}")
    return src


def test_three_digit_site_numbers_load_in_number_order(tmp_path: Path) -> None:
    src = many_sites(tmp_path, 12)
    (src / "sites" / "012-tredje-stopp-12").rename(src / "sites" / "12-tredje-stopp-12")  # widths may differ
    result = check(src, [Format.WEB])
    assert result.ok, [str(p) for p in result.problems.items]
    assert result.course is not None
    assert [s.number for s in result.course.sites] == list(range(1, 13))
    assert result.course.sites[-1].slug == "tredje-stopp-12"


def test_a_course_too_big_for_scorm12_says_by_how_much_and_still_builds_other_formats(tmp_path: Path) -> None:
    src = many_sites(tmp_path, 150)
    problems = [str(p) for p in check(src).problems.errors]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{src.as_posix()}/course.yaml: output.formats: a learner's answers can need ")
    assert " more than SCORM 1.2's 4096 in one SCO; for a SCORM 1.2 package build it with sco_mode: per-site" in problems[0]
    assert "; or remove at least " in problems[0]
    assert "or leave scorm12 out of output.formats" in problems[0]

    result = build(src, tmp_path / "out", [Format.SCORM2004])
    assert result.ok, [str(p) for p in result.problems.items]
    assert [p.path.name for p in result.packages] == ["min-forste-loype-scorm2004.zip"]
    assert not build(src, tmp_path / "out12", [Format.SCORM12]).ok
    # one SCO per site: each holds only its own site's answers, so the same course fits
    per_site = build(src, tmp_path / "per-site", [Format.SCORM12], options=with_option("sco_mode", ScoMode.PER_SITE))
    assert per_site.ok, [str(p) for p in per_site.problems.items]
