"""`sco_mode: per-site-packages`: the cut of the course into one package per site, and each manifest.

Golden manifests of the fixture course's second site, SCORM 2004 and 1.2; regenerate after an
intended change with `TRAIL_REGEN_GOLDEN=1 python3 -m pytest tests/unit/test_site_packages.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from packager import ids
from packager.model import Course, Format, ScoMode
from packager.package import package
from packager.package.format import ScormOptions
from packager.package.rules import manifest_problems
from packager.package.site_packages import parts, site_course
from packager.render import Renderer
from tests.unit.helpers import fixture_course, matches_golden

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
OPTIONS = ScormOptions(sco_mode=ScoMode.PER_SITE_PACKAGES)


@pytest.fixture(scope="module")
def course() -> Course:
    return fixture_course()


def test_one_part_per_site_in_a_folder_in_trail_order(course: Course) -> None:
    assert [p.name for p in parts(course, Format.SCORM2004, True)] == [
        f"min-forste-loype-scorm2004-sites/min-forste-loype-scorm2004-{s.number:02d}-{s.slug}.zip"
        for s in course.sites]
    assert [p.name for p in parts(course, Format.SCORM2004, False)] == ["min-forste-loype-scorm2004.zip"]


def test_a_site_course_holds_that_site_its_media_and_its_stage(course: Course) -> None:
    second = course.sites[1]
    cut = site_course(course, second)
    assert cut.sites == (second,) and cut.required_sites == 1 and cut.id == course.id
    assert cut.completion.require is course.completion.require
    media = {a.target.as_posix() for a in cut.assets}
    assert media and all(m.startswith(f"media/{second.slug}/") for m in media if m.startswith("media/"))
    assert {a.target.as_posix() for a in course.assets} > media  # the other sites' files are left out
    assert [(s.title, s.first) for s in cut.stages] == [("Videre", 2)]


@pytest.mark.parametrize(("fmt", "version"), [(Format.SCORM2004, "2004"), (Format.SCORM12, "1.2")])
def test_a_site_manifest_matches_golden_and_the_rules(course: Course, fmt: Format, version: str) -> None:
    second = course.sites[1]
    cut = site_course(course, second)
    files = package(fmt, cut, Renderer(cut, trail=course).files(fmt), OPTIONS)
    data = files["imsmanifest.xml"]
    assert isinstance(data, bytes)
    assert manifest_problems(data, version, set(files)) == []
    assert matches_golden(GOLDEN / f"{fmt}-site-package-imsmanifest.xml", data)
    text = data.decode()
    assert f'identifier="{ids.site_package_identifier(course, second)}"' in text
    assert ids.site_package_identifier(course, second) != ids.site_package_identifier(course, course.sites[0])
    assert "<title>Min første læringsløype – 02 Andre stopp</title>" in text
