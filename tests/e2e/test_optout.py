"""One-click opt-out that knows it worked (issue 15). An action with a flow opens its settings page with a
guide that spotlights the control and names the wanted state, offers "Do it for me" where the flow allows it
(acting only on a trusted press), asks for a reload and reads the control again ("Verified: off, 2 December
2026"), remembers the opt-out (the popup lists it), warns when the setting is back on, and stops with the
written steps on a page it does not recognise. The settings pages are the saved fixtures
(tests/e2e/fixtures/settings), served at the services' real addresses."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, Query, card_part, open_card, press_card_action
from tests.e2e.site import (
    SETTINGS_PAGES,
    SETTINGS_URL,
    TERMS_URL,
    WIDGETS_SETTINGS_URL,
    XSS_URL,
    settings_html,
    sign_in_html,
)

GUIDE = Query(".guide")
RING = Query(".ring")
DO_IT = Query(".guide .do-it", visible=True)
RELOAD = Query(".guide .reload-verify", visible=True)
VERDICT = Query(".guide .verdict", visible=True)
STOPPED = Query(".guide .stopped", visible=True)


def today_words(*, year: bool = True) -> str:
    """Today as the guide says it ("2 December 2026"): the browser and the tests share the machine's clock."""
    today = date.today()
    return f"{today.day} {today:%B}" + (f" {today.year}" if year else "")


def boxes_overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def reset_account(extension, url: str) -> None:
    """Forget what the fixture at `url` saved (its localStorage is the "account"), in a tab of its own."""
    page = extension.context.new_page()
    page.goto(url)
    page.evaluate("localStorage.clear()")
    page.close()


def open_opt_out_from_card(extension, service):
    """The Anthropic terms page's model-training card → its opt-out → the settings tab (a new page)."""
    record = service.get("/records/anthropic-terms-model-training")
    action = next(a for a in record["actions"] if a["kind"] == "opt-out")
    page = extension.open(TERMS_URL)
    ui = open_card(extension, page, record["title"])
    # The card says what the guide will do, and what to expect afterwards (from the flow).
    assert "can change it for you when you ask" in ui.text(card_part(".flow-meta"))
    assert ui.text(card_part(".flow-expect summary")) == "What to expect"
    assert action["flow"]["faq"][0]["q"] in ui.text(card_part(".flow-expect"))
    screenshot(page, "card-opt-out")
    return press_card_action(extension, ui, action["label"]), action


def open_opt_out_from_popup(extension, url: str, label: str):
    """The popup on the service's own settings page → the action labelled `label` → the guided tab."""
    page = extension.open(url, state="idle")
    popup = extension.open_popup(page)
    with extension.context.expect_page() as opened:
        popup.locator(".action", has_text=label).first.click()
    settings = opened.value
    settings.wait_for_load_state()
    page.close()
    return settings


def reload_and_verify(extension, settings):
    """Press "Reload and verify" as a person would; the guide of the reloaded page."""
    guide = extension.ui(settings)
    guide.wait_visible(RELOAD)
    with settings.expect_event("load"):
        guide.click(RELOAD)
    return extension.ui(settings)


