"""The preview's LRS stand-in without a browser: what it refuses, with which rule, and what it keeps."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from packager import vocabulary as v
from packager.preview.lrs.lms import move_on_met
from packager.preview.lrs.standin import LrsStandIn
from packager.preview.lrs.statements import StatementError, StatementStore

HEADERS = {"X-Experience-API-Version": "1.0.3"}


def statement(**more: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "actor": {"mbox": "mailto:a@example.org"},
            "verb": {"id": v.VERB_EXPERIENCED}, "object": {"id": "https://example.org/a"}, **more}


def test_a_resend_with_the_same_content_is_stored_once_and_other_content_is_409() -> None:
    store = StatementStore({"mbox": "mailto:lrs@example.org"})
    first = statement()
    assert len(store.store(store.check([first]))) == 1
    assert store.store(store.check([dict(first)])) == []  # a resend after a lost answer
    with pytest.raises(StatementError) as conflict:
        store.check([{**first, "result": {"success": True}}])
    assert conflict.value.status == 409 and conflict.value.rule == "xAPI 1.0.3 Part Three §2.1.2"


@pytest.mark.parametrize(("sent", "rule"), [
    ({"verb": {"id": v.VERB_EXPERIENCED}}, "xAPI 1.0.3 Part Two §2.2"),
    ({**statement(), "id": "not-a-uuid"}, "xAPI 1.0.3 Part Two §2.4.1"),
    ({**statement(), "verb": {"id": v.VERB_VOIDED}}, "xAPI 1.0.3 Part Two §2.3.2"),
])
def test_a_broken_statement_is_400_with_its_rule(sent: dict[str, Any], rule: str) -> None:
    with pytest.raises(StatementError) as refused:
        StatementStore({}).check([sent])
    assert (refused.value.status, refused.value.rule) == (400, rule)


def test_a_voided_statement_is_found_only_as_voided_and_a_voiding_one_cannot_be_voided() -> None:
    store = StatementStore({})
    target = statement()
    voiding = statement(verb={"id": v.VERB_VOIDED}, object={"objectType": "StatementRef", "id": target["id"]})
    store.store(store.check([target]))
    store.store(store.check([voiding]))
    assert store.get({"statementId": target["id"]})[0] == 404
    assert store.get({"voidedStatementId": target["id"]})[1]["id"] == target["id"]
    again = statement(verb={"id": v.VERB_VOIDED}, object={"objectType": "StatementRef", "id": voiding["id"]})
    with pytest.raises(StatementError, match="targets another voiding statement"):
        store.check([again])


@pytest.mark.parametrize(("move_on", "judged", "met"), [
    ("Completed", {"completed": True}, True), ("Passed", {"completed": True}, False),
    ("CompletedAndPassed", {"completed": True}, False), ("CompletedAndPassed", {"completed": True, "passed": True}, True),
    ("CompletedOrPassed", {"passed": True}, True), ("NotApplicable", {}, True),
])
def test_move_on(move_on: str, judged: dict[str, bool], met: bool) -> None:
    assert move_on_met(move_on, judged) is met


CMI5 = {"href": "index.html?site=a", "courseId": "https://example.org/c",
        "aus": [{"id": "https://example.org/c/sites/a", "title": "A", "url": "index.html?site=a",
                 "moveOn": "Completed", "masteryScore": None}]}


def test_a_cmi5_launch_seeds_launch_data_and_hands_its_token_out_once() -> None:
    lrs = LrsStandIn()
    url, registration = lrs.launch("cmi5", CMI5, "http://127.0.0.1:1")
    params = {k: x[0] for k, x in parse_qs(urlsplit(url).query).items()}
    assert params["registration"] == registration and params["site"] == "a"
    fetch_id = params["fetch"].rsplit("/", 1)[-1]
    token = lrs.fetch("POST", fetch_id).body
    assert isinstance(token, dict) and "auth-token" in token
    assert lrs.fetch("POST", fetch_id).body == {"error-code": "1", "error-text":
                                                "The authorization token has already been returned."}
    assert [e["rule"] for e in lrs.events if e["kind"] == "refused"] == ["8.2.3.0-1"]
    auth = {**HEADERS, "Authorization": f"Basic {token['auth-token']}"}
    query = {"activityId": params["activityId"], "agent": params["actor"], "registration": registration,
             "stateId": v.CMI5_LAUNCH_DATA}
    got = lrs.request("GET", "activities/state", query, auth, b"")
    assert got.status == 200 and json.loads(got.body)["moveOn"] == "Completed"  # type: ignore[arg-type]
    put = lrs.request("PUT", "activities/state", query, auth, b"{}")
    assert (put.status, [e["rule"] for e in lrs.events if e["kind"] == "refused"][-1]) == (403, "10.2.1.0-5")
    launched = [e["statement"]["verb"]["id"] for e in lrs.events if e["kind"] == "statement"]
    assert launched == [v.VERB_LAUNCHED]


def test_requests_without_a_launchs_credentials_or_version_are_refused() -> None:
    lrs = LrsStandIn()
    url, _ = lrs.launch("xapi", {"href": "index.html", "activityId": "https://example.org/c"}, "http://h:1")
    auth = parse_qs(urlsplit(url).query)["auth"][0]
    assert lrs.request("POST", "statements", {}, HEADERS, b"[]").status == 401
    assert lrs.request("POST", "statements", {}, {"Authorization": auth}, b"[]").status == 400
    assert lrs.request("POST", "statements", {}, {**HEADERS, "Authorization": auth},
                       json.dumps([statement()]).encode()).status == 200
    assert [e["rule"] for e in lrs.events if e["kind"] == "refused"] == [
        "xAPI 1.0.3 Part Three §4", "xAPI 1.0.3 Part Three §6.2"]


def test_the_lms_says_satisfied_for_the_course_once_the_aus_move_on_is_met() -> None:
    lrs = LrsStandIn()
    url, registration = lrs.launch("cmi5", CMI5, "http://127.0.0.1:1")
    params = {k: x[0] for k, x in parse_qs(urlsplit(url).query).items()}
    token = lrs.fetch("POST", params["fetch"].rsplit("/", 1)[-1]).body
    assert isinstance(token, dict)
    auth = {**HEADERS, "Authorization": f"Basic {token['auth-token']}"}
    actor = json.loads(params["actor"])
    data = json.loads(lrs.request("GET", "activities/state", {  # type: ignore[arg-type]
        "activityId": params["activityId"], "agent": params["actor"], "registration": registration,
        "stateId": v.CMI5_LAUNCH_DATA}, auth, b"").body)
    lrs.request("GET", "agents/profile", {"agent": params["actor"], "profileId": v.CMI5_LEARNER_PREFERENCES}, auth, b"")

    def send(verb: str, **result: Any) -> int:
        context = {**data["contextTemplate"], "registration": registration,
                   "contextActivities": {**data["contextTemplate"]["contextActivities"],
                                         "category": [{"id": v.CMI5_CATEGORY}] + (
                                             [{"id": v.CMI5_CATEGORY_MOVEON}] if "completion" in result else [])}}
        st = statement(actor=actor, verb={"id": verb}, object={"id": params["activityId"]},
                       timestamp="2026-12-04T20:00:00.000Z", context=context)
        if result:
            st["result"] = result
        return lrs.request("POST", "statements", {}, auth, json.dumps([st]).encode()).status

    assert send(v.VERB_INITIALIZED) == 200
    assert send(v.VERB_COMPLETED, completion=True, duration="PT1M") == 200
    said = [(e["by"], e["statement"]["verb"]["id"], e["statement"]["object"]["id"])
            for e in lrs.events if e["kind"] == "statement"]
    assert [s[:2] for s in said] == [("LMS", v.VERB_LAUNCHED), ("AU", v.VERB_INITIALIZED),
                                     ("AU", v.VERB_COMPLETED), ("LMS", v.VERB_SATISFIED)]
    assert said[-1][2] != CMI5["courseId"]  # the LMS's own course id (cmi5 9.3.9.0-6)
    assert send(v.VERB_TERMINATED, duration="PT2M") == 200
    assert send(v.VERB_INITIALIZED) == 403  # nothing after terminated
    assert [e["rule"] for e in lrs.events if e["kind"] == "refused"] == ["9.3.0.0-5"]
