"""`trail configure --set lrs_platform=...` reaches the LRS: every statement names the new platform."""

from __future__ import annotations

from pathlib import Path

from packager.configure import configure
from tests.support.packages import extract_zip
from tests.support.server import HttpServer
from tests.xapi.conftest import Built, Learner
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LearningLocker
from tests.xapi.rules import xapi_problems
from tests.xapi.walk import wait_for

COURSE = "https://example.no/kurs/min-forste-loype"


def test_the_configured_platform_is_in_every_statement(
    lms: LmsStandIn, lrs: LearningLocker, xapi_package: Built, learner: Learner, http_server: HttpServer,
    tmp_path: Path,
) -> None:
    out = tmp_path / "nordby-xapi.zip"
    configure(xapi_package.zip, out, [("lrs_platform", "Nordby kommune LMS")])
    url = http_server.mount("xapi-configured", extract_zip(out, tmp_path / "nordby"))
    launch = lms.tincan_launch(url, COURSE)
    learner.open(launch.url)
    got = wait_for(lambda: lrs.raw_statements(registration=launch.registration), what="initialized")
    assert {s["context"]["platform"] for s in got} == {"Nordby kommune LMS"}
    assert xapi_problems(lms.received(launch)) == []
