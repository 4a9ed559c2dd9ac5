"""Every case of the broken-source corpus gives exactly its messages and exit code:
no traceback, no problem more or less, and the course's file, line and key in each."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from packager.cli import main
from tests.broken.corpus import CASES, Case, broken, materialize


def test_the_corpus_is_large_enough() -> None:
    assert len(broken()) >= 80


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_source(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    materialize(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, list(case.args), env=case.env or None)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    problems = [line for line in lines if not line.endswith(" warning(s)")]
    assert problems == list(case.expected)
    assert result.exit_code == case.code, result.output
    if case.args[0] == "build" and case.code:
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
