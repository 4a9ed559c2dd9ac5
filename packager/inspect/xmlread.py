"""Parsing a control document from a package we do not trust.

No entity is expanded, no DTD or schema is loaded, nothing is fetched, and no
tree grows past libxml2's default limits. A document that declares entities at
all is reported: SCORM, Tin Can and cmi5 documents never need them, and an LMS
parser that expands them can be made to run out of memory (billion laughs) or
to read its own server's files into the course (external entities).
"""

from __future__ import annotations

import re

from lxml import etree

from packager.inspect.findings import Finding


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True)


ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s*)?([^\s>]+)\s+(SYSTEM|PUBLIC)?", re.I)


def entity_findings(data: bytes, name: str) -> list[Finding]:
    """Entity declarations, found in the bytes before any parser sees them."""
    declared = [(m[1].decode("utf-8", "replace"), bool(m[2])) for m in ENTITY.finditer(data)]
    external = [n for n, outside in declared if outside]
    internal = [n for n, outside in declared if not outside]
    findings: list[Finding] = []
    if external:
        findings.append(Finding("xml-external-entity", f"{name} declares external entities ({', '.join(external)}) "
                                "that point outside the package; an LMS that expands them would read files or "
                                "addresses of its own server. Remove the DOCTYPE.", name))
    if internal:
        findings.append(Finding("xml-entities", f"{name} declares entities ({', '.join(internal[:5])}); "
                                "an LMS that expands nested entities can be made to run out of memory "
                                "(billion laughs). Remove the DOCTYPE.", name))
    return findings


def parse(data: bytes, name: str) -> tuple[etree._Element | None, list[Finding]]:
    """The document's root, or None with the finding that says why it must not be read."""
    findings = entity_findings(data, name)
    if findings:
        return None, findings
    try:
        return etree.fromstring(data, parser()), []
    except etree.XMLSyntaxError as exc:
        return None, [Finding("xml-malformed", f"{name} is not well-formed XML ({exc.msg}); "
                              "every LMS refuses the import.", name)]


def local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""
