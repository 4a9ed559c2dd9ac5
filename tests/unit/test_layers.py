"""Layers that only point down: what importing one part of trail drags in.

A user notices this as speed and robustness: `trail check` and the package
writers start without the template engine, and each xAPI module imports on its
own (no circular import that breaks depending on which one comes first).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RENDERING = ("jinja2", "markdown_it", "babel", "packager.render")


def modules_after(statement: str) -> set[str]:
    probe = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True)
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("module", ["packager.package", "packager.package.rules", "packager.archive",
                                    "packager.files", "packager.package.launch"])
def test_the_package_writers_rules_and_archive_need_no_renderer(module: str) -> None:
    loaded = modules_after(f"import {module}")
    assert [name for name in RENDERING if name in loaded] == []


@pytest.mark.parametrize("module", ["packager.xapi.activities", "packager.xapi.video", "packager.xapi.profile",
                                    "packager.xapi.guide", "packager.xapi"])
def test_each_xapi_module_imports_first(module: str) -> None:
    assert module in modules_after(f"import {module}")


def test_the_package_modules_import_no_stage_above_them() -> None:
    above = ("packager.render", "packager.validate", "packager.build", "packager.preview", "packager.load",
             "packager.cli")
    for path in sorted((REPO / "packager" / "package").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert [name for name in above if f"from {name} " in text or f"import {name}\n" in text] == [], path.name


def test_the_unit_tests_need_no_playwright() -> None:
    """A fresh clone runs `pytest tests/unit` before any browser is set up."""
    probe = ("import sys, pytest\nsys.modules['playwright'] = None  # any import of it fails\n"
             "sys.exit(pytest.main(['--collect-only', '-q', '-p', 'no:cacheprovider', 'tests/unit']))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=False)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
