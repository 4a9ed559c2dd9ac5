"""Manifest rules the official XSDs do not catch (ADL schematron and CP rules).

The XSDs let a 1.2 spelling of `scormtype` through a 2004 manifest, accept any
`<schemaversion>`, and never look at hrefs or idrefs; LMS imports fail on all
of these. Every manifest we write is checked here before it is zipped.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

SCHEMA_VERSIONS = {"1.2": ("1.2",), "2004": ("2004 4th Edition",)}
NS = {
    "1.2": ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "http://www.adlnet.org/xsd/adlcp_rootv1p2"),
    "2004": ("http://www.imsglobal.org/xsd/imscp_v1p1", "http://www.adlnet.org/xsd/adlcp_v1p3"),
}


class ManifestRuleError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def manifest_problems(data: bytes, version: str, files: set[str] | None = None) -> list[str]:
    cp, adlcp = NS[version]
    root = etree.fromstring(data)
    ns = {"cp": cp, "adlcp": adlcp}
    out: list[str] = []

    metadata = root.find("cp:metadata", ns)
    children = [c for c in (metadata if metadata is not None else []) if isinstance(c.tag, str)]
    if len(children) < 2 or children[0].tag != f"{{{cp}}}schema" or children[1].tag != f"{{{cp}}}schemaversion":
        out.append("<metadata> must start with <schema> then <schemaversion>")
    else:
        if (children[0].text or "") != "ADL SCORM":
            out.append(f"<schema> must be 'ADL SCORM', got {children[0].text!r}")
        if (children[1].text or "") not in SCHEMA_VERSIONS[version]:
            out.append(f"<schemaversion> must be {SCHEMA_VERSIONS[version][0]!r}, got {children[1].text!r}")

    good, wrong = ("scormtype", "scormType") if version == "1.2" else ("scormType", "scormtype")
    identifiers = {r.get("identifier") for r in root.iterfind(".//cp:resource", ns)}
    for resource in root.iterfind(".//cp:resource", ns):
        rid = resource.get("identifier")
        value = resource.get(f"{{{adlcp}}}{good}")
        if value not in ("sco", "asset"):
            out.append(f"resource {rid}: adlcp:{good} must be 'sco' or 'asset', got {value!r}")
        if resource.get(f"{{{adlcp}}}{wrong}") is not None:
            out.append(f"resource {rid}: adlcp:{wrong} is the spelling of the other SCORM version")
        hrefs = [resource.get("href")] + [f.get("href") for f in resource.iterfind("cp:file", ns)]
        for href in filter(None, hrefs):
            if "\\" in href or href.startswith("/") or href.lower().startswith("file:"):
                out.append(f"resource {rid}: href {href!r} must be relative with forward slashes")
            if files is not None and href.split("?")[0] not in files:
                out.append(f"resource {rid}: {href!r} is not in the package")
        listed = {f.get("href") for f in resource.iterfind("cp:file", ns)}
        if resource.get("href") and resource.get("href") not in listed:
            out.append(f"resource {rid}: its href {resource.get('href')!r} is not listed as a <file>")

    for item in root.iterfind(".//cp:item", ns):
        ref, leaf = item.get("identifierref"), item.find("cp:item", ns) is None
        if ref is not None and ref not in identifiers:
            out.append(f"item {item.get('identifier')}: identifierref {ref!r} names no resource")
        if ref is not None and not leaf:
            out.append(f"item {item.get('identifier')}: only leaf items may have an identifierref")
        if ref is None and leaf:
            out.append(f"item {item.get('identifier')}: a leaf item needs an identifierref")
        mastery = item.find("adlcp:masteryscore", ns)
        if mastery is not None:
            try:
                ok = 0 <= float(mastery.text or "") <= 100
            except ValueError:
                ok = False
            if not ok:
                out.append(f"item {item.get('identifier')}: masteryscore must be 0 to 100, got {mastery.text!r}")

    if version == "2004":
        for org in root.iterfind(".//cp:organization", ns):
            for attr in ("{http://www.adlnet.org/xsd/adlseq_v1p3}objectivesGlobalToSystem",
                         f"{{{adlcp}}}sharedDataGlobalToSystem"):
                if org.get(attr) != "false":
                    out.append(f"organization {org.get('identifier')}: {attr.split('}')[1]} must be 'false'")
    return out


def with_manifest(files: dict[str, Any], data: bytes, version: str) -> dict[str, Any]:
    """The package's files plus its checked `imsmanifest.xml`; raises on any broken rule."""
    problems = manifest_problems(data, version, set(files))
    if problems:
        raise ManifestRuleError(problems)
    return {**files, "imsmanifest.xml": data}
