"""`trail report` against the real LRS: learners walk the xAPI and cmi5 packages in Chromium,
generated learners arrive through tincan, and the report read from the LRS equals the report
read from an export of the same statements, matches what the learners did, names nobody and
passes axe."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser
from tincan import Statement

from bench.statements import MUNICIPALITY, generate
from packager.cli import main
from packager.model import Format
from packager.report.course import ReportCourse, read_course
from packager.report.lrs import Endpoint
from packager.report.run import Options, make_report
from tests.support.server import HttpServer
from tests.ui.ui import axe
from tests.unit.helpers import course_copy, edit
from tests.xapi.conftest import Built, Learner, built
from tests.xapi.lms import LmsStandIn
from tests.xapi.lrs import LRS_AUTH, LearningLocker
from tests.xapi.walk import answer, counts, go, reflect, wait_for

COURSE = "https://example.no/kurs/rapport-loype"  # its own course: other tests' statements stay out
SALT = "test-salt"
VOLUME = 25  # generated learners


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = course_copy(tmp_path_factory.mktemp("report"))
    edit(folder / "course.yaml", "id: https://example.no/kurs/min-forste-loype", f"id: {COURSE}")
    return folder


def send_generated(lrs: LearningLocker, course: ReportCourse) -> list[dict[str, Any]]:
    """Generated learners, each statement made a tincan Statement and posted 100 at a time."""
    made = list(generate(course, VOLUME, seed=3))
    for i in range(0, len(made), 100):
        batch = []
        for raw in made[i:i + 100]:
            body = json.loads(Statement.from_json(json.dumps(raw)).to_json("1.0.3"))
            body.pop("version", None)
            batch.append(body)
        response = lrs.forward("POST", "statements", {}, json.dumps(batch).encode())
        assert response.success, response.data
    return made


def walk_xapi(lms: LmsStandIn, lrs: LearningLocker, pkg: Built, learner: Learner) -> str:
    launch = lms.tincan_launch(pkg.url, COURSE)
    page = learner.open(launch.url)
    go(page, "#/site/forste-stopp")
    assert answer(page, "forste-stopp", "velg-en", ["b"]) == "incorrect"
    assert answer(page, "forste-stopp", "velg-en", ["a"]) == "correct"
    assert answer(page, "forste-stopp", "velg-flere", ["a", "b"]) == "correct"
    assert answer(page, "forste-stopp", "sant-usant", True) == "correct"
    reflect(page, "forste-stopp", "min-kommune", "Vi har en plan – «bolig først».")
    go(page, "#/site/andre-stopp")
    assert answer(page, "andre-stopp", "skriv-inn", "oslo") == "correct"
    go(page, "#/")
    page.goto("about:blank")
    reg = launch.registration or ""
    wait_for(lambda: counts(lrs.raw_statements(registration=reg))["terminated"] == 1, what="xAPI terminated")
    return reg


def walk_cmi5(lms: LmsStandIn, lrs: LearningLocker, pkg: Built, browser: Browser) -> str:
    launch = lms.cmi5_launch(pkg.url, "index.html?site=forste-stopp", f"{COURSE}/sites/forste-stopp")
    context = browser.new_context(locale="nb-NO")
    try:
        page = Learner(context).open(launch.url)
        page.wait_for_selector('.view-site[data-site="forste-stopp"]:not([hidden])')
        assert answer(page, "forste-stopp", "velg-en", ["a"]) == "correct"
        assert answer(page, "forste-stopp", "velg-flere", ["c"]) == "incorrect"
        page.goto("about:blank")
    finally:
        context.close()
    reg = launch.registration or ""
    wait_for(lambda: counts(lrs.raw_statements(registration=reg))["terminated"] == 1, what="cmi5 terminated")
    return reg


def csvs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.csv"))}


def test_the_report_from_the_lrs_equals_the_export_and_what_learners_did(
    lms: LmsStandIn, lrs: LearningLocker, learner: Learner, browser: Browser, source: Path,
    tmp_path: Path, http_server: HttpServer, lms_url: str,
) -> None:
    course = read_course(source)
    started = datetime.now(UTC).isoformat()
    xpkg = built(source, Format.XAPI, tmp_path / "x", http_server, "report-xapi")
    cpkg = built(source, Format.CMI5, tmp_path / "c", http_server, "report-cmi5")
    walk_xapi(lms, lrs, xpkg, learner)
    walk_cmi5(lms, lrs, cpkg, browser)
    generated = send_generated(lrs, course)

    # From the LRS, through the command line, with the credentials from the environment.
    env = {"TRAIL_LRS_ENDPOINT": lrs.url, "TRAIL_LRS_USERNAME": LRS_AUTH[0], "TRAIL_LRS_PASSWORD": LRS_AUTH[1],
           "TRAIL_REPORT_SALT": SALT}
    result = CliRunner().invoke(main, ["report", str(source), "-o", str(tmp_path / "lrs"),
                                       "--municipality", MUNICIPALITY], env=env)
    assert result.exit_code == 0, result.output
    assert LRS_AUTH[1] not in result.output
    # From an export of everything the LRS holds (other courses' statements too: filtered out).
    export = tmp_path / "export.json"
    export.write_text(json.dumps(lrs.raw_statements(), ensure_ascii=False), encoding="utf-8")
    from_export = make_report(course, tmp_path / "file", exports=[export],
                              options=Options(salt=SALT, municipality=MUNICIPALITY))
    assert csvs(tmp_path / "lrs") == csvs(tmp_path / "file")
    paged = make_report(course, tmp_path / "paged", endpoint=Endpoint(lrs.url, *LRS_AUTH, page=40),
                        options=Options(salt=SALT, municipality=MUNICIPALITY))  # many `more` links followed
    assert paged.statements == from_export.statements and csvs(tmp_path / "paged") == csvs(tmp_path / "file")
    learners = 2 + VOLUME
    assert from_export.learners == learners
    assert from_export.tables["funnel"].rows[0] == ("started", learners, 1.0)
    opened = {(st["actor"]["account"]["name"], st["object"]["id"].rsplit("/", 1)[1])
              for st in generated if st["verb"]["id"].endswith("/experienced")}
    by_title = {s.title: sum(1 for _, slug in opened if slug == s.slug) + (s.slug == "andre-stopp") +
                2 * (s.slug == "forste-stopp") for s in course.sites}
    assert {r[1]: r[2] for r in from_export.tables["sites"].rows} == by_title

    # Nobody named anywhere: not the scripted learners, not the generated ones; no password either.
    written = "\n".join(p.read_text(encoding="utf-8-sig") for p in (tmp_path / "lrs").iterdir())
    actors = [s["actor"] for s in lrs.raw_statements()]
    for secret in {a.get("name", "") for a in actors} | {a.get("mbox", "") for a in actors} | {
            a.get("account", {}).get("name", "") for a in actors} | {LRS_AUTH[1]}:
        if secret:
            assert secret not in written, secret
    assert "Vi har en plan" not in written

    # Only the scripted learners (the window starts when they did), every group shown.
    scripted = make_report(course, tmp_path / "scripted", endpoint=Endpoint(lrs.url, *LRS_AUTH),
                           options=Options(salt=SALT, since=started, min_group=1))
    assert scripted.learners == 2
    sites = {r["site"]: r for r in scripted.tables["sites"].as_dicts()}
    assert (sites["Første stopp"]["learners"], sites["Første stopp"]["visits"], sites["Første stopp"]["share_done"]
            ) == (2, 2, 0.5)  # the xAPI learner finished it, the cmi5 learner left two questions
    assert sites["Andre stopp"]["learners"] == 1 and sites["Tredje stopp"]["learners"] == 0
    questions = {r["question"]: r for r in scripted.tables["questions"].as_dicts()}
    assert questions["forste-stopp/velg-en"]["share_right_first_try"] == 0.5
    assert questions["forste-stopp/velg-en"]["share_right_at_end"] == 1.0
    assert questions["forste-stopp/velg-flere"]["share_right_first_try"] == 0.5
    assert questions["andre-stopp/skriv-inn"]["learners"] == 1
    # Broken-looking questions, flagged from what the two did: nobody chose Rød; both right first.
    assert questions["forste-stopp/velg-en"]["flag"] == "never chosen: c"
    assert questions["forste-stopp/velg-flere"]["flag"] is None  # Potet was chosen, half were right
    assert questions["forste-stopp/sant-usant"]["flag"] == "almost everybody right at first try; never chosen: false"
    options = {(r["question"], r["option"]): r for r in scripted.tables["options"].as_dicts()}
    assert options[("forste-stopp/velg-en", "b")]["share_first_try"] == 0.5
    assert options[("forste-stopp/velg-en", "c")]["chosen_ever"] == 0
    reflections = scripted.tables["reflections"].as_dicts()[0]
    assert (reflections["visitors"], reflections["learners_wrote"]) == (2, 1)
    assert [r[1] for r in scripted.tables["funnel"].rows] == [2, 2, 1, 0]

    # The page passes axe (WCAG 2.1 AA and best practice) and loads nothing from elsewhere.
    url = http_server.mount("report-out", tmp_path / "lrs")
    page = learner.context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{url}/report.html")
    assert requests == [f"{url}/report.html"]
    assert page.locator("svg.chart").count() >= 6
    assert page.locator("table").count() == len(list((tmp_path / "lrs").glob("*.csv")))
    assert axe(page, lms_url) == []
