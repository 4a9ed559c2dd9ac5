"""An in-memory Statement API for the preview: what an LRS refuses, without running one.

A designer's preview needs no Learning Locker; it needs the answers an LRS gives, so a
package that resends a statement with other content, forgets the version header or voids
a voiding statement is caught before upload. The rules are those the test suite checks
against Learning Locker and the ADL LRS (xAPI 1.0.3), each refusal citing its section:

- every request carries `X-Experience-API-Version: 1.0.x` (Part Three §6.2), else 400;
- a statement has actor, verb and object (Part Two §2.2), its id (when given) is a UUID
  (§2.4.1), ids in one batch are distinct, else 400 and nothing of the batch is stored;
- an id the store holds with other content is 409 (Part Three §2.1.1, §2.1.2); the same
  id with the same content is accepted and stored once (a resend after a lost answer);
- a voiding statement (verb `voided`) targets a StatementRef that is not itself voiding
  (Part Two §2.3.2), else 400; a voided statement is found only by `voidedStatementId`.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any

from packager.vocabulary import VERB_VOIDED

VERSION_HEADER = "xAPI 1.0.3 Part Three §6.2"
REQUIRED = "xAPI 1.0.3 Part Two §2.2"
STATEMENT_ID = "xAPI 1.0.3 Part Two §2.4.1"
CONFLICT = "xAPI 1.0.3 Part Three §2.1.2"
VOIDING = "xAPI 1.0.3 Part Two §2.3.2"
PUT_ID = "xAPI 1.0.3 Part Three §2.1.1"
LRS_SET = ("stored", "authority", "version")  # what the LRS adds; a resend is compared without them


class StatementError(Exception):
    """A statement request refused: the HTTP status, the rule's section and why."""

    def __init__(self, status: int, rule: str, detail: str) -> None:
        self.status, self.rule, self.detail = status, rule, detail
        super().__init__(f"{rule}: {detail}")

    def body(self) -> dict[str, str]:
        return {"requirement": self.rule, "error": str(self)}


def check_version(headers: Any) -> None:
    if not str(headers.get("X-Experience-API-Version") or "").startswith("1.0."):
        raise StatementError(HTTPStatus.BAD_REQUEST, VERSION_HEADER, "the X-Experience-API-Version header "
                             "(1.0.x) is missing: an LRS answers 400 to every request without it")


def parse(body: bytes) -> list[dict[str, Any]]:
    """The statements of a POST or PUT body (one object or an array)."""
    try:
        parsed = json.loads(body or b"null")
    except ValueError as exc:
        raise StatementError(HTTPStatus.BAD_REQUEST, REQUIRED, f"the body is not JSON: {exc}") from None
    sent = parsed if isinstance(parsed, list) else [parsed]
    if not sent or not all(isinstance(s, dict) for s in sent):
        raise StatementError(HTTPStatus.BAD_REQUEST, REQUIRED, "the body is not a statement or a list of them")
    return sent


def _canonical(statement: dict[str, Any]) -> str:
    return json.dumps({k: x for k, x in statement.items() if k not in LRS_SET}, sort_keys=True)


@dataclass
class Stored:
    statement: dict[str, Any]  # as the LRS returns it (stored, authority added)
    sent: str  # canonical JSON of what was sent, to compare resends
    voided: bool = False


class StatementStore:
    """Statements by id, in arrival order; the caller holds the lock around each call."""

    def __init__(self, authority: dict[str, Any]) -> None:
        self.authority = authority
        self.by_id: dict[str, Stored] = {}

    def check(self, sent: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The statements with ids (made here when missing), or StatementError for the first broken rule.
        Changes nothing: `store` saves what `check` passed."""
        out: list[dict[str, Any]] = []
        seen: set[str] = set()
        for st in sent:
            missing = [k for k in ("actor", "verb", "object") if not isinstance(st.get(k), dict)]
            if missing:
                raise StatementError(HTTPStatus.BAD_REQUEST, REQUIRED, f"{', '.join(missing)} missing")
            st = dict(st)
            sid = str(st.setdefault("id", str(uuid.uuid4())))
            try:
                if str(uuid.UUID(sid)) != sid.lower():
                    raise ValueError(sid)
            except ValueError:
                raise StatementError(HTTPStatus.BAD_REQUEST, STATEMENT_ID, f"id {sid!r} is not a UUID") from None
            if sid in seen:
                raise StatementError(HTTPStatus.BAD_REQUEST, STATEMENT_ID, f"id {sid} twice in one request")
            seen.add(sid)
            held = self.by_id.get(sid)
            if held is not None and held.sent != _canonical(st):
                raise StatementError(HTTPStatus.CONFLICT, CONFLICT, f"statement {sid} is stored already with "
                                     "other content; an LRS never changes a stored statement")
            if st["verb"].get("id") == VERB_VOIDED:
                self._voidable(st, sid)
            out.append(st)
        return out

    def _voidable(self, st: dict[str, Any], sid: str) -> None:
        target = st["object"]
        if target.get("objectType") != "StatementRef" or not target.get("id"):
            raise StatementError(HTTPStatus.BAD_REQUEST, VOIDING,
                                 f"voiding statement {sid} does not target a StatementRef")
        held = self.by_id.get(str(target["id"]))
        if held is not None and held.statement["verb"].get("id") == VERB_VOIDED:
            raise StatementError(HTTPStatus.BAD_REQUEST, VOIDING,
                                 f"voiding statement {sid} targets another voiding statement")

    def store(self, checked: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Save what `check` passed; returns the statements new to the store (a resend is not)."""
        now = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        new: list[dict[str, Any]] = []
        for st in checked:
            if st["id"] in self.by_id:
                continue
            full = {**st, "stored": now, "authority": self.authority}
            full.setdefault("timestamp", now)
            self.by_id[st["id"]] = Stored(full, _canonical(st))
            new.append(full)
            if st["verb"].get("id") == VERB_VOIDED and (target := self.by_id.get(str(st["object"]["id"]))):
                target.voided = True
        return new

    def get(self, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """GET statements: one by statementId / voidedStatementId, else the newest `limit` (no `more`)."""
        for name, voided in (("statementId", False), ("voidedStatementId", True)):
            if name in query:
                held = self.by_id.get(query[name])
                if held is None or held.voided != voided:
                    return HTTPStatus.NOT_FOUND, {"error": f"no statement {query[name]}"}
                return HTTPStatus.OK, held.statement
        registration = query.get("registration")
        found = [h.statement for h in self.by_id.values() if not h.voided and (
            registration is None or (h.statement.get("context") or {}).get("registration") == registration)]
        if query.get("ascending") != "true":
            found.reverse()  # newest first, as an LRS answers by default
        limit = int(query["limit"]) if query.get("limit", "").isdigit() and int(query["limit"]) > 0 else len(found)
        return HTTPStatus.OK, {"statements": found[:limit], "more": ""}
