"""What an LMS reads from the manifest before it launches the SCO (a format's `launch`).

`trail preview`'s stand-in seeds the same values a real LMS would (mastery
score, passing score, launch data), so the SCO sees in preview what it will
see after import.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from packager.files import Files


def _first(root: etree._Element, xpath: str) -> str | None:
    found = root.xpath(xpath)
    if isinstance(found, list) and found:
        value = found[0]
        return str(value).strip() if value is not None else None
    return None


def default_launch(_files: Files | None = None) -> dict[str, Any]:
    """Launch file and LMS-initialised values of a package without a manifest (the web build)."""
    return {
        "href": "index.html",
        "masteryScore": None,
        "scaledPassingScore": None,
        "completionThreshold": None,
        "launchData": "",
    }


def _launched_item(info: dict[str, Any], files: Files) -> etree._Element | None:
    """The first item that launches something (the one the LMS opens); sets its resource's href."""
    manifest = files.get("imsmanifest.xml")
    if not isinstance(manifest, bytes):
        return None
    root = etree.fromstring(manifest)
    item = root.xpath("//*[local-name()='item'][@identifierref]")
    if not isinstance(item, list) or not item or not isinstance(item[0], etree._Element):
        return None
    first = item[0]
    ref = first.get("identifierref")
    href = _first(root, f"//*[local-name()='resource'][@identifier='{ref}']/@href")
    if href:
        info["href"] = href
    return first


def scorm12_launch(files: Files) -> dict[str, Any]:
    info = default_launch()
    first = _launched_item(info, files)
    if first is not None:
        info["masteryScore"] = _first(first, "*[local-name()='masteryscore']/text()")
        info["launchData"] = _first(first, "*[local-name()='datafromlms']/text()") or ""
    return info


def scorm2004_launch(files: Files) -> dict[str, Any]:
    info = default_launch()
    first = _launched_item(info, files)
    if first is None:
        return info
    info["launchData"] = _first(first, "*[local-name()='dataFromLMS']/text()") or ""
    primary = ".//*[local-name()='primaryObjective'][@satisfiedByMeasure='true']"
    measure = f"{primary}/*[local-name()='minNormalizedMeasure']/text()"
    info["scaledPassingScore"] = _first(first, measure)
    if _first(first, f"{primary}/@satisfiedByMeasure") and info["scaledPassingScore"] is None:
        info["scaledPassingScore"] = "1.0"  # the schema's default minNormalizedMeasure
    threshold = "*[local-name()='completionThreshold'][@completedByMeasure='true']"
    if _first(first, f"{threshold}/@completedByMeasure"):
        info["completionThreshold"] = _first(first, f"{threshold}/@minProgressMeasure") or "1.0"
    return info
