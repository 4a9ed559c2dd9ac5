"""Input rules the corpus cannot show by one mutation: unreadable files, and references
that climb but stay in their folder being packaged where they belong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from packager.build import build
from packager.model import Format
from tests.unit.helpers import FIXTURE, edit, line_of


@pytest.fixture
def open_course() -> Iterator[Path]:
    """A copy of the starter course any user may read (tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="trail-perm-"))
    os.chmod(folder, 0o755)
    try:
        yield Path(shutil.copytree(FIXTURE.resolve(), folder / "course"))
    finally:
        for path in folder.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _check_without_root_powers(source: Path) -> subprocess.CompletedProcess[str]:
    """`trail check` as root would read a chmod-000 file anyway; without the capabilities that
    bypass file permissions, root reads as any user does."""
    command = [sys.executable, "-c", "from packager.cli import main; main()", "check", str(source)]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_unreadable_files_are_problems(open_course: Path) -> None:
    site = open_course / "sites/01-forste-stopp/site.md"
    video = open_course / "sites/02-andre-stopp/media/video.mp4"
    site.chmod(0)
    video.chmod(0)
    result = _check_without_root_powers(open_course)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{open_course}/sites/01-forste-stopp/site.md: cannot be read: permission denied",
        f"{open_course}/sites/02-andre-stopp/site.md:{line_of(open_course / 'sites/02-andre-stopp/site.md', 'src: media/video.mp4')}: video.src: 'media/video.mp4' cannot be read: permission denied",
        "2 error(s), 0 warning(s)",
    ]


def test_a_reference_that_climbs_but_stays_is_packaged_in_its_place(tmp_path: Path) -> None:
    src = Path(shutil.copytree(FIXTURE.resolve(), tmp_path / "course"))
    site = src / "sites/02-andre-stopp/site.md"
    edit(site, "src: media/video.mp4", "src: media/../media/./video.mp4")
    result = build(src, tmp_path / "out", [Format.WEB])
    assert result.ok, [str(p) for p in result.problems.items]
    with zipfile.ZipFile(result.packages[0].path) as archive:
        names = archive.namelist()
        html = archive.read("sites/andre-stopp.js").decode("utf-8")  # the site's markup, in its own file
    assert "media/andre-stopp/video.mp4" in names
    assert 'src="media/andre-stopp/video.mp4"' in html
