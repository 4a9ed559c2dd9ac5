"""SCORM 1.2 `sco_mode: per-site` in an LMS: the map's SCO and every site's SCO, launched from its menu.

Builds tests/fixtures/course with `trail build --format scorm12 --sco-mode per-site`
and runs it in the test LMS acting as Moodle's player with its table of contents
(tests/harness/menu12.js): SCORM 1.2 has no navigation request, so the learner
opens each SCO from the LMS's menu, and each SCO's data is the LMS's only for
that SCO. Each site's SCO must report its own site (status, score, interactions,
suspend_data within 1.2's limits, checked here since scorm-again is lax for 1.2),
its map must show the other sites as this browser remembers them and say so,
and a link to another site must send the learner to the LMS's menu.
"""

from __future__ import annotations

import zipfile
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
from tests.support.scorm_limits import check_scorm12_limits
from tests.ui.ui import axe, feedback, give, question, submit

REPO = Path(__file__).resolve().parent.parent
COURSE = REPO / "tests" / "fixtures" / "course"
SITES = ["forste-stopp", "andre-stopp", "tredje-stopp"]
CONTROL = {"imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"}


@pytest.fixture(scope="module")
def per_site_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_per_site(COURSE, tmp_path_factory.mktemp("per-site-12"), "scorm12")


def pick(lms: LmsSession, slug: str | None) -> None:
    """The learner opens a site (None: the map) from the LMS's table of contents."""
    item = f"item-{slug}" if slug else "item-map"
    lms.page.locator(f'nav button[data-item="{item}"]').click()
    wait_for_sco(lms, item, f"?site={slug}" if slug else "?sco=map")


def note(lms: LmsSession) -> tuple[str | None, str]:
    """The map's note on the other sites: (browser | unknown, its text)."""
    got = lms.frame.evaluate("""() => { const n = document.querySelector("#view-map [data-map-note]");
                                        return n ? [n.getAttribute("data-map-note"), n.textContent] : [null, ""]; }""")
    return got[0], got[1]


def site_view(lms: LmsSession, slug: str) -> dict[str, Any]:
    """What the learner sees of a site's answers and reflection: feedback and locks per question."""
    qids = lms.frame.evaluate(QUESTION_IDS, slug)
    reflections = lms.frame.evaluate(
        """(slug) => [...document.querySelectorAll(`.view-site[data-site="${slug}"] textarea`)].map((t) => t.value)""",
        slug)
    return {"questions": {q: feedback(question(lms.frame, slug, q)) for q in qids}, "reflections": reflections}


def interaction_ids(cmi: dict[str, Any]) -> list[str]:
    values = cmi.get("interactions") or {}
    rows = values.values() if isinstance(values, dict) else values
    return [r["id"] for r in rows if isinstance(r, dict) and r.get("id")]


def resume_seed(cmi: dict[str, Any]) -> dict[str, Any]:
    """What an LMS hands back on the next launch of a SCO left with exit "suspend"."""
    core = {k: v for k, v in cmi["core"].items() if k not in ("exit", "session_time", "total_time")}
    return {"cmi": {**{k: v for k, v in cmi.items() if k != "core"}, "core": {**core, "entry": "resume"}}}


def test_per_site_package_is_valid_and_inspect_finds_nothing(per_site_zip: Path, tmp_path: Path,
                                                             scorm_schema12: etree.XMLSchema) -> None:
    folder = extract_zip(per_site_zip, tmp_path / "pkg")
    tree = etree.parse(str(folder / "imsmanifest.xml"))
    assert schema_errors(scorm_schema12, tree) == []
    assert check_manifest_rules(tree, "1.2") == [] and check_manifest_files(tree, folder) == []
    with zipfile.ZipFile(per_site_zip) as z:
        assert set(z.namelist()) >= CONTROL  # the control documents at the zip root, as in single mode
    report = inspect_package(per_site_zip)
    assert report.findings == [] and report.ok
    assert [i.get("identifier") for i in tree.iter("{*}item")] == ["item-map", *(f"item-{s}" for s in SITES)]


