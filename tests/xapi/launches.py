"""How the LMS stand-in launches content: the Tin Can launch URL, and cmi5's LaunchData,
learner preferences, `launched` statement (made with tincan) and launch URL (cmi5 §8, §10)."""

from __future__ import annotations

import base64
import json
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from tincan import Activity, ActivityDefinition, Agent, AgentAccount, Context, ContextActivities, Statement, Verb

from packager import vocabulary as v
from packager.preview.lrs.au_rules import AuSession
from packager.preview.lrs.documents import ifi
from tests.xapi.lrs import LearningLocker

HOME = "https://lms.example.test"


@dataclass
class Launch:
    """One launch the LMS made: what it handed the runtime, and what came back."""

    url: str
    actor: dict[str, Any]
    registration: str | None
    activity_id: str  # the object of cmi5 defined statements (LMS-made for cmi5)
    auth: str | None = None  # Tin Can: the Authorization value; cmi5: set when fetch hands the token out
    publisher_id: str | None = None  # cmi5: the AU id of cmi5.xml
    session_id: str | None = None
    fetch_id: str | None = None
    launch_data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Store:
    lock: threading.RLock = field(default_factory=threading.RLock)
    documents: dict[tuple[str, ...], bytes] = field(default_factory=dict)
    credentials: dict[str, Launch] = field(default_factory=dict)
    fetches: dict[str, tuple[Launch, str]] = field(default_factory=dict)
    fetch_calls: dict[str, int] = field(default_factory=dict)
    received: list[tuple[Launch, dict[str, Any]]] = field(default_factory=list)
    log: list[tuple[str, str, int, str]] = field(default_factory=list)  # method, path, status, registration
    down: bool = False
    sessions: dict[str, AuSession] = field(default_factory=dict)  # cmi5: by session id, what the LMS knows
    judged: dict[tuple[str, str], dict[str, bool]] = field(default_factory=dict)  # (registration, AU): verbs
    refused: list[tuple[Launch, str, list[dict[str, Any]]]] = field(default_factory=list)  # requirement ids
    doc_refusals: list[tuple[str, str, int]] = field(default_factory=list)  # method, document id, 409 / 412
    slow: tuple[float, int] = (0.0, 0)  # answer this many statement requests this much later (s, count)
    lose: int = 0  # forward this many statement requests, then answer 502 as if the reply got lost


