"""Shared lxml helpers for the control documents."""

from __future__ import annotations

from lxml import etree

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def serialize(root: etree._Element) -> bytes:
    """Pretty, UTF-8, with declaration: byte-identical for the same tree."""
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def schema_location(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f"{ns} {xsd}" for ns, xsd in pairs)


def sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def scorm_metadata(root: etree._Element, cp: str, version: str) -> None:
    """`<schema>` then `<schemaversion>`, the first two children of `<metadata>` (ADL REQ_30.5.x)."""
    metadata = sub(root, f"{{{cp}}}metadata")
    sub(metadata, f"{{{cp}}}schema", "ADL SCORM")
    sub(metadata, f"{{{cp}}}schemaversion", version)


def sco_resource(root: etree._Element, cp: str, identifier: str, scorm_type: str, files: list[str]) -> None:
    """The one SCO, launched at index.html, listing every file of the package."""
    resources = sub(root, f"{{{cp}}}resources")
    resource = sub(resources, f"{{{cp}}}resource", identifier=identifier, type="webcontent", href="index.html")
    resource.set(scorm_type, "sco")
    for name in files:
        sub(resource, f"{{{cp}}}file", href=name)
