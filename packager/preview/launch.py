"""What an LMS reads from the manifest before it launches the SCO.

The stand-in seeds the same values a real LMS would (mastery score, passing
score, launch data), so the SCO sees in preview what it will see after import.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from packager.model import Format
from packager.render import Files


def _first(root: etree._Element, xpath: str) -> str | None:
    found = root.xpath(xpath)
    if isinstance(found, list) and found:
        value = found[0]
        return str(value).strip() if value is not None else None
    return None


def launch_info(fmt: Format, files: Files) -> dict[str, Any]:
    """Launch file and LMS-initialised values; the defaults for a build without a manifest."""
    info: dict[str, Any] = {
        "href": "index.html",
        "masteryScore": None,
        "scaledPassingScore": None,
        "completionThreshold": None,
        "launchData": "",
    }
    manifest = files.get("imsmanifest.xml")
    if fmt not in (Format.SCORM12, Format.SCORM2004) or not isinstance(manifest, bytes):
        return info
    root = etree.fromstring(manifest)
    # The first item that launches something is the one the LMS opens.
    item = root.xpath("//*[local-name()='item'][@identifierref]")
    if not isinstance(item, list) or not item or not isinstance(item[0], etree._Element):
        return info
    first = item[0]
    ref = first.get("identifierref")
    href = _first(root, f"//*[local-name()='resource'][@identifier='{ref}']/@href")
    if href:
        info["href"] = href
    if fmt is Format.SCORM12:
        info["masteryScore"] = _first(first, "*[local-name()='masteryscore']/text()")
        info["launchData"] = _first(first, "*[local-name()='datafromlms']/text()") or ""
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