class Launcher:
    """The launch half of the stand-in (mixed into LmsStandIn)."""

    store: Store
    lrs: LearningLocker

    @property
    def url(self) -> str:
        raise NotImplementedError

    @property
    def endpoint(self) -> str:
        return self.url + "/xapi/"

    def put_document(self, key: tuple[str, ...], doc: Any) -> None:
        with self.store.lock:
            self.store.documents[key] = json.dumps(doc).encode()

    def tincan_launch(
        self,
        package_url: str,
        course_id: str,
        *,
        actor: dict[str, Any] | None = None,
        registration: str | None = None,
        old_actor_form: bool = False,
    ) -> Launch:
        """A Tin Can launch URL (endpoint, auth, actor, registration, activity_id)."""
        name = f"learner-{uuid.uuid4().hex[:8]}"
        actor = actor or {"objectType": "Agent", "name": "Kari Nordmann", "mbox": f"mailto:{name}@example.org"}
        secret = base64.b64encode(f"{name}:{uuid.uuid4().hex}?>>".encode()).decode()  # '+' and '/' included
        launch = Launch(
            url="",
            actor=actor,
            registration=registration or str(uuid.uuid4()),
            activity_id=course_id,
            auth=f"Basic {secret}",
        )
        sent_actor: dict[str, Any] = actor
        if old_actor_form:  # the 0.9 array form of Rustici's golf example
            sent_actor = {"name": [actor["name"]], "mbox": [actor["mbox"]]}
        params = {
            "endpoint": self.endpoint,
            "auth": launch.auth,
            "actor": json.dumps(sent_actor),
            "registration": launch.registration,
            "activity_id": course_id,
        }
        launch.url = f"{package_url}/index.html?{urlencode(params)}"
        with self.store.lock:
            self.store.credentials[launch.auth or ""] = launch
        return launch

    def cmi5_launch(
        self,
        package_url: str,
        au_url: str,
        publisher_id: str,
        *,
        mode: str = "Normal",
        mastery: float | None = None,
        move_on: str = "CompletedAndPassed",
        return_url: str | None = None,
        learner: Launch | None = None,
        preferences: dict[str, str] | None = None,
    ) -> Launch:
        """Prepare a cmi5 launch as §8 and §10 say: LaunchData, preferences, `launched`, URL.

        `learner`: an earlier launch whose actor and registration this one continues.
        """
        actor = (
            learner.actor
            if learner
            else {
                "objectType": "Agent",
                "name": "Ola Nordmann",
                "account": {"homePage": HOME, "name": uuid.uuid4().hex[:12]},
            }
        )
        registration = learner.registration if learner and learner.registration else str(uuid.uuid4())
        activity_id = f"{HOME}/aus/{uuid.uuid5(uuid.NAMESPACE_URL, publisher_id)}"  # not the publisher id
        launch = Launch(
            url="",
            actor=actor,
            registration=registration,
            activity_id=activity_id,
            publisher_id=publisher_id,
            session_id=str(uuid.uuid4()),
            fetch_id=uuid.uuid4().hex,
        )
        template = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": publisher_id}]},
            "extensions": {v.CMI5_EXT_SESSION_ID: launch.session_id},
        }
        data: dict[str, Any] = {"contextTemplate": template, "launchMode": mode, "moveOn": move_on}
        if mastery is not None:
            data["masteryScore"] = mastery
        if return_url:
            data["returnURL"] = return_url
        launch.launch_data = data
        agent = ifi(actor)
        self.put_document(("state", activity_id, agent, registration, v.CMI5_LAUNCH_DATA), data)
        self.put_document(
            ("profile", agent, v.CMI5_LEARNER_PREFERENCES),
            preferences or {"languagePreference": "nb-NO,nn-NO,en-US", "audioPreference": "on"},
        )
        with self.store.lock:
            self.store.sessions[launch.session_id or ""] = AuSession(
                actor=actor,
                registration=registration,
                activity_id=activity_id,
                launch_data=data,
                registration_au=self.store.judged.setdefault((registration, activity_id), {}),
            )
            self.store.fetches[launch.fetch_id or ""] = (launch, base64.b64encode(uuid.uuid4().bytes).decode())
        self.lrs.save(self._launched(launch, f"{package_url}/{au_url}"))
        params = {
            "endpoint": self.endpoint,
            "fetch": f"{self.url}/fetch/{launch.fetch_id}",
            "actor": json.dumps(actor),
            "registration": registration,
            "activityId": activity_id,
        }
        sep = "&" if "?" in au_url else "?"
        launch.url = f"{package_url}/{au_url}{sep}{urlencode(params)}"
        return launch

    def _launched(self, launch: Launch, launch_url: str) -> Statement:
        account = launch.actor["account"]
        extensions = {
            v.CMI5_EXT_SESSION_ID: launch.session_id,
            v.CMI5_EXT_LAUNCH_MODE: launch.launch_data["launchMode"],
            v.CMI5_EXT_LAUNCH_URL: launch_url,
            v.CMI5_EXT_MOVE_ON: launch.launch_data["moveOn"],
        }
        if "masteryScore" in launch.launch_data:
            extensions[v.CMI5_EXT_MASTERY_SCORE] = launch.launch_data["masteryScore"]
        return Statement(
            id=str(uuid.uuid4()),
            actor=Agent(
                name=launch.actor["name"], account=AgentAccount(home_page=account["homePage"], name=account["name"])
            ),
            verb=Verb(id=v.VERB_LAUNCHED, display={"en-US": "launched"}),
            object=Activity(id=launch.activity_id, definition=ActivityDefinition(type=v.ACTIVITY_MODULE)),
            context=Context(
                registration=launch.registration,
                context_activities=ContextActivities(
                    category=[Activity(id=v.CMI5_CATEGORY)], grouping=[Activity(id=launch.publisher_id)]
                ),
                extensions=extensions,
            ),
            timestamp=datetime.now(UTC),
        )
