"""Spec IRIs as named constants: the xAPI, cmi5 and ADL vocabulary trail uses.

Analysts query by these, so they never change. Python is the one source: the
runtime gets them in the course data (`runtime_vocabulary()`), `trail profile`
publishes them (`packager/profile.py`). Only IRIs that a standard already
defines are used, so no statement carries an IRI that nobody resolves.
"""

from __future__ import annotations

from dataclasses import dataclass

XAPI_VERSION = "1.0.3"  # the X-Experience-API-Version header; statements carry no `version`

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERB_LAUNCHED = ADL_VERBS + "launched"  # LMS only (cmi5 §9.3.1); never sent by the runtime
VERB_INITIALIZED = ADL_VERBS + "initialized"
VERB_EXPERIENCED = ADL_VERBS + "experienced"
VERB_ANSWERED = ADL_VERBS + "answered"
VERB_PROGRESSED = ADL_VERBS + "progressed"
VERB_COMPLETED = ADL_VERBS + "completed"
VERB_PASSED = ADL_VERBS + "passed"
VERB_FAILED = ADL_VERBS + "failed"
VERB_TERMINATED = ADL_VERBS + "terminated"

ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
ACTIVITY_COURSE = ADL_ACTIVITIES + "course"
ACTIVITY_MODULE = ADL_ACTIVITIES + "module"
ACTIVITY_INTERACTION = ADL_ACTIVITIES + "cmi.interaction"

CMI5 = "https://w3id.org/xapi/cmi5/"
CMI5_CATEGORY = CMI5 + "context/categories/cmi5"
CMI5_CATEGORY_MOVEON = CMI5 + "context/categories/moveon"
CMI5_EXT_SESSION_ID = CMI5 + "context/extensions/sessionid"
CMI5_EXT_MASTERY_SCORE = CMI5 + "context/extensions/masteryscore"
CMI5_EXT_LAUNCH_MODE = CMI5 + "context/extensions/launchmode"  # LMS only, on `launched`
CMI5_EXT_LAUNCH_URL = CMI5 + "context/extensions/launchurl"  # LMS only, on `launched`
CMI5_EXT_MOVE_ON = CMI5 + "context/extensions/moveon"  # LMS only, on `launched`
CMI5_EXT_PROGRESS = CMI5 + "result/extensions/progress"  # also used by the xAPI package

# Documents (ids are plain names, as the cmi5 spec names its own).
STATE_ID = "trail-state"  # the State API document holding the learner's state
CMI5_LAUNCH_DATA = "LMS.LaunchData"
CMI5_LEARNER_PREFERENCES = "cmi5LearnerPreferences"

# SCORM 2004 / xAPI interactionType of each question type (a reflection is long-fill-in).
INTERACTION_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "true-false": "true-false",
    "fill-in": "fill-in",
    "matching": "matching",
    "ordering": "sequencing",
    "likert": "likert",
    "reflection": "long-fill-in",
}


@dataclass(frozen=True)
class Term:
    """One IRI with its language maps (display names and a definition for analysts)."""

    iri: str
    label: dict[str, str]
    definition: str


