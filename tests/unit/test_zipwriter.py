"""The zip writer: zips every reader opens, media streamed and read once, memory flat in the media's size."""

from __future__ import annotations

import shutil
import subprocess
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from packager import zipwriter
from packager.archive import write_zip, write_zips
from packager.build import build
from packager.digests import Digests
from tests.unit.helpers import course_copy, edit

MB = 1 << 20


def sparse(path: Path, size: int) -> Path:
    """A large MP4 that costs no disk: after its `ftyp` box (the loader checks videos by content),
    its bytes are zeros the file system does not store."""
    with path.open("wb") as out:
        out.write(b"\x00\x00\x00\x14ftypisom\x00\x00\x02\x00isom")
        out.truncate(size)
    return path


def files(tmp_path: Path) -> dict[str, bytes | Path]:
    text = tmp_path / "notes.vtt"
    text.write_text("WEBVTT\n\n" + "00:00.000 --> 00:01.000\nhei\n\n" * 200, encoding="utf-8")
    video = tmp_path / "clip.mp4"
    video.write_bytes(bytes(range(256)) * 40)
    return {"index.html": b"<p>hei</p>" * 50, "media/s/clip.mp4": video, "media/s/clip.vtt": text,
            "trail/a.js": b"a()"}


def assert_readable(target: Path, expected: dict[str, bytes | Path]) -> None:
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None  # every CRC matches
        assert sorted(archive.namelist()) == sorted(expected)
        for name, content in expected.items():
            assert archive.read(name) == (content.read_bytes() if isinstance(content, Path) else content), name
    if shutil.which("unzip"):
        assert subprocess.run(["unzip", "-tq", str(target)], capture_output=True).returncode == 0


def test_zips_open_in_zipfile_and_unzip(tmp_path: Path) -> None:
    content = files(tmp_path)
    write_zip(content, tmp_path / "p.zip")
    assert_readable(tmp_path / "p.zip", content)


def test_zip64_fields_are_written_where_sizes_and_offsets_need_them(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zipwriter, "LIMIT32", 300)  # as if 300 bytes were 4 GiB: every path of zip64 runs
    monkeypatch.setattr(zipwriter, "INLINE_LIMIT", 100)  # the text file is deflated chunk by chunk
    content = files(tmp_path)
    write_zip(content, tmp_path / "p.zip")
    assert_readable(tmp_path / "p.zip", content)


def test_large_text_files_are_deflated_in_chunks_with_the_same_bytes(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    content = files(tmp_path)
    write_zip(content, tmp_path / "whole.zip")
    monkeypatch.setattr(zipwriter, "INLINE_LIMIT", 100)
    write_zip(content, tmp_path / "chunks.zip")
    assert (tmp_path / "whole.zip").read_bytes() == (tmp_path / "chunks.zip").read_bytes()


def test_zips_written_together_equal_zips_written_alone(tmp_path: Path) -> None:
    content = files(tmp_path)
    other = {**content, "imsmanifest.xml": b"<manifest/>"}
    write_zips([(content, tmp_path / "a.zip"), (other, tmp_path / "b.zip")])
    write_zip(content, tmp_path / "a1.zip")
    write_zip(other, tmp_path / "b1.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "a1.zip").read_bytes()
    assert (tmp_path / "b.zip").read_bytes() == (tmp_path / "b1.zip").read_bytes()


def test_pages_that_start_alike_are_the_bytes_of_deflating_each_alone() -> None:
    """Deflated shares the compressor's state over a common start (the formats' pages); each result
    is still what deflating that content alone gives, wherever the contents part ways."""
    import random
    import zlib

    rng = random.Random(7)
    words = [rng.randbytes(rng.randint(2, 9)).hex().encode() for _ in range(400)]
    start = b" ".join(rng.choice(words) for _ in range(60_000))  # about 600 KB of text that compresses
    pages = [start[:cut] + tail for cut in (len(start), len(start) - 5, 300_000, 32_768 * 3, 70_001)
             for tail in (b"<script>1</script>", b"<script>" + b"22" * 5000 + b"</script>")]
    shared = zipwriter.Deflated()
    shared.share(pages)
    for n, page in enumerate(pages):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        alone = packer.compress(page) + packer.flush()
        assert shared.get(zipwriter.Item(f"p{n}.html", page, False), Digests()) == (alone, zlib.crc32(page), len(page))


def test_media_is_read_once_for_all_zips_and_never_whole(tmp_path: Path) -> None:
    video = sparse(tmp_path / "big.mp4", 96 * MB)
    content: dict[str, bytes | Path] = {"index.html": b"x", "media/s/big.mp4": video}
    digests = Digests()
    tracemalloc.start()
    write_zips([(content, tmp_path / f"{n}.zip") for n in range(3)], digests)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 8 * MB, f"{peak / MB:.1f} MiB allocated at once for a 96 MiB video"
    assert digests.reads == 1
    for n in range(3):
        with zipfile.ZipFile(tmp_path / f"{n}.zip") as archive:
            info = archive.getinfo("media/s/big.mp4")
            assert (info.file_size, info.compress_type) == (96 * MB, zipfile.ZIP_STORED)
            assert digests.of(video).crc == info.CRC


def test_a_whole_build_holds_no_more_memory_with_a_bigger_video(tmp_path: Path) -> None:
    source = course_copy(tmp_path)
    site = source / "sites" / "01-forste-stopp"
    edit(site / "site.md", "url: https://www.example.org/video/eksempel", "src: media/video.mp4")
    (site / "media").mkdir()
    video = site / "media" / "video.mp4"
    peaks = []
    for size in (4 * MB, 128 * MB):
        sparse(video, size)
        tracemalloc.start()
        result = build(source, tmp_path / f"out-{size}")
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert result.ok, [str(p) for p in result.problems.items]
        peaks.append(peak)
    assert peaks[1] < peaks[0] + 4 * MB, [p / MB for p in peaks]
