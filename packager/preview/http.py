"""The preview's HTTP routes: the stand-in page, the current build, and build events.

Standard library only: the preview is a local designer tool, one user, a few
requests a second. Nothing is cached, so a reload always shows the newest build.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from packager.model import Format
from packager.preview.builder import PREVIEW_FORMATS, Builder
from packager.preview.lrs import routes as lrs_routes
from packager.preview.lrs.standin import LrsStandIn

STATIC = Path(__file__).parent / "static"
HEARTBEAT_SECONDS = 10.0
_RANGE = re.compile(r"bytes=(\d*)-(\d*)$")
MAX_PATH = 2048  # longer request targets are refused before any file system call
MAX_BODY = 64 * 1024  # the preview's POST bodies are a few bytes of JSON
SOCKET_TIMEOUT = 30.0  # a client that stops sending frees its thread (event streams only write)
LOOPBACK = ("127.0.0.1", "::1", "localhost")

# Explicit types: the platform's table differs between machines and misses .vtt.
MIME_TYPES = {
    ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8", ".xsd": "application/xml; charset=utf-8",
    ".dtd": "application/xml-dtd", ".vtt": "text/vtt; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".ico": "image/x-icon", ".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg", ".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf",
}


class PreviewHTTPServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream must never keep the process alive
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], builder: Builder) -> None:
        self.builder = builder
        self.lrs = LrsStandIn()  # xAPI and cmi5 builds launch against it (lrs/routes.py)
        self.bound_host = address[0]
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)

    def host_allowed(self, header: str | None) -> bool:
        """DNS rebinding: a page from evil.example whose name now resolves to 127.0.0.1 still
        sends `Host: evil.example`. Only the address the preview listens on (and, on loopback,
        `localhost`) are answered; listening on every interface, any IP address or this machine's name."""
        if not header:
            return False
        match = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\](?::(\d+))?|([^:\[\]]+)(?::(\d+))?", header.strip())
        if match is None:
            return False
        name = (match[1] or match[3] or "").lower().rstrip(".")
        port = match[2] or match[4] or "80"
        if port != str(self.server_address[1]):
            return False
        bound = self.bound_host.lower()
        if bound in LOOPBACK:
            return name in LOOPBACK
        if bound in ("0.0.0.0", "::", ""):
            return _is_ip(name) or name in ("localhost", socket.gethostname().lower(), socket.getfqdn().lower())
        return name == bound

    def handle_error(self, request: Any, client_address: Any) -> None:
        """One line, never a traceback: the console belongs to the designer's builds."""
        error = sys.exc_info()[1]
        print(f"trail preview: a request from {client_address[0]} failed: {type(error).__name__}: {error}",
              file=sys.stderr, flush=True)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def safe_file(root: Path, url_path: str) -> Path | None:
    """The file under `root` named by a URL path, or None when it leaves `root` or is missing."""
    parts = [p for p in unquote(url_path).split("/") if p not in ("", ".")]
    if any(p == ".." or "\\" in p or "\0" in p for p in parts):
        return None
    path = root.joinpath(*parts) if parts else root
    try:
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None
    except OSError:  # a name too long for the file system, and the like: not a file we serve
        return None