def test_learner_walks_the_trail_sco_by_sco_from_the_lms_menu(per_site_zip: Path, tmp_path: Path,
                                                               launch_scorm: Any, lms_url: str) -> None:
    folder = extract_zip(per_site_zip, tmp_path / "pkg")
    lms = launch_scorm("1.2", folder, sequence=True)
    wait_for_sco(lms, "item-map", "?sco=map")  # the LMS opens the first item: the map's SCO (its welcome page)
    follow(lms, "#/")
    lms.frame.wait_for_function("() => !document.getElementById('view-map').hidden")
    assert statuses(lms) == {slug: "is-new" for slug in SITES}
    kind, text = note(lms)
    assert kind == "unknown" and "innholdsfortegnelsen i læringsplattformen" in text  # this browser knows nothing yet

    # a site's marker on the map's SCO: the learner is sent to the LMS's menu, nothing opens here
    follow(lms, "#/site/andre-stopp")
    told = lms.frame.locator('#trail-messages [data-msg="otherSiteInLms"]')
    told.wait_for()
    assert told.inner_text().startswith("Åpne 2. Andre stopp fra innholdsfortegnelsen (kursmenyen)")
    assert shown(lms) is None and lms.frame.evaluate("() => location.hash") == "#/"
    assert axe(lms.frame, lms_url) == []  # the map with its note and the message

    seen: dict[str, dict[str, Any]] = {}
    for n, slug in enumerate(SITES):
        pick(lms, slug)
        assert shown(lms) == slug
        if n == 0:  # the first site: every question right and the reflection written
            for qid in lms.frame.evaluate(QUESTION_IDS, slug):
                submit(give(lms.frame, slug, qid))
            area = lms.frame.locator(f'.view-site[data-site="{slug}"] textarea').first
            area.fill("Vi har et boligsosialt team som møtes hver uke.")
            area.blur()
        if n == 2:  # the third: one question wrong
            qid = lms.frame.evaluate(QUESTION_IDS, slug)[0]
            submit(give(lms.frame, slug, qid, correct=False))
        seen[slug] = site_view(lms, slug)
        follow(lms, "#/")  # this SCO's own map
        lms.frame.wait_for_function("() => !document.getElementById('view-map').hidden")
        assert note(lms)[0] == "browser"  # the map's SCO and the sites before left their copy here
        got = statuses(lms)
        assert all(got[s] in ("is-visited", "is-done") for s in SITES[:n + 1]), (slug, got)
        assert all(got[s] == "is-new" for s in SITES[n + 1:]), (slug, got)
        if n == 0:
            follow(lms, "#/site/tredje-stopp")  # another site's link: to the LMS's menu
            lms.frame.locator('#trail-messages [data-msg="otherSiteInLms"]').wait_for()
            assert shown(lms) is None
            assert axe(lms.frame, lms_url) == []  # a site's SCO with the note

    pick(lms, SITES[0])  # back to the first site: resumed by the LMS, restored exactly
    assert lms.page.evaluate("() => window.API.cmi.core.entry") == "resume"
    assert site_view(lms, SITES[0]) == seen[SITES[0]]
    pick(lms, None)  # the map again: the first site's SCO is finished

    walked = launches(lms)
    assert [w["item"] for w in walked] == ["item-map", *(f"item-{s}" for s in SITES), f"item-{SITES[0]}", "item-map"]
    assert all(w["cmi"] is not None for w in walked[:-1]), "a SCO was left without LMSFinish"
    for w in walked[:-1]:
        assert check_scorm12_limits(w["cmi"]) == [], (w["item"], check_scorm12_limits(w["cmi"]))
    home, first, second, third = (w["cmi"] for w in walked[:4])
    # the map's SCO records a visit and nothing else
    assert home["core"]["lesson_status"] == "completed"
    assert (home["suspend_data"], home["core"]["score"]["raw"], interaction_ids(home)) == ("", "", [])
    assert not any(isinstance(v, dict) and v.get("id") for v in (home.get("objectives") or {}).values())
    # each site's SCO: its own status, score and questions (the course: require visited, passing score 80)
    assert (first["core"]["lesson_status"], first["core"]["score"]["raw"]) == ("passed", "100")
    assert interaction_ids(first) and all(i.startswith("s01_") for i in interaction_ids(first))
    assert (second["core"]["lesson_status"], second["core"]["score"]["raw"], interaction_ids(second)) == (
        "completed", "", [])  # visited, nothing answered: no score, no verdict
    assert interaction_ids(third) and all(i.startswith("s03_") for i in interaction_ids(third))
    assert third["core"]["lesson_status"] in ("completed", "failed")
    for cmi in (first, second, third):
        assert 0 < len(cmi["suspend_data"]) <= 4096 and cmi["core"]["exit"] == "suspend"
    print("\nper-site suspend_data:", {w["item"]: len(w["cmi"]["suspend_data"]) for w in walked[:4]})
    assert len(second["suspend_data"]) < len(first["suspend_data"])  # the second's holds no answers of the first
    errors = lms_errors(lms)
    assert errors == [], errors

    # another browser: the first site's SCO restores its own site from the LMS alone; the others are unknown
    other = launch_scorm("1.2", folder, seed=resume_seed(walked[4]["cmi"]), launch=f"index.html?site={SITES[0]}")
    other.frame.wait_for_selector("html[data-trail='ready']", state="attached")
    assert shown(other) == SITES[0] and site_view(other, SITES[0]) == seen[SITES[0]]
    follow(other, "#/")
    other.frame.wait_for_function("() => !document.getElementById('view-map').hidden")
    assert note(other)[0] == "unknown"
    assert statuses(other) == {SITES[0]: "is-done", SITES[1]: "is-new", SITES[2]: "is-new"}
