"""One rendering of the page for the formats that may share it (packager/render_share.py): the bytes
of rendering it for each format alone, whatever the theme reads."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from packager.model import Course, Format
from packager.package import FORMATS
from packager.render import Renderer
from packager.runtime_data import runtime_data
from tests.unit.helpers import fixture_course

DATA = re.compile(r'<script type="application/json" id="trail-data">.*?</script>', re.S)


@pytest.fixture(scope="module")
def course() -> Course:
    return fixture_course()


def pages(course: Course, theme: Path | None = None) -> dict[Format, str]:
    """Every format's page from one renderer (shared where it may be)."""
    renderer = Renderer(course, theme)
    return {fmt: renderer.index_html(fmt).decode() for fmt in FORMATS}


def alone(course: Course, fmt: Format, theme: Path | None = None) -> str:
    """The format's page from a renderer of its own: nothing to share with."""
    return Renderer(course, theme).index_html(fmt).decode()


def theme(tmp_path: Path, footer: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "index.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block footer %}\n' + footer + '\n{% endblock %}\n', encoding="utf-8")
    return tmp_path


def each_question(expr: str) -> str:
    """A footer printing `expr` for every question of the page."""
    return ('<footer class="foot">{% for s in sites %}{% for b in s.blocks %}{% for q in b.questions %}'
            '<i>{{ ' + expr + ' }}</i>{% endfor %}{% endfor %}{% endfor %}</footer>')


def test_our_theme_renders_once_and_every_page_differs_only_in_its_data(course: Course) -> None:
    shared = pages(course)
    for fmt, page in shared.items():
        assert page == alone(course, fmt)
        assert f'"format":"{fmt}"' in page
    without_data = {DATA.sub("", page) for page in shared.values()}
    assert len(without_data) == 1  # the same markup for all five


def test_a_theme_that_prints_the_format_gets_each_formats_name(course: Course, tmp_path: Path) -> None:
    shared = pages(course, theme(tmp_path, '<footer class="foot">{{ format }}</footer>'))
    for fmt, page in shared.items():
        assert f'<footer class="foot">{fmt}</footer>' in page
        assert page == alone(course, fmt, tmp_path)


def test_a_theme_that_prints_a_formats_ids_gets_that_formats_ids(course: Course, tmp_path: Path) -> None:
    shared = pages(course, theme(tmp_path, each_question("q.data.iid")))
    for fmt, page in shared.items():
        wanted = [q["iid"] for s in runtime_data(course, fmt)["sites"] for q in s["questions"]]
        assert re.findall(r"<i>(.*?)</i>", page) == [escape(i) for i in wanted] and wanted
        assert page == alone(course, fmt, tmp_path)


def test_a_theme_that_reads_a_whole_data_dict_is_rendered_per_format(course: Course, tmp_path: Path) -> None:
    shared = pages(course, theme(tmp_path, each_question("q.data|tojson")))
    for fmt, page in shared.items():
        assert page == alone(course, fmt, tmp_path)
    assert shared[Format.SCORM12].split('<footer class="foot">')[1] != shared[Format.WEB].split('<footer class="foot">')[1]


def test_what_a_theme_reads_is_found_again_when_the_theme_changes(course: Course, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """What the theme reads is kept in trail's user cache; a theme edited since is read anew."""
    monkeypatch.setenv("TRAIL_CACHE_DIR", str(tmp_path / "cache"))
    folder = theme(tmp_path / "theme", '<footer class="foot">one page</footer>')
    for _ in range(2):  # found, then kept
        assert all('<footer class="foot">one page</footer>' in page for page in pages(course, folder).values())
    assert list((tmp_path / "cache" / "templates").glob("data-keys-*.json"))
    theme(folder, '<footer class="foot">{{ format }}</footer>')
    for fmt, page in pages(course, folder).items():
        assert f'<footer class="foot">{fmt}</footer>' in page
