"""The analyst's guide to a course's xAPI vocabulary, with an example of every statement.

Split from `profile.py` (the JSON-LD profile): this half is prose and examples for
people; the examples are tincan objects, shaped exactly as the runtime sends them.
"""

from __future__ import annotations

import json
import uuid

from tincan import Activity, ActivityDefinition, Agent, Context, ContextActivities, Result, Score, Statement, Verb

from packager import ids
from packager import vocabulary as v
from packager.model import Course
from packager.xapi import video as profile_video
from packager.xapi.activities import EXAMPLE_TIME, Json, activities


def example_statements(course: Course) -> dict[str, Json]:
    """One statement per verb, shaped as the xAPI package sends it (made with tincan)."""
    tag, defs = str(course.language), activities(course)
    site = course.sites[0]
    question = next((q for s in course.sites for q in s.questions if q.scored), None)
    q_site = next((s for s in course.sites if question in s.questions), site)
    q_iri = ids.question_iri(course, q_site, question) if question else ids.site_iri(course, site) + "/questions/x"
    actor = Agent(name="Kari Nordmann", mbox="mailto:kari.nordmann@example.org")

    def uid(name: str) -> str:
        return str(uuid.uuid5(ids.course_uuid(course), f"example/{name}"))

    def act(iri: str, definition: Json | None = None) -> Activity:
        return Activity(id=iri, definition=ActivityDefinition(definition or {"type": v.ACTIVITY_COURSE}))

    def make(verb: str, obj: Activity, result: Result | None = None, parent: str | None = None,
             extensions: Json | None = None, category: list[Activity] | None = None, name: str = "") -> Json:
        acts = None
        if parent:
            grouping = [Activity(id=course.id)] if parent != course.id else None
            acts = ContextActivities(parent=[Activity(id=parent)], grouping=grouping, category=category)
        st = Statement(id=uid(name or verb), actor=actor,
                       verb=Verb(id=v.VERBS[verb].iri, display=dict(v.VERBS[verb].label)), object=obj, result=result,
                       context=Context(registration=uid("registration"), language=tag, platform="trail",
                                       context_activities=acts, extensions=extensions))
        raw = json.loads(st.to_json("1.0.3"))
        raw["timestamp"] = EXAMPLE_TIME  # the runtime's UTC form, not tincan's "+00:00"
        order = ("id", "actor", "verb", "object", "result", "context", "timestamp")  # no "version": 1.0.3
        return {k: raw[k] for k in order if k in raw}  # providers do not set it (tincan always does)

    def make_video(verb: str, obj: Json, result: Json, parent: str, extensions: Json, category: list[Json],
                   name: str) -> Json:
        return make(verb, act(obj["id"], obj["definition"]), Result(**result), parent, extensions,
                    [act(c["id"], c["definition"]) for c in category], name)

    v_site, video = next(((s, (i, b)) for s in course.sites for i, b in enumerate(s.videos, 1) if b.src),
                         (site, None))
    v_iri = ids.video_iri(course, v_site, video[0] if video else 1)
    qdef = defs.get(q_iri, {"type": v.ACTIVITY_INTERACTION, "interactionType": "choice"})
    return {
        "initialized": make("initialized", act(course.id, defs[course.id])),
        "experienced": make("experienced", act(ids.site_iri(course, site), defs[ids.site_iri(course, site)]),
                            parent=course.id),
        "answered": make("answered", act(q_iri, qdef),
                         Result(response=qdef.get("correctResponsesPattern", ["a"])[0], success=True,
                                duration="PT12.4S", score=Score(scaled=1, raw=1, min=0, max=1)),
                         parent=ids.site_iri(course, q_site)),
        "progressed": make("progressed", act(course.id), Result(extensions={v.CMI5_EXT_PROGRESS: 33})),
        "completed": make("completed", act(course.id), Result(completion=True, duration="PT41M7S")),
        "passed": make("passed", act(course.id), Result(success=True, duration="PT52M3S",
                                                        score=Score(scaled=0.8571, raw=85.71, min=0, max=100))),
        "failed": make("failed", act(course.id), Result(success=False, duration="PT48M10S",
                                                        score=Score(scaled=0.5714, raw=57.14, min=0, max=100))),
        "terminated": make("terminated", act(course.id, defs[course.id]), Result(duration="PT1H2M5.25S")),
        **profile_video.examples(make_video, v_iri, ids.site_iri(course, v_site), video[1].title if video else "Video",
                                 tag),
    }


def _table(head: tuple[str, ...], *rows: tuple[str, ...]) -> str:
    lines = [head, tuple("---" for _ in head), *rows]
    return "\n".join("| " + " | ".join(r) + " |" for r in lines)


