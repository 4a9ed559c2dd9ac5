"""`--control-files`: the official XSDs bundled at the zip root, only if they are the originals."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from packager.build import build
from packager.model import Format
from tests.unit.helpers import FIXTURE


def test_every_schema_the_manifest_names_is_at_the_root(tmp_path: Path, shared_schemas: Path) -> None:
    result = build(FIXTURE, tmp_path, [Format.SCORM12, Format.SCORM2004, Format.WEB], control_files=shared_schemas)
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
