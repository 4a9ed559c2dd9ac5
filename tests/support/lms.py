"""Python side of the test LMS: launch a SCORM package in the harness and read what happened.

The harness page (tests/harness/) hosts scorm-again; this module opens it in a
fresh browser context per launch, so one test's storage and cookies never leak
into the next, and exposes the recorded API calls, errors, LMS-side CMI data
and the commits the server received.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from lxml import etree
from playwright.sync_api import Browser, BrowserContext, Frame, Page

from tests.support.server import Commit, HttpServer

Version = Literal["1.2", "2004"]

_INFO_METHODS = {
    "LMSGetLastError",
    "LMSGetErrorString",
    "LMSGetDiagnostic",
    "GetLastError",
    "GetErrorString",
    "GetDiagnostic",
}
_FINISH = {"1.2": "LMSFinish", "2004": "Terminate"}
_LOG_CODE = re.compile(r"\b(\d{3}):\s")


def launch_path(package_dir: Path) -> str:
    """The file an LMS would launch: the first item's resource href, else index.html."""
    manifest = package_dir / "imsmanifest.xml"
    if not manifest.is_file():
        return "index.html"
    tree = etree.parse(str(manifest), etree.XMLParser(no_network=True))
    resources = {
        r.get("identifier"): r for r in tree.iter("{*}resource") if r.get("identifier")
    }
    for item in tree.iter("{*}item"):
        ref = item.get("identifierref")
        if ref and ref in resources and resources[ref].get("href"):
            href = str(resources[ref].get("href"))
            params = item.get("parameters") or ""
            if params and not params.startswith(("?", "#")):
                params = "?" + params
            return href + params
    return "index.html"


class LmsSession:
    """One launch of one package in the test LMS."""

    def __init__(
        self,
        *,
        version: Version,
        context: BrowserContext,
        page: Page,
        server: HttpServer,
        session: str,
        package_url: str,
    ) -> None:
        self.version = version
        self.context = context
        self.page = page
        self.server = server
        self.session = session
        self.package_url = package_url
        self.page_errors: list[str] = []
        page.on("pageerror", lambda exc: self.page_errors.append(f"{exc.name}: {exc.message}"))
        self._closed = False

    # -- the SCO -----------------------------------------------------------------

    @property
    def frame(self) -> Frame:
        """The SCO's frame, found through the iframe element (not by URL)."""
        handle = self.page.wait_for_selector("#sco", state="attached")
        assert handle is not None
        frame = handle.content_frame()
        if frame is None:
            raise RuntimeError("the SCO iframe has no content frame")
        return frame

    def wait_for(
        self, predicate_js: str, timeout: float = 10.0, *, where: Literal["sco", "lms"] = "sco"
    ) -> Any:
        """Wait until `predicate_js` is truthy; returns its value. `timeout` is in SECONDS.

        `predicate_js` is a JS expression or function source evaluated in the SCO
        frame (`where="sco"`) or the harness page (`where="lms"`, which has
        `window.__lms` and the API object).
        """
        target: Page | Frame = self.frame if where == "sco" else self.page
        handle = target.wait_for_function(predicate_js, timeout=timeout * 1000)
        return handle.json_value()

    def wait_for_call(self, method: str, timeout: float = 10.0, element: str | None = None) -> None:
        """Wait until the SCO has called `method` (optionally on one CMI `element`)."""
        self.page.wait_for_function(
            "([m, e]) => window.__lms.calls.some("
            "c => c.method === m && (e === null || c.args[0] === e))",
            arg=[method, element],
            timeout=timeout * 1000,
        )

    # -- what the LMS saw ---------------------------------------------------------

    def calls(self) -> list[dict[str, Any]]:
        """Every API call: {seq, method, args, result, error, errorString, diagnostic}."""
        return list(self.page.evaluate("() => window.__lms.calls"))

    def log(self) -> list[dict[str, Any]]:
        """scorm-again's log (warn and error) plus harness messages: {level, message, seq}."""
        return list(self.page.evaluate("() => window.__lms.log"))

    def errors(self, ignore_codes: Iterable[int] = ()) -> list[dict[str, Any]]:
        """Everything that went wrong, as dicts with a `source`:

        - "call": an API call whose error code after it was not 0 (the call dict);
        - "log": a message scorm-again (or the harness) logged at error level;
        - "page": an uncaught exception in the harness or the SCO.

        `ignore_codes` drops calls and "N: …" log lines with those codes
        (for a test that provokes an error on purpose).
        """
        ignored = {int(c) for c in ignore_codes}
        out: list[dict[str, Any]] = []
        for call in self.calls():
            if call["method"] in _INFO_METHODS or call["error"] == 0:
                continue
            if call["error"] in ignored:
                continue
            out.append({"source": "call", **call})
        for entry in self.log():
            if entry["level"] != "error":
                continue
            match = _LOG_CODE.search(entry["message"])
            if match and int(match.group(1)) in ignored:
                continue
            out.append({"source": "log", **entry})
        out.extend({"source": "page", "message": m} for m in self.page_errors)
        return out

    def cmi(self) -> dict[str, Any]:
        """The LMS-side CMI data right now (scorm-again's renderCMIToJSONObject).

        Returns the `cmi` object itself (`{"core": …, "suspend_data": …}` for 1.2,
        `{"location": …}` for 2004), the same shape as `last_commit()`. Lists such
        as interactions come as dicts keyed "0", "1", ….
        """
        api = "API" if self.version == "1.2" else "API_1484_11"
        data = self.page.evaluate(f"() => window.{api}.renderCMIToJSONObject()")
        if isinstance(data, dict) and set(data) == {"cmi"}:
            data = data["cmi"]
        return dict(data)

    def commits(self) -> list[Any]:
        """Bodies the SCO's commits POSTed to the fake LMS backend, oldest first."""
        return [c.body for c in self.server.commits(self.session)]

    def commit_log(self) -> list[Commit]:
        """Commits with their transport facts (terminate beacon or not, content type)."""
        return self.server.commits(self.session)

    def last_commit(self) -> dict[str, Any]:
        """The CMI (`body["cmi"]`) of the newest commit; fails if nothing was committed."""
        commits = self.commits()
        assert commits, "the SCO never committed to the LMS"
        body = commits[-1]
        assert isinstance(body, dict) and "cmi" in body, f"unexpected commit body: {body!r}"
        return dict(body["cmi"])

    def terminated(self) -> bool:
        return bool(self.page.evaluate("() => window.__lms.terminated"))

    def fail_commits(self, status: int = 500, body: Any = None) -> None:
        """Make the LMS backend reject this session's later commits."""
        self.server.fail_commits(self.session, status, body)

    # -- ending the session ---------------------------------------------------------

    def unload(self, timeout: float = 10.0) -> bool:
        """Navigate the SCO frame to about:blank (pagehide fires), as when a learner leaves.

        Waits for the SCO's LMSFinish/Terminate and then for the terminate commit
        to reach the server. Returns False if either did not happen in time;
        tests then assert on commits() and calls() to say what was missing.
        """
        assert self.frame is not None  # the SCO frame exists before we blank it
        self.page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
        deadline = time.monotonic() + timeout
        try:
            self.page.wait_for_function(
                "() => window.__lms.terminated", timeout=max(0.0, timeout) * 1000
            )
        except Exception:
            return False
        while time.monotonic() < deadline:
            if any(c.terminate for c in self.server.commits(self.session)):
                return True
            time.sleep(0.02)
        return False

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.context.close()


