"""The whole trail can be walked, and every question type answered, with the keyboard alone.

After the page is opened, only Tab, Shift+Tab, Enter, Space, the arrow keys and
typed text are used; the DOM is read to decide which key to press, never written.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import feedback, open_app, question, question_data

ACTIVE = "document.activeElement"


def tab_to(page: Page, predicate: str, arg: object = None, limit: int = 150) -> None:
    """Press Tab until `predicate(el, arg)` holds for the focused element."""
    check = f"([a]) => {{ const el = {ACTIVE}; return !!el && ({predicate}); }}"
    for _ in range(limit):
        if page.evaluate(check, [arg]):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached an element where {predicate} ({arg!r})")


def focused(page: Page, js: str) -> object:
    return page.evaluate(f"() => {{ const el = {ACTIVE}; return {js}; }}")


def assert_focus_visible(page: Page) -> None:
    """An outline, or on a map marker its ring drawn in the focus colour."""
    style = focused(
        page,
        "el.matches('a.marker') ? 'ring ' + getComputedStyle(el.querySelector('.dot')).stroke"
        " : getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth",
    )
    assert style in ("ring rgb(23, 79, 134)", "solid 3px"), style


def enter_and_wait_heading(page: Page, hash_: str) -> None:
    page.keyboard.press("Enter")
    page.wait_for_function(f"h => location.hash === h && {ACTIVE}.tagName === 'H1'", arg=hash_)


def choose_radio(page: Page, site: str, qid: str, value: str) -> None:
    """Tab into the radio group, then Space and arrow keys until `value` is chosen."""
    name = question(page, site, qid).locator("input").first.get_attribute("name")
    tab_to(page, "el.type === 'radio' && el.name === a", name)
    page.keyboard.press("Space")
    for _ in range(12):
        if focused(page, "el.checked && el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value} in {qid}")


def press_answer(page: Page, site: str, qid: str) -> str:
    tab_to(page, "el.matches('[data-submit]') && el.closest('.question').dataset.q === a", qid)
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    q = question(page, site, qid)
    q.locator("[data-feedback] p").first.wait_for()
    return feedback(q)


def test_keyboard_walk(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/")

    # the skip link is the first stop and lands on the view's heading
    page.keyboard.press("Tab")
    assert focused(page, "el.className") == "skip"
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "map-h"

    # open rest stop 1 from the map
    tab_to(page, "el.getAttribute('href') === '#/site/forste-stopp'")
    assert_focus_visible(page)
    enter_and_wait_heading(page, "#/site/forste-stopp")
    site = "forste-stopp"

    # single choice
    right = question_data(page, site, "velg-en")["correct"][0]
    choose_radio(page, site, "velg-en", right)
    assert press_answer(page, site, "velg-en").startswith("Riktig")

    # multiple choice: Space on each right checkbox
    data = question_data(page, site, "velg-flere")
    for option in data["options"]:
        tab_to(page, "el.type === 'checkbox' && el.value === a", option["id"])
        if option["id"] in data["correct"]:
            page.keyboard.press("Space")
    assert press_answer(page, site, "velg-flere").startswith("Riktig")

    # true-false
    choose_radio(page, site, "sant-usant", "true" if question_data(page, site, "sant-usant")["correct"] else "false")
    assert press_answer(page, site, "sant-usant").startswith("Riktig")

    # reflection: type, then Tab away saves it
    tab_to(page, "el.tagName === 'TEXTAREA'")
    page.keyboard.type("Vi samarbeider med frivillige lag.")
    page.keyboard.press("Tab")
    status = page.locator('.view-site[data-site="forste-stopp"] [data-save-status]')
    assert status.inner_text() in ("Lagret", "Lagret i denne nettleseren")

    # next rest stop
    tab_to(page, "el.classList.contains('next')")
    enter_and_wait_heading(page, "#/site/andre-stopp")
    site = "andre-stopp"

    # fill-in: Enter in the field answers
    tab_to(page, "el.matches('input.text')")
    page.keyboard.type(question_data(page, site, "skriv-inn")["accept"][0])
    page.keyboard.press("Enter")
    q = question(page, site, "skriv-inn")
    q.locator("[data-feedback] p").first.wait_for()
    assert feedback(q).startswith("Riktig")

    # matching: arrow keys on each closed select
    for left, right in question_data(page, site, "koble")["correct"]:
        tab_to(page, "el.tagName === 'SELECT' && el.dataset.left === a", left)
        for _ in range(12):
            if focused(page, "el.value") == right:
                break
            page.keyboard.press("ArrowDown")
        assert focused(page, "el.value") == right
    assert press_answer(page, site, "koble").startswith("Riktig")

    # ordering: move buttons with Enter; focus stays on the moved item
    goal = question_data(page, site, "rekkefolge")["correct"]
    items = question(page, site, "rekkefolge").locator(".order li")
    for i, item in enumerate(goal):
        now = items.evaluate_all("lis => lis.map(li => li.dataset.id)")
        steps = now.index(item) - i
        if not steps:
            continue
        tab_to(page, "el.matches('.move[data-dir=\"-1\"]') && el.closest('li').dataset.id === a", item)
        for _ in range(steps):
            page.keyboard.press("Enter")
        announced = question(page, site, "rekkefolge").locator("[data-announce]").inner_text()
        assert f"nummer {i + 1} av {len(goal)}" in announced
    assert items.evaluate_all("lis => lis.map(li => li.dataset.id)") == goal
    assert press_answer(page, site, "rekkefolge").startswith("Riktig")

    tab_to(page, "el.classList.contains('next')")
    enter_and_wait_heading(page, "#/site/tredje-stopp")
    site = "tredje-stopp"

    # likert: arrow keys move the choice
    name = question(page, site, "mening").locator("input").first.get_attribute("name")
    tab_to(page, "el.type === 'radio' && el.name === a", name)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    assert focused(page, "el.checked") is True
    assert press_answer(page, site, "mening").startswith("Takk for svaret")

    # back to the map, where every stop shows as visited
    tab_to(page, "el.classList.contains('to-map')")
    enter_and_wait_heading(page, "#/")
    assert focused(page, "el.id") == "map-h"
    statuses = page.locator(".stops [data-status]").all_inner_texts()
    assert statuses[0] in ("Besøkt", "Fullført") and all(s != "Ikke besøkt" for s in statuses)
    assert "3 av 3 rasteplasser" in page.locator(".progress-box").inner_text()
