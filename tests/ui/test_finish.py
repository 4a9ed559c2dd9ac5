"""The trail's end: a summary per stage, the reflections to download and print, the common room."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.ui.conftest import UrlFn
from tests.ui.ui import axe, give, go, open_app, submit, view

ANSWERS = (
    ("forste-stopp", ("velg-en", "velg-flere", "sant-usant")),
    ("andre-stopp", ("skriv-inn", "koble", "rekkefolge")),
    ("tredje-stopp", ("mening", "siste")),
)


def test_summary_per_stage_with_reflections_to_print(page: Page, app_url: UrlFn, lms_url: str) -> None:
    open_app(page, app_url(), "#/")
    for site, ids in ANSWERS[:1]:
        go(page, f"#/site/{site}")
        for qid in ids:
            submit(give(page, site, qid))
        text = view(page).locator("textarea")
        text.fill("Vi samarbeider med frivillige lag.\nOg med Nav.")
        text.blur()
    go(page, "#/")
    page.get_by_role("link", name="Løypa di: oversikt og refleksjoner").click()
    page.wait_for_function("document.activeElement.id === 'page-done-h'")
    done = view(page)
    assert done.locator("[data-done-lead]").inner_text() == "Du er på vei. Her er det du har gjort så langt."
    stages = done.locator(".done-stage")
    assert stages.count() == 2
    assert " ".join(stages.nth(0).locator(".stage-title").inner_text().split()) == "Etappe 1: Oppstart"
    assert stages.nth(0).locator(".meta").inner_text() == "1 av 1 rasteplasser fullført"
    assert stages.nth(0).locator("li").inner_text().endswith("Fullført")
    assert stages.nth(1).locator(".meta").inner_text() == "0 av 2 rasteplasser fullført"
    # the prompts come with their sites' files: loaded for the summary, the site never opened too
    done.locator("[data-done-reflections][aria-busy=false]").wait_for()
    reflections = done.locator("[data-done-reflections]").inner_text()
    assert done.locator(".reflection-prompt").count() == 2 and all(done.locator(".reflection-prompt").all_inner_texts())
    assert "Vi samarbeider med frivillige lag." in reflections and "Og med Nav." in reflections
    assert done.get_by_role("button", name="Skriv ut refleksjonene mine").is_visible()
    assert done.get_by_role("button", name="Last ned refleksjonene mine").is_visible()
    room = done.get_by_role("link", name="Gå til fellesrommet (åpnes i et nytt vindu)")
    assert room.get_attribute("href") == "https://lms.example.no/mod/forum/view.php?id=1"
    assert axe(page, lms_url) == []
    # printed: the summary and reflections, without the buttons, menu or footer
    page.emulate_media(media="print")
    assert not done.get_by_role("button", name="Skriv ut refleksjonene mine").is_visible()
    assert not page.locator("header.top").is_visible() and done.locator("[data-done-reflections]").is_visible()
    page.emulate_media(media="screen")

    for site, ids in ANSWERS[1:]:
        go(page, f"#/site/{site}")
        for qid in ids:
            submit(give(page, site, qid))
        text = view(page).locator("textarea")
        if text.count():
            text.fill("Ferdig.")
            text.blur()
    # the last stop done: nothing left to suggest, the way on is the summary
    link = view(page).locator("[data-next-box] a")
    assert link.get_attribute("href") == "#/page/done" and not view(page).locator("[data-next-intro]").is_visible()
    go(page, "#/page/done")
    assert view(page).locator("[data-done-lead]").inner_text().startswith("Du har fullført løypa.")
    assert axe(page, lms_url) == []
