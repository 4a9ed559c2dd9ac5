"""`trail inspect`'s human output: what the package is, its settings, then every finding."""

from __future__ import annotations

from typing import Any

from packager.inspect import Report
from packager.settings import describe

LABELS = {"scos": "SCOs", "assets": "assets", "items": "items in the course structure",
          "tracked_items": "items that launch a SCO (the LMS tracks each one on its own)",
          "objectives": "objectives in the manifest",
          "aus": "assignable units (AUs)", "blocks": "blocks", "scored_aus": "AUs with a mastery score",
          "activities": "activities", "interaction_activities": "interaction activities",
          "launch": "launch file", "sites": "rest sites (trail course data)",
          "interactions": "interactions declared (questions and reflections)"}


def size(n: int) -> str:
    if n < 1024:
        return f"{n} bytes"
    return f"{n / 1024**2:.1f} MB" if n >= 1024**2 else f"{n / 1024:.0f} KB"


def render(report: Report) -> str:
    s: dict[str, Any] = report.summary
    lines = [f"{report.path.name}"]
    if s:
        edition = f", {s['edition']}" if s.get("edition") else ""
        lines.append(f"  format: {s['format']}{edition}")
        if s.get("title"):
            lines.append(f"  title: {s['title']}")
        lines.append(f"  size: {size(s['zip_bytes'])} zipped, {size(s['unpacked_bytes'])} unpacked, "
                     f"{s['files']} files")
        lines += [f"  {LABELS[k]}: {s[k]}" for k in LABELS if s.get(k) is not None]
        media = s.get("media") or {}
        if media:
            lines.append("  media: " + ", ".join(f"{v['files']} {k.removesuffix('s')} file(s) ({size(v['bytes'])})"
                                                 for k, v in media.items()))
    if report.settings is not None:
        lines.append("  settings (change with `trail configure`):")
        lines += [f"    {line}" for line in describe(report.settings)]
    if not report.findings:
        lms = not str(s.get("format", "")).startswith(("web", "unknown"))
        lines.append("no problems found" + (": an LMS should import this package." if lms else "."))
        return "\n".join(lines)
    errors = len(report.errors)
    lines.append(f"{len(report.findings)} finding(s), {errors} that would stop an import or must be fixed:")
    lines += [f"  {f}" for f in report.findings]
    return "\n".join(lines)
