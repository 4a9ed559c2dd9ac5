"""`trail inspect` on the packages trail builds: no findings, a true summary, and the CLI's contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from packager.build import build
from packager.cli import main
from packager.inspect import inspect_package
from packager.inspect.text import render
from packager.model import Format, ScoMode
from packager.package import with_option
from tests.inspect.broken import CASES, make
from tests.unit.helpers import FIXTURE

REPO = Path(__file__).resolve().parents[2]
FORMATS = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "xapi": "Tin Can (xAPI)", "cmi5": "cmi5"}


@pytest.mark.parametrize("fmt", ["scorm12", "scorm2004", "xapi", "cmi5", "web"])
def test_our_packages_have_no_findings(fmt: str, our_packages: dict[str, Path]) -> None:
    report = inspect_package(our_packages[fmt])
    assert report.findings == [] and report.ok
    summary = report.summary
    assert summary["format"].startswith(FORMATS.get(fmt, "web"))
    assert summary["sites"] == 3 and summary["interactions"] > 0  # the fixture course: 3 rest sites
    assert summary["media"]["video"]["files"] == 1


def test_the_summary_says_what_each_format_holds(our_packages: dict[str, Path]) -> None:
    s12, s2004 = (inspect_package(our_packages[f]).summary for f in ("scorm12", "scorm2004"))
    assert (s12["scos"], s12["edition"]) == (1, None)
    assert (s2004["scos"], s2004["edition"], s2004["objectives"]) == (1, "4th Edition", 4)  # course + 3 sites
    assert inspect_package(our_packages["cmi5"]).summary["aus"] == 3
    assert inspect_package(our_packages["xapi"]).summary["launch"] == "index.html"


def test_cli_human_output_and_exit_codes(our_packages: dict[str, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    good = runner.invoke(main, ["inspect", str(our_packages["scorm2004"])])
    assert good.exit_code == 0, good.output
    assert "format: SCORM 2004, 4th Edition" in good.output
    assert "no problems found: an LMS should import this package." in good.output
    broken = make(next(c for c in CASES if c.name == "wrapper-folder"), our_packages, tmp_path)
    bad = runner.invoke(main, ["inspect", str(broken)])
    assert bad.exit_code == 1
    assert "error: kurs/imsmanifest.xml: imsmanifest.xml is inside the folder 'kurs/'" in bad.output


def test_cli_json_for_scripts(our_packages: dict[str, Path], tmp_path: Path) -> None:
    broken = make(next(c for c in CASES if c.name == "masteryscore-range"), our_packages, tmp_path)
    done = CliRunner().invoke(main, ["inspect", "--json", str(broken)])
    assert done.exit_code == 1
    payload = json.loads(done.output)
    assert payload["ok"] is False and payload["summary"]["format"] == "SCORM 1.2"
    assert [(f["code"], f["level"], f["where"]) for f in payload["findings"]] == [
        ("masteryscore-range", "error", "item item-1")]


def test_the_cli_loads_inspect_only_when_asked() -> None:
    code = "import sys, packager.cli; print(sorted(m for m in sys.modules if m.startswith('packager.inspect')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_our_per_site_scorm12_package_has_no_findings(tmp_path: Path) -> None:
    """SCORM 1.2 `sco_mode: per-site`: the map and a SCO per site, all launching one resource."""
    result = build(FIXTURE, tmp_path, [Format.SCORM12], options=with_option("sco_mode", ScoMode.PER_SITE))
    assert result.ok, [str(p) for p in result.problems.items]
    report = inspect_package(result.packages[0].path)
    assert report.findings == [] and report.ok
    assert (report.summary["format"], report.summary["scos"], report.summary["sites"]) == ("SCORM 1.2", 1, 3)
    assert report.summary["items"] == report.summary["tracked_items"] == 4  # the map and three rest sites
    assert "items that launch a SCO (the LMS tracks each one on its own): 4" in render(report)


@pytest.fixture(scope="module")
def site_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample course as `sco_mode: per-site-packages`: one single-SCO SCORM 2004 zip per rest site."""
    out = tmp_path_factory.mktemp("site-packages")
    result = build(REPO / "course_source", out, [Format.SCORM2004],
                   options=with_option("sco_mode", ScoMode.PER_SITE_PACKAGES))
    assert result.ok, [str(p) for p in result.problems.items]
    return [p.path for p in result.packages]


def test_every_site_package_has_no_findings(site_packages: list[Path]) -> None:
    assert len(site_packages) == 19
    for zip_path in site_packages:
        report = inspect_package(zip_path)
        assert report.findings == [] and report.ok, (zip_path.name, report.findings)
        assert (report.summary["format"], report.summary["scos"], report.summary["sites"]) == (
            "SCORM 2004", 1, 1)
        assert report.summary["media"]["video"]["files"] == 1  # its own site's video, no other


def test_configure_works_on_a_site_package(site_packages: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "nordby-07.zip"
    done = CliRunner().invoke(main, ["configure", str(site_packages[6]), "--set",
                                     "common_room_url=https://laering.nordby.kommune.no/forum/7", "-o", str(target)])
    assert done.exit_code == 0, done.output
    report = inspect_package(target)
    assert report.findings == [] and report.settings is not None
    assert report.settings["common_room_url"] == "https://laering.nordby.kommune.no/forum/7"
