"""SCORM 2004 4th Edition: one SCO (or one per site, `scorm2004_sites`), free choice and flow."""

from __future__ import annotations

from lxml import etree

from packager import ids
from packager.files import Files
from packager.model import Course, Format, ScoMode
from packager.package import control_files, scorm2004_sites, site_packages
from packager.package.format import OutputFormat, ScormOptions
from packager.package.launch import scorm2004_launch
from packager.package.rules import with_manifest
from packager.package.xml import XSI, schema_location, sco_resource, scorm_metadata, serialize, sub

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
SCHEMAS = [
    (CP, "imscp_v1p1.xsd"), (ADLCP, "adlcp_v1p3.xsd"), (ADLSEQ, "adlseq_v1p3.xsd"),
    (ADLNAV, "adlnav_v1p3.xsd"), (IMSSS, "imsss_v1p0.xsd"),
]
ORG, ITEM, RESOURCE = "org-1", "item-1", "sco-1"


def manifest(course: Course, files: list[str], mode: ScoMode = ScoMode.SINGLE) -> bytes:
    """The manifest; `per-site-packages`: of one site's own package (the course cut to that site), a single
    SCO launched at its site (`?site=<slug>`, as a per-site SCO), under its own identifier and title."""
    q, ss = f"{{{CP}}}", f"{{{IMSSS}}}"
    identifier, title, one = site_packages.identity(course, mode)
    root = etree.Element(
        f"{q}manifest",
        nsmap={None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI},
        identifier=identifier, version=course.version,
    )
    root.set(f"{{{XSI}}}schemaLocation", schema_location(SCHEMAS))
    scorm_metadata(root, CP, "2004 4th Edition")
    orgs = sub(root, f"{q}organizations", default=ORG)
    org = sub(orgs, f"{q}organization", identifier=ORG)
    # Both default to true, which would leak objectives and shared data across courses.
    org.set(f"{{{ADLSEQ}}}objectivesGlobalToSystem", "false")
    org.set(f"{{{ADLCP}}}sharedDataGlobalToSystem", "false")
    sub(org, f"{q}title", title)
    if mode is ScoMode.PER_SITE:
        ns = {"cp": CP, "imsss": IMSSS, "adlseq": ADLSEQ, "adlcp": ADLCP}
        scorm2004_sites.items(course, org, ns, RESOURCE)
        sco_resource(root, CP, RESOURCE, f"{{{ADLCP}}}scormType", files)
        return serialize(root)
    item = sub(org, f"{q}item", identifier=ITEM, identifierref=RESOURCE)
    if one:
        item.set("parameters", f"?site={one.slug}")
    sub(item, f"{q}title", title)
    sequencing = sub(item, f"{ss}sequencing")
    objectives = sub(sequencing, f"{ss}objectives")
    # No satisfiedByMeasure: the LMS must not judge a half-walked trail at Terminate.
    sub(objectives, f"{ss}primaryObjective", objectiveID=f"{course.id}#course")
    for site in course.sites:
        sub(objectives, f"{ss}objective", objectiveID=ids.site_iri(course, site))
    sub(sequencing, f"{ss}deliveryControls", completionSetByContent="true", objectiveSetByContent="true")
    org_sequencing = sub(org, f"{ss}sequencing")
    sub(org_sequencing, f"{ss}controlMode", choice="true", choiceExit="true", flow="true", forwardOnly="false")
    sco_resource(root, CP, RESOURCE, f"{{{ADLCP}}}scormType", files)
    return serialize(root)


def package(course: Course, files: Files, options: ScormOptions | None = None) -> Files:
    mode = (options or ScormOptions()).mode(course)
    return with_manifest(files, manifest(course, sorted(files), mode), "2004")


FORMAT = OutputFormat(
    name=Format.SCORM2004,
    title="SCORM 2004",
    summary="SCORM 2004 4th Edition LMSs",
    control_file="imsmanifest.xml",
    write=package,
    adapter=("scorm.js", "adapter-scorm2004.js"),
    ids=ids.URN_IDS,
    control_files=control_files.SCORM2004,
    launch=scorm2004_launch,
    options=ScormOptions,
    site_packages=True,
)
