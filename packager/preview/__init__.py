"""`trail preview`: the course served locally, rebuilt on every save, inside an LMS stand-in.

The stand-in page (static/) hosts our own small SCORM 1.2 and 2004 API over an
in-memory data model and logs every call, so a designer sees exactly what an
LMS would receive, and which values a strict LMS would refuse, before import.
"""

from __future__ import annotations

import sys
import threading
import webbrowser
from pathlib import Path

from packager.model import Format
from packager.preview.builder import PREVIEW_FORMATS, Builder, Log, State
from packager.preview.http import PreviewHTTPServer
from packager.preview.watch import Watcher, watched_paths

__all__ = ["PREVIEW_FORMATS", "PreviewError", "PreviewServer", "serve"]


class PreviewError(Exception):
    """The preview cannot start (port taken, bad format); the message says what to do."""


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class PreviewServer:
    """Builder + file watcher + HTTP server; `start()` returns once the first build is served."""

    def __init__(
        self,
        source: Path,
        fmt: Format = Format.SCORM2004,
        port: int = 8000,
        host: str = "127.0.0.1",
        templates: Path | None = None,
        log: Log | None = _stderr,
        watch_checkout: bool = True,
    ) -> None:
        if fmt not in PREVIEW_FORMATS:
            raise PreviewError(f"preview runs {', '.join(PREVIEW_FORMATS)}; not {fmt}")
        self.source = source
        self.host, self.port = host, port
        self.log = log or (lambda _message: None)
        self.builder = Builder(source, fmt, templates, self.log)
        self.watcher = Watcher(watched_paths(source, templates, watch_checkout), self._changed)
        self._http: PreviewHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def state(self) -> State:
        return self.builder.state

    def start(self) -> PreviewServer:
        try:
            self._http = PreviewHTTPServer((self.host, self.port), self.builder)
        except OSError as exc:
            self.builder.close()
            raise PreviewError(f"cannot listen on {self.host}:{self.port} ({exc.strerror or exc}); "
                               "choose another port") from exc
        self.port = int(self._http.server_address[1])
        self.builder.rebuild()
        self.watcher.start()
        self.watcher.ready.wait(5)  # an edit made after start() returns is always seen
        self._thread = threading.Thread(
            target=self._http.serve_forever, kwargs={"poll_interval": 0.2},
            name="trail-preview-http", daemon=True,
        )
        self._thread.start()
        return self

    def _changed(self, paths: set[str]) -> None:
        names = sorted(Path(p).name for p in paths)
        self.log(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
        self.builder.rebuild()

    def stop(self) -> None:
        """Stop watching and serving; open event streams end, temp builds are removed."""
        self.watcher.stop()
        http, self._http = self._http, None
        if http is not None and self._thread is not None:
            http.shutdown()
        if http is not None:
            http.lrs.close()
        self.builder.close()  # wakes every event stream so its thread ends
        if http is not None:
            http.server_close()
        if self.watcher.is_alive():
            self.watcher.join(5)
        if self._thread is not None:
            self._thread.join(5)

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def serve(
    source: Path,
    fmt: Format = Format.SCORM2004,
    port: int = 8000,
    host: str = "127.0.0.1",
    templates: Path | None = None,
    open_browser: bool = False,
    stop: threading.Event | None = None,
    watch_checkout: bool = True,
) -> None:
    """Serve until Ctrl-C (or until `stop` is set). Raises `PreviewError` if it cannot start.

    `watch_checkout=False` ignores edits to trail's own templates and runtime in a
    checkout (tests sharing a working tree with people editing them).
    """
    server = PreviewServer(source, fmt, port, host, templates, watch_checkout=watch_checkout).start()
    _stderr(f"trail preview: {server.url}  (watching {source}; Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(server.url)
    stop = stop or threading.Event()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        _stderr("trail preview: stopped")
    finally:
        server.stop()
