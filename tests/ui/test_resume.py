"""The web build remembers a learner's walk across reloads and new visits."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import feedback, give, go, open_app, question, submit, view, wait_ready


def test_visit_survives_reload(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), "#/")
    go(page, "#/site/andre-stopp")
    page.reload()
    wait_ready(page)
    assert view(page).get_attribute("data-site") == "andre-stopp"
    go(page, "#/")
    assert page.locator('.stops li[data-site="andre-stopp"] [data-status]').inner_text() == "Besøkt"
    assert page.locator('a.marker[href="#/site/andre-stopp"]').get_attribute("aria-label") == (
        "2. Andre stopp, Etappe 2, Besøkt"
    )
    assert page.locator('.stops li[data-site="forste-stopp"] [data-status]').inner_text() == "Ikke besøkt"


def test_return_visit_offers_the_bookmark_and_restores_answers(page: Page, app_url: UrlFn) -> None:
    url = app_url()
    open_app(page, url, "#/site/forste-stopp")
    submit(give(page, "forste-stopp", "velg-en"))
    go(page, "#/site/andre-stopp")
    submit(give(page, "andre-stopp", "skriv-inn", correct=False))
    reflection = view(page).locator("textarea")
    reflection.fill("Vi lærer av hverandre.")
    reflection.blur()
    go(page, "#/")

    page.goto("about:blank")
    open_app(page, url)  # a new visit: no route in the address
    assert page.evaluate("location.hash") == "#/"
    resume = page.locator("#trail-resume")
    assert resume.is_visible()
    assert "Sist var du på rasteplass 2: Andre stopp." in resume.inner_text()
    link = resume.get_by_role("link", name="Fortsett der du slapp")
    link.click()
    page.wait_for_function("location.hash === '#/site/andre-stopp'")

    # a wrong answer with a try left: feedback and "try again" are back
    q = question(page, "andre-stopp", "skriv-inn")
    assert q.locator("input.text").input_value() == "et feil svar"
    assert "Du har ett forsøk igjen." in feedback(q)
    assert q.locator("[data-retry]").is_visible()
    assert view(page).locator("textarea").input_value() == "Vi lærer av hverandre."

    # a right answer is restored locked
    go(page, "#/site/forste-stopp")
    q = question(page, "forste-stopp", "velg-en")
    assert q.locator("input:checked").get_attribute("value") == "a"
    assert q.locator("fieldset").evaluate("f => f.disabled")
    assert feedback(q).startswith("Riktig")


def test_return_after_finishing_the_last_site_suggests_the_way_on(page: Page, app_url: UrlFn) -> None:
    url = app_url()
    open_app(page, url, "#/site/forste-stopp")
    for qid in ("velg-en", "velg-flere", "sant-usant"):
        submit(give(page, "forste-stopp", qid))
    reflection = view(page).locator("textarea")
    reflection.fill("Ferdig her.")
    reflection.blur()
    done = view(page).locator("[data-site-done]")
    assert done.inner_text() == (
        "Denne rasteplassen er ferdig: Du har svart på spørsmålene og skrevet refleksjonen din."
    )
    go(page, "#/")
    page.goto("about:blank")
    open_app(page, url)
    # not "last time you were at rest stop 1" for a stop that is done: a suggestion instead
    assert page.locator("#trail-resume").is_hidden()
    nxt = page.locator("#trail-next")
    assert nxt.is_visible() and nxt.locator("a").get_attribute("href") == "#/site/andre-stopp"