def test_the_guide_spotlights_does_it_on_request_and_verifies_after_reload(extension, service, pages):
    reset_account(extension, SETTINGS_URL)
    settings, action = open_opt_out_from_card(extension, service)
    assert settings.url == action["url"]
    guide = extension.ui(settings)
    guide.wait_visible(GUIDE)
    assert guide.text(Query(".guide h2")) == action["label"]
    # Spotlight: the ring sits on the switch and names the wanted state; the page's switch is still on.
    guide.wait_text(RING, "Switch this off")
    toggle = settings.locator("#training-toggle")
    assert boxes_overlap(guide.boxes(RING)[0], toggle.bounding_box())
    assert toggle.get_attribute("aria-checked") == "true"
    guide.wait_text(Query(".guide .flow-status"), "Switch off “Help improve Claude”. TermsLens has ringed it on the page.")
    guide.wait_visible(DO_IT)
    assert guide.text(DO_IT) == "Do it for me: switch it off"
    assert "What to expect" in guide.text(GUIDE)
    screenshot(settings, "guide-before")

    # A scripted click on "Do it for me" (not a person's) does nothing.
    guide.evaluate("(ui) => ui.one({selector: '.guide .do-it', text: null, name: null, name_re: null, visible: false, nth: 0}).click()")
    settings.wait_for_timeout(300)
    assert toggle.get_attribute("aria-checked") == "true"

    guide.click(DO_IT)
    guide.wait_visible(RELOAD)
    assert toggle.get_attribute("aria-checked") == "false"
    guide.wait_text(RING, "Done")
    guide.wait_text(Query(".guide .flow-status"), "Reload it to check")
    screenshot(settings, "guide-during")

    after = reload_and_verify(extension, settings)
    after.wait_visible(VERDICT)
    after.wait_text(VERDICT, f"Verified: off, {today_words()}")
    assert settings.locator("#training-toggle").get_attribute("aria-checked") == "false"
    screenshot(settings, "guide-verified")

    # Remembered by the service (no page text), and listed by the popup for the service.
    kept = [o for o in service.get("/optouts?service=anthropic")["optouts"] if o["setting"] == "Model training"]
    assert kept and kept[0]["state"] == "off" and kept[0]["since"] == date.today().isoformat()
    assert set(kept[0]) == {"record_id", "action", "service_id", "setting", "state", "page_url", "since", "verified", "lapsed"}
    popup = extension.open_popup(settings)
    popup.wait_for_selector(".completed")
    assert f"Model training: off since {today_words(year=False)}" in popup.locator(".completed").inner_text()
    screenshot(popup, "popup-optouts")


def test_a_change_that_did_not_hold_is_not_verified(extension, service, pages):
    reset_account(extension, SETTINGS_URL)
    nosave = extension.context.new_page()
    nosave.goto(SETTINGS_URL)
    nosave.evaluate("localStorage.setItem('tl-fixture-nosave', '1')")  # the service forgets the change
    nosave.close()
    try:
        settings, _ = open_opt_out_from_card(extension, service)
        guide = extension.ui(settings)
        guide.wait_visible(DO_IT)
        guide.click(DO_IT)
        after = reload_and_verify(extension, settings)
        after.wait_text(VERDICT, "Not verified")
        assert "did not hold" in after.text(VERDICT)
        after.wait_visible(DO_IT)  # and it guides again
        screenshot(settings, "guide-not-verified")
    finally:
        reset_account(extension, SETTINGS_URL)


def test_a_setting_switched_back_on_is_reported_plainly(extension, service, pages):
    url = SETTINGS_PAGES["linkedin"]
    reset_account(extension, url)
    settings = open_opt_out_from_popup(extension, url, "Turn off “Data for Generative AI Improvement”")
    guide = extension.ui(settings)
    guide.wait_visible(DO_IT)
    guide.click(DO_IT)
    reload_and_verify(extension, settings).wait_text(VERDICT, "Verified: off")
    # Later, the service switches it back on; the person opens the settings page on their own.
    settings.evaluate("localStorage.setItem('tl-fixture-linkedin', 'true')")
    later = extension.open(url, state="idle")
    watch = extension.ui(later)
    watch.wait_visible(VERDICT)
    text = watch.text(VERDICT)
    assert text.startswith("Generative AI training is on again.")
    assert f"You switched it off on {today_words()}" in text
    watch.wait_visible(DO_IT)
    screenshot(later, "guide-reenabled")
    lapsed = [o for o in service.get("/optouts?service=linkedin")["optouts"] if o["setting"] == "Generative AI training"]
    assert lapsed[0]["lapsed"] == date.today().isoformat()
    # Where it still holds, the guide stays out of the way.
    reset_account(extension, url)
    later.evaluate("localStorage.setItem('tl-fixture-linkedin', 'false')")
    quiet = extension.open(url, state="idle")
    quiet.wait_for_timeout(1500)
    assert extension.ui(quiet).count(GUIDE) == 0


