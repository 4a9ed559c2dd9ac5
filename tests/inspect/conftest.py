"""Our own packages of the fixture course, built once for every inspect test."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.build import build
from tests.unit.helpers import FIXTURE


@pytest.fixture(scope="session")
def our_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    result = build(FIXTURE, tmp_path_factory.mktemp("ours"))
    assert result.ok, [str(p) for p in result.problems.items]
    return {str(p.format): p.path for p in result.packages}
