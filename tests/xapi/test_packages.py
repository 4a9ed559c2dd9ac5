"""The xAPI and cmi5 packages as an LMS importer sees them: tincan.xml, cmi5.xml against the
official CourseStructure.xsd, the structure checks the XSD misses, no credentials inside."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from packager import ids
from packager.build import build
from packager.load import load
from packager.model import Format
from packager.package import cmi5
from packager.package.rules import ManifestRuleError
from packager.package.xapi import TINCAN
from packager.runtime_data import expand
from packager.vocabulary import ACTIVITY_COURSE, ACTIVITY_INTERACTION, ACTIVITY_MODULE, ACTIVITY_VIDEO
from tests.support.schemas import schema_errors
from tests.unit.helpers import course_copy, edit
from tests.xapi.conftest import FIXTURE, Built, fixture_course

T = f"{{{TINCAN}}}"
C = f"{{{cmi5.CMI5}}}"
COURSE = fixture_course()
# a credential or an LRS address written into the package (the names alone are fine: the runtime reads them)
SECRET = re.compile(r"Basic [A-Za-z0-9+/=]{8,}|\"auth-token\"\s*:|password|[?&](endpoint|auth|fetch)=\w", re.IGNORECASE)


def data_of(zf: zipfile.ZipFile) -> dict[str, object]:
    html = zf.read("index.html").decode()
    match = re.search(r'<script type="application/json" id="trail-data">(.*?)</script>', html, re.S)
    assert match
    return dict(json.loads(match.group(1)))


def test_tincan_xml_has_one_launchable_course_and_an_activity_per_site_video_and_question(xapi_package: Built) -> None:
    with zipfile.ZipFile(xapi_package.zip) as zf:
        names = zf.namelist()
        assert [n for n in names if n.endswith("tincan.xml")] == ["tincan.xml"]  # one, at the root
        root = etree.fromstring(zf.read("tincan.xml"))
        data = data_of(zf)
    assert root.tag == f"{T}tincan"
    acts = root.findall(f"{T}activities/{T}activity")
    launchable = [a for a in acts if a.find(f"{T}launch") is not None or a.find(f"{T}resource") is not None]
    assert [a.get("id") for a in launchable] == [COURSE.id]
    assert launchable[0].get("type") == ACTIVITY_COURSE
    assert launchable[0].findtext(f"{T}launch") in names
    expected = {COURSE.id: ACTIVITY_COURSE}
    for site in COURSE.sites:
        expected[ids.site_iri(COURSE, site)] = ACTIVITY_MODULE
        expected.update({ids.video_iri(COURSE, site, i): ACTIVITY_VIDEO for i, _ in enumerate(site.videos, 1)})
        expected.update({ids.question_iri(COURSE, site, q): ACTIVITY_INTERACTION for q in site.questions})
    assert {a.get("id"): a.get("type") for a in acts} == expected
    assert len(acts) == len(expected)  # unique ids
    assert all(a.findtext(f"{T}name") and a.find(f"{T}name").get("lang") == "nb" for a in acts)
    # the outline leaves out ids that follow from the site's: the tracker puts them back (expand)
    runtime = {q["activity"] for s in data["sites"] for q in expand(s)["questions"]}  # type: ignore[attr-defined]
    assert runtime == {i for i, t in expected.items() if t == ACTIVITY_INTERACTION}
    videos = {v["id"] for s in data["sites"] for v in s["videos"]}  # type: ignore[attr-defined]
    assert videos == {i for i, t in expected.items() if t == ACTIVITY_VIDEO}
    assert data["vocabulary"]["verbs"]["answered"]["id"] == "http://adlnet.gov/expapi/verbs/answered"  # type: ignore[index]


@pytest.mark.parametrize("fmt", [Format.XAPI, Format.CMI5])
def test_no_package_carries_an_endpoint_or_credentials(fmt: Format, xapi_package: Built, cmi5_package: Built) -> None:
    assert SECRET.search("index.html?endpoint=https://lrs.example.no&auth=Basic%20dGVzdDp0ZXN0")  # it can fail
    built = xapi_package if fmt is Format.XAPI else cmi5_package
    with zipfile.ZipFile(built.zip) as zf:
        for name in zf.namelist():
            if name.endswith((".html", ".js", ".xml", ".css", ".json")):
                found = SECRET.search(zf.read(name).decode())
                assert found is None, f"{name}: {found.group(0) if found else ''}"


def test_ids_are_the_same_on_every_build(tmp_path: Path, xapi_package: Built, cmi5_package: Built) -> None:
    again = build(FIXTURE, tmp_path, formats=[Format.XAPI, Format.CMI5])
    for built, manifest in ((xapi_package, "tincan.xml"), (cmi5_package, "cmi5.xml")):
        new = next(p.path for p in again.packages if p.path.name == built.zip.name)
        with zipfile.ZipFile(built.zip) as a, zipfile.ZipFile(new) as b:
            assert a.read(manifest) == b.read(manifest)
            assert data_of(a) == data_of(b)


def test_cmi5_xml_is_valid_and_has_one_au_per_site(cmi5_package: Built, cmi5_schema: etree.XMLSchema) -> None:
    with zipfile.ZipFile(cmi5_package.zip) as zf:
        names = set(zf.namelist())
        assert "cmi5.xml" in names and [n for n in names if n.endswith("cmi5.xml")] == ["cmi5.xml"]
        tree = etree.ElementTree(etree.fromstring(zf.read("cmi5.xml")))
    assert schema_errors(cmi5_schema, tree) == []
    assert cmi5.structure_problems(etree.tostring(tree), names) == []
    aus = tree.getroot().findall(f"{C}au")
    assert [a.get("id") for a in aus] == [ids.site_iri(COURSE, s) for s in COURSE.sites]
    for au, site in zip(aus, COURSE.sites, strict=True):
        assert (au.get("moveOn"), au.get("masteryScore")) == ("CompletedAndPassed", "0.8")  # passing_score: 80
        url = au.findtext(f"{C}url") or ""
        assert url == f"index.html?site={site.slug}" and url.split("?")[0] in names
        assert au.findtext(f"{C}title/{C}langstring") == site.title


def test_without_a_passing_score_an_au_moves_on_when_completed(tmp_path: Path, cmi5_schema: etree.XMLSchema) -> None:
    source = course_copy(tmp_path)
    edit(source / "course.yaml", "passing_score: 80\n", "")
    course = load(source).course
    assert course is not None
    tree = etree.ElementTree(etree.fromstring(cmi5.manifest(course)))
    assert schema_errors(cmi5_schema, tree) == []
    assert {(a.get("moveOn"), a.get("masteryScore")) for a in tree.getroot().findall(f"{C}au")} == {("Completed", None)}


def _broken(change: str) -> bytes:
    xml = cmi5.manifest(COURSE).decode()
    first = ids.site_iri(COURSE, COURSE.sites[0])
    second = ids.site_iri(COURSE, COURSE.sites[1])
    changes = {
        "duplicate": xml.replace(f'id="{second}"', f'id="{first}"'),
        "relative-iri": xml.replace(f'<course id="{COURSE.id}"', '<course id="kurs/min-forste-loype"'),
        "reserved-query": xml.replace("index.html?site=forste-stopp", "index.html?site=forste-stopp&amp;endpoint=x"),
        "missing-file": xml.replace("index.html?site=andre-stopp", "andre.html?site=andre-stopp"),
        "mastery-decimals": xml.replace('masteryScore="0.8"', 'masteryScore="0.80001"', 1),
    }
    return changes[change].encode()


@pytest.mark.parametrize(
    ("change", "problem"),
    [("duplicate", "is used twice"), ("relative-iri", "is not an absolute IRI"),
     ("reserved-query", "reserved query names ['endpoint']"), ("missing-file", "not in the package"),
     ("mastery-decimals", "more than 4 decimals")],
)
def test_the_structure_checks_catch_what_the_xsd_lets_through(
    change: str, problem: str, cmi5_schema: etree.XMLSchema
) -> None:
    data = _broken(change)
    assert schema_errors(cmi5_schema, etree.ElementTree(etree.fromstring(data))) == []  # the XSD is happy
    problems = cmi5.structure_problems(data, {"index.html"})
    assert len(problems) == 1 and problem in problems[0], problems


def test_the_xsd_rejects_an_au_without_url(cmi5_schema: etree.XMLSchema) -> None:
    xml = re.sub(r"<url>[^<]*</url>", "", cmi5.manifest(COURSE).decode(), count=1)
    assert schema_errors(cmi5_schema, etree.ElementTree(etree.fromstring(xml.encode())))


def test_a_broken_structure_stops_the_package() -> None:
    with pytest.raises(ManifestRuleError, match="not in the package"):
        cmi5.package(COURSE, {"trail/trail.js": b""})  # no index.html for the AU urls


def test_the_structure_checks_need_no_build() -> None:
    assert cmi5.course_problems(COURSE) == []
