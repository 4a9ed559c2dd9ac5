"""SCORM 1.2: one SCO, `imsmanifest.xml` at the zip root."""

from __future__ import annotations

from lxml import etree

from packager import ids
from packager.model import Course
from packager.package.rules import check_manifest
from packager.package.xml import XSI, schema_location, serialize, sub
from packager.render import Files

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
SCHEMAS = [(CP, "imscp_rootv1p1p2.xsd"), (IMSMD, "imsmd_rootv1p2p1.xsd"), (ADLCP, "adlcp_rootv1p2.xsd")]
ORG, ITEM, RESOURCE = "org-1", "item-1", "sco-1"


def manifest(course: Course, files: list[str]) -> bytes:
    q = f"{{{CP}}}"
    root = etree.Element(
        f"{q}manifest", nsmap={None: CP, "adlcp": ADLCP, "xsi": XSI},
        identifier=ids.manifest_identifier(course), version=course.version,
    )
    root.set(f"{{{XSI}}}schemaLocation", schema_location(SCHEMAS))
    metadata = sub(root, f"{q}metadata")
    sub(metadata, f"{q}schema", "ADL SCORM")
    sub(metadata, f"{q}schemaversion", "1.2")
    orgs = sub(root, f"{q}organizations", default=ORG)
    org = sub(orgs, f"{q}organization", identifier=ORG)
    sub(org, f"{q}title", course.title)
    item = sub(org, f"{q}item", identifier=ITEM, identifierref=RESOURCE, isvisible="true")
    sub(item, f"{q}title", course.title)
    if course.passing_score is not None:
        # Equal to the content's own rule, so Moodle's mastery override agrees with us.
        sub(item, f"{{{ADLCP}}}masteryscore", str(course.passing_score))
    resources = sub(root, f"{q}resources")
    resource = sub(resources, f"{q}resource", identifier=RESOURCE, type="webcontent", href="index.html")
    resource.set(f"{{{ADLCP}}}scormtype", "sco")
    for name in files:
        sub(resource, f"{q}file", href=name)
    return serialize(root)


def package(course: Course, files: Files) -> Files:
    out = dict(files)
    data = manifest(course, sorted(files))
    check_manifest(data, "1.2", set(files))
    out["imsmanifest.xml"] = data
    return out
