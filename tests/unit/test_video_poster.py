"""A video's poster: the designer's image (`poster:`), or a drawn one with the video's title."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote

from packager.build import check
from packager.model import VideoBlock
from packager.render import drawn_poster
from tests.unit.helpers import course_copy, edit, line_of

SITE = "sites/02-andre-stopp/site.md"


def test_designer_poster_is_kept_as_a_package_file(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    shutil.copy(src / "sites/03-tredje-stopp/media/trapp.svg", src / "sites/02-andre-stopp/media/still.svg")
    edit(src / SITE, "captions: media/video.vtt", "captions: media/video.vtt\nposter: media/still.svg")
    result = check(src)
    assert not result.problems.errors, result.problems.sorted()
    assert result.course is not None
    video = next(b for s in result.course.sites for b in s.blocks if isinstance(b, VideoBlock) and b.src)
    assert video.poster is not None and video.poster.endswith("still.svg")


def test_poster_mistakes_name_file_line_and_key(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / SITE, "captions: media/video.vtt", "captions: media/video.vtt\nposter: media/video.vtt")
    found = [str(p) for p in check(src).problems.sorted()]
    line = line_of(src / SITE, "poster: media/video.vtt")
    assert any(f"site.md:{line}" in p and "poster" in p and "expected a .svg or .png" in p for p in found), found


def test_drawn_poster_is_an_svg_with_the_title_escaped() -> None:
    uri = drawn_poster("Bolig & <helse>")
    assert uri.startswith("data:image/svg+xml,") and "#" not in uri
    svg = unquote(uri.split(",", 1)[1])
    assert svg.startswith("<svg") and "Bolig &amp; &lt;helse&gt;" in svg
