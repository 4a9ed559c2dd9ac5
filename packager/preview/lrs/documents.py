"""The document half of an LMS stand-in: State and Agent Profile documents held to the
concurrency rules of xAPI 1.0.3 (Part Three §3.3 "Concurrency"), as the ADL LRS enforces them,
and to cmi5's rules for the two documents the LMS owns (LMS.LaunchData, the learner preferences).

Shared by `trail preview -f xapi|cmi5` and the tests' LMS stand-in (tests/xapi/lms.py): the
one place these rules are written.

The ADL LRS (adlnet/ADL_LRS, lrs/utils/etag.py) tags each document with the SHA-1 of its
content and answers every GET with it in `ETag`. A write is checked before it is applied:

- 409 Conflict: the document exists and the request carries neither `If-Match` nor
  `If-None-Match` (the ADL LRS checks this for PUT; xAPI 1.0.3 asks an LRS to handle the
  headers on PUT, POST and DELETE alike, and the issue this stand-in was made for holds
  our runtime to all three, the stricter reading);
- 412 Precondition Failed: `If-None-Match: *` (or the current tag) while the document
  exists, or `If-Match` naming another tag, or `If-Match` while there is no document.

A refused write changes nothing. A write that is applied is answered 204 with the new
`ETag`, so a client can chain its next `If-Match` without reading back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from packager import vocabulary as v
from packager.preview.lrs.au_rules import AuSession, Refused

# The rule ids this module enforces (cited in tests/xapi/test_strict_runtimes.py).
MISSING_PRECONDITION = "xAPI 1.0.3 Part Three §3.3: 409 without If-Match / If-None-Match"
FAILED_PRECONDITION = "xAPI 1.0.3 Part Three §3.3: 412 when the precondition fails"


def etag(body: bytes) -> str:
    """The quoted tag of a stored document, as the ADL LRS makes it (SHA-1 of the content)."""
    return f'"{hashlib.sha1(body).hexdigest()}"'


def _listed(header: str, tag: str) -> bool:
    return header.strip() == "*" or tag in [t.strip() for t in header.split(",")]


def precondition(method: str, headers: Any, current: bytes | None) -> tuple[int, str] | None:
    """Why a PUT / POST / DELETE may not touch the document `current` (None: there is none);
    None when it may."""
    if_match, if_none = headers.get("If-Match"), headers.get("If-None-Match")
    if current is not None and if_match is None and if_none is None:
        return (
            HTTPStatus.CONFLICT,
            f"{MISSING_PRECONDITION}: a document matching your query already exists, but the request "
            f"({method}) did not include ETag headers; to override it send If-Match: {etag(current)}",
        )
    if if_none is not None and current is not None and _listed(if_none, etag(current)):
        return HTTPStatus.PRECONDITION_FAILED, f"{FAILED_PRECONDITION}: If-None-Match, and the document exists"
    if if_match is not None and (current is None or not _listed(if_match, etag(current))):
        why = "there is no document" if current is None else f"the document is now {etag(current)}"
        return HTTPStatus.PRECONDITION_FAILED, f"{FAILED_PRECONDITION}: If-Match {if_match}, but {why}"
    return None


def apply(method: str, current: bytes | None, body: bytes) -> bytes | None:
    """The document after a write the preconditions allowed: PUT replaces, POST merges JSON
    objects (1.0.3: top-level properties of the new one win), DELETE removes (None)."""
    if method == "DELETE":
        return None
    sent = json.loads(body)  # JSON documents only: anything else is a 400 from the caller
    if method == "POST" and current is not None:
        old = json.loads(current)
        if not (isinstance(old, dict) and isinstance(sent, dict)):
            raise ValueError("POST merges JSON objects only")
        return json.dumps({**old, **sent}).encode()
    return body


Key = tuple[str, ...]  # ("state", activityId, agent ifi, registration, stateId) | ("profile", agent ifi, profileId)


def ifi(agent: dict[str, Any]) -> str:
    """The one identifier of an agent (xAPI 1.0.3 §2.4.2.1), as a dict key."""
    if "account" in agent:
        return f"account:{agent['account']['homePage']}|{agent['account']['name']}"
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if key in agent:
            return f"{key}:{agent[key]}"
    raise ValueError(f"agent without an IFI: {agent}")


def key_of(resource: str, query: dict[str, str]) -> Key | None:
    """The document a State or Agent Profile request names; None: another resource.
    Raises ValueError when the agent is not JSON with an identifier."""
    if resource not in ("activities/state", "agents/profile"):
        return None
    agent = json.loads(query.get("agent", "{}"))
    if not isinstance(agent, dict):
        raise ValueError("agent is not a JSON object")
    if resource == "agents/profile":
        return ("profile", ifi(agent), query.get("profileId", ""))
    return ("state", query.get("activityId", ""), ifi(agent), query.get("registration", ""),
            query.get("stateId", ""))


@dataclass(frozen=True)
class Reply:
    """What the stand-in answers a document request, and why when it refuses."""

    status: int
    body: bytes | dict[str, Any] = b""
    etag: str = ""
    refused: Refused | None = None  # a cmi5 rule the request broke
    precondition: bool = False  # refused 409 / 412 by the concurrency rules
    changed: bool = False  # the document was written or deleted


def handle(docs: dict[Key, bytes], method: str, key: Key, headers: Any, body: bytes,
           session: AuSession | None = None) -> Reply:
    """One document request against `docs` (the caller holds its lock). `session`: the cmi5 AU
    session whose credentials came with it, whose reads of the LMS's documents count (au_rules)."""
    if session is not None and key[1 if key[0] == "profile" else 2] != ifi(session.actor):
        why = Refused("8.1.3.0-3", f"agent of a {key[0]} request")
        return Reply(why.status, why.body(), refused=why)
    doc = docs.get(key)
    if method == "GET":
        if session is not None and key[-1] == v.CMI5_LAUNCH_DATA and doc is not None:
            session.launch_data_read = True
        if session is not None and key[-1] == v.CMI5_LEARNER_PREFERENCES:
            session.prefs_read = True  # 200 or 404 alike, as the reference player counts it
        if doc is None:
            return Reply(HTTPStatus.NOT_FOUND, {"error": "no document"})
        return Reply(HTTPStatus.OK, doc, etag=etag(doc))
    if key[-1] == v.CMI5_LAUNCH_DATA:
        why = Refused("10.2.1.0-5", f"{method} LMS.LaunchData")
        return Reply(why.status, why.body(), refused=why)
    if key[-1] == v.CMI5_LEARNER_PREFERENCES:
        return Reply(HTTPStatus.FORBIDDEN, {"error": "the LMS owns the learner preferences (cmi5 11.0.0.0-2)"})
    refusal = precondition(method, headers, doc)
    if refusal is not None:
        return Reply(refusal[0], {"error": refusal[1]}, precondition=True)
    try:
        new = apply(method, doc, body)
    except ValueError as exc:  # json.JSONDecodeError included
        return Reply(HTTPStatus.BAD_REQUEST, {"error": f"not a JSON document: {exc}"})
    if new is None:
        docs.pop(key, None)
        return Reply(HTTPStatus.NO_CONTENT, changed=True)
    docs[key] = new
    return Reply(HTTPStatus.NO_CONTENT, etag=etag(new), changed=True)
