"""SCORM 1.2: one SCO, `imsmanifest.xml` at the zip root."""

from __future__ import annotations

from lxml import etree

from packager import ids
from packager.budget import SCORM12_STATE_LIMIT, answers_state_chars, questions_to_remove
from packager.files import Files
from packager.model import Course, Format, ScoMode
from packager.package import control_files
from packager.package.format import CourseIssue, Options, OutputFormat
from packager.package.launch import scorm12_launch
from packager.package.rules import with_manifest
from packager.package.xml import XSI, schema_location, sco_resource, scorm_metadata, serialize, sub

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
    scorm_metadata(root, CP, "1.2")
    orgs = sub(root, f"{q}organizations", default=ORG)
    org = sub(orgs, f"{q}organization", identifier=ORG)
    sub(org, f"{q}title", course.title)
    item = sub(org, f"{q}item", identifier=ITEM, identifierref=RESOURCE, isvisible="true")
    sub(item, f"{q}title", course.title)
    if course.passing_score is not None:
        # Equal to the content's own rule, so Moodle's mastery override agrees with us.
        sub(item, f"{{{ADLCP}}}masteryscore", str(course.passing_score))
    sco_resource(root, CP, RESOURCE, f"{{{ADLCP}}}scormtype", files)
    return serialize(root)


def package(course: Course, files: Files, _options: Options | None = None) -> Files:
    return with_manifest(files, manifest(course, sorted(files)), "1.2")


def state_budget(course: Course) -> list[CourseIssue]:
    """Answers must always fit 1.2's suspend_data; reflections may overflow to the browser."""
    need = answers_state_chars(course)
    if need > SCORM12_STATE_LIMIT:
        remove, total = questions_to_remove(course), sum(len(site.questions) for site in course.sites)
        over = need - SCORM12_STATE_LIMIT
        return [CourseIssue("output.formats", f"a learner's answers can need {need} characters of state, {over} more "
                            f"than SCORM 1.2's {SCORM12_STATE_LIMIT}; for a SCORM 1.2 package remove at least "
                            f"{remove} of the {total} questions (fill-in questions cost the most, then long lists), or "
                            "leave scorm12 out of output.formats (or build --format without it): the other formats "
                            "keep far more state")]
    if need > SCORM12_STATE_LIMIT // 2 and any(s.reflections for s in course.sites):
        return [CourseIssue("output.formats", f"answers can need {need} of SCORM 1.2's {SCORM12_STATE_LIMIT} "
                            "characters of state, so long reflections may be kept in the learner's browser only",
                            warning=True)]
    return []


def one_sco(course: Course) -> list[CourseIssue]:
    """`sco_mode: per-site` is built for SCORM 2004 only so far: say so rather than build it silently as one."""
    if course.sco_mode is ScoMode.PER_SITE:
        return [CourseIssue("output.sco_mode", "per-site is built for SCORM 2004 only; the SCORM 1.2 package "
                            "stays one SCO for the whole trail", warning=True)]
    return []


FORMAT = OutputFormat(
    name=Format.SCORM12,
    title="SCORM 1.2",
    summary="LMSs that speak SCORM 1.2 (Moodle, itslearning, ...)",
    control_file="imsmanifest.xml",
    write=package,
    adapter=("scorm.js", "adapter-scorm12.js"),
    ids=ids.CMI_IDENTIFIER_IDS,
    checks=(state_budget, one_sco),
    control_files=control_files.SCORM12,
    launch=scorm12_launch,
)
