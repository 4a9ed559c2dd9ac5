"""Spec IRIs as named constants: the xAPI, cmi5 and ADL vocabulary trail uses.

Analysts query by these, so they never change. Python is the one source: the
runtime gets them in the course data (`runtime_vocabulary()`), `trail profile`
publishes them (`packager/xapi/`). Only IRIs that a standard already
defines are used, so no statement carries an IRI that nobody resolves: ADL's
verbs and activity types, cmi5's extensions, and the xAPI Video Profile
(https://w3id.org/xapi/video, v1.0.3) for video watching.
"""

from __future__ import annotations

from dataclasses import dataclass

XAPI_VERSION = "1.0.3"  # the X-Experience-API-Version header; statements carry no `version`

ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERB_LAUNCHED = ADL_VERBS + "launched"  # LMS only (cmi5 §9.3.1); never sent by the runtime
VERB_SATISFIED = "https://w3id.org/xapi/adl/verbs/satisfied"  # LMS only (cmi5 §9.3.9): moveOn met
VERB_VOIDED = ADL_VERBS + "voided"  # xAPI 1.0.3 Part Two §2.3.2; trail never voids
VERB_INITIALIZED = ADL_VERBS + "initialized"
VERB_EXPERIENCED = ADL_VERBS + "experienced"
VERB_ANSWERED = ADL_VERBS + "answered"
VERB_PROGRESSED = ADL_VERBS + "progressed"
VERB_COMPLETED = ADL_VERBS + "completed"
VERB_PASSED = ADL_VERBS + "passed"
VERB_FAILED = ADL_VERBS + "failed"
VERB_TERMINATED = ADL_VERBS + "terminated"

VIDEO_PROFILE = "https://w3id.org/xapi/video"  # the profile's IRI: the category of every video statement
VIDEO_VERBS = VIDEO_PROFILE + "/verbs/"
VERB_PLAYED = VIDEO_VERBS + "played"
VERB_PAUSED = VIDEO_VERBS + "paused"
VERB_SEEKED = VIDEO_VERBS + "seeked"

ADL_ACTIVITIES = "http://adlnet.gov/expapi/activities/"
ACTIVITY_COURSE = ADL_ACTIVITIES + "course"
ACTIVITY_MODULE = ADL_ACTIVITIES + "module"
ACTIVITY_INTERACTION = ADL_ACTIVITIES + "cmi.interaction"
ACTIVITY_PROFILE = ADL_ACTIVITIES + "profile"  # the type of the Video Profile's category activity
ACTIVITY_VIDEO = VIDEO_PROFILE + "/activity-type/video"

VIDEO_EXTENSIONS = VIDEO_PROFILE + "/extensions/"
VIDEO_EXT_TIME = VIDEO_EXTENSIONS + "time"
VIDEO_EXT_TIME_FROM = VIDEO_EXTENSIONS + "time-from"
VIDEO_EXT_TIME_TO = VIDEO_EXTENSIONS + "time-to"
VIDEO_EXT_PROGRESS = VIDEO_EXTENSIONS + "progress"
VIDEO_EXT_PLAYED_SEGMENTS = VIDEO_EXTENSIONS + "played-segments"
VIDEO_EXT_LENGTH = VIDEO_EXTENSIONS + "length"
VIDEO_EXT_SESSION_ID = VIDEO_EXTENSIONS + "session-id"
VIDEO_EXT_COMPLETION_THRESHOLD = VIDEO_EXTENSIONS + "completion-threshold"
# The share of a video the learner must have seen (over the registration) for `completed`: a
# little under 1, so a last frame that a timeupdate never reported does not hold it back. The
# profile wants it in paused and completed statements whenever it is not 1.
VIDEO_COMPLETION_THRESHOLD = 0.95

