"""`trail inspect` on packages another tool made: other prefixes, xml:base, older editions."""

from __future__ import annotations

from pathlib import Path

from packager.inspect import inspect_package
from tests.inspect.broken import write

MANIFEST_3RD = """<?xml version="1.0" encoding="UTF-8"?>
<imscp:manifest xmlns:imscp="http://www.imsglobal.org/xsd/imscp_v1p1" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="golf"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd">
  <imscp:metadata><imscp:schema>ADL SCORM</imscp:schema><imscp:schemaversion>2004 3rd Edition</imscp:schemaversion></imscp:metadata>
  <imscp:organizations default="o1">
    <imscp:organization identifier="o1"><imscp:title>Golf Explained</imscp:title>
      <imscp:item identifier="i1"><imscp:title>Playing</imscp:title>
        <imscp:item identifier="i1a" identifierref="r1"><imscp:title>Rules</imscp:title></imscp:item>
        <imscp:item identifier="i1b" identifierref="r2"><imscp:title>Scoring</imscp:title></imscp:item>
      </imscp:item>
    </imscp:organization>
  </imscp:organizations>
  <imscp:resources>
    <imscp:resource identifier="r1" type="webcontent" adlcp:scormType="sco" xml:base="Playing/" href="Rules.html">
      <imscp:file href="Rules.html"/><imscp:dependency identifierref="common"/>
    </imscp:resource>
    <imscp:resource identifier="r2" type="webcontent" adlcp:scormType="sco" xml:base="Playing/" href="Scoring.html">
      <imscp:file href="Scoring.html"/><imscp:dependency identifierref="common"/>
    </imscp:resource>
    <imscp:resource identifier="common" type="webcontent" adlcp:scormType="asset">
      <imscp:file href="shared/style.css"/><imscp:file href="shared/intro.mp4"/>
    </imscp:resource>
  </imscp:resources>
</imscp:manifest>
"""


def test_a_3rd_edition_multi_sco_package_with_xml_base(tmp_path: Path) -> None:
    members = [("imsmanifest.xml", MANIFEST_3RD.encode()), ("imscp_v1p1.xsd", b"<xs/>"), ("adlcp_v1p3.xsd", b"<xs/>"),
               ("Playing/Rules.html", b"<p>rules</p>"), ("Playing/Scoring.html", b"<p>score</p>"),
               ("shared/style.css", b"p{}"), ("shared/intro.mp4", b"\0" * 2048)]
    report = inspect_package(write(members, tmp_path / "golf.zip"))
    assert [(f.code, f.level) for f in report.findings] == [("schemaversion-old", "warning")]
    assert report.ok
    s = report.summary
    assert (s["format"], s["edition"], s["title"]) == ("SCORM 2004", "3rd Edition", "Golf Explained")
    assert (s["scos"], s["assets"], s["items"]) == (2, 1, 3)
    assert s["media"] == {"video": {"files": 1, "bytes": 2048}}


def test_a_tin_can_package_with_no_launch_and_a_missing_file(tmp_path: Path) -> None:
    tincan = b"""<?xml version="1.0"?><tincan xmlns="http://projecttincan.com/tincan.xsd"><activities>
      <activity id="https://example.org/golf" type="http://adlnet.gov/expapi/activities/course">
        <name lang="en">Golf</name></activity></activities></tincan>"""
    report = inspect_package(write([("tincan.xml", tincan), ("index.html", b"<p/>")], tmp_path / "tc.zip"))
    assert [f.code for f in report.findings] == ["tincan-launch-count"]
    assert "tincan.xml has 0 launchable activities (none)" in report.findings[0].message
    assert report.summary["format"] == "Tin Can (xAPI)" and not report.ok
