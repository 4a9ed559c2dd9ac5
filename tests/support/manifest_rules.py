"""Manifest rules the XSDs do not catch (shared/schemas/README.md, "What the XSDs do NOT catch").

The wrapper schemas accept real mistakes that LMS importers and the ADL test
suite reject: the 1.2 attribute spelling in a 2004 manifest, bogus
schema/schemaversion values, backslashes in hrefs, dangling identifierrefs,
a masteryscore of 150. These checks follow the ADL schematron rules named in
that README, so a package that passes both is importable.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from lxml import etree

from tests.support.schemas import NS_SCORM12, NS_SCORM2004

Version = Literal["1.2", "2004"]
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_EXTENSION = re.compile(r"\.[A-Za-z0-9]+$")
_SCHEMAVERSION = {"1.2": "1.2", "2004": "2004 4th Edition"}


def _root(tree: etree._ElementTree | etree._Element) -> etree._Element:
    return tree.getroot() if isinstance(tree, etree._ElementTree) else tree


def _where(el: etree._Element) -> str:
    ident = el.get("identifier")
    name = etree.QName(el).localname
    return f"line {el.sourceline}: <{name}{f' {ident!r}' if ident else ''}>"


def check_manifest_rules(tree: etree._ElementTree | etree._Element, version: Version) -> list[str]:
    """Problems with a parsed imsmanifest.xml, one readable string each; [] when it is fine."""
    if version not in ("1.2", "2004"):
        raise ValueError(f"version must be '1.2' or '2004', not {version!r}")
    root = _root(tree)
    ns = NS_SCORM12 if version == "1.2" else NS_SCORM2004
    cp = ns["imscp"]
    problems: list[str] = []
    if root.tag != f"{{{cp}}}manifest":
        return [f"root element is {root.tag}, expected {{{cp}}}manifest"]
    problems += _metadata(root, cp, version)
    problems += _scorm_type(root, cp, ns["adlcp"], version)
    problems += _hrefs(root)
    problems += _resource_files(root, cp)
    problems += _items(root, cp)
    if version == "1.2":
        problems += _mastery12(root, ns["adlcp"])
    else:
        problems += _global_to_system(root, cp)
    return problems


def _metadata(root: etree._Element, cp: str, version: Version) -> list[str]:
    """REQ_30.5.2/30.5.3: exactly one schema then one schemaversion, first in <metadata>."""
    metadata = root.find(f"{{{cp}}}metadata")
    if metadata is None:
        return [f"{_where(root)} has no <metadata> with <schema> and <schemaversion>"]
    problems: list[str] = []
    children = [c for c in metadata if isinstance(c.tag, str)]
    schemas = metadata.findall(f"{{{cp}}}schema")
    versions = metadata.findall(f"{{{cp}}}schemaversion")
    if len(schemas) != 1 or len(versions) != 1:
        problems.append(
            f"{_where(metadata)} needs exactly one <schema> and one <schemaversion> "
            f"(found {len(schemas)} and {len(versions)})"
        )
    if len(children) < 2 or children[0].tag != f"{{{cp}}}schema" or (
        children[1].tag != f"{{{cp}}}schemaversion"
    ):
        problems.append(
            f"{_where(metadata)}: <schema> must be the first child and <schemaversion> the second"
        )
    for schema in schemas:
        if (schema.text or "").strip() != "ADL SCORM":
            problems.append(
                f"{_where(schema)} is {schema.text!r}, expected 'ADL SCORM' (REQ_30.5.2.1)"
            )
    for sv in versions:
        if (sv.text or "").strip() != _SCHEMAVERSION[version]:
            problems.append(
                f"{_where(sv)} is {sv.text!r}, expected {_SCHEMAVERSION[version]!r} (REQ_30.5.3.1)"
            )
    return problems


def _scorm_type(root: etree._Element, cp: str, adlcp: str, version: Version) -> list[str]:
    """REQ_30.7.3.4: one adlcp scorm type attribute, spelled for this version, sco or asset."""
    right = "scormtype" if version == "1.2" else "scormType"
    problems: list[str] = []
    for res in root.iter(f"{{{cp}}}resource"):
        for name in res.attrib:
            local = etree.QName(name).localname
            if local.lower() == "scormtype" and name != f"{{{adlcp}}}{right}":
                problems.append(
                    f"{_where(res)} has attribute {name!r}; SCORM {version} needs adlcp:{right}"
                )
        value = res.get(f"{{{adlcp}}}{right}")
        if value is None:
            problems.append(f"{_where(res)} has no adlcp:{right}")
        elif value not in ("sco", "asset"):
            problems.append(
                f"{_where(res)}: {value!r} is not a valid value for adlcp:{right} (sco or asset)"
            )
    return problems


def _hrefs(root: etree._Element) -> list[str]:
    """ADL schematron: no backslash, no leading slash, no file:, a file extension."""
    problems: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if etree.QName(name).localname != "href":
                continue
            path = re.split(r"[?#]", value, maxsplit=1)[0]
            if "\\" in value:
                problems.append(f"{_where(el)}: href {value!r} contains a backslash")
            if value.startswith("/"):
                problems.append(f"{_where(el)}: href {value!r} begins with a slash")
            if value.lower().startswith("file:"):
                problems.append(f"{_where(el)}: href {value!r} is a file: URL")
            if not _EXTENSION.search(path):
                problems.append(f"{_where(el)}: href {value!r} has no file extension")
    return problems


def _base(el: etree._Element) -> str:
    return el.get(XML_BASE) or ""


def _resource_files(root: etree._Element, cp: str) -> list[str]:
    """A resource's href must be one of its own <file> elements."""
    problems: list[str] = []
    for resources in root.iter(f"{{{cp}}}resources"):
        for res in resources.iter(f"{{{cp}}}resource"):
            href = res.get("href")
            if href is None:
                continue
            base = _base(resources) + _base(res)
            files = {base + (f.get("href") or "") for f in res.findall(f"{{{cp}}}file")}
            target = base + re.split(r"[?#]", href, maxsplit=1)[0]
            if target not in files:
                problems.append(f"{_where(res)}: href {href!r} is not listed as one of its <file>s")
    return problems


