"""All-or-nothing output: a build replaces the whole set or nothing, leaves nothing behind,
and two builds into one folder never mix (the second waits, or says the folder is busy)."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from packager import zipwriter
from packager.build import build
from packager.output import LOCK_NAME, locked
from tests.unit.helpers import FIXTURE, edit

ROUNDS = int(os.environ.get("TRAIL_CONCURRENCY_ROUNDS", "6"))
FORMATS = ("cmi5", "scorm12", "scorm2004", "web", "xapi")
TRAIL = [sys.executable, "-c", "from packager.cli import main; main()"]


def course(tmp_path: Path, marker: str) -> Path:
    """The starter course (slug min-forste-loype) with `marker` on its welcome page."""
    src = Path(shutil.copytree(FIXTURE.resolve(), tmp_path / f"course-{marker}"))
    edit(src / "pages/welcome.md", "Velkommen til løypa!", f"Velkommen til løypa {marker}!")
    return src


def the_set(out: Path) -> str:
    """Which source every zip in `out` came from; fails on leftovers, a corrupt zip or a mix."""
    names = sorted(p.name for p in out.iterdir())
    assert names == [".trail-cache.json"] + [f"min-forste-loype-{f}.zip" for f in FORMATS], names
    markers = set()
    for fmt in FORMATS:
        with zipfile.ZipFile(out / f"min-forste-loype-{fmt}.zip") as archive:
            assert archive.testzip() is None
            html = archive.read("index.html").decode("utf-8")
        markers |= {m for m in ("AAA", "BBB") if f"løypa {m}!" in html}
    assert len(markers) == 1, f"zips of two builds side by side: {markers}"
    return markers.pop()


def test_concurrent_builds_into_one_folder_never_mix(tmp_path: Path) -> None:
    sources = {m: course(tmp_path, m) for m in ("AAA", "BBB")}
    out = tmp_path / "dist"
    finals, waited = [], 0
    for round_ in range(ROUNDS):
        order = ("AAA", "BBB") if round_ % 2 == 0 else ("BBB", "AAA")
        runs = [subprocess.Popen([*TRAIL, "build", str(sources[m]), "-o", str(out)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for m in order]
        results = [(*run.communicate(timeout=300), run.returncode) for run in runs]
        for stdout, stderr, code in results:
            assert code == 0, stderr
            assert "Traceback" not in stderr
            assert "built 5 package(s)" in stdout or ("5 package(s) in" in stdout and "are up to date" in stdout)
            waited += "waiting for another trail build into" in stderr
        finals.append(the_set(out))
    assert set(finals) <= {"AAA", "BBB"} and len(finals) == ROUNDS
    assert waited, "the builds never overlapped, so this proved nothing"


def test_a_second_build_says_the_folder_is_busy_when_it_cannot_wait(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    with locked(out):  # a build in progress
        run = subprocess.run([*TRAIL, "build", str(course(tmp_path, "AAA")), "-o", str(out)], capture_output=True,
                             text=True, env={**os.environ, "TRAIL_LOCK_WAIT": "0.5"}, check=False)
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == (f"Error: output folder {out} is busy: another trail build is writing "
                                           "into it; waited 0.5 s")
    assert not any(p.name.endswith(".zip") for p in out.iterdir())


def test_a_failed_build_leaves_the_previous_set_untouched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "dist"
    assert build(course(tmp_path, "AAA"), out).ok
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    written = []
    real_write = zipwriter.write

    def disk_full_on_the_third(items: object, target: Path, *args: object) -> object:
        """A real write, until the disk fills up on the third zip (the fault injected)."""
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        written.append(target)
        return real_write(items, target, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("packager.archive.write", disk_full_on_the_third)
    result = build(course(tmp_path, "BBB"), out)
    assert not result.ok
    assert [str(p) for p in result.problems.errors][-1].endswith("no space left on device")
    assert len(written) == 2  # two zips of the new set were complete, and still none replaced its old one
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert the_set(out) == "AAA"


def test_a_killed_builds_leftovers_are_swept_and_the_lock_is_gone(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    (out / ".trail-tmp-killed").mkdir(parents=True)
    (out / ".trail-tmp-killed" / "min-forste-loype-web.zip.part").write_bytes(b"half")
    assert build(course(tmp_path, "AAA"), out).ok
    assert the_set(out) == "AAA"
    assert not (out / LOCK_NAME).exists()
