"""The test runtimes are as strict as the reference ones: each rule the LMS stand-in enforces
(cmi5 AU rules as ADL's CATAPULT player, State API concurrency as the ADL LRS) refuses what
breaks it, with the status and requirement id the reference answers, and lets the right
sequence through. No browser: plain HTTP, as an AU or a second client would send it."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest

from packager import vocabulary as v
from packager.preview.lrs.au_rules import requirements
from tests.xapi.lms import Launch, LmsStandIn, ifi
from tests.xapi.lrs import LearningLocker

PUBLISHER = "https://example.no/kurs/k/sites/a"


class Au:
    """An AU speaking raw xAPI through the stand-in, with the token its fetch URL handed out."""

    def __init__(self, lms: LmsStandIn, *, read: bool = True, **options: Any) -> None:
        self.lms = lms
        self.launch: Launch = lms.cmi5_launch("http://127.0.0.1:9/pkg", "index.html?site=a", PUBLISHER, **options)
        token = self.call("POST", f"{lms.url}/fetch/{self.launch.fetch_id}", None, raw_url=True)[1]["auth-token"]
        self.auth = f"Basic {token}"
        if read:
            self.read_launch_data()
            self.read_preferences()

    def call(self, method: str, path: str, body: Any, headers: dict[str, str] | None = None,
             raw_url: bool = False, query: dict[str, str] | None = None) -> tuple[int, Any, dict[str, str]]:
        url = path if raw_url else f"{self.lms.endpoint}{path}"
        if query:
            url += "?" + urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        h = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json", **(headers or {})}
        if not raw_url:
            h["Authorization"] = self.auth
        req = urllib.request.Request(url, data=data, method=method, headers=h)
        try:
            with urllib.request.urlopen(req) as r:
                text = r.read()
                return r.status, json.loads(text) if text else None, dict(r.headers)
        except urllib.error.HTTPError as e:
            text = e.read()
            return e.code, json.loads(text) if text else None, dict(e.headers)

    def state_query(self, state_id: str) -> dict[str, str]:
        return {"activityId": self.launch.activity_id, "agent": json.dumps(self.launch.actor),
                "registration": self.launch.registration or "", "stateId": state_id}

    def read_launch_data(self) -> None:
        assert self.call("GET", "activities/state", None, query=self.state_query(v.CMI5_LAUNCH_DATA))[0] == 200

    def read_preferences(self) -> None:
        query = {"agent": json.dumps(self.launch.actor), "profileId": v.CMI5_LEARNER_PREFERENCES}
        assert self.call("GET", "agents/profile", None, query=query)[0] == 200

    def st(self, verb: str, result: dict[str, Any] | None = None, defined: bool | None = None,
           **ctx: Any) -> dict[str, Any]:
        """A statement as a conformant AU makes it (defined: the cmi5 verbs, on the AU)."""
        defined = verb in ("initialized", "completed", "passed", "failed", "terminated") if defined is None else defined
        context: dict[str, Any] = json.loads(json.dumps(self.launch.launch_data["contextTemplate"]))
        context["registration"] = self.launch.registration
        if defined:
            cats = [{"id": v.CMI5_CATEGORY}]
            if result and ("success" in result or "completion" in result):
                cats.append({"id": v.CMI5_CATEGORY_MOVEON})
            context["contextActivities"]["category"] = cats
        if verb in ("passed", "failed") and "masteryScore" in self.launch.launch_data:
            context["extensions"][v.CMI5_EXT_MASTERY_SCORE] = self.launch.launch_data["masteryScore"]
        context.update(ctx)
        out = {"id": str(uuid.uuid4()), "actor": self.launch.actor, "verb": {"id": v.VERBS[verb].iri},
               "object": {"id": self.launch.activity_id if defined else PUBLISHER + "/q/1"},
               "context": context, "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds")}
        if verb in ("completed", "passed", "failed", "terminated"):
            out["result"] = {"duration": "PT1S", **(result or {})}
        elif result:
            out["result"] = result
        return out

    def post(self, *statements: dict[str, Any]) -> tuple[int, str]:
        status, body, _ = self.call("POST", "statements", list(statements))
        return status, (body or {}).get("requirement", "") if isinstance(body, dict) else ""


def test_requirement_texts_come_from_the_cmi5_requirements_package() -> None:
    assert requirements()["9.3.0.0-4"].startswith('The "Initialized" verb MUST be the first statement')


def test_a_conformant_session_goes_through(lms: LmsStandIn, lrs: LearningLocker) -> None:
    au = Au(lms, mastery=0.8)
    assert au.post(au.st("initialized")) == (200, "")
    assert au.post(au.st("answered", {"success": True}), au.st("completed", {"completion": True}))[0] == 200
    passed = au.st("passed", {"success": True, "score": {"scaled": 0.9, "raw": 9, "min": 0, "max": 10}})
    assert au.post(passed)[0] == 200
    assert au.post(au.st("terminated"))[0] == 200
    assert lms.refused(au.launch) == []
    assert len(lrs.raw_statements(registration=au.launch.registration or "")) == 6  # launched and the five


# -- cmi5 §9.3 ordering: each case is a sequence of requests; the last is refused with the id ---------
ORDER: dict[str, tuple[str, list[list[tuple[str, dict[str, Any] | None]]]]] = {
    "initialized-not-first": ("9.3.0.0-4", [[("answered", None)]]),
    # the AU of the issue: initialized and experienced in one request; the player refuses the whole batch
    "initialized-not-alone": ("9.3.0.0-4", [[("initialized", None), ("experienced", None)]]),
    "initialized-twice": ("9.3.0.0-2", [[("initialized", None)], [("initialized", None)]]),
    "after-terminated": ("9.3.0.0-5", [[("initialized", None)], [("terminated", None)], [("answered", None)]]),
    "after-terminated-same-request": ("9.3.0.0-5", [[("initialized", None)], [("terminated", None), ("answered", None)]]),
    # the AU of the issue: a pagehide flush resending [answered, terminated] already stored
    "batch-resent": ("9.3.0.0-5", [[("initialized", None)], [("answered", None), ("terminated", None)],
                                   [("answered", None), ("terminated", None)]]),
    "completed-twice": ("9.3.0.0-2", [[("initialized", None)], [("completed", {"completion": True})],
                                      [("completed", {"completion": True})]]),
    "passed-and-failed": ("9.3.0.0-3", [[("initialized", None)], [("failed", {"success": False})],
                                        [("passed", {"success": True})]]),
}


@pytest.mark.parametrize("case", ORDER)
def test_cmi5_9_3_ordering_is_enforced(lms: LmsStandIn, case: str) -> None:
    rule, requests = ORDER[case]
    au = Au(lms)
    answers = [au.post(*(au.st(verb, result) for verb, result in request)) for request in requests]
    assert [a[0] for a in answers[:-1]] == [200] * (len(answers) - 1)
    assert answers[-1] == (403, rule)
    assert lms.refused(au.launch)[-1][0] == rule


def test_completed_and_passed_once_per_registration_9_3_0_0_6_and_7(lms: LmsStandIn) -> None:
    first = Au(lms)
    first.post(first.st("initialized"))
    first.post(first.st("completed", {"completion": True}), first.st("passed", {"success": True}))
    second = Au(lms, learner=first.launch)
    second.post(second.st("initialized"))
    assert second.post(second.st("completed", {"completion": True})) == (403, "9.3.0.0-6")
    assert second.post(second.st("passed", {"success": True})) == (403, "9.3.0.0-7")
    assert second.post(second.st("failed", {"success": False})) == (403, "9.3.0.0-8")


def test_a_refused_request_does_not_count(lms: LmsStandIn) -> None:
    """The batch is checked before it counts: a refused initialized leaves the session unopened."""
    au = Au(lms)
    assert au.post(au.st("initialized"), au.st("experienced"))[1] == "9.3.0.0-4"
    assert au.post(au.st("experienced"))[1] == "9.3.0.0-4"
    assert au.post(au.st("initialized")) == (200, "")
    assert au.post(au.st("experienced")) == (200, "")


def test_section_11_and_10_reads_come_before_any_statement(lms: LmsStandIn) -> None:
    au = Au(lms, read=False)
    assert au.post(au.st("initialized")) == (403, "11.0.0.0-3")
    au.read_preferences()
    assert au.post(au.st("initialized")) == (403, "10.2.1.0-4")
    au.read_launch_data()
    assert au.post(au.st("initialized")) == (200, "")
    status, body, _ = au.call("PUT", "activities/state", {"x": 1}, query=au.state_query(v.CMI5_LAUNCH_DATA))
    assert (status, body["requirement"]) == (403, "10.2.1.0-5")


TEMPLATE: dict[str, tuple[str, dict[str, Any]]] = {
    "grouping-missing": ("10.2.1.0-6", {"contextActivities": {"category": [{"id": v.CMI5_CATEGORY}]}}),
    "session-overwritten": ("10.2.1.0-7", {"extensions": {v.CMI5_EXT_SESSION_ID: "another"}}),
    "registration-wrong": ("9.6.1.0-1", {"registration": str(uuid.uuid4())}),
}


@pytest.mark.parametrize("case", TEMPLATE)
def test_section_10_context_template_is_enforced(lms: LmsStandIn, case: str) -> None:
    rule, context = TEMPLATE[case]
    au = Au(lms)
    assert au.post(au.st("initialized", **context)) == (403, rule)


def test_section_9_5_results_and_launch_modes(lms: LmsStandIn) -> None:
    au = Au(lms, mastery=0.8)
    au.post(au.st("initialized"))
    low = {"success": True, "score": {"scaled": 0.5}}
    assert au.post(au.st("passed", low)) == (403, "9.3.4.0-2")
    no_moveon = au.st("completed", {"completion": True})
    no_moveon["context"]["contextActivities"]["category"] = [{"id": v.CMI5_CATEGORY}]
    assert au.post(no_moveon) == (403, "9.6.2.2-1")
    no_duration = au.st("terminated")
    del no_duration["result"]
    assert au.post(no_duration) == (403, "9.5.4.1-1")
    browse = Au(lms, mode="Browse")
    browse.post(browse.st("initialized"))
    assert browse.post(browse.st("completed", {"completion": True})) == (403, "10.2.2.0-2")


# -- the State API: concurrency as xAPI 1.0.3 and the ADL LRS ----------------------------------------

def test_state_documents_need_preconditions_once_they_exist(lms: LmsStandIn) -> None:
    au = Au(lms)
    q = au.state_query(v.STATE_ID)
    status, _, h = au.call("PUT", "activities/state", {"a": 1}, query=q)
    assert status == 204 and h["ETag"]  # a first write creates, and says the new tag
    first = h["ETag"]
    status, _, h = au.call("GET", "activities/state", None, query=q)
    assert (status, h["ETag"]) == (200, first)
    # 409: the document exists and the write has neither If-Match nor If-None-Match
    assert au.call("PUT", "activities/state", {"a": 2}, query=q)[0] == 409
    assert au.call("POST", "activities/state", {"b": 2}, query=q)[0] == 409
    assert au.call("DELETE", "activities/state", None, query=q)[0] == 409
    # 412: the precondition fails, and nothing changes
    assert au.call("PUT", "activities/state", {"a": 3}, {"If-None-Match": "*"}, query=q)[0] == 412
    assert au.call("PUT", "activities/state", {"a": 3}, {"If-Match": '"stale"'}, query=q)[0] == 412
    assert lms.document("state", au.launch.activity_id, ifi(au.launch.actor), au.launch.registration or "",
                        v.STATE_ID) == {"a": 1}
    status, _, h = au.call("PUT", "activities/state", {"a": 4}, {"If-Match": first}, query=q)
    assert status == 204 and h["ETag"] != first
    # an If-Match for a document that is gone: 412
    assert au.call("DELETE", "activities/state", None, {"If-Match": h["ETag"]}, query=q)[0] == 204
    assert au.call("PUT", "activities/state", {"a": 5}, {"If-Match": h["ETag"]}, query=q)[0] == 412
    assert au.call("PUT", "activities/state", {"a": 5}, {"If-None-Match": "*"}, query=q)[0] == 204
    assert [s for _, _, s in lms.document_refusals()][-6:] == [409, 409, 409, 412, 412, 412]
