"""What an LMS reads from the manifest before it launches the SCO (a format's `launch`).

`trail preview`'s stand-in seeds the same values a real LMS would (mastery
score, passing score, launch data), so the SCO sees in preview what it will
see after import.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _launched_items(files: Files) -> list[tuple[etree._Element, str | None]]:
    """Every item that launches something, in the manifest's order (the first is the one an LMS opens
    first), with its resource's href."""
    manifest = files.get("imsmanifest.xml")
    if not isinstance(manifest, bytes):
        return []
    root = etree.fromstring(manifest)
    found = root.xpath("//*[local-name()='item'][@identifierref]")
    items = [i for i in found if isinstance(i, etree._Element)] if isinstance(found, list) else []
    return [(i, _first(root, f"//*[local-name()='resource'][@identifier='{i.get('identifierref')}']/@href"))
            for i in items]


def _with_items(files: Files, one: Callable[[etree._Element], dict[str, Any]]) -> dict[str, Any]:
    """The first item's launch values, and `items`: each item's (a multi-SCO package's table of contents,
    which the preview's stand-in offers as an LMS does), with its id, title, `parameters` and the shared
    data stores (`adlcp:data`) it maps."""
    info = default_launch()
    items = []
    for item, href in _launched_items(files):
        values = {**default_launch(), **one(item)}
        if href:
            values["href"] = href
        values["id"], values["title"] = item.get("identifier"), _first(item, "*[local-name()='title']/text()") or ""
        values["parameters"] = item.get("parameters") or ""
        targets = item.xpath("*[local-name()='data']/*[local-name()='map']/@targetID")
        values["data"] = [str(t) for t in targets] if isinstance(targets, list) else []
        items.append(values)
    if items:
        info.update({k: v for k, v in items[0].items() if k in info})
    info["items"] = items
    return info


def scorm12_launch(files: Files) -> dict[str, Any]:
    def one(item: etree._Element) -> dict[str, Any]:
        return {"masteryScore": _first(item, "*[local-name()='masteryscore']/text()"),
                "launchData": _first(item, "*[local-name()='datafromlms']/text()") or ""}

    return _with_items(files, one)


def scorm2004_launch(files: Files) -> dict[str, Any]:
    def one(item: etree._Element) -> dict[str, Any]:
        info: dict[str, Any] = {"launchData": _first(item, "*[local-name()='dataFromLMS']/text()") or ""}
        primary = ".//*[local-name()='primaryObjective'][@satisfiedByMeasure='true']"
        info["scaledPassingScore"] = _first(item, f"{primary}/*[local-name()='minNormalizedMeasure']/text()")
        if _first(item, f"{primary}/@satisfiedByMeasure") and info["scaledPassingScore"] is None:
            info["scaledPassingScore"] = "1.0"  # the schema's default minNormalizedMeasure
        threshold = "*[local-name()='completionThreshold'][@completedByMeasure='true']"
        if _first(item, f"{threshold}/@completedByMeasure"):
            info["completionThreshold"] = _first(item, f"{threshold}/@minProgressMeasure") or "1.0"
        return info

    return _with_items(files, one)


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
