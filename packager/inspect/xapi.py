"""Tin Can (`tincan.xml`) and cmi5 (`cmi5.xml`): what the package is, and what an import trips on.

cmi5 follows what CATAPULT's import checks (ids are absolute IRIs and unique, AU
urls avoid the five launch parameters and name files the zip has); Tin Can the
launch guidelines (exactly one launchable activity). standards.md §4, §6.
"""

from __future__ import annotations

from collections import Counter
from posixpath import normpath
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml import etree

from packager.inspect.findings import Finding
from packager.inspect.safezip import Package
from packager.inspect.scorm import children, descendants
from packager.vocabulary import ACTIVITY_INTERACTION, CMI5_LAUNCH_PARAMETERS


def text_of(element: etree._Element, name: str) -> str:
    """The first <name> (or its first <langstring>) text below `element`."""
    for holder in children(element, name):
        strings = children(holder, "langstring")
        return ((strings[0] if strings else holder).text or "").strip()
    return ""


def local_file(url: str, prefix: str, package: Package, where: str) -> list[Finding]:
    parts = urlsplit(url)
    if parts.scheme:
        return []
    if "\\" in url:
        return [Finding("backslash-path", "The launch address uses backslashes; use forward slashes.", where)]
    if url.startswith("/"):
        return [Finding("absolute-path", "The launch address is absolute; it must be relative to the package root.",
                        where)]
    if prefix + normpath(unquote(parts.path)) not in package.members:
        return [Finding("missing-file", f"The launch file {parts.path!r} is not in the package; the LMS launches "
                        "a broken page.", where)]
    return []


def inspect_tincan(root: etree._Element, package: Package, prefix: str) -> tuple[list[Finding], dict[str, Any]]:
    activities = descendants(root, "activity")
    launchable = [a for a in activities if children(a, "launch") or children(a, "resource")]
    findings: list[Finding] = []
    if len(launchable) != 1:
        ids = ", ".join(repr(a.get("id")) for a in launchable) or "none"
        findings.append(Finding("tincan-launch-count", f"tincan.xml has {len(launchable)} launchable activities "
                                f"({ids}); it must have exactly one, or the LMS does not know what to launch.",
                                "tincan.xml"))
    for activity in launchable:
        for launch in children(activity, "launch"):
            findings += local_file((launch.text or "").strip(), prefix, package, f"activity {activity.get('id')}")
    kinds = Counter(a.get("type") for a in activities)
    summary: dict[str, Any] = {
        "format": "Tin Can (xAPI)", "edition": None,
        "title": text_of(launchable[0], "name") if launchable else "",
        "activities": len(activities), "interaction_activities": kinds.get(ACTIVITY_INTERACTION, 0),
        "launch": (children(launchable[0], "launch")[0].text or "").strip()
        if launchable and children(launchable[0], "launch") else None,
    }
    return findings, summary


def is_iri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and not any(c.isspace() for c in value)


def inspect_cmi5(root: etree._Element, package: Package, prefix: str) -> tuple[list[Finding], dict[str, Any]]:
    findings: list[Finding] = []
    kinds = ("course", "au", "block", "objective")
    elements = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname in kinds
                and e.get("id") is not None]
    seen: Counter[str] = Counter(e.get("id", "") for e in elements)
    for element in elements:
        iri, kind = element.get("id", ""), etree.QName(element).localname
        if not is_iri(iri):
            findings.append(Finding("cmi5-id-not-iri", f"The {kind} id {iri!r} is not an absolute IRI (like "
                                    "https://example.org/course/1); cmi5 LMSs refuse the course.", f"{kind} {iri}"))
    for iri, count in seen.items():
        if count > 1:
            findings.append(Finding("cmi5-id-duplicate", f"The id {iri!r} is used {count} times; every course, "
                                    "block, AU and objective id must be unique.", iri))
    aus = descendants(root, "au")
    for au in aus:
        where = f"au {au.get('id')}"
        for url in children(au, "url"):
            query = {k for k, _ in parse_qsl(urlsplit(url.text or "").query, keep_blank_values=True)}
            clash = [name for name in CMI5_LAUNCH_PARAMETERS if name in query]
            if clash:
                findings.append(Finding("cmi5-reserved-parameter", f"The AU's url {url.text!r} uses "
                                        f"{', '.join(clash)}, which the LMS adds at launch; the two clash and the "
                                        "AU cannot reach its LRS.", where))
            findings += local_file((url.text or "").strip(), prefix, package, where)
    course = next(iter(descendants(root, "course")), None)
    summary: dict[str, Any] = {
        "format": "cmi5", "edition": None, "title": text_of(course, "title") if course is not None else "",
        "aus": len(aus), "blocks": len(descendants(root, "block")),
        "scored_aus": sum(1 for au in aus if au.get("masteryScore") is not None),
    }
    return findings, summary
