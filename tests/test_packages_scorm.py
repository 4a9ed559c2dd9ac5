"""Built SCORM packages import cleanly and leave resumable state behind in an LMS.

Builds tests/fixtures/course with the real CLI, opens each zip as an LMS
importer would (XSD wrapper + the rules the XSDs miss + every file listed),
then runs it in the scorm-again test LMS: a learner opens two of the three
sites and closes the tab. What the LMS must then hold is what lets the
learner come back: a bookmark, the state, exit "suspend", still incomplete.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.support.browser import browser_fixture, launch_scorm_fixture  # noqa: F401 (the browser fixtures)
from tests.support.lms import LmsSession
from tests.support.manifest_rules import check_manifest_files, check_manifest_rules
from tests.support.packages import extract_zip, zip_problems
from tests.support.schemas import schema_errors
from tests.support.scorm_limits import check_scorm12_limits

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "tests" / "fixtures" / "course"
FORMATS = {"1.2": "scorm12", "2004": "scorm2004"}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Zip per SCORM version, each built once for this module through the CLI.

    One build per format, so a broken format fails only its own tests.
    """
    zips: dict[str, Path] = {}

    class Lazy(dict[str, Path]):
        def __missing__(self, version: str) -> Path:
            out = tmp_path_factory.mktemp(FORMATS[version])
            done = subprocess.run(
                [sys.executable, "-c", "from packager.cli import main; main()", "build",
                 str(COURSE), "--out", str(out), "--format", FORMATS[version]],
                capture_output=True, text=True, check=False, cwd=REPO,
            )
            assert done.returncode == 0, f"trail build failed:\n{done.stdout}\n{done.stderr}"
            [self[version]] = out.glob(f"*-{FORMATS[version]}.zip")
            return self[version]

    return Lazy(zips)


@pytest.fixture
def package_dir(packages: dict[str, Path], tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    version: str = request.param
    assert zip_problems(packages[version]) == []
    return extract_zip(packages[version], tmp_path / FORMATS[version])


def site_slugs(package: Path) -> list[str]:
    """Site slugs from the course data the runtime itself reads."""
    html = etree.parse(str(package / "index.html"), etree.HTMLParser())
    [data] = html.xpath("//script[@id='trail-data']/text()")
    return [site["slug"] for site in json.loads(data)["sites"]]


def open_site(lms: LmsSession, slug: str) -> None:
    """Follow the hash route `#/site/<slug>` and return once the app has handled it.

    Our hashchange listener is added after the app's, so it runs after it; the site's file loads
    the first time it opens, so this waits until the site is shown.
    """
    lms.frame.evaluate("(slug) => { window.location.hash = '#/site/' + slug; }", slug)
    lms.frame.wait_for_selector(f'.view-site[data-site="{slug}"]:not([hidden])')


@pytest.mark.parametrize("package_dir", ["1.2", "2004"], indirect=True)
def test_manifest_is_valid(
    package_dir: Path, scorm_schema12: etree.XMLSchema, scorm_schema2004: etree.XMLSchema
) -> None:
    version = "1.2" if package_dir.name == "scorm12" else "2004"
    tree = etree.parse(str(package_dir / "imsmanifest.xml"), etree.XMLParser(no_network=True))
    schema = scorm_schema12 if version == "1.2" else scorm_schema2004
    assert schema_errors(schema, tree) == []
    assert check_manifest_rules(tree, version) == []  # type: ignore[arg-type]
    assert check_manifest_files(tree, package_dir) == []


@pytest.mark.parametrize("package_dir", ["1.2", "2004"], indirect=True)
def test_two_sites_then_close_leaves_resumable_state(
    package_dir: Path, launch_scorm: Any
) -> None:
    version = "1.2" if package_dir.name == "scorm12" else "2004"
    slugs = site_slugs(package_dir)
    assert len(slugs) == 3, slugs
    lms: LmsSession = launch_scorm(version, package_dir)
    lms.wait_for("() => document.documentElement.dataset.trail === 'ready'")

    open_site(lms, slugs[0])
    open_site(lms, slugs[1])
    # Closing right away: whatever the tracker had not committed yet must go out now.
    assert lms.unload(), f"no LMSFinish/Terminate and terminate commit; calls: {lms.calls()}"

    assert lms.errors() == []
    cmi = lms.last_commit()
    if version == "1.2":
        core = cmi["core"]
        assert slugs[1] in core["lesson_location"]  # resume where the learner was
        assert core["exit"] == "suspend"
        assert core["lesson_status"] == "incomplete"
        assert core["score"]["raw"] == ""  # nothing answered: no score yet
        assert check_scorm12_limits(cmi) == []
    else:
        assert slugs[1] in cmi["location"]
        assert cmi["exit"] == "suspend"
        assert cmi["completion_status"] == "incomplete"
        assert cmi["success_status"] == "unknown"  # nothing answered: no judgement yet
        assert cmi["score"]["scaled"] == ""
    assert cmi["suspend_data"]