GUIDE = """# xAPI vocabulary of trail courses

What the xAPI (Tin Can) and cmi5 packages of a trail course send to a Learning Record Store, for
analysts who query it. `trail profile` writes the same vocabulary as an xAPI Profile
(`<slug>-xapi-profile.jsonld`, ADL xAPI Profiles 1.0) with every activity of the course, and this
guide with the course's activity list. Generated by `packager/xapi/` from
`packager/vocabulary.py`: do not edit by hand.

Statements are xAPI 1.0.3 (`X-Experience-API-Version: 1.0.3`, no `version` property), with
client-made UUIDs, UTC timestamps with milliseconds in the order things happened, and the course
language in `context.language` and in every language map. Examples below use `{course_id}`.

## Activity IRIs

Derived from the course `id` in `course.yaml`: the same on every build and in every LMS.

{iris}

## Verbs

{verbs}

played, paused and seeked (and a video's completed) follow the xAPI Video Profile: see [Video](#video).

## Activity types

{types}

## Interactions

`answered` statements carry the interaction's full definition (`choices`, `scale`, `source` and
`target`, `correctResponsesPattern`) and the learner's response in the xAPI formats: `[,]` between
items, `[.]` inside a matching pair. `result.success` is set for scored questions only;
`result.duration` is the time from showing the question to the answer; a retry is a new statement.
A choice's id is one letter: the option's own `id` in the source, or its place (a, b, c ...) when the
designer gave none (docs/authoring.md, "Option ids"), so with ids an option keeps its letter when
options are reordered.

{interactions}

## Extensions and categories

{extensions}

## xAPI package and cmi5 package

- **xAPI (Tin Can launch):** the course activity is the object of initialized, progressed,
  completed, passed, failed and terminated; `context.registration` is the LMS's registration.
  Sites have the course as `parent`; questions have their site as `parent`, the course as `grouping`.
- **cmi5:** one AU per rest site. initialized, completed, passed, failed and terminated have the
  LMS's AU activity id as object and the cmi5 category (plus `moveon` on completed, passed and
  failed); the site's own IRI is in `grouping` and the LMS's session id in the extensions. passed
  and failed judge the site's score against the LMS's masteryScore. experienced, answered and
  progressed are cmi5 allowed statements with the AU as `parent` and the course in `grouping`.
  cmi5 lets only passed and failed carry a score (9.5.1.0-2): in an AU with no masteryScore the
  score is in each answered statement, not on completed.
- **Resume:** one State API document, stateId `{state_id}`, per activity, learner and registration:
  JSON with the learner's state, bookmark, the verbs the LRS has acknowledged (`sent`), the time of
  each answer's and reflection's last change (`at`, for merging two versions) and the parts of each
  video seen. Written with `If-Match` / `If-None-Match: *` (xAPI 1.0.3 concurrency).
- **Order:** statements arrive in the order the learner acted, one request at a time; in cmi5
  `initialized` alone first and `terminated` last. A statement left over from a closed cmi5
  session arrives in the next session of that AU, with that session's id and its own, earlier,
  timestamp: order a session by `stored`, not `timestamp`, when that matters.

{video}
## Example statements
"""

WHEN = {"initialized": "page load (xAPI) / AU start (cmi5)", "experienced": "a rest site opened",
        "answered": "an answer submitted; a reflection when the learner leaves its site",
        "progressed": "the share done grew, before completion",
        "completed": "once per registration; in an xAPI package of a course with no passing score it carries "
                     "the counted score; a video: once per video, when enough of it was seen",
        "passed": "once per registration, once every scored question is answered",
        "failed": "at most once, never after passed", "terminated": "exit button or the page closing",
        **profile_video.WHEN}
RESPONSES = [("single, multiple", "choice", "`a[,]b`"), ("true-false", "true-false", "`true`"),
             ("fill-in", "fill-in", "`Oslo`"), ("matching", "matching", "`0[.]a[,]1[.]b`"),
             ("ordering", "sequencing", "`b[,]a[,]c`"), ("likert", "likert", "`c` (no correct answer)"),
             ("reflection", "long-fill-in", "the text, exactly as written")]


def render_guide(course: Course, with_activities: bool = False) -> str:
    """The analysts' Markdown guide (docs/xapi-vocabulary.md is this for the scaffold course)."""
    def code(s: str) -> str:
        return f"`{s}`"

    text = GUIDE.format(
        course_id=course.id, state_id=v.STATE_ID,
        video=profile_video.GUIDE.format(threshold=v.VIDEO_COMPLETION_THRESHOLD, video_type=v.ACTIVITY_VIDEO,
                                         profile=v.VIDEO_PROFILE),
        iris=_table(("activity", "IRI", "type"), ("the course", "`<course id>`", code(v.ACTIVITY_COURSE)),
                    ("a rest site", "`<course id>/sites/<slug>`", code(v.ACTIVITY_MODULE)),
                    ("a question", "`<course id>/sites/<slug>/questions/<id>`", code(v.ACTIVITY_INTERACTION)),
                    ("a reflection", "`<course id>/sites/<slug>/reflections/<id>`", code(v.ACTIVITY_INTERACTION)),
                    ("a video", "`<course id>/sites/<slug>/videos/<n>`", code(v.ACTIVITY_VIDEO))),
        verbs=_table(("verb", "IRI", "nb", "sent when"),
                     *((n, code(t.iri), t.label["nb"], WHEN[n]) for n, t in v.VERBS.items())),
        types=_table(("type", "IRI", "meaning"),
                     *((n, code(t.iri), t.definition) for n, t in v.ACTIVITY_TYPES.items())),
        interactions=_table(("question type", "interactionType", "response"),
                            *((a, code(b), c) for a, b, c in RESPONSES)),
        extensions=_table(("kind", "IRI", "meaning"),
                          *((k, code(t.iri), t.definition) for k, t in v.EXTENSIONS.values()),
                          *(("category", code(t.iri), t.definition) for t in v.CATEGORIES.values())))
    parts = [text]
    for verb, st in example_statements(course).items():
        parts.append(f"### {verb}\n\n```json\n{json.dumps(st, ensure_ascii=False, indent=2)}\n```\n")
    if with_activities:
        def kind(d: Json) -> str:
            return str(d["type"]).rsplit("/", 1)[-1] + (f" ({d['interactionType']})" if "interactionType" in d else "")

        rows = ((code(iri), kind(d), next(iter(d["name"].values())).replace("|", "\\|"))
                for iri, d in activities(course).items())
        parts.append("## Activities of this course\n\n" + _table(("IRI", "type", "name"), *rows) + "\n")
    return "\n".join(parts)
