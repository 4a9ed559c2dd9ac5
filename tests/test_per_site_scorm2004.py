"""SCORM 2004 `sco_mode: per-site` in an LMS: every SCO launched in turn, moving by `adl.nav.request`.

Builds tests/fixtures/course with `trail build --sco-mode per-site` and runs it in
the test LMS acting as a sequencing LMS (tests/harness/sequencer.js): scorm-again's
sequencing engine, fed the activity tree, rules and objectives read from the built
imsmanifest.xml, answers adl.nav.request_valid, processes the request each SCO leaves
at Terminate and rolls up; the harness launches whatever the engine delivers.
The learner walks the map's SCO → site 1 → site 2 → site 3 by following the trail's
own links, looking at the map in each site's SCO; each SCO must report its own
site, its map must show what the others did, and the engine's rollup of the
manifest's rule must make the course completed only after the last site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from packager.inspect import inspect_package
from tests.runtime.helpers import lms_errors
from tests.support.browser import browser_fixture, launch_scorm_fixture  # noqa: F401 (the browser fixtures)
from tests.support.lms import LmsSession
from tests.support.manifest_rules import check_manifest_files, check_manifest_rules
from tests.support.packages import extract_zip
from tests.support.per_site import QUESTION_IDS, build_per_site, follow, launches, shown, statuses, wait_for_sco
from tests.support.schemas import schema_errors
from tests.ui.ui import axe, give, submit

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "tests" / "fixtures" / "course"
SITES = ["forste-stopp", "andre-stopp", "tredje-stopp"]
SS = "{http://www.imsglobal.org/xsd/imsss}"
VISIBLE_VIEW = "() => [...document.querySelectorAll('.view')].filter((v) => !v.hidden).map((v) => v.id)"


@pytest.fixture(scope="module")
def per_site_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_per_site(COURSE, tmp_path_factory.mktemp("per-site"), "scorm2004")


def test_per_site_package_is_valid_and_inspect_finds_nothing(per_site_zip: Path, tmp_path: Path,
                                                             scorm_schema2004: etree.XMLSchema) -> None:
    folder = extract_zip(per_site_zip, tmp_path / "pkg")
    tree = etree.parse(str(folder / "imsmanifest.xml"))
    assert schema_errors(scorm_schema2004, tree) == []
    assert check_manifest_rules(tree, "2004") == [] and check_manifest_files(tree, folder) == []
    report = inspect_package(per_site_zip)
    assert report.findings == [] and report.ok
    assert report.summary["scos"] == 1  # one SCO resource, launched by every item with its parameters


def engine(lms: LmsSession, element: str) -> str:
    """What the LMS (scorm-again's sequencing engine) answers the running SCO for `element`."""
    got: str = lms.page.evaluate("(e) => window.API_1484_11.GetValue(e)", element)
    return got


def test_learner_walks_the_trail_sco_by_sco(per_site_zip: Path, tmp_path: Path, launch_scorm: Any) -> None:
    folder = extract_zip(per_site_zip, tmp_path / "pkg")
    lms = launch_scorm("2004", folder, sequence=True)
    wait_for_sco(lms, "item-map", "?sco=map")  # the engine's start request delivered the first item
    assert statuses(lms) == {slug: "is-new" for slug in SITES}
    assert engine(lms, "adl.nav.request_valid.previous") == "false"  # nothing before the first item
    assert engine(lms, "adl.nav.request_valid.continue") == "true"  # flow="true" on the organization

    for n, slug in enumerate(SITES):
        follow(lms, f"#/site/{slug}")  # a marker on the map, or another site's link
        wait_for_sco(lms, f"item-{slug}", f"?site={slug}")
        assert shown(lms) == slug
        if n == 0:  # the first site's questions, all right: its SCO is passed with score 1
            for qid in lms.frame.evaluate(QUESTION_IDS, slug):
                submit(give(lms.frame, slug, qid))
        follow(lms, "#/")  # this SCO's own map, shown in the SCO
        lms.frame.wait_for_function("() => !document.getElementById('view-map').hidden")
        assert lms.page.evaluate("() => window.__lms.current") == f"item-{slug}"
        seen = statuses(lms)
        # the map in this SCO shows its own site and what the SCOs before it did (from the shared data)
        assert all(seen[s] in ("is-visited", "is-done") for s in SITES[:n + 1]), (slug, seen)
        assert all(seen[s] == "is-new" for s in SITES[n + 1:]), (slug, seen)
    assert set(statuses(lms).values()) <= {"is-visited", "is-done"}
    follow(lms, "#/site/forste-stopp")  # back to the first site from the last one's map
    wait_for_sco(lms, "item-forste-stopp", "?site=forste-stopp")

    walked = launches(lms)
    assert [w["item"] for w in walked] == ["item-map", *(f"item-{s}" for s in SITES), "item-forste-stopp"]
    # each SCO's choice request, as it set it, and what the engine delivered for it: honoured
    assert [w["nav"] for w in walked[:-1]] == [f"{{target=item-{s}}}choice" for s in [*SITES, "forste-stopp"]]
    assert [w["delivered"] for w in walked[:-1]] == [w["item"] for w in walked[1:]]
    asked = [c for c in lms.calls() if c["method"] == "GetValue" and "request_valid.choice" in c["args"][0]]
    assert len(asked) == 4 and {c["result"] for c in asked} == {"true"}  # the engine's answer, asked before each move
    assert all(w["cmi"] is not None for w in walked[:-1]), "a SCO was left without Terminate"
    assert walked[-1]["cmi"] is None and lms.cmi()["entry"] == "resume"  # the LMS resumed the SCO it left
    for w in walked[1:4]:
        assert w["cmi"]["completion_status"] == "completed"  # the course's rule: require visited
        assert w["cmi"]["exit"] == "suspend"
    first, second = walked[1]["cmi"], walked[2]["cmi"]
    assert (first["success_status"], float(first["score"]["scaled"])) == ("passed", 1.0)
    assert (second["success_status"], second["score"]["scaled"]) == ("unknown", "")  # nothing answered: no verdict
    # 403 on reading the shared store before any SCO wrote it is the 4th Edition's answer, handled by the SCO
    assert [e for e in lms_errors(lms) if not ("403" in e.get("message", "") and "adl.data." in e["message"])] == []
    # and no warning either: a resumed SCO reads its state from the store, not an empty cmi.suspend_data
    assert [e["message"] for e in lms.log() if e["level"] == "warn"] == []
    shared = lms.page.evaluate("() => window.__lms.shared")
    assert list(shared) == ["https://example.no/kurs/min-forste-loype#trail"]
    assert shared["https://example.no/kurs/min-forste-loype#trail"]  # the whole trail state, for every SCO

    # the engine's rollup of the manifest's rule (course.yaml: every site, require visited): the
    # course is completed after the third site's SCO ends, not before
    course = [w["after"]["course"]["completion"] for w in walked[:-1]]
    assert [c == "completed" for c in course] == [False, False, False, True], course

    # the sites' global objectives, written by their SCOs through the manifest's maps
    globals_ = walked[3]["after"]["globals"]
    iri = "https://example.no/kurs/min-forste-loype/sites/"
    assert sorted(globals_) == sorted(iri + s for s in SITES)  # one per site, none for the map
    got = {k[len(iri):]: (g["completionStatus"], g["satisfiedStatusKnown"] and g["satisfiedStatus"],
                          g["normalizedMeasureKnown"] and g["normalizedMeasure"]) for k, g in globals_.items()}
    assert got == {"forste-stopp": ("completed", True, 1), "andre-stopp": ("completed", False, False),
                   "tredje-stopp": ("completed", False, False)}

    # the LMS's own Continue and Previous buttons: the engine flows through the organization
    lms.page.evaluate("() => window.__lms.navigate('continue')")
    wait_for_sco(lms, "item-andre-stopp", "?site=andre-stopp")
    lms.page.evaluate("() => window.__lms.navigate('previous')")
    wait_for_sco(lms, "item-forste-stopp", "?site=forste-stopp")
    walked = launches(lms)
    assert [(w["nav"], w["delivered"]) for w in walked[-3:-1]] == [("continue", "item-andre-stopp"),
                                                                    ("previous", "item-forste-stopp")]


def test_without_choice_navigation_the_sco_shows_the_site_itself(per_site_zip: Path, tmp_path: Path,
                                                                  launch_scorm: Any) -> None:
    folder = extract_zip(per_site_zip, tmp_path / "pkg")
    lms = launch_scorm("2004", folder, sequence=True, choice=False)
    wait_for_sco(lms, "item-map", "?sco=map")
    follow(lms, "#/site/andre-stopp")
    lms.frame.wait_for_function("""() => { const v = document.querySelector('.view-site[data-site="andre-stopp"]');
                                           return v && !v.hidden; }""")
    assert lms.page.evaluate("() => [window.__lms.current, window.__lms.terminated]") == ["item-map", False]
    assert statuses(lms)["andre-stopp"] == "is-visited"  # kept in the trail's state, as in single mode
    assert [c["args"][0] for c in lms.calls() if c["method"] == "SetValue" and "nav.request" in c["args"][0]] == []


def test_an_lms_that_takes_the_request_but_launches_nothing_leaves_a_way_on(per_site_zip: Path, tmp_path: Path,
                                                                            launch_scorm: Any, lms_url: str) -> None:
    """Some LMSs accept adl.nav.request and never launch the next SCO: the page stays. After a few
    seconds the SCO says so, naming the site to pick in the LMS's menu, and opens nothing that
    would no longer be saved."""
    folder = extract_zip(per_site_zip, tmp_path / "pkg")
    lms = launch_scorm("2004", folder, sequence=True, ignore_nav=True)
    wait_for_sco(lms, "item-map", "?sco=map")
    before = lms.frame.evaluate(VISIBLE_VIEW)
    follow(lms, "#/site/andre-stopp")
    lms.page.wait_for_function("() => window.__lms.terminated")
    note = lms.frame.locator('#trail-messages [data-msg="navIgnored"]')
    note.wait_for(state="visible", timeout=15000)
    assert note.inner_text() == "Læringsplattformen åpnet ikke «Andre stopp». Velg rasteplassen i menyen til kurset."
    assert lms.frame.evaluate("() => document.activeElement.getAttribute('data-msg')") == "navIgnored"
    walked = launches(lms)
    assert [(w["item"], w["delivered"]) for w in walked] == [("item-map", "item-andre-stopp")]  # delivered, not launched
    assert lms.frame.evaluate(VISIBLE_VIEW) == before and shown(lms) is None  # the page it was on stays
    follow(lms, "#/site/tredje-stopp")  # another marker: the same way on, no site that saves nothing
    lms.frame.wait_for_function("""() => document.querySelector('[data-msg="navIgnored"]').textContent
                                   .includes('«Tredje stopp»')""")
    assert shown(lms) is None and lms.page.evaluate("() => window.__lms.launches.length") == 1
    assert axe(lms.frame, lms_url) == []
