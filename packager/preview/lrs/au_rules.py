"""The cmi5 LMS stand-in's LRS proxy rules: what ADL's reference player (adlnet/CATAPULT,
player/service/plugins/routes/lrs.js) refuses from an AU, written anew for trail.

One copy for two users: `trail preview -f cmi5` refuses an AU's request with these rules (so a
designer sees the requirement id before upload), and the tests' LMS stand-in holds the runtime
to the same rules in every cmi5 test.

As the reference player does, a statement request is checked statement by statement before
the batch counts: the first statement that breaks a rule refuses the whole request with
403 and the cmi5 requirement id (and its text, from the npm package `@cmi5/requirements`)
in the body; nothing of it reaches the LRS. What a request changes in the session
(initialized, terminated, completed, passed, failed) counts only once the LRS has
acknowledged it (`acknowledge`), so an `initialized` still in flight does not open the
session for the statements after it. Reads count too: the learner preferences (11.0.0.0-3)
and LMS.LaunchData with its contextTemplate (10.2.1.0-4) must be read before any statement.

Deliberately stricter than the reference player where the spec is: nothing after
`terminated` in the same request either (9.3.0.0-5), and a passed or failed judged against
a masteryScore must carry it (9.6.3.2-2) whether or not it reports a score.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from packager import vocabulary as v

# In a checkout, `npm ci` installs the requirement texts; an installed trail cites the ids alone.
REQUIREMENTS = Path(__file__).resolve().parents[3] / "node_modules" / "@cmi5" / "requirements" / "requirements.json"
UTC = re.compile(r"(Z|\+00:?(00)?)$")
JUDGED = {v.VERB_COMPLETED: "completed", v.VERB_PASSED: "passed", v.VERB_FAILED: "failed"}
DEFINED_VERBS = {v.VERB_INITIALIZED: "initialized", v.VERB_TERMINATED: "terminated", **JUDGED}
DURATION = {v.VERB_TERMINATED: "9.5.4.1-1", v.VERB_COMPLETED: "9.5.4.1-2", v.VERB_PASSED: "9.5.4.1-3",
            v.VERB_FAILED: "9.5.4.1-4"}


@cache
def requirements() -> dict[str, str]:
    """Requirement id → text, from @cmi5/requirements (`npm ci` installs it); {} without it."""
    try:
        data = json.loads(REQUIREMENTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: str(x["txt"]) for k, x in data.items()}


class Refused(Exception):
    """A rule broken: `status` and the body the reference player would answer."""

    def __init__(self, rule: str, detail: str, status: int = 403) -> None:
        self.rule, self.status = rule, status
        text = requirements().get(rule)
        self.detail = detail
        super().__init__(f"{rule} - {text} ({detail})" if text else f"cmi5 {rule} ({detail})")

    def body(self) -> dict[str, str]:
        return {"requirement": self.rule, "error": str(self)}


@dataclass
class AuSession:
    """What the LMS knows of one AU session (one launch), and of the AU in its registration."""

    actor: dict[str, Any]
    registration: str
    activity_id: str
    launch_data: dict[str, Any]
    registration_au: dict[str, bool]  # completed / passed / failed so far in the registration
    prefs_read: bool = False
    launch_data_read: bool = False
    done: set[str] = field(default_factory=set)  # defined verbs the LRS acknowledged in this session


def _template(context: dict[str, Any], template: dict[str, Any]) -> None:
    for prop, expected in template.items():
        if prop == "contextActivities":
            for key, wanted in expected.items():
                have = (context.get("contextActivities") or {}).get(key) or []
                if [a.get("id") for a in have[: len(wanted)]] != [a["id"] for a in wanted]:
                    raise Refused("10.2.1.0-6", f"contextActivities.{key} does not start as the template")
        elif prop not in context:
            raise Refused("10.2.1.0-6", f"context.{prop} missing")
        elif isinstance(expected, dict):
            for key, value in expected.items():
                if (context[prop] or {}).get(key) != value:
                    raise Refused("10.2.1.0-7", f"context.{prop}[{key}] overwritten")
        elif context[prop] != expected:
            raise Refused("10.2.1.0-7", f"context.{prop} overwritten")


def _result(st: dict[str, Any], verb: str, session: AuSession) -> None:
    """§9.5 and §9.6.2.2 for a cmi5 defined statement."""
    result, cats = st.get("result") or {}, [a.get("id") for a in st["context"]["contextActivities"]["category"]]
    if "completion" in result and verb != v.VERB_COMPLETED:
        raise Refused("9.5.3.0-2", st["id"])
    if verb == v.VERB_COMPLETED and result.get("completion") is not True:
        raise Refused("9.5.3.0-1", st["id"])
    if "success" in result and verb not in (v.VERB_PASSED, v.VERB_FAILED):
        raise Refused("9.5.2.0-3", st["id"])
    if verb == v.VERB_PASSED and result.get("success") is not True:
        raise Refused("9.5.2.0-1", st["id"])
    if verb == v.VERB_FAILED and result.get("success") is not False:
        raise Refused("9.5.2.0-2", st["id"])
    if ("completion" in result or "success" in result) and v.CMI5_CATEGORY_MOVEON not in cats:
        raise Refused("9.6.2.2-1", st["id"])
    score = result.get("score")
    if score is not None and verb not in (v.VERB_PASSED, v.VERB_FAILED):
        raise Refused("9.5.1.0-2", st["id"])
    if score and "raw" in score and ("min" not in score or "max" not in score):
        raise Refused("9.5.1.0-3", st["id"])
    mastery = session.launch_data.get("masteryScore")
    if verb in (v.VERB_PASSED, v.VERB_FAILED) and mastery is not None:
        if (st["context"].get("extensions") or {}).get(v.CMI5_EXT_MASTERY_SCORE) != mastery:
            raise Refused("9.6.3.2-2", f"masteryscore extension is not {mastery}: {st['id']}")
        scaled = (score or {}).get("scaled")
        if scaled is not None and verb == v.VERB_PASSED and scaled < mastery:
            raise Refused("9.3.4.0-2", f"{scaled} < {mastery}: {st['id']}")
        if scaled is not None and verb == v.VERB_FAILED and scaled >= mastery:
            raise Refused("9.3.5.0-2", f"{scaled} >= {mastery}: {st['id']}")
    if verb in DURATION and "duration" not in result:
        raise Refused(DURATION[verb], st["id"])


def _order(verb: str, session: AuSession, batch: list[str], st_id: str) -> None:
    """§9.3: each defined verb once per session, completed and passed once per registration,
    never both passed and failed, no failed after passed."""
    seen = session.done | set(batch)
    name = DEFINED_VERBS.get(verb)
    if name is None:
        raise Refused("9.3.0.0-1", f"not a verb an AU may send as cmi5 defined: {verb}")
    if name in seen:
        raise Refused("9.3.0.0-2", f"already {name}: {st_id}")
    reg = session.registration_au
    if name == "completed" and reg.get("completed"):
        raise Refused("9.3.0.0-6", f"completed earlier in this registration: {st_id}")
    if name == "passed" and reg.get("passed"):
        raise Refused("9.3.0.0-7", f"passed earlier in this registration: {st_id}")
    if name in ("passed", "failed") and {"passed", "failed"} & seen:
        raise Refused("9.3.0.0-3", f"{name} after {'passed' if 'passed' in seen else 'failed'}: {st_id}")
    if name == "failed" and reg.get("passed"):
        raise Refused("9.3.0.0-8", f"failed after passed in this registration: {st_id}")


def check(session: AuSession, statements: list[dict[str, Any]]) -> list[str]:
    """The defined verbs of a statement request that every rule allows (for `acknowledge`);
    raises Refused at the first statement that breaks one."""
    if not session.prefs_read:
        raise Refused("11.0.0.0-3", "the learner preferences were not read before this statement")
    if not session.launch_data_read:
        raise Refused("10.2.1.0-4", "LMS.LaunchData (the contextTemplate) was not read before this statement")
    batch: list[str] = []  # defined verbs earlier in this request
    started = "initialized" in session.done
    for st in statements:
        sid = str(st.get("id", ""))
        if not sid:
            raise Refused("9.1.0.0-1", "a statement without id")
        if "timestamp" not in st:
            raise Refused("9.7.0.0-1", sid)
        if not UTC.search(str(st["timestamp"])):
            raise Refused("9.7.0.0-2", f"{st['timestamp']}: {sid}")
        if st.get("actor") != session.actor:
            raise Refused("8.1.3.0-3", f"actor {st.get('actor')}: {sid}")
        ctx = st.get("context")
        if not isinstance(ctx, dict) or "contextActivities" not in ctx:
            raise Refused("10.2.1.0-6", f"no context.contextActivities: {sid}")
        _template(ctx, session.launch_data["contextTemplate"])
        cats = [a.get("id") for a in ctx["contextActivities"].get("category") or []]
        verb = str((st.get("verb") or {}).get("id"))
        defined = v.CMI5_CATEGORY in cats
        if v.CMI5_CATEGORY_MOVEON in cats and not (defined and verb in JUDGED):
            raise Refused("9.6.2.2-2", sid)
        if ctx.get("registration") != session.registration:
            raise Refused("9.6.1.0-1", sid)
        if not (ctx.get("extensions") or {}).get(v.CMI5_EXT_SESSION_ID):
            raise Refused("9.6.3.1-4", sid)
        # initialized first, alone: nothing else counts until the LRS has acknowledged it
        if not started and (verb != v.VERB_INITIALIZED or batch):
            raise Refused("9.3.0.0-4", f"{verb.rsplit('/', 1)[-1]} before initialized was acknowledged: {sid}")
        if "terminated" in session.done or "terminated" in batch:
            raise Refused("9.3.0.0-5", f"{verb.rsplit('/', 1)[-1]} after terminated: {sid}")
        if not defined:
            batch.append("")  # a cmi5 allowed statement: it only takes its place in the order
            continue
        actor = st["actor"]
        if actor.get("objectType", "Agent") != "Agent":
            raise Refused("9.2.0.0-2", sid)
        if not {"homePage", "name"} <= set((actor.get("account") or {}).keys()):
            raise Refused("9.2.0.0-3", sid)
        if (st.get("object") or {}).get("id") != session.activity_id:
            raise Refused("8.1.5.0-6", f"object {(st.get('object') or {}).get('id')}: {sid}")
        mode = session.launch_data.get("launchMode", "Normal")
        if mode in ("Browse", "Review") and verb in JUDGED:
            raise Refused("10.2.2.0-2" if mode == "Browse" else "10.2.2.0-3", sid)
        _result(st, verb, session)
        _order(verb, session, [b for b in batch if b], sid)
        batch.append(DEFINED_VERBS[verb])
    return [b for b in batch if b]


def acknowledge(session: AuSession, defined: list[str]) -> None:
    """The LRS stored the request: its defined verbs now count for the session and registration."""
    session.done.update(defined)
    for name in defined:
        if name in ("completed", "passed", "failed"):
            session.registration_au[name] = True
