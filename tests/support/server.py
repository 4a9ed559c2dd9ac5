"""One threaded HTTP server for the whole test session: packages, harness, fake LMS.

Tests mount directories under URL prefixes instead of starting a server per
test (the suite must stay fast on two cores). The `/__lms/commit/<session>`
endpoint stands in for an LMS backend, so a test can see exactly what
scorm-again sent, including the terminate beacon that a page never sees the
answer to.
"""

from __future__ import annotations

import json
import mimetypes
import os
import posixpath
import re
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

COMMIT_PREFIX = "/__lms/commit/"
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")

# Explicit types: the platform's mimetypes table differs between machines and
# misses .vtt and .mjs; a wrong type makes Chromium refuse scripts and captions.
MIME_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".xsd": "application/xml; charset=utf-8",
    ".dtd": "application/xml-dtd",
    ".vtt": "text/vtt; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".map": "application/json; charset=utf-8",
}


@dataclass
class Commit:
    """One request the fake LMS backend received."""

    body: Any
    terminate: bool
    content_type: str
    size: int = 0  # bytes of the request body as sent (a beacon over 64 KiB never arrives)


@dataclass
class _LmsStore:
    lock: threading.Lock = field(default_factory=threading.Lock)
    commits: dict[str, list[Commit]] = field(default_factory=dict)
    # session -> (HTTP status, JSON body) returned instead of success
    failures: dict[str, tuple[int, Any]] = field(default_factory=dict)


class _Handler(SimpleHTTPRequestHandler):
    server: HttpServer

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Keep pytest output clean; failures show up in assertions instead."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store, max-age=0")
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        ext = posixpath.splitext(str(path))[1].lower()
        fallback = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
        return MIME_TYPES.get(ext, fallback)

    def translate_path(self, path: str) -> str:
        """Map `/<mount>/<rest>` to a file in the mounted directory (longest mount wins)."""
        url_path = posixpath.normpath(unquote(urlsplit(path).path))
        parts = [p for p in url_path.split("/") if p and p not in (".", "..")]
        root, rest = self.server.resolve(parts)
        target = root.joinpath(*rest) if rest else root
        if path.endswith("/") and target.is_dir():
            return str(target) + "/"
        return str(target)

    def _send_range(self) -> bool:
        """Answer a single `Range: bytes=a-b` request, so video seeking works as on a real host."""
        header = self.headers.get("Range", "")
        match = _RANGE.fullmatch(header.strip())
        target = Path(self.translate_path(self.path))
        if not match or not target.is_file():
            return False
        size = target.stat().st_size
        first, last = match.group(1), match.group(2)
        if first:
            start, end = int(first), int(last) if last else size - 1
        else:
            start, end = max(0, size - int(last or 0)), size - 1
        end = min(end, size - 1)
        if start > end or start >= size:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return True
        with target.open("rb") as fh:
            fh.seek(start)
            data = fh.read(end - start + 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        return True

    # -- fake LMS backend ---------------------------------------------------

    def _commit_session(self) -> str | None:
        path = urlsplit(self.path).path
        if not path.startswith(COMMIT_PREFIX):
            return None
        return unquote(path[len(COMMIT_PREFIX) :]).strip("/")

    def _send_json(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        session = self._commit_session()
        if session is None:
            if not self._send_range():
                super().do_GET()
            return
        store = self.server.lms
        with store.lock:
            commits = list(store.commits.get(session, []))
        query = parse_qs(urlsplit(self.path).query)
        if query.get("meta") == ["1"]:
            payload: Any = [
                {"body": c.body, "terminate": c.terminate, "contentType": c.content_type}
                for c in commits
            ]
        else:
            payload = [c.body for c in commits]
        self._send_json(HTTPStatus.OK, payload)

    def do_POST(self) -> None:
        session = self._commit_session()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if session is None:
            self._send_json(HTTPStatus.NOT_FOUND, {"error": "POST only on " + COMMIT_PREFIX})
            return
        text = raw.decode("utf-8", errors="replace")
        try:
            body: Any = json.loads(text) if text else None
        except json.JSONDecodeError:
            body = {"_unparsed": text}
        query = parse_qs(urlsplit(self.path).query)
        commit = Commit(
            body=body,
            terminate=query.get("terminate") == ["true"],
            content_type=self.headers.get("Content-Type", ""),
            size=len(raw),
        )
        store = self.server.lms
        with store.lock:
            store.commits.setdefault(session, []).append(commit)
            failure = store.failures.get(session)
        if failure is not None:
            self._send_json(failure[0], failure[1])
        else:
            self._send_json(HTTPStatus.OK, {"result": True, "errorCode": 0})


class HttpServer(ThreadingHTTPServer):
    """The shared server; `mount()` publishes a directory under `/<name>/`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        self._tmp = Path(tempfile.mkdtemp(prefix="trail-http-"))
        self._mounts: dict[tuple[str, ...], Path] = {}
        self._mount_lock = threading.Lock()
        self.lms = _LmsStore()
        super().__init__(("127.0.0.1", 0), _Handler)
        self._thread = threading.Thread(target=self.serve_forever, name="trail-http", daemon=True)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page that closes mid-response (a beacon, a navigation) is normal here, not an error."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def root(self) -> Path:
        """The temp directory served at `/` (tests may write files there)."""
        return self._tmp

    @property
    def url(self) -> str:
        """Base URL, without a trailing slash."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> HttpServer:
        self._thread.start()
        return self

    def close(self) -> None:
        self.shutdown()
        self.server_close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    def mount(self, name: str, directory: Path) -> str:
        """Serve `directory` under `/<name>/`; returns that base URL (no trailing slash).

        `name` may contain `/` to nest a mount inside another one. Mounting the
        same name again replaces the earlier directory.
        """
        parts = tuple(p for p in name.strip("/").split("/") if p)
        if not parts or any(p in (".", "..") or p.startswith("__") for p in parts):
            raise ValueError(f"bad mount name {name!r}")
        directory = Path(directory).resolve()
        if not directory.is_dir():
            raise NotADirectoryError(directory)
        with self._mount_lock:
            self._mounts[parts] = directory
        return f"{self.url}/{'/'.join(parts)}"

    def resolve(self, parts: list[str]) -> tuple[Path, list[str]]:
        with self._mount_lock:
            for cut in range(len(parts), 0, -1):
                root = self._mounts.get(tuple(parts[:cut]))
                if root is not None:
                    return root, parts[cut:]
        return self._tmp, parts

    # -- fake LMS backend, Python side ----------------------------------------

    def commits(self, session: str) -> list[Commit]:
        with self.lms.lock:
            return list(self.lms.commits.get(session, []))

    def fail_commits(self, session: str, status: int = 500, body: Any = None) -> None:
        """Make later commits of `session` fail (HTTP `status`, JSON `body`)."""
        with self.lms.lock:
            self.lms.failures[session] = (status, body if body is not None else {})

    def accept_commits(self, session: str) -> None:
        with self.lms.lock:
            self.lms.failures.pop(session, None)
