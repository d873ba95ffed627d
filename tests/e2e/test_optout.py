"""One-click opt-out: the action opens the exact settings page in a new tab, where a panel lists the steps,
ticks off what it can tell is done and rings the control the steps name."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.site import TERMS_URL
from tests.e2e.test_card import CARD, marker_for


def boxes_overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_opt_out_opens_the_settings_page_and_guides_through_it(extension, service, pages):
    record = service.get("/records/anthropic-terms-model-training")
    action = next(a for a in record["actions"] if a["kind"] == "opt-out")
    page = extension.open(TERMS_URL)
    marker_for(page, record["title"]).click()
    with extension.context.expect_page() as opened:
        page.locator(CARD).get_by_role("button", name=action["label"]).click()
    settings = opened.value
    settings.wait_for_load_state()
    assert settings.url == action["url"]

    panel = settings.get_by_role("complementary", name=action["label"])
    expect(panel).to_be_visible()
    steps = panel.locator(".step")
    expect(steps).to_have_count(len(action["steps"]))
    for step, text in zip(steps.all(), action["steps"]):
        expect(step).to_contain_text(text)
    expect(steps.nth(0)).to_have_class(re.compile(r"\bdone\b"))  # "open Settings and go to Privacy": we are there
    expect(steps.nth(1)).not_to_have_class(re.compile(r"\bdone\b"))
    expect(panel).to_contain_text("1 of 3 done")

    toggle = settings.locator("#training-toggle")
    ring = settings.locator("termslens-ui .ring")
    expect(ring).to_be_visible()
    expect(ring).to_contain_text("Switch this off")
    assert boxes_overlap(ring.bounding_box(), toggle.bounding_box())
    panel.get_by_text("Good to know").click()
    for caveat in action["caveats"]:
        expect(panel.get_by_text(caveat)).to_be_visible()
    screenshot(settings, "guide")

    toggle.click()
    expect(steps.nth(1)).to_have_class(re.compile(r"\bdone\b"))
    expect(ring).to_contain_text("Done")
    steps.nth(2).get_by_role("checkbox").check()
    expect(panel.get_by_role("status")).to_contain_text("All steps done")
    screenshot(settings, "guide-done")

    panel.get_by_role("button", name="Close the guide").click()
    expect(panel).to_have_count(0)
    settings.reload()
    extension.wait_state(settings, "idle")
    expect(settings.locator("termslens-ui .guide")).to_have_count(0)


def test_the_popup_opt_out_opens_the_same_guidance(extension, service, pages):
    page = extension.open(TERMS_URL)
    popup = extension.open_popup(page)
    with extension.context.expect_page() as opened:
        popup.locator(".action.opt-out").first.click()
    settings = opened.value
    settings.wait_for_load_state()
    expect(settings.locator("termslens-ui .guide")).to_be_visible()
    expect(settings.locator("termslens-ui .ring")).to_be_visible()
