"""SCORM 1.2 and 2004 manifests: what the package is, and what an LMS import trips on.

Lenient where LMSs are (any prefix, elements found by local name) and strict
where imports or the ADL test suite fail: the checks follow the ADL schematron
rules the XSDs miss (shared/reference: schemas README, standards.md §1-2).
"""

from __future__ import annotations

from posixpath import normpath
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from packager.inspect.findings import Finding
from packager.inspect.safezip import Package
from packager.inspect.xmlread import local

ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
ADLCP13 = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EDITIONS = {"2004 4th Edition": "4th Edition", "2004 3rd Edition": "3rd Edition", "CAM 1.3": "2nd Edition"}


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if local(c) == name]


def descendants(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element.iter() if local(c) == name]


def version_of(root: etree._Element) -> tuple[str, str | None]:
    """('1.2' | '2004', edition): from <schemaversion>, else from the adlcp namespace in use."""
    found = descendants(root, "schemaversion")
    text = (found[0].text or "").strip() if found else ""
    if text == "1.2":
        return "1.2", None
    if text in EDITIONS:
        return "2004", EDITIONS[text]
    namespaces = set(root.nsmap.values()) | {etree.QName(a).namespace for e in root.iter() for a in e.attrib}
    return ("2004", None) if ADLCP13 in namespaces else ("1.2", None)


def metadata_findings(root: etree._Element, version: str) -> list[Finding]:
    metadata = children(root, "metadata")
    kids = [c for c in metadata[0] if isinstance(c.tag, str)] if metadata else []
    if len(kids) < 2 or local(kids[0]) != "schema" or local(kids[1]) != "schemaversion":
        return [Finding("metadata-missing", "The manifest's <metadata> does not start with <schema>ADL SCORM</schema> "
                        "and <schemaversion>; LMSs read the SCORM version from it and may play the course as the "
                        "wrong version.", "imsmanifest.xml")]
    out: list[Finding] = []
    schema, schemaversion = (kids[0].text or "").strip(), (kids[1].text or "").strip()
    if schema != "ADL SCORM":
        out.append(Finding("metadata-missing", f"<schema> is {schema!r}; it must be 'ADL SCORM'.", "imsmanifest.xml"))
    expected = "1.2" if version == "1.2" else "2004 4th Edition"
    if version == "2004" and schemaversion in ("2004 3rd Edition", "CAM 1.3"):
        out.append(Finding("schemaversion-old", f"<schemaversion> is {schemaversion!r}; ADL recommends "
                           "'2004 4th Edition' and some LMSs play older editions differently.", "imsmanifest.xml"))
    elif schemaversion != expected:
        out.append(Finding("schemaversion", f"<schemaversion> is {schemaversion!r}; a SCORM {version} manifest must "
                           f"say {expected!r}, or LMSs refuse it or treat it as another version.", "imsmanifest.xml"))
    return out


def href_target(href: str, base: str, prefix: str) -> tuple[str | None, list[Finding]]:
    """The zip member an href names (None for a web address), and what is wrong with the href.

    A backslashed or absolute href still names the entry spelled the same way, so the
    package is not reported twice for one mistake."""
    where = f"href {href!r}"
    parts = urlsplit(href)
    if "\\" in href:
        return prefix + href, [Finding("backslash-path", "The manifest names a file with backslashes; use forward "
                                       "slashes.", where)]
    if parts.scheme in ("http", "https"):
        return None, []
    if parts.scheme or href.startswith("/"):
        return (None if parts.scheme else href), [Finding(
            "absolute-path", "The manifest names a file by an absolute path or a file: address; hrefs must be "
            "relative to the package root.", where)]
    return prefix + normpath(base + unquote(parts.path)), []


def resource_findings(root: etree._Element, version: str, package: Package, prefix: str
                      ) -> tuple[list[Finding], set[str], dict[str, int]]:
    """Findings on resources, the set of zip members they list, and the counts for the summary."""
    adlcp = ADLCP12 if version == "1.2" else ADLCP13
    good, wrong = ("scormtype", "scormType") if version == "1.2" else ("scormType", "scormtype")
    out: list[Finding] = []
    listed: set[str] = set()
    counts = {"sco": 0, "asset": 0}
    resources = descendants(root, "resource")
    ids = {r.get("identifier") for r in resources}
    for resource in resources:
        rid = f"resource {resource.get('identifier')}"
        value = resource.get(f"{{{adlcp}}}{good}")
        if value is None and resource.get(f"{{{adlcp}}}{wrong}") is not None:
            out.append(Finding("scormtype-casing", f"The resource says adlcp:{wrong}, the SCORM "
                               f"{'2004' if version == '1.2' else '1.2'} spelling; SCORM {version} needs "
                               f"adlcp:{good}, so the LMS does not see a SCO here and records nothing.", rid))
        elif value not in ("sco", "asset"):
            out.append(Finding("scormtype-casing", f"adlcp:{good} is {value!r}; it must be 'sco' or 'asset', "
                               "in lower case.", rid))
        else:
            counts[value] += 1
        base = (resource.get("{http://www.w3.org/XML/1998/namespace}base") or "").lstrip("./")
        hrefs = [resource.get("href")] + [f.get("href") for f in children(resource, "file")]
        for index, href in enumerate(hrefs):
            if not href:
                continue
            target, problems = href_target(href, base, prefix)
            out.extend(problems)
            if target is None:
                continue
            if index:
                listed.add(target)
            if target not in package.members:
                out.append(Finding("missing-file", f"The manifest lists {href!r}, which is not in the package; the "
                                   "LMS shows a broken page or refuses the import.", rid))
        for dependency in children(resource, "dependency"):
            if dependency.get("identifierref") not in ids:
                out.append(Finding("unresolved-reference", f"A <dependency> names resource "
                                   f"{dependency.get('identifierref')!r}, which the manifest does not have.", rid))
    return out, listed, counts


