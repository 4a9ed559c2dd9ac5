"""The renderer (packager/render.py) and the theme in blocks (templates/base.html.j2, partials/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from packager.model import Course, Format
from packager.render import Markdown, Renderer, default_templates, stable_shuffle
from tests.unit.helpers import fixture_course


@pytest.fixture(scope="module")
def course() -> Course:
    return fixture_course()


def html(course: Course, theme: Path | None = None, fmt: Format = Format.WEB) -> str:
    return Renderer(course, theme).markup(fmt)


def test_a_theme_overrides_one_block_and_keeps_the_rest(course: Course, tmp_path: Path) -> None:
    (tmp_path / "index.html.j2").write_text(
        '{% extends "base.html.j2" %}\n'
        '{% block footer %}\n<footer class="foot"><p>{{ _("version") }} {{ course.version }} · Temaside</p></footer>\n'
        '{% endblock %}\n', encoding="utf-8")
    ours, theirs = html(course), html(course, tmp_path)
    assert "· Temaside</p></footer>" in theirs and "Temaside" not in ours
    assert ours.split('<footer class="foot">')[0] == theirs.split('<footer class="foot">')[0]  # all before: ours
    assert ours.split("</footer>")[1].strip() == theirs.split("</footer>")[1].strip()  # the course data too


def test_a_theme_replaces_one_partial_by_its_name(course: Course, tmp_path: Path) -> None:
    (tmp_path / "partials" / "questions").mkdir(parents=True)
    (tmp_path / "partials" / "questions" / "fill-in.html.j2").write_text(
        '<textarea class="text" id="{{ q.dom_id }}-in" rows="2"></textarea>\n', encoding="utf-8")
    theirs = html(course, tmp_path)
    assert theirs.count('<textarea class="text"') == sum(q.type == "fill-in" for s in course.sites for q in s.questions)
    assert '<div class="choices tf">' in theirs  # the other question types are ours
    assert not (set(Renderer(course, tmp_path).files(Format.WEB)) - set(Renderer(course).files(Format.WEB)))


def test_the_theme_has_the_documented_blocks_and_parts() -> None:
    base = (default_templates() / "base.html.j2").read_text(encoding="utf-8")
    assert re.findall(r"{%- block (\w+)", base) == ["head", "header", "map", "stops", "site", "footer", "data"]
    parts = {p.relative_to(default_templates() / "partials").as_posix()
             for p in (default_templates() / "partials").rglob("*.j2")}
    assert {"header.html.j2", "map.html.j2", "site.html.j2", "quiz.html.j2", "reflection.html.j2", "video.html.j2",
            "footer.html.j2", "questions/choice.html.j2", "questions/matching.html.j2"} <= parts


def test_the_map_draws_every_site_where_the_course_places_it(course: Course) -> None:
    page = html(course)
    markers = re.findall(r'<circle class="dot" cx="([\d.]+)" cy="([\d.]+)"', page)
    expected = [(f"{40 + s.position.x * 9.2:.1f}", f"{40 + s.position.y * 6.8:.1f}") for s in course.sites]
    assert markers == expected
    path = re.search(r'<path class="trail-path" d="([^"]+)"', page)
    assert path is not None and path.group(1).startswith(f"M{expected[0][0]} {expected[0][1]} C")
    assert path.group(1).count("C") == len(expected) - 1  # one curve between each two sites


def test_local_links_point_into_the_package_and_others_open_safely() -> None:
    md = Markdown()
    out = str(md("[Les](media/notat.pdf) og [NAV](https://www.nav.no)", "01-forste-stopp"))
    assert 'href="media/01-forste-stopp/notat.pdf"' in out
    assert 'href="https://www.nav.no" rel="noopener"' in out
    assert "<script>" not in str(md("<script>alert(1)</script>"))  # no raw HTML


def test_a_shuffle_is_the_same_on_every_build_and_never_the_answer() -> None:
    items = list("abcde")
    assert stable_shuffle(items, "q1") == stable_shuffle(items, "q1") != items
    assert stable_shuffle(["a"], "q1") == ["a"]
