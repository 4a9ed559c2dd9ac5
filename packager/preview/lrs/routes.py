"""The LRS stand-in's HTTP face inside the preview server, all under /__preview/lrs/:

- `POST launch` (from the preview page, with its `X-Trail-Preview` header): seed and launch the
  built xAPI or cmi5 package, answer the URL the course frame opens;
- `GET events?after=N`: Server-Sent Events, one per statement, refusal, document change;
- `POST fetch/<id>`: cmi5's one-time token URL;
- `xapi/…`: the endpoint the launch URL names (statements, State, Agent Profile, about).

Same origin as the course, so no CORS: a page elsewhere cannot read the answers, and the
xAPI routes need a launch's credentials anyway.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

from packager import vocabulary as v
from packager.preview.lrs.standin import Answer

if TYPE_CHECKING:
    from packager.preview.http import Handler

PREFIX = "/__preview/lrs/"
MAX_BODY = 1 << 20  # a statement batch is at most 24 kB (lrs-client.js); a document is small
HEARTBEAT_SECONDS = 10.0
LRS_FORMATS = ("xapi", "cmi5")


def handle(handler: Handler, method: str) -> bool:
    """Answer a request under PREFIX; False: not ours."""
    parts = urlsplit(handler.path)
    if not parts.path.startswith(PREFIX):
        return False
    rest = parts.path.removeprefix(PREFIX)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    lrs = handler.server.lrs
    if rest == "events" and method == "GET":
        _events(handler, int(query["after"]) if query.get("after", "").isdigit() else lrs.seq)
        return True
    body = _body(handler)
    if body is None:
        return True
    if rest == "launch" and method == "POST":
        _launch(handler, body)
    elif rest.startswith("fetch/"):
        _reply(handler, lrs.fetch(method, rest.removeprefix("fetch/")))
    elif rest.startswith("xapi/"):
        _reply(handler, lrs.request(method, rest.removeprefix("xapi/"), query, handler.headers, body), xapi=True)
    else:
        _reply(handler, Answer(HTTPStatus.NOT_FOUND, {"error": "not found"}))
    return True


def _body(handler: Handler) -> bytes | None:
    raw = (handler.headers.get("Content-Length") or "0").strip()
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_BODY:
        handler.close_connection = True
        why = f"Content-Length must be a whole number up to {MAX_BODY}"
        _reply(handler, Answer(HTTPStatus.BAD_REQUEST, {"error": why}))
        return None
    return handler.rfile.read(int(raw))


def _launch(handler: Handler, body: bytes) -> None:
    if handler.headers.get("X-Trail-Preview") != "1":  # only the preview page launches
        _reply(handler, Answer(HTTPStatus.FORBIDDEN, {"error": "Forbidden"}))
        return
    try:
        asked: Any = json.loads(body or b"{}")
    except ValueError:
        asked = None
    state = handler.server.builder.state
    fmt = str(state.built_format or "")
    if not isinstance(asked, dict) or fmt not in LRS_FORMATS or not state.build:
        _reply(handler, Answer(HTTPStatus.BAD_REQUEST, {"error": "no xAPI or cmi5 build to launch"}))
        return
    lrs = handler.server.lrs
    before = lrs.seq
    au = asked.get("au")
    url, registration = lrs.launch(fmt, state.launch, f"http://{handler.headers['Host']}",
                                   au if isinstance(au, int) else 0, asked.get("fresh") is True)
    _reply(handler, Answer(HTTPStatus.OK, {"url": f"/course/{url}", "after": before, "registration": registration,
                                           "documents": lrs.documents_of(registration)}))


def _reply(handler: Handler, answer: Answer, xapi: bool = False) -> None:
    body = answer.body
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode("utf-8")
    handler.send_response(answer.status)
    if xapi:
        handler.send_header("X-Experience-API-Version", v.XAPI_VERSION)
    if answer.etag:
        handler.send_header("ETag", answer.etag)
    if data:
        handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def _events(handler: Handler, seen: int) -> None:
    """Every LRS event after `seen`, then each new one, with heartbeats between."""
    lrs, builder = handler.server.lrs, handler.server.builder
    handler.send_response(HTTPStatus.OK)
    handler.send_header("Content-Type", "text/event-stream; charset=utf-8")
    handler.send_header("Connection", "close")
    handler.end_headers()
    try:
        while not lrs.closed and not builder.closed:
            events = lrs.events_after(seen, HEARTBEAT_SECONDS)
            for event in events:
                data = json.dumps(event, ensure_ascii=False)
                handler.wfile.write(f"event: lrs\nid: {event['seq']}\ndata: {data}\n\n".encode())
                seen = event["seq"]
            if not events:
                handler.wfile.write(b": heartbeat\n\n")
            handler.wfile.flush()
    except (BrokenPipeError, ConnectionResetError):
        pass
    handler.close_connection = True
