"""`trail profile`: the course's xAPI vocabulary, published for analysts.

Two files: an xAPI Profile (JSON-LD, ADL xAPI Profiles 1.0) whose concepts are the verbs,
activity types and extensions of `vocabulary.py` plus the course's own activities with the
exact definitions the runtime sends, and statement templates; and a Markdown guide with an
example of every statement. Examples are tincan objects: Python speaks xAPI through one library.
"""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tincan import Activity, ActivityDefinition, Agent, Context, ContextActivities, Result, Score, Statement, Verb

from packager import ids
from packager import vocabulary as v
from packager.model import Course, Format
from packager.runtime_data import runtime_data

PROFILES_CONTEXT = "https://w3id.org/xapi/profiles/context"
ACTIVITY_CONTEXT = "https://w3id.org/xapi/profiles/activity-context"
CONFORMS_TO = "https://w3id.org/xapi/profiles#1.0"
EXAMPLE_TIME = "2026-01-15T09:30:00.000Z"
Json = dict[str, Any]


def profile_id(course: Course) -> str:
    return f"{course.id}/xapi/profile"


def version_id(course: Course) -> str:
    return f"{profile_id(course)}/v{course.version}"


def _comps(items: list[Json], tag: str) -> list[Json]:
    return [{"id": o["id"], "description": {tag: o["text"]}} for o in items]


def interaction_definition(q: Json, tag: str) -> Json:
    """The definition the runtime sends for a question of the course data (lrs.js `definition()`;
    the browser tests hold the two equal)."""
    kind = q["type"]
    d: Json = {"type": v.ACTIVITY_INTERACTION, "name": {tag: q["text"]}, "interactionType": v.INTERACTION_TYPES[kind]}
    if kind in ("single", "multiple", "ordering"):
        d["choices"] = _comps(q["items" if kind == "ordering" else "options"], tag)
        d["correctResponsesPattern"] = ["[,]".join(q["correct"])]
    elif kind == "likert":
        d["scale"] = _comps(q["options"], tag)  # every answer is right: no pattern
    elif kind == "matching":
        d["source"], d["target"] = _comps(q["left"], tag), _comps(q["right"], tag)
        d["correctResponsesPattern"] = ["[,]".join(f"{a}[.]{b}" for a, b in q["correct"])]
    elif kind == "true-false":
        d["correctResponsesPattern"] = ["true" if q["correct"] else "false"]
    elif kind == "fill-in":
        d["correctResponsesPattern"] = [("{case_matters=true}" if q["caseSensitive"] else "") + a for a in q["accept"]]
    return d


def activities(course: Course) -> dict[str, Json]:
    """Every activity IRI of the course → its definition, as statements carry it."""
    tag, data = str(course.language), runtime_data(course, Format.XAPI)
    out = {course.id: {"type": v.ACTIVITY_COURSE, "name": {tag: course.title},
                       "description": {tag: course.description or course.title}}}
    for site in data["sites"]:
        out[site["id"]] = {"type": v.ACTIVITY_MODULE, "name": {tag: site["title"]}}
        for q in site["questions"]:
            out[q["activity"]] = interaction_definition(q, tag)
        for r in site["reflections"]:
            out[r["iid"]] = {"type": v.ACTIVITY_INTERACTION, "name": {tag: r["text"]},
                             "interactionType": "long-fill-in"}
    return out


def _concept(term: v.Term, kind: str, scheme: str) -> Json:
    return {"id": term.iri, "type": kind, "inScheme": scheme, "prefLabel": dict(term.label),
            "definition": {"en": term.definition}}


def _has(path: str, *values: Any, presence: str = "included") -> Json:
    rule: Json = {"location": path, "presence": presence}
    if values:
        rule["all"] = list(values)
    return rule


