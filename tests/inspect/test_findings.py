"""`trail inspect` on one broken package per problem, and on hostile ones: exactly the right findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.inspect import inspect_package
from packager.inspect.safezip import Limits
from tests.inspect.broken import CASES, Case, make, write


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_broken_package_gives_exactly_its_finding(case: Case, our_packages: dict[str, Path],
                                                       tmp_path: Path) -> None:
    report = inspect_package(make(case, our_packages, tmp_path))
    assert [(f.code, f.where) for f in report.findings] == list(case.expected)
    assert not report.ok or all(f.level == "warning" for f in report.findings)


def test_hostile_entries_are_never_read(our_packages: dict[str, Path], tmp_path: Path) -> None:
    """The symlink's and the zip slip's entries are reported, not opened: the package lists no such member."""
    from packager.inspect.safezip import open_package

    zip_slip = next(c for c in CASES if c.name == "zip-slip")
    package, findings = open_package(make(zip_slip, our_packages, tmp_path))
    assert package is not None and "../../../var/www/evil.js" not in package.members
    assert [f.code for f in findings] == ["zip-slip"]
    package.close()


def test_too_many_entries_stops_before_reading(our_packages: dict[str, Path]) -> None:
    report = inspect_package(our_packages["scorm12"], Limits(entries=10))
    assert [f.code for f in report.findings] == ["too-many-entries"]
    assert "inspect stops above 10" in report.findings[0].message


def test_a_package_larger_than_the_limit_is_reported(our_packages: dict[str, Path]) -> None:
    report = inspect_package(our_packages["scorm12"], Limits(total_bytes=1000))
    assert [f.code for f in report.findings] == ["too-large"]


def test_a_file_that_is_no_zip(tmp_path: Path) -> None:
    path = tmp_path / "kurs.zip"
    path.write_bytes(b"<html>not a zip</html>")
    report = inspect_package(path)
    assert [f.code for f in report.findings] == ["not-a-zip"] and not report.ok


def test_warnings_alone_do_not_stop_an_import(our_packages: dict[str, Path], tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "schema-file-missing")
    report = inspect_package(make(case, our_packages, tmp_path))
    assert report.ok and report.findings[0].level == "warning"
    assert "imscp_rootv1p1p2.xsd" in report.findings[0].message


def test_a_manifest_in_a_wrapper_folder_is_still_inspected(tmp_path: Path, our_packages: dict[str, Path]) -> None:
    from tests.inspect.broken import read

    members = [(f"kurs/{m}", d) for m, d in read(our_packages["scorm2004"]) if m != "trail/trail.css"]
    report = inspect_package(write(members, tmp_path / "wrapped.zip"))
    assert [f.code for f in report.findings] == ["wrapper-folder", "missing-file"]
    assert report.summary["format"] == "SCORM 2004" and report.summary["scos"] == 1


def test_a_damaged_entry_is_a_finding_not_a_crash(our_packages: dict[str, Path], tmp_path: Path) -> None:
    """A manifest whose stored bytes do not match its checksum (a broken upload, a bad zip tool)."""
    import zipfile

    from tests.inspect.broken import read

    path = tmp_path / "damaged.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in read(our_packages["scorm12"]):
            archive.writestr(name, data, zipfile.ZIP_STORED if name == "imsmanifest.xml" else zipfile.ZIP_DEFLATED)
    blob = bytearray(path.read_bytes())
    at = blob.index(b"<schemaversion>1.2")
    blob[at + 15] = ord("9")  # 1.2 → 9.2 inside the stored manifest: the CRC no longer matches
    path.write_bytes(bytes(blob))
    report = inspect_package(path)
    assert [(f.code, f.where) for f in report.findings] == [("damaged-entry", "imsmanifest.xml")]
    assert "imsmanifest.xml cannot be unpacked (Bad CRC-32" in report.findings[0].message