class Handler(BaseHTTPRequestHandler):
    server: PreviewHTTPServer
    server_version = "trail-preview"
    timeout = SOCKET_TIMEOUT
    default_request_version = "HTTP/1.0"  # so even a garbled request line gets a status line back

    def parse_request(self) -> bool:
        """The request line and headers parse, the target is short and the Host is ours; else 400/403."""
        if not super().parse_request():
            return False
        if len(self.path) > MAX_PATH:
            self._refuse(HTTPStatus.BAD_REQUEST, f"Bad request: the path is longer than {MAX_PATH} characters")
            return False
        if not self.server.host_allowed(self.headers.get("Host")):
            self._refuse(HTTPStatus.FORBIDDEN, "Forbidden: this preview answers only to the address it listens on")
            return False
        return True

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self.close_connection = True
        self._text(status, message)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the console shows builds, not every request."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self) -> None:
        if not lrs_routes.handle(self, "GET"):
            self._get(head=False)

    def do_PUT(self) -> None:
        if not lrs_routes.handle(self, "PUT"):
            self._text(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed")

    def do_DELETE(self) -> None:
        if not lrs_routes.handle(self, "DELETE"):
            self._text(HTTPStatus.METHOD_NOT_ALLOWED, "Method not allowed")

    def do_HEAD(self) -> None:
        self._get(head=True)

    def _body(self) -> bytes | None:
        """The request body, or None (answered 400) when Content-Length is not a small whole number."""
        header = self.headers.get("Content-Length")
        raw = "0" if header is None else header.strip()
        if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_BODY:
            self._refuse(HTTPStatus.BAD_REQUEST, f"Bad request: Content-Length must be a whole number up to {MAX_BODY}")
            return None
        return self.rfile.read(int(raw))

    def _get(self, head: bool) -> None:
        path = urlsplit(self.path).path
        builder = self.server.builder
        if path in ("/", "/index.html"):
            self._file(STATIC / "index.html", head)
        elif path.startswith("/__preview/static/"):
            self._file(safe_file(STATIC, path.removeprefix("/__preview/static/")), head)
        elif path == "/__preview/state":
            self._json(builder.state.as_json())
        elif path == "/__preview/events":
            self._events()
        elif path == "/course" or path.startswith("/course/"):
            folder = builder.state.folder
            if folder is None:
                self._text(HTTPStatus.SERVICE_UNAVAILABLE, "No build yet: see the preview page.")
            else:
                self._file(safe_file(folder, path.removeprefix("/course")), head)
        else:
            self._text(HTTPStatus.NOT_FOUND, "Not found")

    def do_POST(self) -> None:
        if lrs_routes.handle(self, "POST"):  # the course's LRS requests carry their launch's credentials
            return
        # A custom header cannot be sent cross-origin without a preflight we never answer.
        if self.headers.get("X-Trail-Preview") != "1":
            self._text(HTTPStatus.FORBIDDEN, "Forbidden")
            return
        data = self._body()
        if data is None:
            return
        try:
            body = json.loads(data or b"{}")
        except ValueError:
            body = None
        path = urlsplit(self.path).path
        builder = self.server.builder
        fmt = body.get("format") if isinstance(body, dict) else None
        if path == "/__preview/format" and fmt in PREVIEW_FORMATS:
            self._json(builder.set_format(Format(fmt)).as_json())
        elif path == "/__preview/rebuild":
            self._json(builder.rebuild().as_json())
        else:
            self._text(HTTPStatus.BAD_REQUEST, "Bad request")

    def _json(self, payload: Any) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _text(self, status: HTTPStatus, message: str) -> None:
        data = message.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _file(self, path: Path | None, head: bool) -> None:
        if path is None:
            self._text(HTTPStatus.NOT_FOUND, "Not found")
            return
        try:
            handle = path.open("rb")
        except OSError:  # pruned between lookup and open: the page reloads the new build anyway
            self._text(HTTPStatus.NOT_FOUND, "Not found")
            return
        with handle:
            size = os.fstat(handle.fileno()).st_size
            start, end, status = 0, size, HTTPStatus.OK
            match = _RANGE.match(self.headers.get("Range") or "")
            if match and size and (match[1] or match[2]):  # video seeking needs byte ranges
                if match[1]:
                    start, end = int(match[1]), min(int(match[2]) + 1 if match[2] else size, size)
                else:
                    start = max(size - int(match[2]), 0)
                if start >= end:
                    self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    self.send_header("Content-Range", f"bytes */{size}")
                    self.end_headers()
                    return
                status = HTTPStatus.PARTIAL_CONTENT
            self.send_response(status)
            kind = MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(end - start))
            self.send_header("Accept-Ranges", "bytes")
            if status is HTTPStatus.PARTIAL_CONTENT:
                self.send_header("Content-Range", f"bytes {start}-{end - 1}/{size}")
            self.end_headers()
            if head:
                return
            handle.seek(start)
            left = end - start
            try:
                while left > 0:
                    chunk = handle.read(min(left, 1 << 16))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    left -= len(chunk)
            except (BrokenPipeError, ConnectionResetError):  # video elements cancel ranges freely
                self.close_connection = True

    def _events(self) -> None:
        """Server-Sent Events: the state now, then every change, with heartbeats between."""
        builder = self.server.builder
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        seen = -1
        try:
            while not builder.closed:
                state = builder.wait(seen, HEARTBEAT_SECONDS)
                if builder.closed:
                    break
                if state.version != seen:
                    seen = state.version
                    data = json.dumps(state.as_json(), ensure_ascii=False)
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                else:
                    self.wfile.write(b": heartbeat\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True
