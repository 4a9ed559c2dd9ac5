"""SCORM control files: the official XSDs and DTDs at every SCORM zip's root, only if they are the originals."""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from packager.build import build
from packager.model import Format
from packager.package import FORMATS
from packager.package.control_files import BUNDLED
from tests.unit.helpers import FIXTURE


def published_digests(shared_schemas: Path) -> dict[str, str]:
    """The SHA-256 list published with the reference set (its README), `folder/name` → digest."""
    text = (shared_schemas / "README.md").read_text(encoding="utf-8")
    return {m[2]: m[1] for m in re.finditer(r"^([0-9a-f]{64})  (\S+)$", text, re.M)}


@pytest.mark.parametrize("fmt", sorted(f for f, spec in FORMATS.items() if spec.control_files))
def test_bundled_control_files_are_the_published_originals(fmt: Format, shared_schemas: Path) -> None:
    controls = FORMATS[fmt].control_files
    assert controls is not None
    folder, expected = controls.folder, controls.sha256
    published = {k.split("/", 1)[1]: v for k, v in published_digests(shared_schemas).items() if k.startswith(f"{folder}/")}
    assert expected == published  # our table is the published one, no file more or less
    shipped = sorted(p.name for p in (BUNDLED / folder).iterdir())
    assert shipped == sorted(expected)
    for name, digest in expected.items():
        data = (BUNDLED / folder / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, name
        assert data == (shared_schemas / folder / name).read_bytes(), name


def test_every_schema_the_manifest_names_is_at_the_root_by_default(tmp_path: Path) -> None:
    result = build(FIXTURE, tmp_path, [Format.SCORM12, Format.SCORM2004, Format.WEB])
    assert result.ok, [str(p) for p in result.problems.items]
    for package in result.packages:
        with zipfile.ZipFile(package.path) as archive:
            names = set(archive.namelist())
            if package.format is Format.WEB:
                assert not any(n.endswith((".xsd", ".dtd")) for n in names)
                continue
            manifest = etree.fromstring(archive.read("imsmanifest.xml"))
            location = manifest.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation", "").split()
            assert set(location[1::2]) <= names
            root_schemas = {n for n in names if "/" not in n and n.endswith((".xsd", ".dtd"))}
            assert len(root_schemas) == (4 if package.format is Format.SCORM12 else 17)
            listed = {f.get("href") for f in manifest.iter("{*}file")}
            assert not root_schemas & listed  # control files, not SCO content


def test_an_altered_schema_is_refused(tmp_path: Path, shared_schemas: Path) -> None:
    folder = tmp_path / "schemas"
    shutil.copytree(shared_schemas / "scorm12", folder)
    (folder / "imscp_rootv1p1p2.xsd").write_bytes(b"<xs:schema/>")
    (folder / "ims_xml.xsd").unlink()
    result = build(FIXTURE, tmp_path / "out", [Format.SCORM12], control_files=folder)
    assert not result.ok and result.packages == []
    missing, altered = sorted((str(p) for p in result.problems.errors), key=lambda m: "SHA-256" in m)
    assert missing.startswith(f"{folder}: --control-files: ims_xml.xsd is missing")
    assert f"{folder}/imscp_rootv1p1p2.xsd is not the published imscp_rootv1p1p2.xsd (SHA-256" in altered


def test_a_complete_override_folder_is_bundled(tmp_path: Path, shared_schemas: Path) -> None:
    result = build(FIXTURE, tmp_path, [Format.SCORM2004], control_files=shared_schemas)
    assert result.ok, [str(p) for p in result.problems.items]
    with zipfile.ZipFile(result.packages[0].path) as archive:
        assert archive.read("imscp_v1p1.xsd") == (shared_schemas / "scorm2004_4th" / "imscp_v1p1.xsd").read_bytes()
