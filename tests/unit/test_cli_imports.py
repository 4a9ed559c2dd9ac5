"""`trail --version` and `trail check` start without loading what only a build or the preview needs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("jinja2", "babel", "lxml", "markdown_it", "yaml", "watchfiles", "packager.render", "packager.preview")
PROBE = """
import json, sys
from packager.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def imported(*args: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=REPO, check=True)
    return set(json.loads(run.stdout.strip().splitlines()[-1]))


def loaded(modules: set[str], name: str) -> bool:
    return any(m == name or m.startswith(f"{name}.") for m in modules)


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["build", "--help"]])
def test_version_and_help_load_none_of_the_pipeline(args: list[str]) -> None:
    modules = imported(*args)
    assert [name for name in HEAVY if loaded(modules, name)] == []


def test_check_loads_no_template_engine_catalogue_or_preview() -> None:
    modules = imported("check", str(REPO / "tests" / "fixtures" / "course"))
    assert loaded(modules, "yaml") and loaded(modules, "packager.validate")  # it did check
    assert [name for name in ("jinja2", "babel", "packager.render", "packager.preview", "watchfiles")
            if loaded(modules, name)] == []
