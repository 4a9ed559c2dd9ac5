"""The LMS stand-in: what a Tin Can or cmi5 LMS does around the LRS.

No installable LRS serves the State API, and a cmi5 LMS serves the AU's
endpoint itself anyway, so this server: checks the credentials of every xAPI
request (the LRS behind it accepts any), forwards statements unchanged to the
real LRS, serves the State and Agent Profile documents, the one-time cmi5
`fetch` URL and `LMS.LaunchData`, and writes the `launched` statement.
It records every statement the runtime sent, so tests can validate them all.
"""

from __future__ import annotations

import json
import threading
import time
from contextlib import nullcontext
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from packager import vocabulary as v
from packager.preview.lrs import au_rules, documents
from packager.preview.lrs.au_rules import Refused
from tests.xapi.launches import Launch, Launcher, Store, ifi
from tests.xapi.lrs import LearningLocker

__all__ = ["Launch", "LmsStandIn", "ifi"]


class _Handler(BaseHTTPRequestHandler):
    server: LmsStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: assertions report what matters."""

    def reply(self, status: int, body: bytes | Any = b"", content_type: str = "application/json", etag: str = "") -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        with self.server.store.lock:
            self.server.store.log.append((self.command, urlsplit(self.path).path, int(status), self.who))
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Experience-API-Version, ETag")
        self.send_header("X-Experience-API-Version", v.XAPI_VERSION)
        if etag:
            self.send_header("ETag", etag)
        if data:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_OPTIONS(self) -> None:
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, OPTIONS")
        self.send_header(
            "Access-Control-Allow-Headers",
            "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
        )
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.route("GET")

    def do_PUT(self) -> None:
        self.route("PUT")

    def do_POST(self) -> None:
        self.route("POST")

    def do_DELETE(self) -> None:
        self.route("DELETE")

    who = ""  # the registration of the launch whose credentials came with the request

    def route(self, method: str) -> None:
        parts = urlsplit(self.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        store = self.server.store
        if parts.path.startswith("/fetch/"):
            self.fetch(method, parts.path.removeprefix("/fetch/"))
            return
        if not parts.path.startswith("/xapi/"):
            self.reply(HTTPStatus.NOT_FOUND, {"error": "no such path"})
            return
        resource = parts.path.removeprefix("/xapi/")
        if resource == "about":
            self.reply(HTTPStatus.OK, {"version": [v.XAPI_VERSION]})
            return
        with store.lock:
            launch = store.credentials.get(self.headers.get("Authorization", ""))
            down = store.down
        self.who = launch.registration or "" if launch else ""
        if launch is None:
            self.reply(HTTPStatus.UNAUTHORIZED, {"error": "unknown credentials"})
            return
        if down:
            self.reply(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "the LRS is down (test outage)"})
        elif not self.headers.get("X-Experience-API-Version", "").startswith("1.0."):
            self.reply(HTTPStatus.BAD_REQUEST, {"error": "X-Experience-API-Version 1.0.x required"})
        elif resource == "statements":
            self.statements(method, query, body, launch)
        elif resource in ("activities/state", "agents/profile"):
            key = documents.key_of(resource, query)
            assert key is not None
            self.document(method, key, body, launch)
        else:
            self.reply(HTTPStatus.NOT_FOUND, {"error": f"{resource} is not served"})

    def refuse(self, why: Refused, launch: Launch, statements: list[dict[str, Any]]) -> None:
        """Answer as the reference player does (403 and the requirement id), and keep a note for the test."""
        with self.server.store.lock:
            self.server.store.refused.append((launch, why.rule, statements))
        self.reply(why.status, why.body())

    def statements(self, method: str, query: dict[str, str], body: bytes, launch: Launch) -> None:
        store = self.server.store
        sent: list[dict[str, Any]] = []
        if method in ("POST", "PUT"):
            parsed = json.loads(body)
            sent = parsed if isinstance(parsed, list) else [parsed]
            with store.lock:
                store.received.extend((launch, s) for s in sent)
        session = store.sessions.get(launch.session_id or "") if method in ("POST", "PUT") else None
        with store.lock if session is not None else nullcontext():  # checked, stored, counted as one step
            defined: list[str] = []
            if session is not None:
                try:
                    defined = au_rules.check(session, sent)
                except Refused as why:
                    self.refuse(why, launch, sent)
                    return
            response = self.server.lrs.forward(method, "statements", query, body if method != "GET" else None)
            if session is not None and response.success:
                au_rules.acknowledge(session, defined)
        with store.lock:
            lost = method != "GET" and store.lose > 0
            store.lose -= lost
            delay, store.slow = (store.slow[0], (store.slow[0], store.slow[1] - 1)) if method != "GET" and store.slow[1] > 0 \
                else (0.0, store.slow)
        time.sleep(delay)  # stored already; the answer is slow: the request stays in flight
        if lost:
            self.reply(HTTPStatus.BAD_GATEWAY, {"error": "stored, but this answer is lost (test)"})
            return
        self.reply(response.response.status, (response.data or "").encode())

    def document(self, method: str, key: tuple[str, ...], body: bytes, launch: Launch) -> None:
        """State and Agent Profile documents, held to xAPI 1.0.3's concurrency rules and cmi5's
        (packager/preview/lrs/documents.py, shared with `trail preview`)."""
        store = self.server.store
        with store.lock:
            reply = documents.handle(store.documents, method, key, self.headers, body,
                                     store.sessions.get(launch.session_id or ""))
            if reply.refused is not None:
                self.refuse(reply.refused, launch, [])
                return
            if reply.precondition:
                store.doc_refusals.append((method, key[-1], reply.status))
            self.reply(reply.status, reply.body, etag=reply.etag)

    def fetch(self, method: str, fetch_id: str) -> None:
        store = self.server.store
        if method != "POST":
            self.reply(HTTPStatus.METHOD_NOT_ALLOWED, {"error-code": "3", "error-text": "POST only"})
            return
        with store.lock:
            store.fetch_calls[fetch_id] = store.fetch_calls.get(fetch_id, 0) + 1
            slot = store.fetches.pop(fetch_id, None)
            if slot is None:
                self.reply(
                    HTTPStatus.OK,
                    {"error-code": "1", "error-text": "The authorization token has already been returned."},
                )
                return
            launch, token = slot
            self.who = launch.registration or ""
            launch.auth = f"Basic {token}"
            store.credentials[launch.auth] = launch
        self.reply(HTTPStatus.OK, {"auth-token": token})


class LmsStandIn(Launcher, ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, lrs: LearningLocker) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lrs = lrs
        self.store = Store()
        self._thread = threading.Thread(target=self.serve_forever, name="trail-lms", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a connection mid-request is normal here, not an error."""

    def close(self) -> None:
        self.shutdown()
        self.server_close()

    # -- test controls ---------------------------------------------------------

    def set_down(self, down: bool) -> None:
        """Simulate an LRS outage: every xAPI request gets 503 until set_down(False)."""
        with self.store.lock:
            self.store.down = down

    def lose_responses(self, count: int) -> None:
        """Store the next `count` statement requests, but answer 502: the runtime must resend."""
        with self.store.lock:
            self.store.lose = count

    def slow_answers(self, seconds: float, count: int) -> None:
        """Store the next `count` statement requests at once, but answer each `seconds` later."""
        with self.store.lock:
            self.store.slow = (seconds, count)

    def judged_before(self, launch: Launch, verb: str) -> None:
        """The LMS already holds `verb` (completed / passed) for this AU and registration, as if recorded
        earlier: the AU's own is then refused (cmi5 9.3.0.0-6 / -7), a refusal for good."""
        with self.store.lock:
            self.store.judged.setdefault((launch.registration or "", launch.activity_id), {})[verb] = True

    def log(self, launch: Launch | None) -> list[tuple[str, str, int]]:
        """The requests made with this launch's credentials (and its fetch), in order;
        None: those whose credentials were unknown."""
        want = launch.registration if launch else ""
        with self.store.lock:
            return [(m, p, s) for m, p, s, who in self.store.log if who == want]

    def received(self, launch: Launch | None = None) -> list[dict[str, Any]]:
        """Every statement the runtime sent (resends included), in arrival order."""
        with self.store.lock:
            return [s for got, s in self.store.received if launch is None or got.registration == launch.registration]

    def fetch_calls(self, launch: Launch) -> int:
        with self.store.lock:
            return self.store.fetch_calls.get(launch.fetch_id or "", 0)

    def document(self, *key: str) -> Any:
        with self.store.lock:
            doc = self.store.documents.get(key)
        return None if doc is None else json.loads(doc)

    def refused(self, launch: Launch | None = None) -> list[tuple[str, list[str]]]:
        """The statement requests the cmi5 rules refused: (requirement id, the verbs of the request)."""
        from tests.xapi.rules import verb_name

        with self.store.lock:
            return [
                (rule, [verb_name(s) for s in sts])
                for got, rule, sts in self.store.refused
                if launch is None or got.registration == launch.registration
            ]

    def document_refusals(self) -> list[tuple[str, str, int]]:
        """Every document write refused 409 / 412: (method, document id, status)."""
        with self.store.lock:
            return list(self.store.doc_refusals)
