"""Markdown a learner reads: tables, figures, callouts and sources render; mistakes are reported, not shown."""

from __future__ import annotations

from pathlib import Path

from packager.build import check
from packager.model import Format
from packager.render import Renderer
from tests.unit.helpers import course_copy, edit, line_of

SITE = "sites/01-forste-stopp/site.md"


def problems(src: Path) -> list[str]:
    return [str(p) for p in check(src).problems.sorted()]


def page_html(src: Path) -> str:
    result = check(src)
    assert result.ok and result.course is not None, problems(src)
    return Renderer(result.course).markup(Format.WEB)


def test_fixture_renders_table_figure_callout_and_sources(tmp_path: Path) -> None:
    html = page_html(course_copy(tmp_path))
    assert '<table tabindex="0">\n<thead>\n<tr>\n<th>Trinn</th>' in html  # focusable: it scrolls when narrow
    assert ('<figure><img src="media/tredje-stopp/trapp.svg" alt="En trapp med tre trinn som stiger mot høyre" />'
            "<figcaption>Tre trinn, ett om gangen.</figcaption></figure>") in html
    assert '<aside class="callout" aria-labelledby="s03-b2-title"><p class="callout-title" id="s03-b2-title">' \
           "Viktige punkter</p><ul>" in html
    assert '<section class="sources" aria-labelledby="s03-b4-title"><h2 id="s03-b4-title">Kilder og videre lesing</h2>' \
           '<ul><li><a href="https://lovdata.no/dokument/NL/lov/2022-12-20-121" rel="noopener">Lov om kommunenes ansvar' in html
    assert "Lovdata</li>" in html


def test_a_level_one_heading_in_site_text_is_an_error_at_its_line(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / SITE
    edit(site, "## ", "# ")
    [problem] = check(src).problems.errors
    assert (problem.file, problem.line) == (site.as_posix(), line_of(site, "# "))
    assert "level-1 heading" in problem.message and "start headings at level 2 (## ...)" in problem.message


def test_raw_html_is_an_error_with_file_and_line_not_silent_text(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / SITE
    text = site.read_text(encoding="utf-8")
    first_block = text.index("::: ")
    site.write_text(text[:first_block] + "Linje en\nmed <b>fet</b> tekst.\n\n<div class=\"x\">\nboks\n</div>\n\n"
                    + text[first_block:], encoding="utf-8")
    found = [p for p in check(src).problems.errors]
    assert [(p.line, p.message.split(" is not")[0]) for p in found] == [
        (line_of(site, "med <b>"), "raw HTML '<b>'"),
        (line_of(site, "med <b>"), "raw HTML '</b>'"),
        (line_of(site, '<div class="x">'), "raw HTML '<div class=\"x\">'"),
    ]


def test_an_image_without_alt_text_is_an_error(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/03-tredje-stopp/site.md"
    edit(site, "![En trapp med tre trinn som stiger mot høyre]", "![]")
    [problem] = check(src).problems.errors
    assert (problem.file, problem.line, problem.key) == (site.as_posix(), line_of(site, "![]"), "image")
    assert "has no alt text" in problem.message


def test_a_level_one_heading_on_a_page_is_an_error(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    page = src / "pages/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n# Enda en tittel\n", encoding="utf-8")
    [problem] = check(src).problems.errors
    assert (problem.file, problem.line) == (page.as_posix(), line_of(page, "# Enda en tittel"))


def test_callout_and_sources_mistakes_name_file_line_and_key(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/03-tredje-stopp/site.md"
    edit(site, "title: Viktige punkter\n", "")
    edit(site, "url: https://www.husbanken.no/", "url: www.husbanken.no")
    found = problems(src)
    assert f"{site.as_posix()}:{line_of(site, 'text: |')}: callout.title: is required but missing" in found
    assert (f"{site.as_posix()}:{line_of(site, 'url: www.husbanken.no')}: sources[1].url: expected a web address "
            "starting with https://, got 'www.husbanken.no'") in found


def test_an_empty_sources_block_is_an_error(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / "sites/03-tredje-stopp/site.md"
    text = site.read_text(encoding="utf-8")
    site.write_text(text[:text.index("::: sources")] + "::: sources\n:::\n", encoding="utf-8")
    [problem] = check(src).problems.errors
    assert (problem.line, problem.key) == (line_of(site, "::: sources"), "sources")


def test_a_printed_source_without_url_is_listed_as_text(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "sites/03-tredje-stopp/site.md", "- title: Husbanken\n  url: https://www.husbanken.no/\n",
         "- title: Organizational Learning\n  publisher: Argyris og Schön, 1978\n")
    assert "<li>Organizational Learning, Argyris og Schön, 1978</li></ul></section>" in page_html(src)


def test_raw_html_in_a_transcript_or_a_reflection_prompt_is_an_error(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    site = src / SITE
    text = site.read_text(encoding="utf-8")
    start = text.index("::: reflection")
    prompt = text.index("prompt: |", start) + len("prompt: |\n")
    site.write_text(text[:prompt] + "  Skriv <em>kort</em>.\n" + text[prompt:], encoding="utf-8")
    found = [(p.line, p.message.split(" is not")[0]) for p in check(src).problems.errors]
    assert found == [(line_of(site, "Skriv <em>kort</em>."), "raw HTML '<em>'"),
                     (line_of(site, "Skriv <em>kort</em>."), "raw HTML '</em>'")]
