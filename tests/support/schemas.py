"""XSD wrapper schemas for manifests, compiled from the shared reference set.

lxml ignores xsi:schemaLocation, so one wrapper schema imports every
namespace a manifest uses (see shared/schemas/README.md). The 1.2 LOM schema
cannot be compiled by libxml2 and is deliberately left out.
"""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"

NS_SCORM12 = {
    "imscp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
NS_SCORM2004 = {
    "imscp": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}


def find_shared_schemas(repo: Path) -> Path:
    """`$TRAIL_SHARED_SCHEMAS`, else `<repo>/../shared/schemas`; never a copy inside the repo."""
    env = os.environ.get("TRAIL_SHARED_SCHEMAS")
    path = Path(env) if env else repo.parent / "shared" / "schemas"
    if not (path / "scorm12" / "imscp_rootv1p1p2.xsd").is_file():
        raise FileNotFoundError(
            f"official SCORM/cmi5 schemas not found at {path}. They are test data kept "
            "outside the repository: set TRAIL_SHARED_SCHEMAS to the folder holding "
            "scorm12/, scorm2004_4th/ and cmi5/ (normally <repo>/../shared/schemas)."
        )
    return path


def wrapper_schema(
    imports: list[tuple[str, Path]], resolver: etree.Resolver | None = None
) -> etree.XMLSchema:
    """One schema that only imports the given namespaces, as the schemas README shows."""
    root = etree.Element(f"{{{XS}}}schema", nsmap={"xs": XS})
    for namespace, path in imports:
        etree.SubElement(
            root, f"{{{XS}}}import", namespace=namespace, schemaLocation=path.resolve().as_uri()
        )
    parser = etree.XMLParser(no_network=True)
    if resolver is not None:
        parser.resolvers.add(resolver)
    return etree.XMLSchema(etree.fromstring(etree.tostring(root), parser))


def scorm12_schema(schemas: Path) -> etree.XMLSchema:
    s12 = schemas / "scorm12"
    return wrapper_schema(
        [
            (NS_SCORM12["imscp"], s12 / "imscp_rootv1p1p2.xsd"),
            (NS_SCORM12["adlcp"], s12 / "adlcp_rootv1p2.xsd"),
        ]
    )


def scorm2004_schema(schemas: Path) -> etree.XMLSchema:
    s04 = schemas / "scorm2004_4th"
    return wrapper_schema(
        [
            (NS_SCORM2004["imscp"], s04 / "imscp_v1p1.xsd"),
            (NS_SCORM2004["adlcp"], s04 / "adlcp_v1p3.xsd"),
            (NS_SCORM2004["adlseq"], s04 / "adlseq_v1p3.xsd"),
            (NS_SCORM2004["adlnav"], s04 / "adlnav_v1p3.xsd"),
            (NS_SCORM2004["imsss"], s04 / "imsss_v1p0.xsd"),
        ]
    )


def cmi5_schema(schemas: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(schemas / "cmi5" / "CourseStructure.xsd")))


def schema_errors(schema: etree.XMLSchema, tree: etree._ElementTree) -> list[str]:
    """Validation errors as `line N: message` strings (empty when valid)."""
    if schema.validate(tree):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