def templates(course: Course) -> list[Json]:
    """One Statement Template per kind of statement the xAPI package sends."""
    progress = f"$.result.extensions['{v.CMI5_EXT_PROGRESS}']"
    kinds = sorted({t for k, t in v.INTERACTION_TYPES.items() if k != "reflection"})
    judged = [_has("$.result.score.scaled"), _has("$.result.duration")]
    rows: list[tuple[str, str, str, list[Json], str, str | None]] = [
        ("initialized", "initialized", "Session start", [], v.ACTIVITY_COURSE, None),
        ("experienced", "experienced", "A rest site opened", [], v.ACTIVITY_MODULE, v.ACTIVITY_COURSE),
        ("answered-question", "answered", "A question answered",
         [{"location": "$.object.definition.interactionType", "any": kinds}, _has("$.result.response"),
          _has("$.result.duration", presence="recommended")], v.ACTIVITY_INTERACTION, v.ACTIVITY_MODULE),
        ("answered-reflection", "answered", "A reflection saved",
         [_has("$.object.definition.interactionType", "long-fill-in"), _has("$.result.response"),
          _has("$.result.success", presence="excluded")], v.ACTIVITY_INTERACTION, v.ACTIVITY_MODULE),
        ("progressed", "progressed", "Progress", [_has(progress)], v.ACTIVITY_COURSE, None),
        ("completed", "completed", "Completion", [_has("$.result.completion", True), _has("$.result.duration"),
                                                  _has(progress, presence="excluded")], v.ACTIVITY_COURSE, None),
        ("passed", "passed", "Passed", [_has("$.result.success", True), *judged], v.ACTIVITY_COURSE, None),
        ("failed", "failed", "Failed", [_has("$.result.success", False), *judged], v.ACTIVITY_COURSE, None),
        ("terminated", "terminated", "Session end", [_has("$.result.duration")], v.ACTIVITY_COURSE, None),
    ]
    out = []
    for name, verb, label, rules, obj, parent in rows:
        t: Json = {"id": f"{profile_id(course)}/templates/{name}", "type": "StatementTemplate",
                   "inScheme": version_id(course), "prefLabel": {"en": label},
                   "definition": {"en": f"{label}: {v.VERBS[verb].definition}"},
                   "verb": v.VERBS[verb].iri, "objectActivityType": obj}
        if parent:
            t["contextParentActivityType"] = [parent]
            if parent != v.ACTIVITY_COURSE:
                t["contextGroupingActivityType"] = [v.ACTIVITY_COURSE]
        t["rules"] = [_has("$.timestamp"), *rules]
        out.append(t)
    return out


def generated_at() -> str:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_profile(course: Course) -> Json:
    scheme, host, tag = version_id(course), urlsplit(course.id), str(course.language)
    concepts = [_concept(t, "Verb", scheme) for t in v.VERBS.values()]
    concepts += [_concept(t, "ActivityType", scheme) for t in v.ACTIVITY_TYPES.values()]
    verbs = {"progress": ["progressed"], "masteryScore": ["passed", "failed"], "sessionId": list(v.VERBS)}
    for name, (kind, term) in v.EXTENSIONS.items():
        schema = '{"type": "integer", "minimum": 0, "maximum": 100}' if name == "progress" else (
            '{"type": "number", "minimum": 0, "maximum": 1}' if name == "masteryScore" else '{"type": "string"}')
        concepts.append({**_concept(term, kind, scheme), "recommendedVerbs": [v.VERBS[x].iri for x in verbs[name]],
                         "inlineSchema": schema})
    for iri, definition in activities(course).items():
        concepts.append({"id": iri, "type": "Activity", "inScheme": scheme,
                         "activityDefinition": {"@context": ACTIVITY_CONTEXT, **definition}})
    return {
        "@context": PROFILES_CONTEXT, "id": profile_id(course), "type": "Profile", "conformsTo": CONFORMS_TO,
        "prefLabel": {tag: f"{course.title}: xAPI", "en": f"{course.title}: xAPI vocabulary"},
        "definition": {"en": f"The statements the trail course {course.title!r} (version {course.version}) sends from "
                             "its xAPI and cmi5 packages: ADL verbs, the cmi5 extensions and the course's own "
                             "activities, whose IRIs stay the same on every build."},
        "versions": [{"id": scheme, "generatedAtTime": generated_at()}],
        "author": {"type": "Organization", "name": host.netloc, "url": f"{host.scheme}://{host.netloc}"},
        "concepts": concepts,
        "templates": templates(course),
    }


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

    def make(verb: str, obj: Activity, result: Result | None = None, parent: str | None = None) -> Json:
        acts = None
        if parent:
            grouping = [Activity(id=course.id)] if parent != course.id else None
            acts = ContextActivities(parent=[Activity(id=parent)], grouping=grouping)
        st = Statement(id=uid(verb), actor=actor, verb=Verb(id=v.VERBS[verb].iri, display=dict(v.VERBS[verb].label)),
                       object=obj, result=result, context=Context(registration=uid("registration"), language=tag,
                                                                   platform="trail", context_activities=acts))
        raw = json.loads(st.to_json("1.0.3"))
        raw["timestamp"] = EXAMPLE_TIME  # the runtime's UTC form, not tincan's "+00:00"
        order = ("id", "actor", "verb", "object", "result", "context", "timestamp")  # no "version": 1.0.3
        return {k: raw[k] for k in order if k in raw}  # providers do not set it (tincan always does)

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
    }