def test_on_a_sign_in_page_the_guide_stops_and_shows_the_written_steps(extension, service, site, pages):
    site.add(SETTINGS_URL, sign_in_html())
    try:
        settings, action = open_opt_out_from_card(extension, service)
        guide = extension.ui(settings)
        guide.wait_visible(STOPPED)
        assert "This looks like a sign-in page" in guide.text(Query(".guide .stop-reason"))
        assert guide.texts(Query(".guide .written-steps li")) == [" ".join(s.split()) for s in action["steps"]]
        assert guide.count(RING) == 0 and guide.count(DO_IT) == 0
        screenshot(settings, "guide-stopped")
    finally:
        site.add(SETTINGS_URL, settings_html("anthropic"))


def test_an_ambiguous_page_stops_the_guide(extension, service, site, pages):
    doubled = settings_html("anthropic").replace(
        '<div class="row"><div><div class="label">Export data</div>',
        '<div class="row"><div><div class="label" id="label-training-2">Help improve Claude</div></div>'
        '<button class="toggle" role="switch" aria-checked="true" aria-labelledby="label-training-2"></button></div>'
        '<div class="row"><div><div class="label">Export data</div>',
    )
    site.add(SETTINGS_URL, doubled)
    try:
        settings, _ = open_opt_out_from_card(extension, service)
        guide = extension.ui(settings)
        guide.wait_visible(STOPPED)
        assert "more than one control" in guide.text(Query(".guide .stop-reason"))
        assert settings.locator('[role="switch"][aria-checked="false"]').count() == 0
    finally:
        site.add(SETTINGS_URL, settings_html("anthropic"))


FLOW_PAGES = [
    ("openai", "Turn off model training in ChatGPT", True),
    ("linkedin", "Turn off “Data for Generative AI Improvement”", True),
    ("x", "Stop X using your data to train Grok", True),
    ("netflix", "Turn off test participation", True),
    ("reddit", "Turn off ads personalised with partner data", False),
]


@pytest.mark.slow
@pytest.mark.parametrize(("fixture", "label", "operable"), FLOW_PAGES, ids=[f[0] for f in FLOW_PAGES])
def test_each_services_flow_runs_on_its_settings_page(extension, fixture, label, operable, pages):
    """Every service's flow in Chromium: the control found (late renders, shadow roots), ringed with the
    wanted state; "Do it for me" exactly where the flow allows it, and verified after the reload."""
    url = SETTINGS_PAGES[fixture]
    reset_account(extension, url)
    settings = open_opt_out_from_popup(extension, url, label)
    guide = extension.ui(settings)
    guide.wait_text(RING, "Switch this off")
    if not operable:
        guide.wait_text(Query(".guide .flow-status"), "change it yourself")
        assert guide.count(DO_IT) == 0
        screenshot(settings, f"guide-{fixture}")
        return
    guide.wait_visible(DO_IT)
    guide.click(DO_IT)
    if fixture == "netflix":  # saved only by Done, which the flow leaves to the person
        guide.wait_text(RING, "Press this")
        settings.locator('[data-uia="action-save"]').click()
    guide.wait_visible(RELOAD)
    screenshot(settings, f"guide-{fixture}")
    reload_and_verify(extension, settings).wait_text(VERDICT, "Verified: off")


def test_without_a_flow_the_prose_guide_ticks_the_steps(extension, service, pages):
    """A record without a flow (the user's example-widgets record) keeps the prose guide."""
    page = extension.open(XSS_URL)
    ui = extension.ui(page)
    ui.click(Query(".marker"))
    ui.wait_visible(CARD)
    with extension.context.expect_page() as opened:
        ui.click(card_part("button.action-button"))
    settings = opened.value
    settings.wait_for_load_state()
    assert settings.url == WIDGETS_SETTINGS_URL
    guide = extension.ui(settings)
    guide.wait_text(Query(".guide .progress-text"), "1 of 2 done")
    guide.wait_text(RING, "Switch this off")
    settings.locator("#share-toggle").click()
    guide.wait_text(Query(".guide .progress-text"), "2 of 2 done")
    done = [bool(re.search(r"\bdone\b", c or "")) for c in guide.attributes(Query(".guide .step"), "class")]
    assert done == [True, True]
