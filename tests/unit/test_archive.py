"""Archives: same input, same bytes; names an LMS import accepts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from packager.archive import unsafe_names, write_zip


def files(tmp_path: Path) -> dict[str, bytes | Path]:
    media = tmp_path / "clip.mp4"
    media.write_bytes(b"\x00" * 1000)
    return {"trail/b.js": b"b()", "index.html": b"<html></html>", "media/s/clip.mp4": media, "a.xml": b"<a/>"}


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    one, two = tmp_path / "1.zip", tmp_path / "2.zip"
    write_zip(files(tmp_path), one)
    write_zip(dict(reversed(list(files(tmp_path).items()))), two)
    assert one.read_bytes() == two.read_bytes()


def test_entries_sorted_flat_fixed_time_and_mode(tmp_path: Path) -> None:
    target = tmp_path / "p.zip"
    write_zip(files(tmp_path), target)
    with zipfile.ZipFile(target) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["a.xml", "index.html", "media/s/clip.mp4", "trail/b.js"]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert not any(i.is_dir() for i in infos)
        compress = {i.filename: i.compress_type for i in infos}
        assert compress["media/s/clip.mp4"] == zipfile.ZIP_STORED
        assert compress["index.html"] == zipfile.ZIP_DEFLATED
        assert archive.read("trail/b.js") == b"b()"


def test_source_date_epoch_sets_the_timestamp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14T22:13:20Z
    target = tmp_path / "p.zip"
    write_zip({"index.html": b"x"}, target)
    with zipfile.ZipFile(target) as archive:
        assert archive.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_unsafe_names_are_refused(tmp_path: Path) -> None:
    bad = {"media\\x.png": b"", "../up.txt": b"", "/abs.txt": b"", "blå.txt": b"", "ok/fine-1.txt": b""}
    assert sorted(unsafe_names(bad)) == sorted(["media\\x.png", "../up.txt", "/abs.txt", "blå.txt"])
    with pytest.raises(ValueError, match="unsafe file names"):
        write_zip(bad, tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()
