"""The LMS half of the preview's stand-in: launches an xAPI activity or a cmi5 AU as an LMS
would, seeding what an LMS seeds (registration, LMS.LaunchData, the learner preferences, the
one-time fetch URL, `launched`) and saying `satisfied` once moveOn is met.

Everything lives in memory for one `trail preview` process: a designer checks what a package
sends, nothing is kept. Credentials are made per launch and handed only to the launched page
(the package never holds one). Every statement, refusal and document change becomes an event
the preview page shows live (`events_after`).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from packager import vocabulary as v
from packager.preview.lrs import documents
from packager.preview.lrs.au_rules import AuSession
from packager.preview.lrs.statements import StatementStore

MAX_EVENTS = 5000  # the page shows the newest; older ones are dropped
LEARNER_NAME = "Preview Designer"
PREFERENCES = {"languagePreference": "nb-NO,nn-NO,en-US", "audioPreference": "on"}
MOVE_ON: dict[str, tuple[frozenset[str], bool]] = {  # cmi5 §13.1.4: which verbs satisfy the AU, all or any
    "Completed": (frozenset({"completed"}), True),
    "Passed": (frozenset({"passed"}), True),
    "CompletedAndPassed": (frozenset({"completed", "passed"}), True),
    "CompletedOrPassed": (frozenset({"completed", "passed"}), False),
    "NotApplicable": (frozenset(), True),
}


def move_on_met(move_on: str, judged: dict[str, bool]) -> bool:
    verbs, every = MOVE_ON.get(move_on, MOVE_ON["NotApplicable"])
    done = [judged.get(verb, False) for verb in verbs]
    return all(done) if every else any(done)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Launch:
    """One launch: what the page was handed, and (cmi5) the session the rules follow."""

    number: int
    format: str
    actor: dict[str, Any]
    registration: str
    activity_id: str
    auth: str = ""  # Tin Can: at launch; cmi5: once the fetch URL handed the token out
    session: AuSession | None = None
    au: dict[str, Any] = field(default_factory=dict)  # cmi5: the AU of cmi5.xml
    course_id: str = ""  # cmi5: the course id of cmi5.xml
    all_aus: tuple[str, ...] = ()  # cmi5: every AU id of cmi5.xml, for the course's moveOn


class Lms:
    """What the LMS keeps and does before the course speaks: attempts, launches, documents it
    seeds, its own statements, and the events the page follows. Public methods take the lock."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.docs: dict[documents.Key, bytes] = {}
        self.statements = StatementStore({"objectType": "Agent", "name": "trail preview",
                                          "mbox": "mailto:preview@trail.invalid"})
        self.credentials: dict[str, Launch] = {}
        self.fetches: dict[str, tuple[Launch, str]] = {}
        self.registrations: dict[str, str] = {}  # format → the current attempt's registration
        self.judged: dict[tuple[str, str], dict[str, bool]] = {}  # (registration, AU activity) → verbs
        self.satisfied: dict[str, set[str]] = {}  # registration → the AUs (ids of cmi5.xml) whose moveOn is met
        self.events: list[dict[str, Any]] = []
        self.seq = 0
        self.launches = 0
        self.closed = False

    # -- events ---------------------------------------------------------------------------

    def _emit(self, kind: str, launch: Launch | None, **data: Any) -> None:
        self.seq += 1
        self.events.append({"seq": self.seq, "kind": kind, "launch": launch.number if launch else 0,
                            "at": now(), **data})
        del self.events[:-MAX_EVENTS]
        self.lock.notify_all()

    def events_after(self, seen: int, timeout: float) -> list[dict[str, Any]]:
        """The events after `seen` (a seq), waiting up to `timeout` seconds for one."""
        with self.lock:
            self.lock.wait_for(lambda: self.closed or self.seq > seen, timeout)
            return [e for e in self.events if e["seq"] > seen]

    def close(self) -> None:
        with self.lock:
            self.closed = True
            self.lock.notify_all()

    # -- launching ------------------------------------------------------------------------

    def launch(self, fmt: str, info: dict[str, Any], base: str, au_index: int = 0,
               fresh: bool = False) -> tuple[str, str]:
        """The URL (under /course/) that launches the package, after seeding what the LMS seeds,
        and its registration. `base`: the preview's origin; `fresh`: a new attempt (registration)."""
        with self.lock:
            self.launches += 1
            if fresh or fmt not in self.registrations:
                self.registrations[fmt] = str(uuid.uuid4())
            registration = self.registrations[fmt]
            endpoint = f"{base}/__preview/lrs/xapi/"
            if fmt == "cmi5":
                return self._cmi5(info, base, endpoint, registration, au_index), registration
            return self._xapi(info, endpoint, registration), registration

    def _xapi(self, info: dict[str, Any], endpoint: str, registration: str) -> str:
        actor = {"objectType": "Agent", "name": LEARNER_NAME, "mbox": "mailto:preview-learner@trail.invalid"}
        activity = str(info.get("activityId") or "")
        secret = base64.b64encode(f"preview-{self.launches}:{secrets.token_urlsafe(18)}".encode()).decode()
        launch = Launch(self.launches, "xapi", actor, registration, activity, auth=f"Basic {secret}")
        self.credentials[launch.auth] = launch
        self._emit("launch", launch, format="xapi", registration=registration, activityId=activity,
                   text=f"Tin Can launch of {activity} (registration {registration})")
        params = {"endpoint": endpoint, "auth": launch.auth, "actor": json.dumps(actor),
                  "registration": registration, "activity_id": activity}
        return f"{info.get('href') or 'index.html'}?{urlencode(params)}"

    def _cmi5(self, info: dict[str, Any], base: str, endpoint: str, registration: str, index: int) -> str:
        aus = info.get("aus") or []
        au = aus[min(max(index, 0), len(aus) - 1)] if aus else {"id": "", "url": "index.html"}
        actor = {"objectType": "Agent", "name": LEARNER_NAME,
                 "account": {"homePage": base, "name": "preview-learner"}}
        activity = f"{base}/__preview/lrs/aus/{uuid.uuid5(uuid.NAMESPACE_URL, au['id'])}"  # the LMS's, not the AU id
        session_id = str(uuid.uuid4())
        data: dict[str, Any] = {
            "contextTemplate": {"contextActivities": {"grouping": [{"objectType": "Activity", "id": au["id"]}]},
                                "extensions": {v.CMI5_EXT_SESSION_ID: session_id}},
            "launchMode": "Normal", "moveOn": au.get("moveOn") or "NotApplicable",
            "returnURL": f"{base}/__preview/static/returned.html",
        }
        if au.get("masteryScore") is not None:
            data["masteryScore"] = float(au["masteryScore"])
        if au.get("launchParameters"):
            data["launchParameters"] = au["launchParameters"]
        judged = self.judged.setdefault((registration, activity), {})
        session = AuSession(actor=actor, registration=registration, activity_id=activity, launch_data=data,
                            registration_au=judged)
        launch = Launch(self.launches, "cmi5", actor, registration, activity, session=session, au=au,
                        course_id=str(info.get("courseId") or ""), all_aus=tuple(a["id"] for a in aus))
        agent = documents.ifi(actor)
        self._seed(launch, ("state", activity, agent, registration, v.CMI5_LAUNCH_DATA), data)
        self._seed(launch, ("profile", agent, v.CMI5_LEARNER_PREFERENCES), PREFERENCES)
        fetch_id = secrets.token_urlsafe(18)
        self.fetches[fetch_id] = (launch, base64.b64encode(secrets.token_bytes(18)).decode())
        url = f"{au['url']}{'&' if '?' in au['url'] else '?'}"
        self._lms_statement(launch, v.VERB_LAUNCHED, "launched", {"objectType": "Activity", "id": activity}, {
            v.CMI5_EXT_LAUNCH_MODE: "Normal", v.CMI5_EXT_LAUNCH_URL: f"{base}/course/{au['url']}",
            v.CMI5_EXT_MOVE_ON: data["moveOn"],
            **({v.CMI5_EXT_MASTERY_SCORE: data["masteryScore"]} if "masteryScore" in data else {})})
        self._emit("launch", launch, format="cmi5", registration=registration, activityId=activity, au=au["id"],
                   title=au.get("title") or au["id"],
                   text=f"cmi5 launch of AU {au.get('title') or au['id']} (moveOn {data['moveOn']}, registration "
                        f"{registration})")
        self._satisfy(launch)  # NotApplicable: satisfied from the start
        params = {"endpoint": endpoint, "fetch": f"{base}/__preview/lrs/fetch/{fetch_id}",
                  "actor": json.dumps(actor), "registration": registration, "activityId": activity}
        return url + urlencode(params)

    def _seed(self, launch: Launch, key: documents.Key, doc: Any) -> None:
        self.docs[key] = json.dumps(doc).encode()
        self._document_event(launch, key)

    def _document_event(self, launch: Launch | None, key: documents.Key) -> None:
        self._emit("document", launch, **self._document(key, launch.registration if launch else ""))

    def _document(self, key: documents.Key, registration: str) -> dict[str, Any]:
        doc = self.docs.get(key)
        return {"key": list(key), "documentId": key[-1], "registration": registration,
                "etag": documents.etag(doc) if doc is not None else "",
                "json": json.loads(doc) if doc is not None else None}

    def documents_of(self, registration: str) -> list[dict[str, Any]]:
        """The documents a launch in `registration` sees: its State documents, the learner's profile."""
        with self.lock:
            return [self._document(key, registration) for key in self.docs
                    if key[0] == "profile" or key[3] == registration]

    def _lms_statement(self, launch: Launch, verb: str, display: str, obj: dict[str, Any],
                       extensions: dict[str, Any] | None = None) -> None:
        """A statement the LMS itself makes (cmi5 `launched`, `satisfied`), on the launch's session."""
        assert launch.session is not None
        statement = {
            "id": str(uuid.uuid4()), "actor": launch.actor, "verb": {"id": verb, "display": {"en-US": display}},
            "object": obj, "timestamp": now(),
            "context": {"registration": launch.registration,
                        "contextActivities": {"category": [{"objectType": "Activity", "id": v.CMI5_CATEGORY}],
                                              "grouping": [{"objectType": "Activity", "id": launch.au["id"]}]},
                        "extensions": {**launch.session.launch_data["contextTemplate"]["extensions"],
                                       **(extensions or {})}},
        }
        for stored in self.statements.store(self.statements.check([statement])):
            self._emit("statement", launch, by="LMS", statement=stored)

    def _satisfy(self, launch: Launch) -> None:
        """Once the AU's moveOn is met in the registration the LMS notes it, and once every AU of the
        course is, says `satisfied` about its own course id on this session (cmi5 9.3.9.0-5..9)."""
        session = launch.session
        assert session is not None
        met = self.satisfied.setdefault(launch.registration, set())
        if launch.au["id"] in met or not move_on_met(str(session.launch_data.get("moveOn")), session.registration_au):
            return
        met.add(launch.au["id"])
        left = [a for a in launch.all_aus if a not in met]
        self._emit("note", launch, text=f"AU {launch.au.get('title') or launch.au['id']}: moveOn "
                   f"{session.launch_data.get('moveOn')} met; {len(left)} AU(s) of the course left")
        if not left:
            course = launch.course_id or launch.au["id"]
            lms_course = f"{session.activity_id.split('/__preview/')[0]}/__preview/lrs/courses/" \
                         f"{uuid.uuid5(uuid.NAMESPACE_URL, course)}"
            self._lms_statement(launch, v.VERB_SATISFIED, "satisfied", {
                "objectType": "Activity", "id": lms_course,
                "definition": {"type": v.CMI5_ACTIVITY_COURSE}})