def _table(head: tuple[str, ...], *rows: tuple[str, ...]) -> str:
    lines = [head, tuple("---" for _ in head), *rows]
    return "\n".join("| " + " | ".join(r) + " |" for r in lines)


GUIDE = """# xAPI vocabulary of trail courses

What the xAPI (Tin Can) and cmi5 packages of a trail course send to a Learning Record Store, for
analysts who query it. `trail profile` writes the same vocabulary as an xAPI Profile
(`<slug>-xapi-profile.jsonld`, ADL xAPI Profiles 1.0) with every activity of the course, and this
guide with the course's activity list. Generated by `packager/profile.py` from
`packager/vocabulary.py`: do not edit by hand.

Statements are xAPI 1.0.3 (`X-Experience-API-Version: 1.0.3`, no `version` property), with
client-made UUIDs, UTC timestamps with milliseconds in the order things happened, and the course
language in `context.language` and in every language map. Examples below use `{course_id}`.

## Activity IRIs

Derived from the course `id` in `course.yaml`: the same on every build and in every LMS.

{iris}

## Verbs

{verbs}

Video statements are not sent: the learner UI reports no video events.

## Activity types

{types}

## Interactions

`answered` statements carry the interaction's full definition (`choices`, `scale`, `source` and
`target`, `correctResponsesPattern`) and the learner's response in the xAPI formats: `[,]` between
items, `[.]` inside a matching pair. `result.success` is set for scored questions only;
`result.duration` is the time from showing the question to the answer; a retry is a new statement.

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
- **Resume:** one State API document, stateId `{state_id}`, per activity, learner and registration:
  JSON with the learner's state, bookmark and the verbs already sent.

## Example statements
"""

WHEN = {"initialized": "page load (xAPI) / AU start (cmi5)", "experienced": "a rest site opened",
        "answered": "an answer submitted; a reflection when the learner leaves its site",
        "progressed": "the share done grew, before completion", "completed": "once per registration",
        "passed": "once per registration, once every scored question is answered",
        "failed": "at most once, never after passed", "terminated": "exit button or the page closing"}
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
        iris=_table(("activity", "IRI", "type"), ("the course", "`<course id>`", code(v.ACTIVITY_COURSE)),
                    ("a rest site", "`<course id>/sites/<slug>`", code(v.ACTIVITY_MODULE)),
                    ("a question", "`<course id>/sites/<slug>/questions/<id>`", code(v.ACTIVITY_INTERACTION)),
                    ("a reflection", "`<course id>/sites/<slug>/reflections/<id>`", code(v.ACTIVITY_INTERACTION))),
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


def write_profile(course: Course, out_dir: Path) -> list[Path]:
    """`<slug>-xapi-profile.jsonld` and `<slug>-xapi-vocabulary.md` (the guide with this course's
    activities) in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / f"{course.slug}-xapi-profile.jsonld"
    profile.write_text(json.dumps(build_profile(course), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    guide = out_dir / f"{course.slug}-xapi-vocabulary.md"
    guide.write_text(render_guide(course, with_activities=True), encoding="utf-8")
    return [profile, guide]


if __name__ == "__main__":  # python -m packager.profile: rewrite docs/xapi-vocabulary.md
    from packager.load import load

    scaffold = load(Path(__file__).parent / "scaffold" / "course").course
    assert scaffold is not None
    (Path(__file__).parents[1] / "docs" / "xapi-vocabulary.md").write_text(render_guide(scaffold), encoding="utf-8")
