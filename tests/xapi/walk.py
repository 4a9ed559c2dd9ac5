"""A scripted learner: walks the trail through the UI as a person would, and reads it back."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import Any, TypeVar

from playwright.sync_api import Page

from tests.xapi.rules import verb_name

T = TypeVar("T")


def wait_for(probe: Callable[[], T], timeout: float = 30, what: str = "condition") -> T:
    """Poll until `probe()` is truthy; its last value otherwise fails the test."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value or time.monotonic() > deadline:
            assert value, f"timed out after {timeout} s waiting for {what}"
            return value
        time.sleep(0.2)


def go(page: Page, route: str) -> None:
    """Follow an in-app link (#/, #/site/<slug>)."""
    page.evaluate("r => { location.hash = r; }", route)
    if route.startswith("#/site/"):
        slug = route.removeprefix("#/site/")
        page.wait_for_selector(f'.view-site[data-site="{slug}"]:not([hidden])')
    else:
        page.wait_for_selector("#view-map:not([hidden])")


def answer(page: Page, slug: str, qid: str, response: Any) -> str:
    """Give one answer (the neutral response shape) and submit it; returns the feedback kind."""
    q = page.locator(f'.view-site[data-site="{slug}"] [data-q="{qid}"]')
    retry = q.locator("[data-retry]")
    if retry.is_visible():
        retry.click()
    kind = q.get_attribute("data-type")
    if kind == "fill-in":
        q.locator("input.text").fill(response)
    elif kind == "matching":
        for left, right in response:
            q.locator(f'select[data-left="{left}"]').select_option(right)
    elif kind == "ordering":
        for i, item in enumerate(response):  # move each item up into place with its buttons
            while q.locator(".order li").nth(i).get_attribute("data-id") != item:
                q.locator(f'.order li[data-id="{item}"] [data-dir="-1"]').click()
    else:
        values = [str(response).lower()] if kind == "true-false" else list(response)
        for box in q.locator("input").all():
            if (box.get_attribute("value") in values) != box.is_checked():
                box.click()
    q.locator("[data-submit]").click()
    page.wait_for_function(
        "q => /is-(correct|incorrect|neutral)/.test(q.querySelector('[data-feedback]').className)",
        arg=q.element_handle(),
    )
    return str(q.locator("[data-feedback]").get_attribute("class")).split("is-")[-1]


def reflect(page: Page, slug: str, rid: str, text: str) -> None:
    area = page.locator(f'.view-site[data-site="{slug}"] [data-reflection="{rid}"] textarea')
    area.fill(text)
    area.blur()  # saved on blur


UI_STATE = """() => {
  const out = {};
  document.querySelectorAll('.view-site').forEach(v => {
    const slug = v.getAttribute('data-site');
    v.querySelectorAll('.question').forEach(q => {
      const fb = q.querySelector('[data-feedback]');
      out[slug + '/' + q.getAttribute('data-q')] = {
        checked: [...q.querySelectorAll('input:checked')].map(i => i.value),
        text: [...q.querySelectorAll('input.text')].map(i => i.value),
        selects: [...q.querySelectorAll('select')].map(s => s.value),
        order: [...q.querySelectorAll('.order li')].map(li => li.getAttribute('data-id')),
        feedback: fb.className, locked: q.querySelector('fieldset').disabled};
    });
    v.querySelectorAll('[data-reflection] textarea').forEach(t => {
      out[slug + '/' + t.closest('[data-reflection]').getAttribute('data-reflection')] = t.value;
    });
  });
  return out;
}"""


LOAD_ALL = """() => Promise.all(JSON.parse(document.getElementById('trail-data').textContent).sites.map(s =>
  document.querySelector('.view-site[data-site="' + s.slug + '"]') ? null : new Promise((ok, fail) => {
    const tag = document.createElement('script');  // as trail.js loads a site, without opening (visiting) it
    tag.src = 'sites/' + s.slug + '.js'; tag.onload = ok; tag.onerror = fail;
    document.head.appendChild(tag);
  })))"""


def ui_state(page: Page) -> dict[str, Any]:
    """Every answer and reflection as the page shows it (to compare before and after resume): every
    site's file loaded first (each site's markup comes with its file), none of them opened."""
    page.wait_for_selector("html[data-trail='ready']", state="attached")
    page.evaluate(LOAD_ALL)
    return dict(page.evaluate(UI_STATE))


def queued(page: Page) -> int:
    """Statements waiting in the browser: queued (`:q`), or sent without an answer (`:u`, looked up first)."""
    return int(
        page.evaluate("""() => Object.keys(localStorage).filter(k => /^trail\\.lrs:.*:[qu]$/.test(k))
      .reduce((n, k) => n + JSON.parse(localStorage.getItem(k)).length, 0)""")
    )


def counts(statements: list[dict[str, Any]]) -> Counter[str]:
    return Counter(verb_name(s) for s in statements)


def answered(statements: list[dict[str, Any]], tail: str) -> list[dict[str, Any]]:
    return [s for s in statements if verb_name(s) == "answered" and s["object"]["id"].endswith(tail)]
