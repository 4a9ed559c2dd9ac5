"""Incremental builds: nothing changed → nothing written; a change → the clean build's bytes, media not read again."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from packager.build import build
from packager.cache import CACHE_NAME, open_cache
from packager.cli import main
from packager.model import Format
from tests.unit.helpers import course_copy, edit

runner = CliRunner()


def state(out: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of an output folder with its modification time and bytes."""
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(out.iterdir())}


def zips(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.zip"))}


def test_nothing_changed_nothing_is_written_and_warnings_are_repeated(tmp_path: Path) -> None:
    src, out = course_copy(tmp_path), tmp_path / "out"
    edit(src / "sites/02-andre-stopp/site.md", "captions: media/video.vtt\n", "")  # a warning to repeat
    first = build(src, out)
    assert first.ok and not first.up_to_date and first.problems.warnings
    before = state(out)
    again = build(src, out)
    assert again.up_to_date
    assert state(out) == before  # not one file touched, the cache included
    assert [p.path for p in again.packages] == [p.path for p in first.packages]
    assert again.problems.sorted() == first.problems.sorted()


def test_the_cli_says_nothing_changed(tmp_path: Path) -> None:
    src, out = course_copy(tmp_path), tmp_path / "out"
    assert runner.invoke(main, ["build", str(src), "--out", str(out)]).exit_code == 0
    again = runner.invoke(main, ["build", str(src), "--out", str(out)])
    assert again.exit_code == 0
    assert f"nothing changed: 5 package(s) in {out} are up to date; nothing was written" in again.stdout


def test_one_site_changed_gives_the_clean_builds_bytes_without_reading_media_again(tmp_path: Path) -> None:
    src, out, clean = course_copy(tmp_path), tmp_path / "out", tmp_path / "clean"
    build(src, out)
    edit(src / "sites/02-andre-stopp/site.md", "title:", "title: Endret")
    cache = open_cache(src, out)
    rebuilt = build(src, out, cache=cache)
    assert rebuilt.ok and not rebuilt.up_to_date
    assert cache.digests.reads == 1  # the edited site.md; the video and every other file known by their stat
    assert build(src, clean).ok
    assert zips(out) == zips(clean)
    assert (out / CACHE_NAME).exists()


def test_a_zip_changed_or_removed_in_the_folder_is_written_again(tmp_path: Path) -> None:
    src, out = course_copy(tmp_path), tmp_path / "out"
    build(src, out)
    expected = zips(out)
    (out / "min-forste-loype-web.zip").write_bytes(b"not a zip")
    (out / "min-forste-loype-cmi5.zip").unlink()
    again = build(src, out)
    assert not again.up_to_date
    assert {p.path.name for p in again.packages if p.written} == {"min-forste-loype-web.zip", "min-forste-loype-cmi5.zip"}
    assert zips(out) == expected


def test_a_zip_whose_entries_did_not_change_is_left_as_it_is(tmp_path: Path) -> None:
    src, out = course_copy(tmp_path), tmp_path / "out"
    build(src, out, [Format.WEB])
    web = state(out)["min-forste-loype-web.zip"]
    both = build(src, out, [Format.WEB, Format.SCORM12])
    assert [(p.format, p.written) for p in both.packages] == [(Format.WEB, False), (Format.SCORM12, True)]
    assert state(out)["min-forste-loype-web.zip"] == web
    assert build(src, out, [Format.WEB]).packages[0].written is False  # remembered across format choices
