"""`sco_mode: per-site-packages`: one complete single-SCO zip per rest site, SCORM 2004 and 1.2.

Builds the sample course (with a passing score added, so each site's verdict shows) with
`trail build --format scorm12,scorm2004 --sco-mode per-site-packages`. Every one of the
19 zips of each format must be a package of its own: its own identifier and title, valid
against the official XSDs, holding its site and only the media that site uses. Two of
each are launched in the test LMS (scorm-again; 1.2's limits checked here, since its
1.2 runtime is lax): the learner answers, the SCO reports that site's status, score and
interactions only, and a relaunch shows what was done.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
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
from tests.support.packages import extract_zip, zip_problems
from tests.support.schemas import schema_errors
from tests.ui.ui import axe, give, submit

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "course_source"
TITLE = "Boligsosial læringsløype"
FORMATS = ("scorm12", "scorm2004")
VERSION = {"scorm12": "1.2", "scorm2004": "2004"}
DATA = re.compile(r'<script type="application/json" id="trail-data">(.*?)</script>', re.S)


def build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from packager.cli import main; main()", "build", str(source), "--out", str(out),
         "--format", ",".join(FORMATS), "--sco-mode", "per-site-packages", "--json"],
        capture_output=True, text=True, check=False, cwd=REPO,
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample course with a passing score of 80, so each site's package says passed or failed."""
    src = tmp_path_factory.mktemp("source") / "course"
    shutil.copytree(SOURCE, src)
    yaml = src / "course.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("scoring: first", "scoring: first\npassing_score: 80"),
                    encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def built(course: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("site-packages")
    done = build(course, out)
    assert done.returncode == 0, f"trail build failed:\n{done.stdout}\n{done.stderr}"
    return out, json.loads(done.stdout)


@pytest.fixture(scope="module")
def sites(course: Path) -> list[tuple[str, str]]:
    """(slug, title) of every site, from the source folders, in trail order."""
    out = []
    for folder in sorted(p for p in (course / "sites").iterdir() if p.is_dir()):
        head = (folder / "site.md").read_text(encoding="utf-8").split("---")[1]
        out.append((folder.name.split("-", 1)[1], re.search(r"^title:\s*(.+)$", head, re.M).group(1).strip()))
    return out


def trail_data(index_html: str) -> dict[str, Any]:
    match = DATA.search(index_html)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_complete_valid_package_per_site(built: tuple[Path, dict[str, Any]], sites: list[tuple[str, str]],
                                             fmt: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    out, summary = built
    schema: etree.XMLSchema = request.getfixturevalue(f"scorm_schema{VERSION[fmt].replace('.', '')}")
    folder = out / f"boligsosial-laeringsloype-{fmt}-sites"
    names = [f"boligsosial-laeringsloype-{fmt}-{n:02d}-{slug}.zip" for n, (slug, _) in enumerate(sites, 1)]
    assert sorted(p.name for p in folder.iterdir()) == names
    assert not (out / f"boligsosial-laeringsloype-{fmt}.zip").exists()  # the sites' zips instead of the one
    assert [Path(p["path"]).name for p in summary["packages"] if p["format"] == fmt] == names  # what --json lists
    identifiers = set()
    for n, ((slug, title), name) in enumerate(zip(sites, names, strict=True), 1):
        zip_path = folder / name
        assert zip_problems(zip_path) == []
        pkg = extract_zip(zip_path, tmp_path / slug)
        tree = etree.parse(str(pkg / "imsmanifest.xml"))
        assert schema_errors(schema, tree) == [], name
        assert check_manifest_rules(tree, VERSION[fmt]) == [] and check_manifest_files(tree, pkg) == [], name
        root = tree.getroot()
        identifiers.add(root.get("identifier"))
        [item] = root.iter("{*}item")
        assert item.get("parameters") == f"?site={slug}"
        assert root.findtext("{*}organizations/{*}organization/{*}title") == f"{TITLE} – {n:02d} {title}"
        assert len(list(root.iter("{*}resource"))) == 1  # one SCO
        # only this site's media (and nothing of another site's)
        media = {p.relative_to(pkg).as_posix() for p in (pkg / "media").rglob("*") if p.is_file()}
        assert media and all(m.startswith(f"media/{slug}/") or m.startswith("media/shared/") for m in media), media
        assert f"media/{slug}/video.mp4" in media
        html = (pkg / "index.html").read_text(encoding="utf-8")
        data = trail_data(html)
        assert [s["slug"] for s in data["sites"]] == [slug] and data["course"]["requiredSites"] == 1
        assert set(re.findall(r'data-site="([\w-]+)"', html)) == {slug}  # no other site's section, stop or marker
        # the map names the other 18 sites as activities of the LMS course, linking none of them
        others = [t for s, t in sites if s != slug]
        listed = re.search(r'<ol class="elsewhere-list".*?</ol>', html, re.S)
        assert listed and len(re.findall(r"<li ", listed.group(0))) == len(others)
        assert all(f'href="#/site/{s}"' not in html for s, _ in sites if s != slug)
    assert len(identifiers) == len(sites)


def test_every_site_package_passes_inspect(built: tuple[Path, dict[str, Any]]) -> None:
    out, _ = built
    zips = sorted(out.glob("boligsosial-laeringsloype-*-sites/*.zip"))
    assert len(zips) == 2 * 19
    for zip_path in zips:
        report = inspect_package(zip_path)
        assert report.findings == [] and report.ok, (zip_path.name, report.findings)
        assert (report.summary["scos"], report.summary["sites"]) == (1, 1)


def test_two_builds_give_the_same_bytes(course: Path, built: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _ = built
    again = tmp_path / "again"
    assert build(course, again).returncode == 0

    def digests(folder: Path) -> dict[str, str]:
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*.zip")}

    assert digests(again) == digests(out)


# -- in the LMS ------------------------------------------------------------------------------------

QUESTION_IDS = """() => JSON.parse(document.getElementById("trail-data").textContent).sites[0].questions
    .filter((q) => q.scored).map((q) => q.id)"""


def shown(lms: LmsSession) -> str | None:
    slug: str | None = lms.frame.evaluate(
        """() => { const v = [...document.querySelectorAll(".view-site")].find((e) => !e.hidden);
                   return v ? v.getAttribute("data-site") : null; }""")
    return slug


def walk(lms: LmsSession, slug: str, right: bool) -> int:
    """The learner answers every question of the site (all right or all wrong) and writes the reflection."""
    ids = lms.frame.evaluate(QUESTION_IDS)
    for qid in ids:
        submit(give(lms.frame, slug, qid, correct=right))
    area = lms.frame.locator(f'.view-site[data-site="{slug}"] textarea').first
    area.fill("Vi tar dette med til neste teammøte.")
    area.blur()
    return len(ids)


def launch_site(launch_scorm: Any, fmt: str, zips: Path, tmp: Path, n: int, slug: str,
                seed: Any = None) -> LmsSession:
    pkg = extract_zip(zips / f"boligsosial-laeringsloype-{fmt}-{n:02d}-{slug}.zip", tmp)
    lms: LmsSession = launch_scorm(VERSION[fmt], pkg, seed=seed)
    lms.frame.wait_for_selector("html[data-trail='ready']", state="attached", timeout=15_000)
    return lms


def reported(fmt: str, cmi: dict[str, Any]) -> dict[str, Any]:
    """What the LMS holds of the SCO, the same way for both versions (1.2 has one status for both)."""
    stored = [cmi["interactions"][k] for k in sorted(cmi.get("interactions") or {}, key=int)]
    if fmt == "scorm12":
        core = cmi["core"]
        status = core["lesson_status"]
        return {"completed": status in ("completed", "passed", "failed"), "verdict": status,
                "raw": float(core["score"]["raw"]), "exit": core["exit"], "state": cmi["suspend_data"],
                "ids": [i["id"] for i in stored]}
    return {"completed": cmi["completion_status"] == "completed", "verdict": cmi["success_status"],
            "raw": float(cmi["score"]["raw"]), "scaled": float(cmi["score"]["scaled"]), "exit": cmi["exit"],
            "state": cmi["suspend_data"], "ids": [i["id"] for i in stored]}


def resume_seed(fmt: str, cmi: dict[str, Any]) -> dict[str, Any]:
    """The LMS's record of the attempt, as it hands it to the next launch of the same SCO."""
    dropped = ("exit", "session_time", "total_time", "entry")
    if fmt == "scorm12":
        core = {k: v for k, v in cmi["core"].items() if k not in dropped} | {"entry": "resume"}
        return {"cmi": {**{k: v for k, v in cmi.items() if k != "core"}, "core": core}}
    return {"cmi": {k: v for k, v in cmi.items() if k not in dropped} | {"entry": "resume"}}


@pytest.mark.parametrize(("fmt", "n", "right"),
                         [("scorm2004", 1, True), ("scorm2004", 7, False), ("scorm12", 3, True), ("scorm12", 12, False)])
def test_a_site_package_reports_its_own_site_and_resumes(built: tuple[Path, dict[str, Any]],
                                                         sites: list[tuple[str, str]], fmt: str, n: int, right: bool,
                                                         launch_scorm: Any, lms_url: str, tmp_path: Path) -> None:
    out, _ = built
    zips = out / f"boligsosial-laeringsloype-{fmt}-sites"
    slug = sites[n - 1][0]
    lms = launch_site(launch_scorm, fmt, zips, tmp_path / "a", n, slug)
    assert shown(lms) == slug  # the SCO opens at its site
    # another site's link would be a dead page here: the map says where those sites are instead
    other = sites[n % len(sites)][0]
    lms.frame.evaluate("(h) => { window.location.hash = h; }", f"#/site/{other}")
    lms.frame.wait_for_function("() => !document.getElementById('view-map').hidden")
    assert lms.frame.locator("[data-elsewhere]").is_visible()
    assert lms.frame.locator("#view-map .marker.is-elsewhere").count() == len(sites) - 1
    assert axe(lms.frame, lms_url) == []  # the map with the other sites' list: WCAG 2.1 AA
    lms.frame.evaluate("(h) => { window.location.hash = h; }", f"#/site/{slug}")
    lms.frame.wait_for_function("(s) => !document.querySelector(`.view-site[data-site='${s}']`).hidden", arg=slug)
    scored = walk(lms, slug, right)
    assert lms.unload(), "no Terminate or no terminate commit"
    cmi = lms.last_commit()
    got = reported(fmt, cmi)
    assert got["completed"]  # the course's rule, `require: done`, for this one site
    assert got["verdict"] == ("passed" if right else "failed")
    assert got["raw"] == (100.0 if right else 0.0) and got.get("scaled", got["raw"] / 100) == got["raw"] / 100
    assert got["state"] and got["exit"] == "suspend"
    if fmt == "scorm12":  # this site's ids only (s<nn>_<question>), and 1.2's limit, which scorm-again does not hold
        assert all(i.startswith(f"s{n:02d}_") for i in got["ids"]) and len(got["ids"]) >= scored
        assert len(got["state"]) <= 4096
    else:  # urn:trail:<site>:<id>: this site's only; each question and the reflection
        assert {i.split(":")[2] for i in got["ids"]} == {slug} and len(got["ids"]) == scored + 1
    assert lms_errors(lms) == [], lms_errors(lms)

    again = launch_site(launch_scorm, fmt, zips, tmp_path / "b", n, slug, seed=resume_seed(fmt, cmi))
    assert shown(again) == slug
    view = again.frame.locator(f'.view-site[data-site="{slug}"]')
    assert view.locator("textarea").first.input_value() == "Vi tar dette med til neste teammøte."
    assert view.locator("[data-feedback] p").count() >= scored  # every answer shown again with its feedback
    assert "is-done" in (again.frame.locator(f'#view-map .stop[data-site="{slug}"]').get_attribute("class") or "")
    assert lms_errors(again) == [], lms_errors(again)


@pytest.mark.parametrize("fmt", FORMATS)
def test_other_sites_packages_hold_their_own_site(built: tuple[Path, dict[str, Any]], fmt: str) -> None:
    """Each zip's trail data, media and interactions name its own site only."""
    out, _ = built
    for zip_path in sorted((out / f"boligsosial-laeringsloype-{fmt}-sites").glob("*.zip")):
        n, slug = re.fullmatch(rf".*-{fmt}-(\d\d)-([\w-]+)", zip_path.stem).groups()  # type: ignore[union-attr]
        with zipfile.ZipFile(zip_path) as zf:
            data = trail_data(zf.read("index.html").decode("utf-8"))
            names = zf.namelist()
        [site] = data["sites"]
        assert site["slug"] == slug and site["questions"] and data["course"]["sitePackage"] is True
        prefix = f"s{n}_" if fmt == "scorm12" else f"urn:trail:{slug}:"
        assert all(q["iid"].startswith(prefix) for q in site["questions"])
        assert not [n for n in names if n.startswith("media/") and not n.startswith((f"media/{slug}/", "media/shared/"))]
