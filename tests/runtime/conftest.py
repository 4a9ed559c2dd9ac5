"""Fixtures for the learner runtime tests: the runtime folder and the test pages on the server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
RUNTIME = REPO / "packager" / "runtime"
PAGES = Path(__file__).parent / "pages"


@pytest.fixture(scope="session")
def runtime_pages(http_server: Any, lms_url: str) -> Path:
    """packager/runtime served at /trail-runtime/ (what pages/sco.html loads); returns PAGES.

    Depends on lms_url so scorm-again is served at /lms/scorm-again/ for the
    page that hosts its own API.
    """
    http_server.mount("trail-runtime", RUNTIME)
    return PAGES


@pytest.fixture(scope="session")
def pages_url(http_server: Any, runtime_pages: Path) -> str:
    """The test pages served directly (no LMS around them)."""
    return http_server.mount("trail-runtime-pages", runtime_pages)
