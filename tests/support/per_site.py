"""Per-site SCORM packages in the test LMS (both versions): building one, and what a learner sees in a SCO.

Shared by tests/test_per_site_scorm2004.py (an LMS that sequences) and tests/test_per_site_scorm12.py
(an LMS with a table of contents); both harnesses set `window.__lms.current` to the launched item.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.lms import LmsSession

REPO = Path(__file__).resolve().parents[2]

QUESTION_IDS = """(slug) => JSON.parse(document.getElementById("trail-data").textContent)
    .sites.find((s) => s.slug === slug).questions.map((q) => q.id)"""


def build_per_site(course: Path, out: Path, fmt: str) -> Path:
    """`trail build COURSE --format FMT --sco-mode per-site`, as a user runs it; the zip it wrote."""
    done = subprocess.run(
        [sys.executable, "-c", "from packager.cli import main; main()", "build", str(course), "--out", str(out),
         "--format", fmt, "--sco-mode", "per-site"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )
    assert done.returncode == 0, f"trail build failed:\n{done.stdout}\n{done.stderr}"
    [zip_path] = out.glob(f"*-{fmt}.zip")
    return zip_path


def wait_for_sco(lms: LmsSession, item: str, query: str) -> None:
    """The LMS launched `item` and the trail in it has started."""
    lms.page.wait_for_function(
        """([item, query]) => {
            const f = document.getElementById("sco"), w = f && f.contentWindow;
            return window.__lms.current === item && w && w.location.search === query &&
              !!w.document.documentElement && w.document.documentElement.getAttribute("data-trail") === "ready";
        }""", arg=[item, query], timeout=15000)


def follow(lms: LmsSession, hash_route: str) -> None:
    """The learner follows a link of the trail (a map marker, 'back to the map')."""
    lms.frame.evaluate("(h) => { window.location.hash = h; }", hash_route)


def statuses(lms: LmsSession) -> dict[str, str]:
    """What this SCO's map shows for each site (is-new, is-visited, is-done)."""
    got: dict[str, str] = lms.frame.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("#view-map .stop[data-site]")].map(
            (e) => [e.getAttribute("data-site"), (e.className.match(/is-[a-z]+/) || [""])[0]]))""")
    return got


def shown(lms: LmsSession) -> str | None:
    """The site this SCO shows (None: the map or a page)."""
    slug: str | None = lms.frame.evaluate(
        """() => { const v = [...document.querySelectorAll(".view-site")].find((e) => !e.hidden);
                   return v ? v.getAttribute("data-site") : null; }""")
    return slug


def launches(lms: LmsSession) -> list[dict[str, Any]]:
    """Every launch the harness made, in order, with the CMI the SCO left."""
    got: list[dict[str, Any]] = lms.page.evaluate("() => window.__lms.launches")
    return got