def item_findings(root: etree._Element, version: str) -> list[Finding]:
    out: list[Finding] = []
    ids = {r.get("identifier") for r in descendants(root, "resource")}
    organizations = descendants(root, "organization")
    default = next(iter(children(root, "organizations")), None)
    chosen = default.get("default") if default is not None else None
    if chosen and chosen not in {o.get("identifier") for o in organizations}:
        out.append(Finding("unresolved-reference", f"<organizations default={chosen!r}> names no organization; the "
                           "LMS has no course structure to show.", "organizations"))
    if not organizations:
        out.append(Finding("unresolved-reference", "The manifest has no <organization>, so the LMS has nothing to "
                           "launch.", "organizations"))
    for item in descendants(root, "item"):
        where, ref = f"item {item.get('identifier')}", item.get("identifierref")
        leaf = not children(item, "item")
        if ref is not None and not leaf:
            out.append(Finding("identifierref-non-leaf", "The item has sub-items and an identifierref; only leaf "
                               "items may launch something, and LMSs disagree on what to do with it.", where))
        elif ref is not None and ref not in ids:
            out.append(Finding("unresolved-reference", f"The item's identifierref {ref!r} names no resource; the "
                               "LMS cannot launch it.", where))
        elif ref is None and leaf:
            out.append(Finding("unresolved-reference", "The item has neither sub-items nor an identifierref; the "
                               "LMS cannot launch it.", where))
        for mastery in (m for m in children(item, "masteryscore") if version == "1.2"):
            try:
                ok = 0 <= float(mastery.text or "") <= 100
            except ValueError:
                ok = False
            if not ok:
                out.append(Finding("masteryscore-range", f"adlcp:masteryscore is {mastery.text!r}; it must be a "
                                   "number from 0 to 100, or the LMS judges every learner against it wrongly.", where))
    return out


def schema_findings(root: etree._Element, package: Package, prefix: str) -> list[Finding]:
    location = (root.get(f"{{{XSI}}}schemaLocation") or "").split()
    named = [n for n in location[1::2] if not urlsplit(n).scheme]
    missing = [n for n in named if prefix + n not in package.members]
    if not missing:
        return []
    return [Finding("schema-file-missing", f"The manifest names {len(missing)} schema file(s) it does not carry "
                    f"({', '.join(missing)}); the ADL test suite and some LMSs want them at the package root.",
                    "imsmanifest.xml")]


def inspect_scorm(root: etree._Element, package: Package, prefix: str) -> tuple[list[Finding], dict[str, Any]]:
    version, edition = version_of(root)
    findings = metadata_findings(root, version)
    found, listed, counts = resource_findings(root, version, package, prefix)
    findings += found + item_findings(root, version) + schema_findings(root, package, prefix)
    named = set((root.get(f"{{{XSI}}}schemaLocation") or "").split()[1::2])
    unlisted = sorted(n for n in package.members if n.startswith(prefix) and n not in listed
                      and n[len(prefix):] not in named | {"imsmanifest.xml"}
                      and not ("/" not in n[len(prefix):] and n.endswith((".xsd", ".dtd"))))
    if unlisted:
        findings.append(Finding("unlisted-file", f"{len(unlisted)} file(s) are in the package but listed by no "
                                f"resource (e.g. {', '.join(unlisted[:3])}); some LMSs and repositories drop them, "
                                "and the course gets broken links.", "imsmanifest.xml"))
    titles = descendants(root, "title")
    # What an LMS reports on is the item that launches a SCO, not the resource: a per-site
    # package launches one resource from 20 items (`?site=`), and the LMS tracks each of them.
    kind = f"{{{ADLCP12}}}scormtype" if version == "1.2" else f"{{{ADLCP13}}}scormType"
    scos = {r.get("identifier") for r in descendants(root, "resource") if r.get(kind) == "sco"}
    summary: dict[str, Any] = {
        "format": f"SCORM {version}", "edition": edition,
        "title": (titles[0].text or "").strip() if titles else "",
        "scos": counts["sco"], "assets": counts["asset"], "items": len(descendants(root, "item")),
        "tracked_items": sum(1 for i in descendants(root, "item") if i.get("identifierref") in scos),
        "objectives": len([o for o in root.iter(f"{{{IMSSS}}}objective", f"{{{IMSSS}}}primaryObjective")]),
    }
    return findings, summary
