"""Variants: one course built per municipality, differing only where a variant's settings say."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner

from packager.build import build, check
from packager.cache import open_cache
from packager.cli import main
from packager.digests import Digests
from packager.model import Format
from tests.unit.helpers import course_copy, line_of

runner = CliRunner()
VARIANTS = """
variants:
  - name: porsgrunn
    common_room_url: https://lms.porsgrunn.kommune.no/fellesrom
    colours: {green: "#004B87", green-d: "#00335c"}
    logo: media/porsgrunn.svg
  - name: skien
    id: https://example.no/kurs/min-forste-loype/skien
    language: nn
"""
LOGO = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
CONTROL = {Format.WEB: set(), Format.SCORM12: {"imsmanifest.xml"}, Format.SCORM2004: {"imsmanifest.xml"},
           Format.XAPI: {"tincan.xml"}, Format.CMI5: {"cmi5.xml"}}


def with_variants(tmp_path: Path, text: str = VARIANTS) -> Path:
    src = course_copy(tmp_path)
    (src / "media").mkdir(exist_ok=True)
    (src / "media" / "porsgrunn.svg").write_bytes(LOGO)
    with (src / "course.yaml").open("a", encoding="utf-8") as out:
        out.write(text)
    return src


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> set[str]:
    return {name for name in a.keys() | b.keys() if a.get(name) != b.get(name)}


def test_build_all_variants_into_their_folders_differing_only_where_they_should(tmp_path: Path) -> None:
    src, out = with_variants(tmp_path), tmp_path / "dist"
    run = runner.invoke(main, ["build", str(src), "--out", str(out), "--variant", "all"])
    assert run.exit_code == 0, run.output
    base = build(src, tmp_path / "base")  # the course itself
    for package in base.packages:
        plain = entries(package.path)
        porsgrunn = entries(out / "porsgrunn" / package.path.name)
        skien = entries(out / "skien" / package.path.name)
        # colours, logo and common room: the page, the theme, the logo (and a SCORM manifest's file list)
        listing = CONTROL[package.format] if package.format in (Format.SCORM12, Format.SCORM2004) else set()
        assert differing(plain, porsgrunn) == {"index.html", "trail/trail.css", "trail/logo.svg",
                                               "trail/settings.json"} | listing  # settings: the common room
        assert porsgrunn["trail/logo.svg"] == LOGO
        assert b"--green: #004b87; --green-d: #00335c;" in porsgrunn["trail/trail.css"]
        assert b"https://lms.porsgrunn.kommune.no/fellesrom" in porsgrunn["index.html"]
        assert json.loads(porsgrunn["trail/settings.json"])["common_room_url"] == "https://lms.porsgrunn.kommune.no/fellesrom"
        # another id and language: the page and the control document, nothing else
        sites = {n for n in plain if n.startswith("sites/")}  # each site's file: its ids and language too
        assert differing(plain, skien) == {"index.html", "trail/settings.json"} | sites | CONTROL[package.format], \
            package.format
        assert b'lang="nn"' in skien["index.html"]
        assert json.loads(skien["trail/settings.json"])["languages"] == ["nn"]
        assert b"https://example.no/kurs/min-forste-loype/skien" in skien["index.html"]


def test_media_are_read_once_for_every_variant(tmp_path: Path) -> None:
    src, shared = with_variants(tmp_path), Digests()
    for name in ("porsgrunn", "skien"):
        out = tmp_path / "dist" / name
        assert build(src, out, cache=open_cache(src, out, variant=name, digests=shared), variant=name).ok
    video = str((src / "sites/02-andre-stopp/media/video.mp4").resolve())
    assert shared.read.count(video) == 1
    assert len(shared.read) == len(set(shared.read))  # no file read twice


def test_an_unknown_variant_is_named_with_the_ones_there_are(tmp_path: Path) -> None:
    src = with_variants(tmp_path)
    run = runner.invoke(main, ["build", str(src), "--out", str(tmp_path / "dist"), "--variant", "bamble"])
    assert run.exit_code == 1
    assert "no variant named 'bamble'; the course has porsgrunn, skien (or use all)" in run.stderr


def test_variant_mistakes_name_their_line_and_key(tmp_path: Path) -> None:
    src = with_variants(tmp_path, """
variants:
  - name: Porsgrunn
    colours: {green: blue, pink: "#fff"}
  - name: skien
    logo: media/missing.svg
    common_room_url: lms.skien.no
""")
    course_yaml = src / "course.yaml"
    found = [str(p) for p in check(src).problems.errors]
    file = course_yaml.as_posix()
    assert f"{file}:{line_of(course_yaml, 'name: Porsgrunn')}: variants[0].name: expected lower-case letters, digits and '-' (it names a folder), got 'Porsgrunn'" in found
    assert f"{file}:{line_of(course_yaml, 'colours:')}: variants[0].colours.green: expected a colour such as #2d6a4d, got 'blue'" in found
    assert f"{file}:{line_of(course_yaml, 'colours:')}: variants[0].colours.pink: unknown key; check its spelling (see docs/authoring.md)" in found
    assert any(p.startswith(f"{file}:{line_of(course_yaml, 'logo: media/missing.svg')}: variants[1].logo: file 'media/missing.svg' does not exist") for p in found)
    assert f"{file}:{line_of(course_yaml, 'common_room_url: lms')}: variants[1].common_room_url: expected an http(s) address, got 'lms.skien.no'" in found


def test_variant_all_of_a_broken_course_yaml_reports_its_problems(tmp_path: Path) -> None:
    src = with_variants(tmp_path)
    text = (src / "course.yaml").read_text(encoding="utf-8")
    (src / "course.yaml").write_text(text.replace("title: Min første læringsløype", "title: [oops"), encoding="utf-8")
    run = runner.invoke(main, ["build", str(src), "--out", str(tmp_path / "dist"), "--variant", "all"])
    assert run.exit_code == 1
    assert run.stderr.startswith(f"{(src / 'course.yaml').as_posix()}:") and "invalid YAML" in run.stderr


def zip_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.zip"))}


def test_variants_built_together_are_the_bytes_of_each_built_alone(tmp_path: Path) -> None:
    """`--variant all` shares the course, Markdown, deflated texts and media between variants;
    each variant's zips are still those of a build of that variant alone, in a fresh folder."""
    src, out = with_variants(tmp_path), tmp_path / "dist"
    run = runner.invoke(main, ["build", str(src), "--out", str(out), "--variant", "all"])
    assert run.exit_code == 0, run.output
    for name in ("porsgrunn", "skien"):
        alone = tmp_path / f"alone-{name}"
        assert build(src, alone, variant=name).ok
        together = zip_bytes(out / name)
        assert together == zip_bytes(alone) and len(together) == len(CONTROL), name


def test_variants_built_again_unchanged_write_nothing(tmp_path: Path) -> None:
    src, out = with_variants(tmp_path), tmp_path / "dist"
    assert runner.invoke(main, ["build", str(src), "--out", str(out), "--variant", "all"]).exit_code == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.zip")}
    again = runner.invoke(main, ["build", str(src), "--out", str(out), "--variant", "all"])
    assert again.exit_code == 0, again.output
    assert "nothing changed" in again.output
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.zip")} == before and len(before) == 2 * len(CONTROL)
