"""Quiz widgets: feedback, tries, retry, locking: what the learner sees after each answer."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import feedback, give, go, open_app, question, submit

SITE1, SITE2 = "forste-stopp", "andre-stopp"


def test_wrong_then_retry_then_right_locks(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE1}")
    q = give(page, SITE1, "velg-en", correct=False)
    text = submit(q)
    # the chosen option's own feedback, not only "wrong"
    assert text.startswith("Ikke helt riktig.") and "Nei, gress er grønt." in text
    assert q.locator("[data-feedback]").get_attribute("class") == "feedback is-incorrect"
    assert q.locator("fieldset").evaluate("f => f.disabled")
    retry = q.locator("[data-retry]")
    assert retry.is_visible() and retry.inner_text() == "Prøv igjen"
    assert page.evaluate("document.activeElement.hasAttribute('data-retry')")

    retry.click()
    assert not q.locator("fieldset").evaluate("f => f.disabled")
    assert feedback(q) == "" and retry.is_hidden()
    assert page.evaluate("document.activeElement.type") == "radio"

    text = submit(give(page, SITE1, "velg-en"))
    assert text.startswith("Riktig!") and "Riktig, den er blå." in text
    assert q.locator("fieldset").evaluate("f => f.disabled") and retry.is_hidden()
    assert q.locator("[data-submit]").get_attribute("aria-disabled") == "true"
    # a locked question cannot be answered again
    q.locator("[data-submit]").click(force=True)
    assert feedback(q).startswith("Riktig!")


def test_question_feedback_when_options_have_none(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE1}")
    assert submit(give(page, SITE1, "sant-usant", correct=False)) == "Ikke helt riktig.\nOslo er hovedstaden."
    assert submit(give(page, SITE1, "velg-flere")) == "Riktig!"


def test_limited_tries_count_down_and_show_the_answer(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE2}")
    q = give(page, SITE2, "koble", correct=False)
    assert "Du har ett forsøk igjen." in submit(q)
    q.locator("[data-retry]").click()
    text = submit(give(page, SITE2, "koble", correct=False))
    assert "Du har brukt alle forsøkene." in text
    assert "Riktig svar: Norge – Oslo; Sverige – Stockholm; Danmark – København" in text
    assert all(s.is_disabled() for s in q.locator("select").all())
    assert q.locator("[data-retry]").is_hidden()

    order = give(page, SITE2, "rekkefolge", correct=False)
    assert "Du har ett forsøk igjen." in submit(order)
    order.locator("[data-retry]").click()
    assert "Riktig!" in submit(give(page, SITE2, "rekkefolge"))


def test_missing_answer_is_a_hint_not_a_try(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE2}")
    q = question(page, SITE2, "skriv-inn")
    q.locator("[data-submit]").click()
    assert feedback(q) == "Skriv et svar først."
    m = question(page, SITE2, "koble")
    m.locator("select").first.select_option(index=1)
    m.locator("[data-submit]").click()
    assert feedback(m) == "Koble sammen alle punktene først."
    # neither counted as a try: both tries are still there
    assert "Du har ett forsøk igjen." in submit(give(page, SITE2, "skriv-inn", correct=False))


def test_matching_offers_right_side_shuffled(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE2}")
    q = question(page, SITE2, "koble")
    first = q.locator("select").first.locator("option").all_inner_texts()
    assert first[0] == "Velg …"
    assert sorted(first[1:]) == ["København", "Oslo", "Stockholm"]
    assert first[1:] != ["Oslo", "Stockholm", "København"]
    items = question(page, SITE2, "rekkefolge").locator(".order .item-text").all_inner_texts()
    assert sorted(items) == sorted(["En", "To", "Tre", "Fire"]) and items != ["En", "To", "Tre", "Fire"]


def test_all_answered_right_shows_completion_and_result(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/")
    for site, ids in (
        (SITE1, ("velg-en", "velg-flere", "sant-usant")),
        (SITE2, ("skriv-inn", "koble", "rekkefolge")),
        ("tredje-stopp", ("mening", "siste")),
    ):
        go(page, f"#/site/{site}")
        for qid in ids:
            submit(give(page, site, qid))
    go(page, "#/")
    box = page.locator(".progress-box").inner_text()
    assert "3 av 3 rasteplasser" in box
    assert "Du har fullført løypa. Godt gjort! Resultatet ditt: 100 prosent. Bestått." in box
