"""The manifest rules the XSDs miss: each one rejects the mistake it names."""

from __future__ import annotations

import pytest

from packager.package.rules import manifest_problems

CP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
AD12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
CP04 = "http://www.imsglobal.org/xsd/imscp_v1p1"
AD04 = "http://www.adlnet.org/xsd/adlcp_v1p3"
SEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"


def m12(schema: str = "ADL SCORM", version: str = "1.2", resource: str = 'adlcp:scormtype="sco" href="index.html"',
        files: str = '<file href="index.html"/>', item: str = 'identifierref="r1"', extra: str = "") -> bytes:
    return f"""<manifest xmlns="{CP12}" xmlns:adlcp="{AD12}" identifier="m">
<metadata><schema>{schema}</schema><schemaversion>{version}</schemaversion></metadata>
<organizations default="o"><organization identifier="o"><title>t</title>
<item identifier="i" {item}><title>t</title>{extra}</item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" {resource}>{files}</resource></resources>
</manifest>""".encode()


def m04(resource: str = 'adlcp:scormType="sco" href="index.html"', org: str = 'adlseq:objectivesGlobalToSystem="false" adlcp:sharedDataGlobalToSystem="false"', version: str = "2004 4th Edition") -> bytes:
    return f"""<manifest xmlns="{CP04}" xmlns:adlcp="{AD04}" xmlns:adlseq="{SEQ}" identifier="m">
<metadata><schema>ADL SCORM</schema><schemaversion>{version}</schemaversion></metadata>
<organizations default="o"><organization identifier="o" {org}><title>t</title>
<item identifier="i" identifierref="r1"><title>t</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" {resource}><file href="index.html"/></resource></resources>
</manifest>""".encode()


def test_good_manifests_pass() -> None:
    assert manifest_problems(m12(), "1.2", {"index.html"}) == []
    assert manifest_problems(m04(), "2004", {"index.html"}) == []


@pytest.mark.parametrize(("manifest", "version", "expected"), [
    (m04(resource='adlcp:scormtype="sco" href="index.html"'), "2004", "adlcp:scormType must be 'sco' or 'asset', got None"),
    (m12(resource='adlcp:scormType="sco" href="index.html"'), "1.2", "adlcp:scormtype must be 'sco' or 'asset', got None"),
    (m04(version="2004 5th Edition"), "2004", "<schemaversion> must be '2004 4th Edition', got '2004 5th Edition'"),
    (m12(schema="SCORM"), "1.2", "<schema> must be 'ADL SCORM', got 'SCORM'"),
    (m12(resource='adlcp:scormtype="sco" href="media\\index.html"', files='<file href="media\\index.html"/>'), "1.2",
     "href 'media\\\\index.html' must be relative with forward slashes"),
    (m12(resource='adlcp:scormtype="sco" href="/index.html"', files='<file href="/index.html"/>'), "1.2",
     "href '/index.html' must be relative with forward slashes"),
    (m12(files='<file href="other.html"/>'), "1.2", "its href 'index.html' is not listed as a <file>"),
    (m12(item='identifierref="nope"'), "1.2", "identifierref 'nope' names no resource"),
    (m12(item=""), "1.2", "a leaf item needs an identifierref"),
    (m12(extra="<adlcp:masteryscore>150</adlcp:masteryscore>"), "1.2", "masteryscore must be 0 to 100, got '150'"),
    (m04(org=""), "2004", "objectivesGlobalToSystem must be 'false'"),
])
def test_each_rule_catches_its_mistake(manifest: bytes, version: str, expected: str) -> None:
    problems = manifest_problems(manifest, version)
    assert any(expected in p for p in problems), problems


def test_files_missing_from_the_package_are_reported() -> None:
    assert any("'index.html' is not in the package" in p for p in manifest_problems(m12(), "1.2", {"other.html"}))
