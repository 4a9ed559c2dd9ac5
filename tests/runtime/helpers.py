"""Driving the tracker inside a test page (pages/sco.html) from Playwright."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import Frame, Page

Target = Frame | Page


def start(target: Target, data: dict[str, Any], opts: dict[str, Any] | None = None) -> Any:
    """Create the tracker on `data` with the page's adapter and start it; returns start()'s value."""
    target.wait_for_function("() => window.scoReady === true")
    return target.evaluate("([d, o]) => window.run(d, o)", [data, opts])


def js(target: Target, body: str, arg: Any = None) -> Any:
    """Evaluate `body` (an expression using T, the tracker, and `arg`) in the page."""
    return target.evaluate(f"(arg) => {{ const T = window.T; return ({body}); }}", arg)


def answer(target: Target, slug: str, qid: str, response: Any, latency: int = 4200) -> Any:
    return target.evaluate("([s, q, r, l]) => window.T.answer(s, q, r, l)", [slug, qid, response, latency])


def events(target: Target, name: str) -> list[Any]:
    return [e["detail"] for e in target.evaluate("() => window.events") if e["name"] == name]


def items(value: Any) -> list[dict[str, Any]]:
    """scorm-again renders CMI lists as {"0": {...}, "1": ...}; in index order."""
    if isinstance(value, list):
        return value
    if not isinstance(value, dict):
        return []
    keys = sorted((k for k in value if str(k).isdigit()), key=int)
    return [value[k] for k in keys]


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)[:4000]


def lms_errors(lms: Any) -> list[dict[str, Any]]:
    """lms.errors() without 403 on GetValue.

    A resumed SCO must read cmi.suspend_data and cmi.location to know whether
    they hold anything; a 2004 LMS answers 403 ("not initialized") when they
    don't, which the SCO handles. scorm-again also keeps that code for the
    next GetValue calls. Every other error still counts.
    """
    return [
        e
        for e in lms.errors()
        if not (e.get("method") == "GetValue" and e.get("error") == 403)
        and not (e.get("source") == "log" and "403" in e.get("message", "") and "GetValue" in e.get("message", ""))
    ]