VERBS: dict[str, Term] = {
    "initialized": Term(
        VERB_INITIALIZED,
        {"en": "initialized", "nb": "startet", "nn": "starta"},
        "The learner opened the course (xAPI) or the rest site's AU (cmi5); the first statement of a session.",
    ),
    "experienced": Term(
        VERB_EXPERIENCED, {"en": "experienced", "nb": "åpnet", "nn": "opna"}, "The learner opened a rest site."
    ),
    "answered": Term(
        VERB_ANSWERED,
        {"en": "answered", "nb": "svarte på", "nn": "svarte på"},
        "The learner submitted an answer to a question, or saved a reflection text.",
    ),
    "progressed": Term(
        VERB_PROGRESSED,
        {"en": "progressed", "nb": "kom videre i", "nn": "kom vidare i"},
        "The share of the trail (xAPI) or the rest site (cmi5) done grew; the percentage is in the progress extension.",
    ),
    "completed": Term(
        VERB_COMPLETED,
        {"en": "completed", "nb": "fullførte", "nn": "fullførte"},
        "The course's completion rule is met (enough rest sites visited or done); sent once per registration.",
    ),
    "passed": Term(
        VERB_PASSED,
        {"en": "passed", "nb": "bestod", "nn": "bestod"},
        "Every scored question has an answer and the score reaches the passing score; sent once per registration.",
    ),
    "failed": Term(
        VERB_FAILED,
        {"en": "failed", "nb": "bestod ikke", "nn": "bestod ikkje"},
        "Every scored question has an answer and the score is below the passing score; never after passed.",
    ),
    "terminated": Term(
        VERB_TERMINATED,
        {"en": "terminated", "nb": "avsluttet", "nn": "avslutta"},
        "The session ended (exit button or the page closing); the last statement of a session.",
    ),
}

ACTIVITY_TYPES: dict[str, Term] = {
    "course": Term(
        ACTIVITY_COURSE,
        {"en": "course", "nb": "kurs", "nn": "kurs"},
        "The whole trail: the object of initialized, progressed, completed, passed, failed and "
        "terminated in xAPI packages.",
    ),
    "module": Term(
        ACTIVITY_MODULE,
        {"en": "module", "nb": "rasteplass", "nn": "rasteplass"},
        "One rest site of the trail: the object of experienced, the parent of its questions.",
    ),
    "interaction": Term(
        ACTIVITY_INTERACTION,
        {"en": "interaction", "nb": "spørsmål", "nn": "spørsmål"},
        "A question or reflection task, with its interactionType, choices and correct responses.",
    ),
}

EXTENSIONS: dict[str, tuple[str, Term]] = {  # name -> (profile concept type, term)
    "progress": (
        "ResultExtension",
        Term(
            CMI5_EXT_PROGRESS,
            {"en": "Progress", "nb": "Framdrift", "nn": "Framdrift"},
            "An integer 0 to 100: the percentage done, on progressed statements.",
        ),
    ),
    "sessionId": (
        "ContextExtension",
        Term(
            CMI5_EXT_SESSION_ID,
            {"en": "Session ID", "nb": "Økt-ID", "nn": "Økt-ID"},
            "cmi5 only: the LMS's id of the launch session, copied from the context template.",
        ),
    ),
    "masteryScore": (
        "ContextExtension",
        Term(
            CMI5_EXT_MASTERY_SCORE,
            {"en": "Mastery score", "nb": "Beståttgrense", "nn": "Beståttgrense"},
            "cmi5 only: the masteryScore (0 to 1) that passed or failed was judged against.",
        ),
    ),
}

CATEGORIES: dict[str, Term] = {
    "cmi5": Term(CMI5_CATEGORY, {"en": "cmi5 defined"}, "cmi5 only: marks the statements the cmi5 spec defines."),
    "moveOn": Term(
        CMI5_CATEGORY_MOVEON,
        {"en": "cmi5 moveOn"},
        "cmi5 only: on completed, passed and failed, which the LMS's moveOn rule reads.",
    ),
}


def runtime_vocabulary() -> dict[str, object]:
    """The IRIs the xAPI and cmi5 adapters put in statements, handed to them in the
    course data so that Python stays the one source of the vocabulary."""
    return {
        "xapiVersion": XAPI_VERSION,
        "verbs": {name: {"id": t.iri, "display": dict(t.label)} for name, t in VERBS.items()},
        "activityTypes": {name: t.iri for name, t in ACTIVITY_TYPES.items()},
        "interactionTypes": dict(INTERACTION_TYPES),
        "extensions": {name: t.iri for name, (_, t) in EXTENSIONS.items()},
        "categories": {name: t.iri for name, t in CATEGORIES.items()},
        "documents": {
            "state": STATE_ID,
            "launchData": CMI5_LAUNCH_DATA,
            "learnerPreferences": CMI5_LEARNER_PREFERENCES,
        },
    }
