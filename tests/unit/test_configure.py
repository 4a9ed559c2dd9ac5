"""`trail configure`: only trail/settings.json changes; every other entry is kept byte for byte."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from packager.build import build
from packager.cli import main
from packager.configure import ConfigureError, configure
from packager.inspect import inspect_package
from packager.model import Format
from packager.settings import SETTINGS_PATH, SettingError
from tests.unit.helpers import FIXTURE


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build(FIXTURE, tmp_path_factory.mktemp("configure"), [Format.SCORM2004])
    assert result.ok
    return result.packages[0].path


def raw_entries(path: Path) -> dict[str, bytes]:
    """Each entry's local header and compressed data, exactly as stored."""
    blob = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        out = {}
        for info in archive.infolist():
            start = info.header_offset
            header = 30 + sum(struct.unpack("<HH", blob[start + 26:start + 30]))
            out[info.filename] = blob[start:start + header + info.compress_size]
        return out


def test_only_the_settings_entry_changes(package: Path, tmp_path: Path) -> None:
    out = tmp_path / "kommune.zip"
    configure(package, out, [("common_room_url", "https://læring.kommune.no/forum/7"), ("title", "Læringsløype")])
    before, after = raw_entries(package), raw_entries(out)
    assert list(before) == list(after)  # same entries, same order
    changed = [name for name in before if before[name] != after[name]]
    assert changed == [SETTINGS_PATH]
    with zipfile.ZipFile(out) as archive, zipfile.ZipFile(package) as original:
        assert archive.testzip() is None
        info, was = archive.getinfo(SETTINGS_PATH), original.getinfo(SETTINGS_PATH)
        assert (info.compress_type, info.date_time) == (was.compress_type, was.date_time)
        settings = json.loads(archive.read(SETTINGS_PATH))
    assert settings["common_room_url"] == "https://læring.kommune.no/forum/7"
    assert settings["title"] == "Læringsløype" and settings["language"] == "nb"


def test_the_same_settings_give_the_same_bytes(package: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for target in (first, second):
        configure(package, target, [("common_room_url", "https://kommune.no/forum")])
    assert first.read_bytes() == second.read_bytes()
    back = tmp_path / "back.zip"  # and setting the old value back gives the original package
    configure(first, back, [("common_room_url", "https://lms.example.no/mod/forum/view.php?id=1")])
    assert back.read_bytes() == package.read_bytes()


def test_every_bad_key_and_value_is_named_at_once(package: Path, tmp_path: Path) -> None:
    out = tmp_path / "never.zip"
    with pytest.raises(SettingError) as caught:
        configure(package, out, [("common_room", "https://x.no"), ("common_room_url", "http://kommune.no/forum"),
                                 ("language", "en"), ("languages", "nb,en"), ("title", "")])
    assert str(caught.value).splitlines() == [
        "common_room: unknown setting; the settings are common_room_url, title, language, logo, lrs_platform",
        "common_room_url: expected an https:// address (or nothing, to remove it), got 'http://kommune.no/forum'",
        "language: this package carries nb; 'en' is not one of them (build the course in that language instead)",
        "languages: is written by the build and cannot be set",
        "title: expected a text of 1 to 200 characters on one line, got ''",
    ]
    assert not out.exists()


def test_a_package_trail_did_not_build_is_refused(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("imsmanifest.xml", "<manifest/>")
    with pytest.raises(ConfigureError, match=r"has no trail/settings\.json: it was not built by trail"):
        configure(foreign, tmp_path / "out.zip", [("title", "x")])


def test_cli_configure_then_inspect_shows_the_settings(package: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "kommune.zip"
    done = runner.invoke(main, ["configure", str(package), "--set", "common_room_url=https://kommune.no/f",
                                "--set", "lrs_platform=Moodle Kommune", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "  common_room_url = https://kommune.no/f" in done.output
    shown = runner.invoke(main, ["inspect", str(out)])
    assert "    common_room_url = https://kommune.no/f" in shown.output
    assert "    lrs_platform = Moodle Kommune" in shown.output
    assert inspect_package(out).settings["languages"] == ["nb"]  # type: ignore[index]
    bad = runner.invoke(main, ["configure", str(package), "--set", "colour=red", "-o", str(tmp_path / "x.zip")])
    assert bad.exit_code == 1
    assert f"{package.name}: --set colour: unknown setting" in bad.output
    usage = runner.invoke(main, ["configure", str(package), "--set", "title", "-o", str(tmp_path / "x.zip")])
    assert usage.exit_code == 2 and "expected KEY=VALUE" in usage.output