def _items(root: etree._Element, cp: str) -> list[str]:
    """identifierrefs resolve; only leaf items carry one and every leaf item does."""
    problems: list[str] = []
    resource_ids = {r.get("identifier") for r in root.iter(f"{{{cp}}}resource")}
    organizations = root.find(f"{{{cp}}}organizations")
    org_ids = {o.get("identifier") for o in root.iter(f"{{{cp}}}organization")}
    if organizations is not None:
        default = organizations.get("default")
        if default is not None and default not in org_ids:
            problems.append(
                f"{_where(organizations)}: default {default!r} names no <organization>"
            )
    for item in root.iter(f"{{{cp}}}item"):
        ref = item.get("identifierref")
        is_leaf = item.find(f"{{{cp}}}item") is None
        if ref is not None and ref not in resource_ids:
            problems.append(
                f"{_where(item)}: identifierref {ref!r} does not reference a valid identifier"
            )
        if ref is not None and not is_leaf:
            problems.append(f"{_where(item)} has child items, so it must not have identifierref")
        if ref is None and is_leaf:
            problems.append(f"{_where(item)} is a leaf item without identifierref")
    for dep in root.iter(f"{{{cp}}}dependency"):
        ref = dep.get("identifierref")
        if ref not in resource_ids:
            problems.append(
                f"{_where(dep)}: identifierref {ref!r} does not reference a valid identifier"
            )
    return problems


def _mastery12(root: etree._Element, adlcp: str) -> list[str]:
    problems: list[str] = []
    for el in root.iter(f"{{{adlcp}}}masteryscore"):
        text = (el.text or "").strip()
        try:
            value = float(text)
        except ValueError:
            problems.append(f"{_where(el)}: masteryscore {text!r} is not a number")
            continue
        if not 0 <= value <= 100:
            problems.append(f"{_where(el)}: masteryscore {text!r} is outside 0–100")
    return problems


def _global_to_system(root: etree._Element, cp: str) -> list[str]:
    """Without "false", a 2004 LMS shares objectives and data with every other course."""
    problems: list[str] = []
    attrs = (
        f"{{{NS_SCORM2004['adlseq']}}}objectivesGlobalToSystem",
        f"{{{NS_SCORM2004['adlcp']}}}sharedDataGlobalToSystem",
    )
    for org in root.iter(f"{{{cp}}}organization"):
        for attr in attrs:
            value = org.get(attr)
            if value != "false":
                problems.append(
                    f"{_where(org)}: {etree.QName(attr).localname} is {value!r}, expected 'false'"
                )
    return problems


def check_manifest_files(tree: etree._ElementTree | etree._Element, package_dir: Path) -> list[str]:
    """Every <file> exists in the package, and every package file is listed (pitfall A7)."""
    root = _root(tree)
    listed: set[str] = set()
    problems: list[str] = []
    for resources in root.iter():
        if etree.QName(resources).localname != "resources":
            continue
        for res in resources:
            if not isinstance(res.tag, str) or etree.QName(res).localname != "resource":
                continue
            base = _base(resources) + _base(res)
            for f in res:
                if not isinstance(f.tag, str) or etree.QName(f).localname != "file":
                    continue
                href = base + (f.get("href") or "")
                listed.add(href)
                if not (package_dir / href).is_file():
                    problems.append(f"{_where(f)}: {href!r} is not in the package")
    present = {
        p.relative_to(package_dir).as_posix() for p in package_dir.rglob("*") if p.is_file()
    }
    for path in sorted(present - listed - {"imsmanifest.xml"}):
        if path.endswith((".xsd", ".dtd")) and "/" not in path:
            continue  # control files at the package root are not content
        problems.append(f"{path!r} is in the package but in no <file> of the manifest")
    return problems
