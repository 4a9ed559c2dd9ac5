"""The LRS half of the preview's stand-in: answers the launched course's requests (statements,
State and Agent Profile documents, cmi5's fetch URL) under the rules of `au_rules`, `documents`
and `statements`, and shows every refusal with its rule id and reason on the preview page.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from packager import vocabulary as v
from packager.preview.lrs import au_rules, documents
from packager.preview.lrs.au_rules import Refused
from packager.preview.lrs.lms import Launch, Lms
from packager.preview.lrs.statements import StatementError, check_version, parse


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes | dict[str, Any] | list[Any] = b""
    etag: str = ""


class LrsStandIn(Lms):
    """One per preview server; every public method takes the lock (threads of the HTTP server)."""


    def fetch(self, method: str, fetch_id: str) -> Answer:
        """cmi5 §8.2.3: the fetch URL hands the auth token out once; later calls get error 1."""
        with self.lock:
            if method != "POST":
                return Answer(HTTPStatus.METHOD_NOT_ALLOWED, {"error-code": "3", "error-text": "POST only"})
            slot = self.fetches.pop(fetch_id, None)
            if slot is None:
                self._emit("refused", None, status=200, rule="8.2.3.0-1", method=method, resource="fetch",
                           reason="the fetch URL was called again: its token is handed out only once")
                return Answer(HTTPStatus.OK, {"error-code": "1",
                                              "error-text": "The authorization token has already been returned."})
            launch, token = slot
            launch.auth = f"Basic {token}"
            self.credentials[launch.auth] = launch
            return Answer(HTTPStatus.OK, {"auth-token": token})

    def request(self, method: str, resource: str, query: dict[str, str], headers: Any, body: bytes) -> Answer:
        """One request to the xAPI endpoint the launch URL named."""
        with self.lock:
            if resource == "about":
                return Answer(HTTPStatus.OK, {"version": [v.XAPI_VERSION]})
            launch = self.credentials.get(str(headers.get("Authorization") or ""))
            if launch is None:
                return self._refuse(None, HTTPStatus.UNAUTHORIZED, "xAPI 1.0.3 Part Three §4", method, resource,
                                    "no credentials, or not those of a launch of this preview")
            try:
                check_version(headers)
                if resource == "statements":
                    return self._statements(launch, method, query, body)
                key = documents.key_of(resource, query)
            except StatementError as why:
                return self._refuse(launch, why.status, why.rule, method, resource, why.detail)
            except ValueError as exc:
                return self._refuse(launch, HTTPStatus.BAD_REQUEST, "xAPI 1.0.3 Part Three §3", method, resource,
                                    f"the agent parameter is not an agent: {exc}")
            if key is None:
                return Answer(HTTPStatus.NOT_FOUND, {"error": f"{resource} is not served by the preview"})
            reply = documents.handle(self.docs, method, key, headers, body, launch.session)
            if reply.refused is not None:
                return self._refuse(launch, reply.status, reply.refused.rule, method, resource, reply.refused.detail)
            if reply.precondition:
                rule = documents.MISSING_PRECONDITION if reply.status == HTTPStatus.CONFLICT \
                    else documents.FAILED_PRECONDITION
                body_ = reply.body if isinstance(reply.body, dict) else {}
                return self._refuse(launch, reply.status, rule, method, resource, str(body_.get("error", "")),
                                    answer=Answer(reply.status, reply.body))
            if reply.changed:
                self._document_event(launch, key)
            return Answer(reply.status, reply.body, reply.etag)

    def _refuse(self, launch: Launch | None, status: int, rule: str, method: str, resource: str, reason: str,
                statements: list[dict[str, Any]] | None = None, answer: Answer | None = None) -> Answer:
        self._emit("refused", launch, status=int(status), rule=rule, method=method, resource=resource,
                   reason=reason, statements=statements or [])
        return answer or Answer(status, {"requirement": rule, "error": reason})

    def _statements(self, launch: Launch, method: str, query: dict[str, str], body: bytes) -> Answer:
        if method == "GET":
            status, found = self.statements.get(query)
            return Answer(status, found)
        if method not in ("POST", "PUT"):
            return Answer(HTTPStatus.METHOD_NOT_ALLOWED, {"error": f"{method} statements"})
        sent = parse(body)
        if method == "PUT" and (len(sent) != 1 or sent[0].setdefault("id", query.get("statementId"))
                                != query.get("statementId")):
            raise StatementError(HTTPStatus.BAD_REQUEST, "xAPI 1.0.3 Part Three §2.1.1",
                                 "PUT takes one statement whose id is the statementId parameter")
        defined: list[str] = []
        if launch.session is not None:
            try:
                defined = au_rules.check(launch.session, sent)
            except Refused as why:
                return self._refuse(launch, why.status, why.rule, method, "statements", why.detail, sent)
        try:
            checked = self.statements.check(sent)
        except StatementError as why:
            return self._refuse(launch, why.status, why.rule, method, "statements", why.detail, sent)
        for stored in self.statements.store(checked):
            self._emit("statement", launch, by="AU", statement=stored)
        if launch.session is not None:
            au_rules.acknowledge(launch.session, defined)
            self._satisfy(launch)
        if method == "PUT":
            return Answer(HTTPStatus.NO_CONTENT)
        return Answer(HTTPStatus.OK, [st["id"] for st in checked])