def launch(
    *,
    browser: Browser,
    server: HttpServer,
    lms_url: str,
    version: Version,
    package_dir: Path,
    seed: dict[str, Any] | None = None,
    session: str | None = None,
    launch: str | None = None,
    settings: dict[str, Any] | None = None,
    use_manifest: bool = True,
    sequence: bool = False,
    choice: bool = True,
    ignore_nav: bool = False,
    timeout: float = 15.0,
) -> LmsSession:
    """Open `package_dir` in the harness and wait until the SCO's page has loaded.

    `sequence`: a multi-SCO package, launched item by item as an LMS does. SCORM 1.2
    (tests/harness/menu12.js): from the LMS's table of contents (`window.__lms.launch(id)`),
    each SCO's own CMI kept. SCORM 2004 (tests/harness/sequencer.js): shared data kept across SCOs, `adl.nav.request`
    requests decided by scorm-again's sequencing engine, fed from imsmanifest.xml;
    `window.__lms.launches` records each launch. `choice=False`: an LMS without choice
    navigation; `ignore_nav=True`: an LMS that accepts a request and launches nothing."""
    if version not in ("1.2", "2004"):
        raise ValueError(f"version must be '1.2' or '2004', not {version!r}")
    package_dir = Path(package_dir)
    session = session or uuid.uuid4().hex
    mount = server.mount(f"pkg/{uuid.uuid4().hex}", package_dir)
    package_url = f"{mount}/{quote(launch or launch_path(package_dir), safe='/?=&#%')}"
    config = {
        "pkg": package_url,
        "session": session,
        "seed": seed,
        "settings": settings or {},
        "useManifest": use_manifest,
        "sequence": sequence,
        "choice": choice,
        "ignoreNav": ignore_nav,
    }
    context = browser.new_context()
    page = context.new_page()
    lms = LmsSession(
        version=version,
        context=context,
        page=page,
        server=server,
        session=session,
        package_url=package_url,
    )
    try:
        # Only the top window gets the config: the init script also runs in the SCO frame.
        page.add_init_script(
            f"if (window === window.top) {{ window.__lmsConfig = {_json(config)}; }}"
        )
        harness = "scorm12.html" if version == "1.2" else "scorm2004.html"
        page.goto(f"{lms_url}/{harness}", wait_until="load")
        page.wait_for_function(
            "() => window.__lms && (window.__lms.ready || window.__lms.failed)",
            timeout=timeout * 1000,
        )
        failed = page.evaluate("() => window.__lms.failed")
        if failed:
            raise RuntimeError(f"test LMS did not start: {failed}")
        page.wait_for_function(
            "() => window.__lms.frameLoads > 0", timeout=timeout * 1000
        )
        frame = lms.frame
        frame.wait_for_load_state("load", timeout=timeout * 1000)
    except Exception:
        lms.close()
        raise
    return lms


def _json(value: Any) -> str:
    # "</" cannot end a script here (add_init_script is not HTML), but keep it inert anyway.
    return json.dumps(value).replace("</", "<\\/")


LaunchScorm = Callable[..., LmsSession]
