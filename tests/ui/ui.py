"""Helpers for driving the learner app the way a learner does."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, Locator, Page

Target = Page | Frame
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def open_app(page: Page, url: str, hash_: str = "") -> None:
    """Load the app and wait until the tracker has started and the first view is shown."""
    page.goto(url + hash_)
    wait_ready(page)


def wait_ready(target: Target) -> None:
    target.wait_for_selector("html[data-trail='ready']", state="attached", timeout=10_000)


def go(target: Target, hash_: str) -> None:
    """Follow an in-app link (the router reacts to the hash) and wait for its heading's focus (a site:
    once its file has loaded and it is shown)."""
    if target.evaluate("() => location.hash") == hash_:
        target.evaluate(
            "() => { location.hash = '#/'; }" if hash_ != "#/" else "() => { location.hash = '#/page/welcome'; }"
        )
        target.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H1'")
    target.evaluate("h => { location.hash = h; }", hash_)
    target.wait_for_function(
        """h => location.hash === h && document.activeElement && document.activeElement.tagName === 'H1'
              && !!document.activeElement.closest('.view:not([hidden]):not(.view-loading)')""",
        arg=hash_,
    )


def view(target: Target) -> Locator:
    """The one view that is shown now."""
    return target.locator(".view:not([hidden])")


def question(target: Target, site: str, qid: str) -> Locator:
    return target.locator(f'.view-site[data-site="{site}"] .question[data-q="{qid}"]')


def feedback(q: Locator) -> str:
    """The feedback shown for a question, one line per paragraph."""
    return "\n".join(q.locator("[data-feedback] p").all_inner_texts())


def axe(target: Target, lms_url: str, context: str = "document") -> list[dict[str, Any]]:
    """axe-core's violations (WCAG 2.1 A/AA + best practice) for what is on screen now."""
    if not target.evaluate("() => !!window.axe"):
        target.add_script_tag(url=f"{lms_url}/axe/axe.min.js")
    result = target.evaluate(
        "([ctx, tags]) => axe.run(ctx === 'document' ? document : ctx, {runOnly: {type: 'tag', values: tags}})",
        [context, AXE_TAGS],
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def no_horizontal_scroll(target: Target) -> bool:
    return bool(target.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


def question_data(target: Target, site: str, qid: str) -> dict[str, Any]:
    """The QUESTION dict the package carries (docs/architecture.md)."""
    return dict(
        target.evaluate(
            """([s, q]) => JSON.parse(document.getElementById('trail-data').textContent)
                 .sites.find(x => x.slug === s).questions.find(x => x.id === q)""",
            [site, qid],
        )
    )


def set_order(q: Locator, ids: list[str]) -> None:
    """Move the ordering items into `ids` order with the move-up buttons."""
    for i, item in enumerate(ids):
        current = q.locator(".order li").evaluate_all("lis => lis.map(li => li.dataset.id)")
        for _ in range(current.index(item) - i):
            q.locator(f'.order li[data-id="{item}"] .move[data-dir="-1"]').click()


def give(target: Target, site: str, qid: str, correct: bool = True) -> Locator:
    """Put a right (or wrong) answer into the question's inputs, without submitting."""
    data = question_data(target, site, qid)
    q = question(target, site, qid)
    kind = data["type"]
    if kind in ("single", "likert"):
        ids = [o["id"] for o in data["options"]]
        wrong = [i for i in ids if i not in (data["correct"] or [])]
        choice = data["correct"][0] if correct and data["correct"] else wrong[0]
        q.locator(f'input[value="{choice}"]').check()
    elif kind == "multiple":
        ids = [o["id"] for o in data["options"]]
        chosen = data["correct"] if correct else [i for i in ids if i not in data["correct"]][:1]
        for i in ids:
            q.locator(f'input[value="{i}"]').set_checked(i in chosen)
    elif kind == "true-false":
        q.locator(f'input[value="{str(data["correct"] == correct).lower()}"]').check()
    elif kind == "fill-in":
        q.locator("input.text").fill(data["accept"][0] if correct else "et feil svar")
    elif kind == "matching":
        rights = [r for _, r in data["correct"]]
        if not correct:
            rights = rights[1:] + rights[:1]
        for (left, _), right in zip(data["correct"], rights, strict=True):
            q.locator(f'select[data-left="{left}"]').select_option(right)
    elif kind == "ordering":
        set_order(q, data["correct"] if correct else list(reversed(data["correct"])))
    return q


def submit(q: Locator) -> str:
    """Press the question's answer button; returns the feedback text."""
    q.locator("[data-submit]").click()
    q.locator("[data-feedback] p").first.wait_for()
    return feedback(q)
