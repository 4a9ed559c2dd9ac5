"""`trail inspect`: what a package is and what an LMS would trip on, for any package, ours or not.

An admin gets a zip and an import that fails with no reason given. This reads
the zip without trusting it (`safezip`: nothing is extracted, hostile entries
are reported and never opened; `xmlread`: no entities, no DTDs, no network),
finds the control document, and reports every problem in plain words
(`findings.Finding`), with a summary of what the package holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from packager.inspect import content, scorm, xapi
from packager.inspect.findings import Finding, Level
from packager.inspect.safezip import Limits, Package, Unreadable, open_package
from packager.inspect.xmlread import parse

Inspector = Callable[[etree._Element, Package, str], tuple[list[Finding], dict[str, Any]]]
CONTROL: dict[str, Inspector] = {
    "imsmanifest.xml": scorm.inspect_scorm, "cmi5.xml": xapi.inspect_cmi5, "tincan.xml": xapi.inspect_tincan,
}
SETTINGS = "trail/settings.json"
COURSE_DATA = re.compile(rb'<script type="application/json" id="trail-data">(.*?)</script>', re.S)


@dataclass
class Report:
    path: Path
    summary: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    settings: dict[str, Any] | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    @property
    def ok(self) -> bool:
        """False when a finding would stop an import (or must be fixed before publishing)."""
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return {"package": str(self.path), "ok": self.ok, "summary": self.summary, "settings": self.settings,
                "findings": [f.as_dict() for f in self.findings]}


def locate(package: Package) -> tuple[str, str] | None:
    """(folder prefix, control document name): at the root, else in a wrapper folder."""
    for name in CONTROL:
        if name in package.members:
            return "", name
    nested = sorted((n.count("/"), n) for n in package.members if n.rsplit("/", 1)[-1] in CONTROL)
    if nested:
        path = nested[0][1]
        return path.rsplit("/", 1)[0] + "/", path.rsplit("/", 1)[1]
    return None


def trail_extras(package: Package, prefix: str, report: Report) -> None:
    """Our own packages carry their settings and course data: show them."""
    if prefix + SETTINGS in package.members:
        try:
            report.settings = json.loads(package.read(prefix + SETTINGS))
        except ValueError:
            report.findings.append(Finding("settings-invalid", f"{SETTINGS} is not valid JSON; the course starts "
                                           "with its built-in settings.", prefix + SETTINGS))
    if prefix + "index.html" in package.members:
        try:
            found = COURSE_DATA.search(package.read(prefix + "index.html"))
            data = json.loads(found.group(1)) if found else None
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("sites"), list):
            report.summary["sites"] = len(data["sites"])
            report.summary["interactions"] = sum(len(s.get("questions", [])) + len(s.get("reflections", []))
                                                 for s in data["sites"])


def inspect_package(path: Path, limits: Limits | None = None) -> Report:
    report = Report(path)
    package, report.findings = open_package(path, limits)
    if package is None:
        return report
    try:
        report.findings += content.name_findings(package)
        report.summary = {"format": "unknown", "zip_bytes": package.size, "unpacked_bytes": package.unpacked,
                          "files": len(package.members)}
        found = locate(package)
        if found is None:
            schemas = any("/" not in n and n.endswith(".xsd") for n in package.members)
            if "index.html" in package.members and not schemas:
                report.summary["format"] = "web (no LMS manifest: for a web server, not for an LMS import)"
            else:
                report.findings.append(Finding("no-manifest", "The package has no imsmanifest.xml, tincan.xml or "
                                               "cmi5.xml; no LMS can import it."))
        else:
            prefix, name = found
            if prefix:
                report.findings.append(Finding("wrapper-folder", f"{name} is inside the folder {prefix!r}, not at the "
                                               "top of the zip; LMSs look for it at the top and refuse the import. "
                                               "Zip the folder's contents, not the folder.", prefix + name))
            try:
                root, problems = parse(package.read(prefix + name), name)
            except Unreadable as exc:
                root, problems = None, [Finding(exc.code, str(exc), prefix + name)]
            report.findings += problems
            if root is not None:
                findings, summary = CONTROL[name](root, package, prefix)
                report.findings += findings
                report.summary.update(summary)
        report.findings += content.secret_findings(package)
        report.summary["media"] = content.media_summary(package)
        trail_extras(package, found[0] if found else "", report)
    finally:
        package.close()
    report.findings = list(dict.fromkeys(report.findings))  # a damaged manifest is met twice
    return report
