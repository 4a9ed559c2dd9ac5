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


def _langstring(element: etree._Element, tag: str) -> str:
    return _first(element, f"*[local-name()='{tag}']//text()[normalize-space()]") or ""


def _elements(files: Files, name: str, xpath: str) -> list[etree._Element]:
    """The elements of control document `name` that `xpath` finds; [] without the document."""
    data = files.get(name)
    found = etree.fromstring(data).xpath(xpath) if isinstance(data, bytes) else []
    return [e for e in found if isinstance(e, etree._Element)] if isinstance(found, list) else []


def xapi_launch(files: Files) -> dict[str, Any]:
    """A Tin Can LMS reads `tincan.xml`: the one activity with a `launch`, whose id is the
    `activity_id` it passes (trail preview's LRS stand-in launches it the same way)."""
    info = default_launch()
    for activity in _elements(files, "tincan.xml", "//*[local-name()='activity'][*[local-name()='launch']]")[:1]:
        info["href"] = _langstring(activity, "launch") or info["href"]
        info["activityId"] = activity.get("id")
        info["aus"] = [{"id": activity.get("id"), "title": _langstring(activity, "name"), "url": info["href"]}]
    return info


def cmi5_launch(files: Files) -> dict[str, Any]:
    """A cmi5 LMS reads `cmi5.xml`: every AU with its url, moveOn and masteryScore (cmi5 §13.1.4),
    which the LMS puts into LMS.LaunchData when it launches that AU."""
    info = default_launch()
    for course in _elements(files, "cmi5.xml", "//*[local-name()='course']")[:1]:
        info["courseId"] = course.get("id")
    info["aus"] = [
        {"id": au.get("id"), "title": _langstring(au, "title"), "url": _langstring(au, "url"),
         "moveOn": au.get("moveOn", "NotApplicable"), "masteryScore": au.get("masteryScore"),
         "launchMethod": au.get("launchMethod", "AnyWindow"),
         "launchParameters": _langstring(au, "launchParameters") or None}
        for au in _elements(files, "cmi5.xml", "//*[local-name()='au']")
    ]
    if info["aus"]:
        info["href"] = info["aus"][0]["url"]
    return info
