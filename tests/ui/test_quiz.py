"""Quiz widgets: feedback, tries, retry, locking: what the learner sees after each answer."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.lms import LaunchScorm
from tests.ui.conftest import BuiltFn, UrlFn
from tests.ui.ui import Target, feedback, give, go, open_app, question, submit, wait_ready

SITE1, SITE2 = "forste-stopp", "andre-stopp"


def test_wrong_then_retry_then_right_locks(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE1}")
    q = give(page, SITE1, "velg-en", correct=False)
    text = submit(q)
    # the chosen option's own feedback, not only "wrong"
    assert text.startswith("Ikke riktig") and "Nei, gress er grønt." in text
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
    assert text.startswith("Riktig") and "Riktig, den er blå." in text
    assert q.locator("fieldset").evaluate("f => f.disabled") and retry.is_hidden()
    assert q.locator("[data-submit]").get_attribute("aria-disabled") == "true"
    # a locked question cannot be answered again
    q.locator("[data-submit]").click(force=True)
    assert feedback(q).startswith("Riktig")


def test_question_feedback_when_options_have_none(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE1}")
    assert submit(give(page, SITE1, "sant-usant", correct=False)) == "Ikke riktig\nOslo er hovedstaden."
    assert submit(give(page, SITE1, "velg-flere")) == "Riktig"


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
    assert "Riktig" in submit(give(page, SITE2, "rekkefolge"))


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


def _orders(target: Target) -> dict[str, list[str]]:
    """The option order the learner sees in each shuffled question (ids, never texts); each site
    opened first, since its markup loads with it."""
    for slug in (SITE1, SITE2):
        target.evaluate("h => { location.hash = h; }", f"#/site/{slug}")
        target.locator(f'.view-site[data-site="{slug}"]:not([hidden])').wait_for()
    return {
        "velg-en": question(target, SITE1, "velg-en").locator("input").evaluate_all("is => is.map(i => i.value)"),
        "velg-flere": question(target, SITE1, "velg-flere").locator("input").evaluate_all("is => is.map(i => i.value)"),
        "koble": question(target, SITE2, "koble").locator("select").first.locator("option").evaluate_all(
            "os => os.slice(1).map(o => o.value)"
        ),
        "rekkefolge": question(target, SITE2, "rekkefolge").locator(".order li").evaluate_all(
            "lis => lis.map(li => li.dataset.id)"
        ),
    }


def test_options_shuffled_per_learner_and_kept_on_return(page: Page, app_url: UrlFn) -> None:
    url = app_url()
    open_app(page, url, f"#/site/{SITE1}")
    first = _orders(page)
    # never in the order the designer wrote them (the right answer first, there)
    assert first["velg-en"] != ["a", "b", "c"] and sorted(first["velg-en"]) == ["a", "b", "c"]
    assert first["rekkefolge"] != ["a", "b", "c", "d"]
    go(page, f"#/site/{SITE1}")
    submit(give(page, SITE1, "velg-en"))
    page.reload()
    wait_ready(page)
    assert _orders(page) == first  # the same learner sees the same order on every visit
    # the answer is still the option the learner chose, whatever its place
    assert question(page, SITE1, "velg-en").locator("input:checked").get_attribute("value") == "a"


def test_learner_id_from_the_lms_seeds_the_order(launch_scorm: LaunchScorm, built: BuiltFn) -> None:
    seen = []
    for learner in ("kari", "ola", "kari"):
        lms = launch_scorm("1.2", built("scorm12"), seed={"cmi": {"core": {"student_id": learner}}})
        wait_ready(lms.frame)
        seen.append(_orders(lms.frame))
        lms.close()
    assert seen[0] == seen[2]  # the same learner, another day (a new session and browser context)
    assert seen[0] != seen[1]  # another learner, another order


def test_a_learner_without_an_id_sees_the_same_order_on_another_computer(launch_scorm: LaunchScorm,
                                                                          built: BuiltFn) -> None:
    """No learner id from the LMS: the seed travels in suspend_data (a few characters), not in the browser."""
    nobody = {"cmi": {"core": {"student_id": ""}}}
    lms = launch_scorm("1.2", built("scorm12"), seed=nobody)
    wait_ready(lms.frame)
    first = _orders(lms.frame)
    assert lms.unload()
    state = lms.last_commit()["suspend_data"]
    lms.close()
    assert state.startswith("T2") and len(state) < 30  # the seed and two sites visited (to read their orders)
    # another computer: a new browser context, only the LMS's state in common
    again = launch_scorm("1.2", built("scorm12"),
                         seed={"cmi": {"core": {"student_id": "", "entry": "resume"}, "suspend_data": state}})
    wait_ready(again.frame)
    assert _orders(again.frame) == first
    again.close()
    # another learner without an id: another seed, another order
    other = launch_scorm("1.2", built("scorm12"), seed=nobody)
    wait_ready(other.frame)
    assert _orders(other.frame) != first
    other.close()


def test_every_option_marked_right_or_wrong_in_words(page: Page, app_url: UrlFn) -> None:
    page.emulate_media(reduced_motion="reduce")  # colours read at once, not mid-transition
    open_app(page, app_url(), f"#/site/{SITE1}")
    q = give(page, SITE1, "velg-flere", correct=False)  # Potet chosen, the two fruits not
    submit(q)
    wrong = q.locator("label.choice.is-wrong")
    assert wrong.count() == 1 and wrong.locator("input").get_attribute("value") == "c"
    assert wrong.locator(".mark").inner_text() == "Feil"
    # tries left: the right ones are not given away yet
    assert q.locator(".is-right, .is-missed").count() == 0
    q.locator("[data-retry]").click()
    assert q.locator("[data-mark]").count() == 0
    submit(give(page, SITE1, "velg-flere"))
    assert q.locator("label.choice.is-right .mark").all_inner_texts() == ["Riktig", "Riktig"]
    # a wrong choice never has the right colour
    colours = q.evaluate("""q => { const c = [...q.querySelectorAll('.choice')];
        return c.map(x => getComputedStyle(x).backgroundColor); }""")
    assert len(set(colours)) == 2  # the two right ones share a colour, the unchosen one is plain

    go(page, f"#/site/{SITE2}")
    m = give(page, SITE2, "koble", correct=False)
    submit(m)
    assert m.locator(".match.is-wrong .mark").count() == 3
    assert set(m.locator(".match .mark").all_inner_texts()) == {"Feil"}


def test_one_verdict_then_option_and_question_feedback(page: Page, app_url: UrlFn) -> None:
    open_app(page, app_url(), f"#/site/{SITE1}")
    # the option's "Riktig, …" is its own sentence; the designer's question feedback follows
    assert submit(give(page, SITE1, "velg-en")) == "Riktig\nRiktig, den er blå.\nBra!"
    # "Riktig." alone would echo the verdict line: left out
    assert submit(give(page, SITE1, "sant-usant")) == "Riktig"
    head = question(page, SITE1, "velg-en").locator(".fb-head")
    assert head.evaluate("h => getComputedStyle(h, '::before').content").startswith('"✓"')
