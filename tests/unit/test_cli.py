"""The `trail` command: every problem at once, no traceback, documented exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from packager.cli import main
from tests.unit.helpers import course_copy, edit

runner = CliRunner()


def test_check_ok_exits_0(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    result = runner.invoke(main, ["check", str(src)])
    assert result.exit_code == 0, result.output
    assert "no errors, 0 warning(s)" in result.output


def test_check_prints_all_problems_and_exits_1(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "language: nb", "language: sv")
    edit(src / "sites/01-forste-stopp/site.md", "minutes: 5", "minutes: -1")
    result = runner.invoke(main, ["check", str(src)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert lines[-1] == "2 error(s), 0 warning(s)"
    assert "course.yaml:4: language: expected one of nb, nn, en, got the text 'sv'" in lines[0]
    assert "site.md:4: minutes: expected a whole number from 1 to 600, got -1" in lines[1]


def test_check_json_summary(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "title: Min første læringsløype", "titel: x")
    result = runner.invoke(main, ["check", "--json", str(src)])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["ok"] is False and payload["errors"] == 2
    keys = sorted(p["key"] for p in payload["problems"])
    assert keys == ["titel", "title"]
    assert all(p["file"].endswith("course.yaml") and p["line"] >= 1 for p in payload["problems"])


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    assert runner.invoke(main, ["build", str(src), "--format", "pdf"]).exit_code == 2
    assert runner.invoke(main, ["check", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(main, ["frobnicate"]).exit_code == 2


def test_init_writes_a_course_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = runner.invoke(main, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["check", str(target)]).exit_code == 0
    again = runner.invoke(main, ["init", str(target)])
    assert again.exit_code == 2 and "is not empty" in again.output


def test_help_everywhere() -> None:
    for args in (["--help"], ["check", "--help"], ["build", "--help"], ["init", "--help"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0 and "Usage:" in result.output


def test_profile_writes_the_vocabulary(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    result = runner.invoke(main, ["profile", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    profile = json.loads((tmp_path / "out" / "min-forste-loype-xapi-profile.jsonld").read_text(encoding="utf-8"))
    assert profile["id"] == "https://example.no/kurs/min-forste-loype/xapi/profile"
    concepts = {c["id"] for c in profile["concepts"]}
    assert "http://adlnet.gov/expapi/verbs/answered" in concepts
    assert "https://example.no/kurs/min-forste-loype/sites/andre-stopp/questions/koble" in concepts
    assert (tmp_path / "out" / "min-forste-loype-xapi-vocabulary.md").read_text(encoding="utf-8").startswith("#")


def test_profile_of_a_broken_course_exits_1(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    edit(src / "course.yaml", "language: nb", "language: de")
    result = runner.invoke(main, ["profile", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "language: expected one of nb, nn, en" in result.output
    assert not (tmp_path / "out").exists()


def _one_line_usage_error(result: object, fragment: str) -> None:
    from click.testing import Result

    assert isinstance(result, Result)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and fragment in lines[0], result.stderr


def test_unwritable_output_is_one_line_and_exit_2(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    _one_line_usage_error(runner.invoke(main, ["build", str(src), "-o", str(a_file / "sub")]),
                          f"cannot create output folder {a_file / 'sub'}: not a directory")
    _one_line_usage_error(runner.invoke(main, ["build", str(src), "-o", str(a_file)]),
                          f"Invalid value for '--out' / '-o': Directory '{a_file}' is a file.")
    # /sys refuses new entries even to root, for whom a chmod-ed folder is still writable.
    _one_line_usage_error(runner.invoke(main, ["build", str(src), "-o", "/sys/trail-out"]),
                          "cannot create output folder /sys/trail-out")
    _one_line_usage_error(runner.invoke(main, ["profile", str(src), "-o", str(a_file / "sub")]),
                          "cannot create output folder")
    _one_line_usage_error(runner.invoke(main, ["init", "/sys/trail-course"]), "cannot create folder /sys/trail-course")


def test_bad_source_date_epoch_is_exit_2_before_anything_is_written(tmp_path: Path) -> None:
    src = course_copy(tmp_path)
    out = tmp_path / "out"
    for value in ("yesterday", "9999999999", "-5", "1.5"):
        result = runner.invoke(main, ["build", str(src), "-o", str(out)], env={"SOURCE_DATE_EPOCH": value})
        _one_line_usage_error(result, f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970 up to 4354819199 (the end of 2107, the last time a zip can hold), got {value!r}")
    assert not out.exists() or not any(out.iterdir())


def test_click_usage_errors_are_one_line(tmp_path: Path) -> None:
    _one_line_usage_error(runner.invoke(main, ["preview", str(course_copy(tmp_path)), "--port", "70000"]),
                          "Invalid value for '--port' / '-p': 70000 is not in the range 0<=x<=65535.")
    _one_line_usage_error(runner.invoke(main, ["build", "--format", "pdf", str(tmp_path / "course")]),
                          "Invalid value for '--format': pdf; choose from cmi5, scorm12, scorm2004, web, xapi")
    _one_line_usage_error(runner.invoke(main, ["--no-such-option"]), "No such option '--no-such-option'")


def test_an_internal_error_is_exit_3_with_the_traceback_only_under_debug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = course_copy(tmp_path)

    def broken(_source: Path) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr("packager.build.check", broken)  # stands in for any bug in the library
    result = runner.invoke(main, ["check", str(src)])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [
        "Internal error: KeyError: 'a bug'",
        "this is a bug in trail, please report it with the command you ran and this message (run `trail --debug ...` for the traceback)",
    ]
    debug = runner.invoke(main, ["--debug", "check", str(src)])
    assert debug.exit_code == 3
    assert "Traceback (most recent call last)" in debug.stderr and "KeyError: 'a bug'" in debug.stderr


def test_format_given_twice_builds_both(tmp_path: Path) -> None:
    """`-f scorm12 -f scorm2004` used to build the last one alone, silently."""
    src, out = course_copy(tmp_path), tmp_path / "dist"
    result = runner.invoke(main, ["build", str(src), "--out", str(out), "-f", "scorm12", "-f", "scorm2004,web"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name.rsplit("-", 1)[1] for p in out.glob("*.zip")) == ["scorm12.zip", "scorm2004.zip", "web.zip"]
