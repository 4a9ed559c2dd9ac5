"""`trail report` from exports: every export shape gives the same figures, nobody is named,
small groups are suppressed, and the command stays out of `trail build`'s way."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench.statements import MUNICIPALITY, generate
from packager.build import build
from packager.cli import main
from packager.model import Format
from packager.report.course import from_package, read_course
from packager.report.run import Options, make_report
from tests.unit.helpers import FIXTURE

COURSE = read_course(FIXTURE)


@pytest.fixture(scope="module")
def statements() -> list[dict[str, Any]]:
    return list(generate(COURSE, 40, seed=7))


def write_array(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_lines_gz(path: Path, items: list[dict[str, Any]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(s, ensure_ascii=False) + "\n" for s in items)
    return path


def figures(out: Path, exports: list[Path], **options: Any) -> dict[str, list[tuple[Any, ...]]]:
    report = make_report(COURSE, out, exports=exports, options=Options(salt="s", **options))
    return {key: t.rows for key, t in report.tables.items()}


def test_a_json_array_and_gzipped_lines_give_the_same_figures(tmp_path: Path, statements: list[dict[str, Any]]) -> None:
    a = figures(tmp_path / "a", [write_array(tmp_path / "export.json", statements)])
    # the same statements twice over, in two files, one of them gzipped lines with a misleading name
    half = len(statements) // 2
    b = figures(tmp_path / "b", [write_lines_gz(tmp_path / "one.json", statements[:half]),
                                 write_lines_gz(tmp_path / "two.ndjson.gz", statements),
                                 write_array(tmp_path / "three.json", statements[half:])])
    assert a == b
    assert a["funnel"][0] == ("started", 40, 1.0)
    opened = {(st["actor"]["account"]["name"], st["object"]["id"].rsplit("/", 1)[1])
              for st in statements if st["verb"]["id"].endswith("/experienced")}
    assert {row[1]: row[2] for row in a["sites"]} == {
        site.title: sum(1 for _, slug in opened if slug == site.slug) for site in COURSE.sites}


def test_nobody_is_named_and_small_groups_are_suppressed(tmp_path: Path, statements: list[dict[str, Any]]) -> None:
    report = make_report(COURSE, tmp_path / "r", exports=[write_array(tmp_path / "e.json", statements)],
                         options=Options(municipality=MUNICIPALITY))
    text = "\n".join(p.read_text(encoding="utf-8-sig") for p in report.files)
    for st in statements:
        actor = st["actor"]
        assert actor["name"] not in text and actor["account"]["name"] not in text
    assert "Vi samarbeider med NAV" not in text  # reflection texts stay out without --include-text
    towns = report.tables["municipalities"].as_dicts()
    assert all(t["learners"] != "<5" for t in towns if not str(t["municipality"]).startswith("other"))
    tiny = make_report(COURSE, tmp_path / "tiny", exports=[write_array(tmp_path / "t.json", statements[:30])],
                       options=Options(min_group=5))
    row = tiny.tables["sites"].as_dicts()[0]
    assert row["learners"] == "<5" and row["share_done"] is None and row["median_minutes"] is None
    assert "<5" in (tmp_path / "tiny" / "sites.csv").read_text(encoding="utf-8-sig")


def test_include_text_shows_the_reflections_without_who_wrote_them(tmp_path: Path,
                                                                    statements: list[dict[str, Any]]) -> None:
    report = make_report(COURSE, tmp_path / "r", exports=[write_array(tmp_path / "e.json", statements)],
                         options=Options(include_text=True))
    texts = report.tables["reflection_texts"].column("text")
    assert texts and set(texts) == {"Vi samarbeider med NAV om bolig."}
    assert "Generert Deltaker" not in report.html.read_text(encoding="utf-8")


def test_identify_names_the_learners(tmp_path: Path, statements: list[dict[str, Any]]) -> None:
    report = make_report(COURSE, tmp_path / "r", exports=[write_array(tmp_path / "e.json", statements)],
                         options=Options(identify=True))
    assert "Generert Deltaker 0" in report.html.read_text(encoding="utf-8")


def test_the_time_window_keeps_only_its_statements(tmp_path: Path, statements: list[dict[str, Any]]) -> None:
    export = write_array(tmp_path / "e.json", statements)
    stamps = sorted(s["timestamp"] for s in statements)
    middle = stamps[len(stamps) // 2]
    whole = make_report(COURSE, tmp_path / "a", exports=[export], options=Options(salt="s"))
    later = make_report(COURSE, tmp_path / "b", exports=[export], options=Options(salt="s", since=middle))
    assert later.statements == sum(1 for s in stamps if s >= middle) < whole.statements


def test_a_package_zip_describes_the_course_as_its_source_does(tmp_path: Path) -> None:
    for fmt in (Format.XAPI, Format.SCORM12):
        zip_path = build(FIXTURE, tmp_path / str(fmt), formats=[fmt]).packages[0].path
        assert from_package(zip_path) == COURSE


def test_the_command_needs_one_input_and_hides_the_password(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["report", str(FIXTURE)])
    assert result.exit_code == 2 and "--lrs URL" in result.output
    result = runner.invoke(main, ["report", str(FIXTURE), "--lrs", "http://127.0.0.1:9/xapi/",
                                  "--lrs-user", "key", "--lrs-password", "hemmelig-passord", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "cannot be reached" in result.output and "hemmelig-passord" not in result.output


def test_trail_build_does_not_load_duckdb_or_matplotlib() -> None:
    code = "import sys, packager.cli; print(sorted(m for m in ('duckdb', 'matplotlib') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_the_page_is_self_contained_with_unique_ids_and_a_table_under_every_chart(
        tmp_path: Path, statements: list[dict[str, Any]]) -> None:
    report = make_report(COURSE, tmp_path / "r", exports=[write_array(tmp_path / "e.json", statements)],
                         options=Options(salt="s"))
    page = report.html.read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert not re.search(r'(src|href)="(https?:)?//', page) and "<script" not in page
    for figure in re.findall(r"<figure.*?</figure>\s*<table", page, flags=re.S):
        assert 'aria-hidden="true"' in figure  # the table after it is what a screen reader reads
    assert page.count("<figure") == len(re.findall(r"</figure>\s*<table", page)) >= 6
    assert '<td lang="nb">Første stopp</td>' in page


def test_an_unwritable_out_folder_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["report", str(FIXTURE), "--export", str(blocker), "-o", str(blocker)])
    assert result.exit_code == 2 and "a-file" in result.output


def test_a_statement_without_a_timestamp_counts_when_the_lrs_stored_it(tmp_path: Path,
                                                                       statements: list[dict[str, Any]]) -> None:
    first = dict(statements[0])
    stamp = first.pop("timestamp")
    kept = make_report(COURSE, tmp_path / "a", exports=[write_array(tmp_path / "a.json", [first])],
                       options=Options(min_group=1))
    assert kept.statements == 0  # neither time: nothing to place in time
    first["stored"] = stamp
    kept = make_report(COURSE, tmp_path / "b", exports=[write_array(tmp_path / "b.json", [first])],
                       options=Options(min_group=1))
    assert kept.statements == 1 and kept.tables["weeks_since_start"].rows == [(0, 1, 1)]