CMI5 = "https://w3id.org/xapi/cmi5/"
CMI5_CATEGORY = CMI5 + "context/categories/cmi5"
CMI5_CATEGORY_MOVEON = CMI5 + "context/categories/moveon"
CMI5_EXT_SESSION_ID = CMI5 + "context/extensions/sessionid"
CMI5_EXT_MASTERY_SCORE = CMI5 + "context/extensions/masteryscore"
CMI5_EXT_LAUNCH_MODE = CMI5 + "context/extensions/launchmode"  # LMS only, on `launched`
CMI5_EXT_LAUNCH_URL = CMI5 + "context/extensions/launchurl"  # LMS only, on `launched`
# The launch parameters the LMS adds to an AU url; the url itself must not use them (cmi5 §8.1, CATAPULT 8.1.0.0-6).
CMI5_LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
CMI5_ACTIVITY_COURSE = CMI5 + "activitytype/course"  # LMS only: the object of the course's `satisfied`
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
        "The course's completion rule is met (enough rest sites visited or done), or the learner has seen a video "
        "up to its completion threshold; sent once per registration (for a video: once per video).",
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
    "played": Term(
        VERB_PLAYED,
        {"en": "played", "nb": "spilte av", "nn": "spela av"},
        "The learner started or resumed a video (xAPI Video Profile).",
    ),
    "paused": Term(
        VERB_PAUSED,
        {"en": "paused", "nb": "satte på pause", "nn": "sette på pause"},
        "The video stopped: paused by the learner, at its end, or when the learner left its rest site.",
    ),
    "seeked": Term(
        VERB_SEEKED,
        {"en": "seeked", "nb": "spolte i", "nn": "spola i"},
        "The learner moved the video to another point; a drag of the scrubber is one seek.",
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
    "video": Term(
        ACTIVITY_VIDEO,
        {"en": "video", "nb": "video", "nn": "video"},
        "A video of a rest site (xAPI Video Profile): the object of played, paused, seeked and its completed.",
    ),
    "profile": Term(
        ACTIVITY_PROFILE,
        {"en": "profile", "nb": "profil", "nn": "profil"},
        "An xAPI Profile: the type of the Video Profile activity in the category of video statements.",
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
    "videoTime": (
        "ResultExtension",
        Term(VIDEO_EXT_TIME, {"en": "Time", "nb": "Tidspunkt", "nn": "Tidspunkt"},
             "Video: the position in seconds (up to 3 decimals) when played, paused or completed happened."),
    ),
    "videoTimeFrom": (
        "ResultExtension",
        Term(VIDEO_EXT_TIME_FROM, {"en": "Time from", "nb": "Fra tidspunkt", "nn": "Frå tidspunkt"},
             "Video, on seeked: the position in seconds the learner moved from."),
    ),
    "videoTimeTo": (
        "ResultExtension",
        Term(VIDEO_EXT_TIME_TO, {"en": "Time to", "nb": "Til tidspunkt", "nn": "Til tidspunkt"},
             "Video, on seeked: the position in seconds the learner moved to."),
    ),
    "videoProgress": (
        "ResultExtension",
        Term(VIDEO_EXT_PROGRESS, {"en": "Video progress", "nb": "Andel sett", "nn": "Del sett"},
             "Video: the share of the video seen in this registration, 0 to 1 (3 decimals), from played-segments."),
    ),
    "videoPlayedSegments": (
        "ResultExtension",
        Term(VIDEO_EXT_PLAYED_SEGMENTS, {"en": "Played segments", "nb": "Avspilte deler", "nn": "Avspela delar"},
             "Video: the parts seen in this registration in the order watched, `from[.]to` in seconds joined by "
             "`[,]` (e.g. `0[.]12.5[,]3[.]20`)."),
    ),
    "videoLength": (
        "ContextExtension",
        Term(VIDEO_EXT_LENGTH, {"en": "Length", "nb": "Lengde", "nn": "Lengd"},
             "Video: its length in seconds (up to 3 decimals)."),
    ),
    "videoSessionId": (
        "ContextExtension",
        Term(VIDEO_EXT_SESSION_ID, {"en": "Video session ID", "nb": "Økt-ID (video)", "nn": "Økt-ID (video)"},
             "Video: the id of this session's initialized statement, as the Video Profile asks."),
    ),
    "videoCompletionThreshold": (
        "ContextExtension",
        Term(VIDEO_EXT_COMPLETION_THRESHOLD, {"en": "Completion threshold", "nb": "Fullføringsgrense",
                                              "nn": "Fullføringsgrense"},
             f"Video, on paused and completed: the share ({VIDEO_COMPLETION_THRESHOLD}) of the video to see "
             "for completed."),
    ),
}

CATEGORIES: dict[str, Term] = {
    "cmi5": Term(CMI5_CATEGORY, {"en": "cmi5 defined"}, "cmi5 only: marks the statements the cmi5 spec defines."),
    "moveOn": Term(
        CMI5_CATEGORY_MOVEON,
        {"en": "cmi5 moveOn"},
        "cmi5 only: on completed, passed and failed, which the LMS's moveOn rule reads.",
    ),
    "video": Term(
        VIDEO_PROFILE,
        {"en": "xAPI Video Profile"},
        "On every video statement (played, paused, seeked, a video's completed): it follows the xAPI Video Profile.",
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
        "videoCompletionThreshold": VIDEO_COMPLETION_THRESHOLD,
        "documents": {
            "state": STATE_ID,
            "launchData": CMI5_LAUNCH_DATA,
            "learnerPreferences": CMI5_LEARNER_PREFERENCES,
        },
    }
