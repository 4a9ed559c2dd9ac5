"""Tracker rules and the state codec, run with the web adapter (localStorage) in one page."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.runtime.course_data import QUESTIONS, RIGHT, small_course
from tests.runtime.helpers import answer, js, start

INF = float("inf")


@pytest.fixture(scope="module")
def page(browser: Browser, pages_url: str) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{pages_url}/sco.html?a=web")
    yield page
    context.close()


def course(**options: Any) -> dict[str, Any]:
    """A small course under a fresh id, so each test has its own localStorage."""
    return small_course("web", course_id=f"https://kurs.example.no/{uuid.uuid4().hex}", **options)


def reload_and_start(page: Page, data: dict[str, Any]) -> Any:
    """A fresh page load, then the tracker: one tracker per page, as in a package."""
    page.reload()
    return start(page, data)


def test_answers_are_judged_per_type(page: Page) -> None:
    data = course()
    fill = data["sites"][1]["questions"][0]
    case = copy.deepcopy(fill) | {"id": "eksakt", "caseSensitive": True, "attempts": 0}
    data["sites"][1]["questions"].append(case)
    reload_and_start(page, data)

    def check(slug: str, qid: str, response: Any) -> tuple[str, float, bool]:
        got = answer(page, slug, qid, response)
        return got["result"], got["triesLeft"], got["final"]

    assert check("samskaping", "hva-er", ["c"]) == ("incorrect", INF, False)
    assert check("samskaping", "hva-er", "b") == ("correct", INF, True)  # a bare id is read as [id]
    assert check("samskaping", "hvem", ["a"]) == ("incorrect", INF, False)
    assert check("samskaping", "hvem", ["a", "c", "e"]) == ("incorrect", INF, False)
    assert check("samskaping", "hvem", ["c", "a"]) == ("correct", INF, True)  # a set: order is free
    assert check("samskaping", "alene", True) == ("incorrect", INF, False)
    assert check("samskaping", "alene", False) == ("correct", INF, True)
    # fill-in: trimmed, inner whitespace collapsed, case ignored unless the question says otherwise
    assert check("bostotte", "hvem-gir", "Kommunen") == ("incorrect", 1, False)
    assert check("bostotte", "hvem-gir", "  den norske\tstats   HUSBANK ") == ("correct", 0, True)
    assert check("bostotte", "eksakt", "husbanken") == ("incorrect", INF, False)
    assert check("bostotte", "eksakt", " Husbanken") == ("correct", INF, True)
    # matching: every pair right, in any order
    assert check("bostotte", "par", [["0", "a"], ["1", "b"]]) == ("incorrect", INF, False)
    assert check("bostotte", "par", [["0", "a"], ["1", "c"], ["2", "b"]]) == ("incorrect", INF, False)
    assert check("bostotte", "par", [["2", "c"], ["0", "a"], ["1", "b"]]) == ("correct", INF, True)
    # ordering: the exact order
    assert check("oppfolging", "rekkefolge", ["a", "b", "d", "c"]) == ("incorrect", INF, False)
    assert check("oppfolging", "rekkefolge", ["a", "b", "c", "d"]) == ("correct", INF, True)
    # likert: no right answer
    assert check("oppfolging", "enig", ["e"]) == ("neutral", INF, True)
    assert js(page, "T.answerOf('bostotte', 'par')") == {
        "response": [["0", "a"], ["1", "b"], ["2", "c"]],
        "result": "correct",
        "tries": 3,
        "final": True,
        "triesLeft": INF,
    }
    assert answer(page, "nowhere", "hva-er", ["b"]) is None


def test_attempts_run_out_and_final_answers_stay(page: Page) -> None:
    data = course()
    reload_and_start(page, data)
    assert answer(page, "bostotte", "hvem-gir", "NAV") == {"result": "incorrect", "triesLeft": 1, "final": False}
    assert answer(page, "bostotte", "hvem-gir", "Kommunen") == {"result": "incorrect", "triesLeft": 0, "final": True}
    # no tries left: a later (right) answer changes nothing
    assert answer(page, "bostotte", "hvem-gir", "Husbanken") == {"result": "incorrect", "triesLeft": 0, "final": True}
    assert js(page, "T.answerOf('bostotte', 'hvem-gir')")["response"] == "Kommunen"
    assert js(page, "T.answerOf('bostotte', 'hvem-gir')")["tries"] == 2
    # a correct answer is final too
    assert answer(page, "samskaping", "hva-er", ["b"])["final"] is True
    assert answer(page, "samskaping", "hva-er", ["c"])["result"] == "correct"


def test_done_needs_every_answer_and_reflection_and_completion_sticks(page: Page) -> None:
    data = course(require="done", required=2)
    reload_and_start(page, data)
    js(page, "T.visit('oppfolging')")
    assert js(page, "T.siteStatus('oppfolging')") == "visited"
    answer(page, "oppfolging", "enig", ["c"])
    assert js(page, "T.siteStatus('oppfolging')") == "visited"  # the ordering is not answered
    answer(page, "oppfolging", "rekkefolge", ["b", "a", "c", "d"])  # wrong, tries left: answered all the same
    assert js(page, "T.siteStatus('oppfolging')") == "done"
    js(page, "T.visit('samskaping')")
    for qid in ("hva-er", "hvem", "alene"):
        answer(page, "samskaping", qid, RIGHT[qid]["r"])
    js(page, "T.reflect('samskaping', 'refleksjon', '   ')")  # blank is not an answer
    assert js(page, "T.siteStatus('samskaping')") == "visited"
    progress = js(page, "T.progress()")
    assert (progress["done"], progress["required"], progress["completed"], progress["percent"]) == (1, 2, False, 50)
    js(page, "T.reflect('samskaping', 'refleksjon', 'Vi må snakke med beboerne.')")
    assert js(page, "T.progress()")["completed"] is True
    js(page, "T.reflect('samskaping', 'refleksjon', '')")  # emptied later: done and completed stay
    progress = js(page, "T.progress()")
    assert (js(page, "T.siteStatus('samskaping')"), progress["completed"], progress["percent"]) == ("done", True, 100)
    # bostotte's questions are open: no judgement yet
    assert (progress["score"], progress["passed"]) == (None, None)
    js(page, "T.leave('samskaping')")
    info = reload_and_start(page, data)
    assert info["resumed"] is True and info["bookmark"] == "samskaping"
    assert js(page, "T.progress()")["completed"] is True
    assert js(page, "T.siteStatus('samskaping')") == "done"


def test_scoring_first_counts_the_first_answer(page: Page) -> None:
    """scoring "first": the score is known as soon as every scored question has an answer; retries teach."""
    reload_and_start(page, course(passing=80))
    wrong = {"hva-er": ["c"], "hvem": ["a"], "par": [["0", "b"], ["1", "a"], ["2", "c"]]}
    for slug, qids in QUESTIONS:
        for qid in qids:
            if qid != "rekkefolge":
                answer(page, slug, qid, wrong.get(qid, RIGHT[qid]["r"]))
    assert (js(page, "T.progress()")["score"], js(page, "T.progress()")["passed"]) == (None, None)
    answer(page, "oppfolging", "rekkefolge", RIGHT["rekkefolge"]["r"])
    progress = js(page, "T.progress()")
    assert (progress["score"], progress["passed"]) == (42.86, False)  # 3 of 7: hva-er, hvem (2), par wrong
    for qid, slug in (("hva-er", "samskaping"), ("hvem", "samskaping"), ("par", "bostotte")):
        assert answer(page, slug, qid, RIGHT[qid]["r"])["result"] == "correct"  # the retries are right...
    progress = js(page, "T.progress()")
    assert (progress["score"], progress["passed"]) == (42.86, False)  # ...and change nothing


def test_scoring_best_counts_the_best_try(page: Page) -> None:
    """scoring "best": the best try so far; failed only once no question can still be improved."""
    reload_and_start(page, course(passing=80, scoring="best"))
    for slug, qids in QUESTIONS:
        for qid in qids:
            answer(page, slug, qid, ["c"] if qid == "hva-er" else RIGHT[qid]["r"])
    progress = js(page, "T.progress()")
    assert (progress["score"], progress["passed"]) == (85.71, True)  # 6 of 7, over 80
    reload_and_start(page, course(passing=90, scoring="best"))
    for slug, qids in QUESTIONS:
        for qid in qids:
            answer(page, slug, qid, ["c"] if qid == "hva-er" else RIGHT[qid]["r"])
    progress = js(page, "T.progress()")
    assert (progress["score"], progress["passed"]) == (85.71, None)  # under 90, but hva-er may be retried
    answer(page, "samskaping", "hva-er", ["b"])
    progress = js(page, "T.progress()")
    assert (progress["score"], progress["passed"]) == (100, True)


def test_visited_rule_and_no_passing_score(page: Page) -> None:
    data = course(required=2, passing=None)
    reload_and_start(page, data)
    js(page, "T.visit('samskaping')")
    assert js(page, "T.progress()")["completed"] is False
    js(page, "T.visit('bostotte')")
    assert js(page, "T.progress()")["completed"] is True
    for slug, qid in (
        ("samskaping", "hva-er"),
        ("samskaping", "hvem"),
        ("samskaping", "alene"),
        ("bostotte", "hvem-gir"),
        ("bostotte", "par"),
    ):
        answer(page, slug, qid, RIGHT[qid]["r"])
    assert js(page, "T.progress()")["score"] is None  # one scored question is still open
    answer(page, "oppfolging", "rekkefolge", RIGHT["rekkefolge"]["r"])
    progress = js(page, "T.progress()")
    assert (progress["score"], progress["passed"]) == (100, None)


def test_web_adapter_resumes_everything(page: Page) -> None:
    data = course()
    seed = reload_and_start(page, data)["seed"]
    assert 0 < seed < 2**24  # the option shuffle's seed, kept in the state
    js(page, "T.visit('samskaping')")
    answer(page, "samskaping", "hva-er", ["c"])
    answer(page, "samskaping", "hvem", ["a", "c"])
    js(
        page,
        "T.reflect('samskaping', 'refleksjon', arg)",
        'Første avsnitt.\n\nAndre avsnitt med «sitat», "quotes" og \\ 😀',
    )
    js(page, "T.visit('bostotte')")
    answer(page, "bostotte", "hvem-gir", "Den norske stats husbank ✓")
    answer(page, "bostotte", "par", [["0", "c"], ["2", "a"]])
    state = (
        "{s: ['samskaping', 'bostotte', 'oppfolging'].map(x => T.siteStatus(x)),"
        " a: [['samskaping', 'hva-er'], ['samskaping', 'hvem'], ['bostotte', 'hvem-gir'],"
        " ['bostotte', 'par'], ['oppfolging', 'enig']].map(x => T.answerOf(x[0], x[1])),"
        " r: T.reflectionOf('samskaping', 'refleksjon'), p: T.progress()}"
    )
    before = js(page, state)
    js(page, "T.finish()")
    stored = json.loads(page.evaluate("(k) => localStorage.getItem(k)", f"trail:web:{data['course']['id']}"))
    text = stored["state"]
    assert text.startswith("T2") and all(33 <= ord(c) <= 126 and c not in "\"'\\" for c in text)
    info = reload_and_start(page, data)
    assert info == {"resumed": True, "bookmark": "bostotte", "mode": "normal", "learnerName": None, "learnerId": None,
                    "seed": seed}
    assert js(page, state) == before


def test_a_changed_course_keeps_what_still_matches(page: Page) -> None:
    old = course()
    reload_and_start(page, old)
    for slug, qids in QUESTIONS:
        js(page, "T.visit(arg)", slug)
        for qid in qids:
            answer(page, slug, qid, RIGHT[qid]["r"])
    js(page, "T.reflect('oppfolging', 'refleksjon', 'finnes ikke')")  # no such reflection: ignored
    js(page, "T.reflect('samskaping', 'refleksjon', 'Behold meg')")
    js(page, "T.finish()")

    new = copy.deepcopy(old)
    s1, _, s3 = new["sites"]
    extra = copy.deepcopy(s1["questions"][0]) | {"id": "ny", "iid": "ny"}
    s1["questions"].insert(0, extra)  # a new first question
    s3["questions"][0]["items"].append({"id": "e", "text": "Steg e"})  # the ordering changed
    new["sites"] = [s3, s1]  # a site removed, the others reordered
    info = reload_and_start(page, new)
    assert info["resumed"] is True
    assert js(page, "T.answerOf('samskaping', 'ny')") is None
    for qid in ("hva-er", "hvem", "alene"):
        assert js(page, "T.answerOf('samskaping', arg)", qid)["result"] == "correct"
    assert js(page, "T.answerOf('oppfolging', 'rekkefolge')") is None
    assert js(page, "T.answerOf('oppfolging', 'enig')")["response"] == ["d"]
    assert js(page, "T.reflectionOf('samskaping', 'refleksjon')") == "Behold meg"
    # a site once done stays done, even if the course changed under it
    assert js(page, "[T.siteStatus('oppfolging'), T.siteStatus('samskaping')]") == ["done", "done"]


def test_a_saved_answer_keeps_its_option_when_the_options_are_reordered(page: Page) -> None:
    """Options with their own ids (docs/authoring.md) reordered in a new version of the course:
    the saved answer still names the option the learner chose, not the one now in its place."""
    data = course()
    reload_and_start(page, data)
    js(page, "T.visit('samskaping')")
    answer(page, "samskaping", "hvem", ["a", "b"])
    answer(page, "samskaping", "hva-er", ["d"])
    js(page, "T.finish()")
    later = copy.deepcopy(data)
    for q in later["sites"][0]["questions"][:2]:
        q["options"].reverse()  # e, d, c, b, a: the same ids, in another order
    reload_and_start(page, later)
    assert js(page, "T.answerOf('samskaping', 'hvem')")["response"] == ["b", "a"]  # in the options' order now
    assert js(page, "T.answerOf('samskaping', 'hva-er')")["response"] == ["d"]


# What the T1 codec (before the shuffle seed) wrote for course(): samskaping and bostotte visited,
# bostotte/hvem-gir answered "Husbanken", the samskaping reflection "Noe å huske på."
T1_STATE = "T1;[M5j0&_`.xPZhg}v:^O>%HOU.xj.Pw;yxSkRm`<qU*mw=mzG9b"


def test_a_state_from_before_the_seed_still_reads_and_gets_a_seed(page: Page) -> None:
    data = course()
    key = f"trail:web:{data['course']['id']}"
    page.evaluate("([k, s]) => localStorage.setItem(k, JSON.stringify({state: s}))", [key, T1_STATE])
    info = reload_and_start(page, data)
    assert "message" not in info and info["resumed"] and 0 < info["seed"] < 2**24
    assert js(page, "T.answerOf('bostotte', 'hvem-gir')")["response"] == "Husbanken"
    assert js(page, "T.reflectionOf('samskaping', 'refleksjon')") == "Noe å huske på."
    js(page, "T.visit('samskaping')")
    js(page, "T.finish()")
    stored = json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))["state"]
    assert stored.startswith("T2")
    again = reload_and_start(page, data)
    assert again["seed"] == info["seed"]  # written once, kept from then on


def test_damaged_states_never_crash(page: Page) -> None:
    data = course()
    reload_and_start(page, data)
    for slug in ("samskaping", "bostotte"):
        js(page, "T.visit(arg)", slug)
    answer(page, "bostotte", "hvem-gir", "Husbanken")
    js(page, "T.reflect('samskaping', 'refleksjon', 'Noe å huske på.')")
    js(page, "T.finish()")
    key = f"trail:web:{data['course']['id']}"
    good = json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))["state"]
    # every way a stored state can come back broken: truncated, changed characters, other versions
    outcome = page.evaluate(
        """async ([data, key, good]) => {
            let seed = 12345;
            const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
            const bad = ["", "T1", "T9" + good.slice(2), "V1abc", "{}", "null", "T1\\"'\\\\", "T1" + "~".repeat(500)];
            for (let i = 1; i < good.length; i += 3) bad.push(good.slice(0, i));
            for (let i = 0; i < 150; i++) {
                const at = 2 + rnd(good.length - 2), c = String.fromCharCode(33 + rnd(94));
                bad.push(good.slice(0, at) + c + good.slice(at + 1));
            }
            const seen = {};
            for (const s of bad) {
                localStorage.setItem(key, JSON.stringify({state: s}));
                const T = window.TrailTracker.create(data, window.TrailAdapter);
                const info = await T.start();
                const m = info.message || "read";
                seen[m] = (seen[m] || 0) + 1;
                T.answer("samskaping", "hva-er", ["b"]);  // still usable
                if (T.answerOf("samskaping", "hva-er").result !== "correct") throw new Error("unusable after " + s);
            }
            localStorage.setItem(key, JSON.stringify({state: good}));
            const T = window.TrailTracker.create(data, window.TrailAdapter);
            await T.start();
            seen.good = T.answerOf("bostotte", "hvem-gir");
            return seen;
        }""",
        [data, key, good],
    )
    assert outcome["good"]["result"] == "correct"
    # the checksum catches changed characters: almost every damaged state is refused
    # both streams' checksums: only "" (nothing stored), a character replaced by itself or the last
    # character's padding bits read as a state; 150 random damages plus every truncation
    assert outcome["stateUnreadable"] >= 165, outcome
