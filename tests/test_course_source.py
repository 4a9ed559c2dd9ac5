"""The trail itself: Boligsosial læringsløype as municipalities will run it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from packager.build import check
from packager.model import Course, SourcesBlock, TextBlock

SOURCE = Path(__file__).resolve().parents[1] / "course_source"


@pytest.fixture(scope="module")
def course() -> Course:
    result = check(SOURCE)
    assert [str(p) for p in result.problems.sorted()] == []  # 0 errors and 0 warnings
    assert result.course is not None
    return result.course


def words(markdown: str) -> int:
    return len(re.findall(r"\w+", markdown))


def test_the_trail_has_19_rest_sites_in_order(course: Course) -> None:
    assert [s.number for s in course.sites] == list(range(1, 20))
    assert {"samskapende-sosial-innovasjon", "sosialt-entreprenorskap", "kommune-3-0", "tjenestedesign",
            "implementering"} <= {s.slug for s in course.sites}
    assert course.language == "nb"
    assert {p.slug for p in course.pages} == {"welcome", "how-it-works", "about"}


@pytest.mark.parametrize("number", range(1, 20))
def test_each_site_has_substance(course: Course, number: int) -> None:
    site = course.sites[number - 1]
    text = sum(words(b.markdown) for b in site.blocks if isinstance(b, TextBlock))
    assert text >= 400, f"{site.slug}: {text} words"
    assert len(site.questions) >= 3
    assert len({q.type for q in site.questions}) >= 2
    assert all(q.correct_feedback and q.incorrect_feedback for q in site.questions if q.scored)
    assert len(site.reflections) == 1
    assert site.videos, f"{site.slug} has no video"
    for video in site.videos:
        assert video.transcript.strip()
        if video.src:
            assert video.captions and video.captions.endswith(".vtt")


def test_local_videos_are_small_and_captioned(course: Course) -> None:
    local = [a for a in course.assets if a.target.suffix == ".mp4"]
    assert len(local) >= 3
    for asset in local:
        size = Path(asset.source).stat().st_size
        assert size < 500 * 1024, f"{asset.target}: {size} bytes"
        vtt = Path(asset.source).with_suffix(".vtt")
        assert vtt.read_text(encoding="utf-8").startswith("WEBVTT")


def test_every_local_video_has_a_small_poster_of_its_own(course: Course) -> None:
    """A still before playing, not the player's drawn stand-in, and light enough for a slow line."""
    videos = [v for s in course.sites for v in s.videos if v.src]
    assert len(videos) == 19 and all(v.poster for v in videos)
    posters = {a.target.as_posix(): Path(a.source) for a in course.assets}
    for video in videos:
        assert video.poster is not None and video.poster.endswith(".jpg")
        image = posters[video.poster].read_bytes()
        assert image.startswith(b"\xff\xd8") and len(image) < 40 * 1024, video.poster


@pytest.mark.parametrize("number", range(1, 20))
def test_each_site_names_two_to_five_sources(course: Course, number: int) -> None:
    site = course.sites[number - 1]
    [sources] = [b for b in site.blocks if isinstance(b, SourcesBlock)]
    assert 2 <= len(sources.items) <= 5, site.slug
    assert all(s.title and (s.url.startswith("https://") or s.publisher) for s in sources.items)


def test_the_makers_are_named(course: Course) -> None:
    about = next(p for p in course.pages if p.slug == "about")
    assert "SESAM – Senter for sosialt entreprenørskap og samskapende sosial innovasjon" in about.markdown
    assert "Universitetet i Sørøst-Norge" in about.markdown and "Husbanken" in about.markdown


def test_house_style(course: Course) -> None:
    """Nav, not NAV; 'fram', not 'frem' (except the fixed 'først og fremst')."""
    text = "\n".join(b.markdown for s in course.sites for b in s.blocks if isinstance(b, TextBlock))
    assert "NAV" not in text
    assert not re.search(r"\bfrem(?!st\b|me|tid)", text, re.IGNORECASE)
