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
