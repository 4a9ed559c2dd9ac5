"""The document half of the LMS stand-in: State and Agent Profile documents held to the
concurrency rules of xAPI 1.0.3 (Part Three §3.3 "Concurrency"), as the ADL LRS enforces them.

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
from http import HTTPStatus
from typing import Any

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
