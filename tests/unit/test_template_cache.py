"""Compiled templates kept between builds change nothing a package holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.build import build
from tests.unit.helpers import course_copy


def test_builds_with_and_without_the_template_cache_are_the_same_bytes(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    src = course_copy(tmp_path)
    monkeypatch.setenv("TRAIL_CACHE_DIR", "")
    plain = build(src, tmp_path / "plain")
    monkeypatch.setenv("TRAIL_CACHE_DIR", str(tmp_path / "cache"))
    first, second = build(src, tmp_path / "first"), build(src, tmp_path / "second")  # compiled, then reused
    assert list((tmp_path / "cache" / "templates").iterdir())
    for a, b, c in zip(plain.packages, first.packages, second.packages, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes() == c.path.read_bytes()


def test_a_build_with_cached_catalogues_never_imports_babel(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    src = course_copy(tmp_path)
    probe = ("import sys; from pathlib import Path; from packager.build import build; "
             f"assert build(Path({str(src)!r}), Path(sys.argv[1])).ok; print('babel' in sys.modules)")
    env = {**os.environ, "TRAIL_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", probe, str(tmp_path / f"out{n}")], env=env, capture_output=True,
                           text=True, check=True).stdout.strip() for n in range(2)]
    assert runs == ["True", "False"]  # compiled once from the .po, then read from the cache
