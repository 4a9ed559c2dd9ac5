"""Course data JSON (docs/architecture.md, "Course data for the runtime") for runtime tests.

Built here rather than by render.py so the runtime can be tested on its own:
a small three-site course with every question type, and the maximal course
(19 sites x 5 questions, one reflection each) the 4096-char budget is about.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from packager.budget import FILL_IN_SLACK

HERE = Path(__file__).parent
REFLECTIONS_NB: list[str] = json.loads((HERE / "fixtures" / "reflections_nb.json").read_text(encoding="utf-8"))
TYPES = ["single", "multiple", "true-false", "fill-in", "matching", "ordering", "likert"]


def _ids(fmt: str, course_id: str, n: int, slug: str, kind: str, item: str) -> tuple[str, str]:
    """(interaction id, activity IRI) of a question or reflection in `fmt`."""
    iri = f"{course_id}/sites/{slug}/{kind}/{item}"
    short = {"scorm12": f"s{n:02d}_{item}", "scorm2004": f"urn:trail:{slug}:{item}"}
    return short.get(fmt, iri), iri


def question(fmt: str, course_id: str, n: int, slug: str, qid: str, qtype: str, **extra: Any) -> dict[str, Any]:
    iid, iri = _ids(fmt, course_id, n, slug, "questions", qid)
    q: dict[str, Any] = {
        "id": qid,
        "iid": iid,
        "activity": iri,
        "type": qtype,
        "weight": 1,
        "scored": qtype != "likert",
        "attempts": 0,
        "text": f"Spørsmål {qid} om boligsosialt arbeid?",
        "feedback": {"correct": "Riktig.", "incorrect": "Ikke helt."},
    }
    if qtype in ("single", "multiple", "likert"):
        q["options"] = [{"id": o, "text": f"Svar {o}", "feedback": ""} for o in "abcde"]
        q["correct"] = {"single": ["b"], "multiple": ["a", "c"], "likert": None}[qtype]
    elif qtype == "true-false":
        q["answer"] = q["correct"] = False
    elif qtype == "fill-in":
        q["accept"] = q["correct"] = ["Husbanken", "Den norske stats husbank"]
        q["caseSensitive"] = False
    elif qtype == "matching":
        q["left"] = [{"id": x, "text": f"Tiltak {x}"} for x in "012"]
        q["right"] = [{"id": x, "text": f"Virkemiddel {x}"} for x in "abc"]
        q["correct"] = [["0", "a"], ["1", "b"], ["2", "c"]]
    elif qtype == "ordering":
        q["items"] = [{"id": x, "text": f"Steg {x}"} for x in "abcd"]
        q["correct"] = ["a", "b", "c", "d"]
    q.update(extra)
    return q


def site(
    fmt: str, course_id: str, n: int, slug: str, questions: list[dict[str, Any]], reflections: int
) -> dict[str, Any]:
    refl = []
    for k in range(reflections):
        rid = "refleksjon" if k == 0 else f"refleksjon-{k + 1}"
        iid, _ = _ids(fmt, course_id, n, slug, "reflections", rid)
        refl.append({"id": rid, "iid": iid, "text": "Hva betyr dette for din kommune?"})
    base = f"{course_id}/sites/{slug}"
    return {
        "slug": slug,
        "n": n,
        "id": base,
        "objective": f"s{n:02d}" if fmt == "scorm12" else base,
        "title": f"Sted {n}",
        "questions": questions,
        "reflections": refl,
        "videos": [],
    }


def course(
    fmt: str,
    sites: list[dict[str, Any]],
    course_id: str,
    passing: int | None = 80,
    require: str = "visited",
    required: int | None = None,
    scoring: str = "first",
) -> dict[str, Any]:
    return {
        "schema": 1,
        "format": fmt,
        "course": {
            "id": course_id,
            "title": "Boligsosial læringsløype (test)",
            "language": "nb",
            "version": "1.0.0",
            "passingScore": passing,
            "require": require,
            "scoring": scoring,
            "requiredSites": len(sites) if required is None else required,
            "commonRoomUrl": None,
        },
        "sites": sites,
    }


def small_course(fmt: str, course_id: str = "https://kurs.example.no/trail-test", **options: Any) -> dict[str, Any]:
    """Three sites, all seven question types, reflections on two sites.

    Question weights differ so the weighted score is visible: s1 (single 1,
    multiple 2, true-false 1), s2 (fill-in 1 with 2 attempts, matching 1),
    s3 (ordering 1, likert unscored).
    """
    cid = course_id

    def q(n: int, slug: str, qid: str, qtype: str, **extra: Any) -> dict[str, Any]:
        return question(fmt, cid, n, slug, qid, qtype, **extra)

    sites = [
        site(
            fmt,
            cid,
            1,
            "samskaping",
            [
                q(1, "samskaping", "hva-er", "single"),
                q(1, "samskaping", "hvem", "multiple", weight=2),
                q(1, "samskaping", "alene", "true-false"),
            ],
            1,
        ),
        site(
            fmt,
            cid,
            2,
            "bostotte",
            [
                q(2, "bostotte", "hvem-gir", "fill-in", attempts=2),
                q(2, "bostotte", "par", "matching"),
            ],
            1,
        ),
        site(
            fmt,
            cid,
            3,
            "oppfolging",
            [
                q(3, "oppfolging", "rekkefolge", "ordering"),
                q(3, "oppfolging", "enig", "likert"),
            ],
            0,
        ),
    ]
    return course(fmt, sites, cid, **options)


# small_course's questions per site, in course order, for tests that walk all of it.
QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("samskaping", ("hva-er", "hvem", "alene")),
    ("bostotte", ("hvem-gir", "par")),
    ("oppfolging", ("rekkefolge", "enig")),
)
RIGHT: dict[str, dict[str, Any]] = {
    "hva-er": {"r": ["b"]},
    "hvem": {"r": ["a", "c"]},
    "alene": {"r": False},
    "hvem-gir": {"r": "Husbanken"},
    "par": {"r": [["0", "a"], ["1", "b"], ["2", "c"]]},
    "rekkefolge": {"r": ["a", "b", "c", "d"]},
    "enig": {"r": ["d"]},
}
WRONG: dict[str, Any] = {
    "hva-er": ["c"],
    "hvem": ["a"],
    "alene": True,
    "hvem-gir": "NAV",
    "par": [["0", "b"], ["1", "a"], ["2", "c"]],
    "rekkefolge": ["b", "a", "c", "d"],
}


def maximal_course(fmt: str, course_id: str = "https://kurs.example.no/boligsosial") -> dict[str, Any]:
    """19 sites x 5 questions (all types in rotation) and a reflection at every site."""
    sites = []
    for i in range(19):
        n, slug = i + 1, f"sted-{i + 1:02d}-boligsosialt"
        qs = [
            question(fmt, course_id, n, slug, f"sporsmal-{j + 1}", TYPES[(i * 5 + j) % 7], attempts=2 if j % 2 else 0)
            for j in range(5)
        ]
        sites.append(site(fmt, course_id, n, slug, qs, 1))
    return course(fmt, sites, course_id)


def learner_response(q: dict[str, Any], k: int) -> Any:
    """A realistic answer to `q`; k varies it (some right, some wrong, typed text)."""
    t = q["type"]
    if t == "single":
        return ["b"] if k % 3 else ["d"]
    if t == "multiple":
        return ["a", "c"] if k % 2 else ["a", "c", "e"]
    if t == "true-false":
        return k % 4 == 0
    if t == "fill-in":
        return ["Husbanken", "den norske stats  husbank", "Kommunen og NAV sammen"][k % 3]
    if t == "matching":
        return [["0", "a"], ["1", "b"], ["2", "c"]] if k % 2 else [["0", "b"], ["1", "a"], ["2", "c"]]
    if t == "ordering":
        return ["a", "b", "c", "d"] if k % 2 else ["b", "a", "d", "c"]
    return [["a", "b", "c", "d", "e"][k % 5]]


def hard_tries(q: dict[str, Any]) -> list[Any]:
    """Answers that cost the most to store: wrong, full, long; then right so the walk ends."""
    t = q["type"]
    if t in ("single", "likert"):
        wrong = [o["id"] for o in q["options"] if o["id"] not in (q.get("correct") or [])][-1:]
        return [wrong, wrong, q.get("correct") or wrong]
    if t == "multiple":
        return [[o["id"] for o in q["options"]], q["correct"]]
    if t == "true-false":
        return [not q["correct"], q["correct"]]
    if t == "fill-in":
        longest = max(q["accept"], key=len)
        return ["x" * (len(longest.encode()) + FILL_IN_SLACK), longest]
    if t == "matching":
        rights = [r["id"] for r in q["right"]]
        return [[[left["id"], rights[(i + 1) % len(rights)]] for i, left in enumerate(q["left"])], q["correct"]]
    return [list(reversed(q["correct"])), q["correct"]]
