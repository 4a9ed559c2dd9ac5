"""`sco_mode`: course.yaml's `output.sco_mode` and `trail build --sco-mode` choose both SCORM packages' SCOs."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from packager.build import check
from packager.cli import main
from packager.load import load
from packager.model import ScoMode
from tests.unit.helpers import course_copy, edit, line_of


def items(zip_path: Path) -> list[str]:
    with zipfile.ZipFile(zip_path) as z:
        tree = etree.fromstring(z.read("imsmanifest.xml"))
    return [i.get("identifier") for i in tree.iter("{*}item")]


def test_single_is_the_default_and_per_site_is_read(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    course = load(src).course
    assert course is not None and course.sco_mode is ScoMode.SINGLE
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site")
    course = load(src).course
    assert course is not None and course.sco_mode is ScoMode.PER_SITE


def test_another_value_names_file_line_and_key(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-page")
    line = line_of(src / "course.yaml", "sco_mode")
    assert [str(p) for p in check(src).problems.sorted()] == [
        f"{src.as_posix()}/course.yaml:{line}: output.sco_mode: expected one of single, per-site, per-site-packages, got the text 'per-page'"]


def test_per_site_cuts_both_scorm_packages(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site")
    result = check(src)
    assert result.ok and result.problems.items == []
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "-f", "scorm12,scorm2004"])
    assert built.exit_code == 0, built.output
    for fmt in ("scorm12", "scorm2004"):
        assert items(out / f"min-forste-loype-{fmt}.zip") == [
            "item-map", "item-forste-stopp", "item-andre-stopp", "item-tredje-stopp"]


def test_cli_option_overrides_the_course(tmp_path: Path) -> None:
    src, runner = course_copy(tmp_path), CliRunner()
    out = tmp_path / "out"
    built = runner.invoke(main, ["build", str(src), "-o", str(out), "-f", "scorm12,scorm2004", "--sco-mode", "per-site"])
    assert built.exit_code == 0, built.output
    for fmt in ("scorm12", "scorm2004"):
        assert items(out / f"min-forste-loype-{fmt}.zip") == [
            "item-map", "item-forste-stopp", "item-andre-stopp", "item-tredje-stopp"]
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site")
    built = runner.invoke(main, ["build", str(src), "-o", str(out), "-f", "scorm12,scorm2004", "--sco-mode", "single"])
    assert built.exit_code == 0, built.output
    assert [items(out / f"min-forste-loype-{fmt}.zip") for fmt in ("scorm12", "scorm2004")] == [["item-1"]] * 2
    assert runner.invoke(main, ["build", str(src), "--sco-mode", "per-sco"]).exit_code == 2


def test_per_site_packages_one_zip_per_site_in_a_folder(tmp_path: Path) -> None:
    """`per-site-packages` (course.yaml or --sco-mode): a folder of one single-SCO zip per site, in trail order;
    a second build with nothing changed finds them up to date."""
    src, runner = course_copy(tmp_path), CliRunner()
    edit(src / "course.yaml", "  slug: min-forste-loype", "  slug: min-forste-loype\n  sco_mode: per-site-packages")
    assert check(src).ok
    out = tmp_path / "out"
    built = runner.invoke(main, ["build", str(src), "-o", str(out), "-f", "scorm2004", "--json"])
    assert built.exit_code == 0, built.output
    names = ["min-forste-loype-scorm2004-01-forste-stopp.zip", "min-forste-loype-scorm2004-02-andre-stopp.zip",
             "min-forste-loype-scorm2004-03-tredje-stopp.zip"]
    folder = out / "min-forste-loype-scorm2004-sites"
    assert sorted(p.name for p in folder.iterdir()) == names
    assert [Path(p["path"]) for p in json.loads(built.output)["packages"]] == [folder / n for n in names]
    assert all(items(folder / n) == ["item-1"] for n in names)
    again = runner.invoke(main, ["build", str(src), "-o", str(out), "-f", "scorm2004"])
    assert again.exit_code == 0 and "nothing changed: 3 package(s)" in again.output, again.output
    single = runner.invoke(main, ["build", str(src), "-o", str(tmp_path / "one"), "-f", "scorm2004",
                                  "--sco-mode", "single"])
    assert single.exit_code == 0 and items(tmp_path / "one" / "min-forste-loype-scorm2004.zip") == ["item-1"]
