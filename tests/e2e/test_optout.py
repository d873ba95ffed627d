"""One-click opt-out: the action opens the exact settings page in a new tab, where a panel lists the steps,
ticks off what it can tell is done and rings the control the steps name."""

from __future__ import annotations

import re

from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, Query, card_part, marker
from tests.e2e.site import TERMS_URL


def boxes_overlap(a: dict, b: dict) -> bool:
    return a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"] and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]


def test_opt_out_opens_the_settings_page_and_guides_through_it(extension, service, pages):
    record = service.get("/records/anthropic-terms-model-training")
    action = next(a for a in record["actions"] if a["kind"] == "opt-out")
    page = extension.open(TERMS_URL)
    ui = extension.ui(page)
    ui.click(marker(record["title"]))
    ui.wait_visible(CARD)
    with extension.context.expect_page() as opened:
        ui.click(card_part("button.action-button", text=action["label"]))
    settings = opened.value
    settings.wait_for_load_state()
    assert settings.url == action["url"]

    guide = extension.ui(settings)
    panel = Query(".guide")
    guide.wait_visible(panel)
    assert guide.text(Query(".guide h2")) == action["label"]
    steps = Query(".guide .step")
    assert guide.texts(Query(".guide .step-text")) == [" ".join(text.split()) for text in action["steps"]]
    done = lambda: [bool(re.search(r"\bdone\b", c or "")) for c in guide.attributes(steps, "class")]  # noqa: E731
    guide.wait_text(Query(".guide .progress-text"), "1 of 3 done")
    assert done() == [True, False, False]  # "open Settings and go to Privacy": we are there

    ring = Query(".ring")
    guide.wait_visible(ring)
    assert "Switch this off" in guide.text(ring)
    assert boxes_overlap(guide.boxes(ring)[0], settings.locator("#training-toggle").bounding_box())
    guide.click(Query(".guide summary", text="Good to know"))
    for caveat in action["caveats"]:
        guide.wait_visible(Query(".guide .caveats li", text=" ".join(caveat.split())[:60], visible=True))
    screenshot(settings, "guide")

    settings.locator("#training-toggle").click()
    guide.wait_text(ring, "Done")
    assert done()[:2] == [True, True]
    guide.click(Query(".guide .step input[type=checkbox]", nth=2))
    guide.wait_text(Query(".guide .all-done", visible=True), "All steps done")
    screenshot(settings, "guide-done")

    guide.click(Query(".guide button", name="Close the guide"))
    guide.wait_count(panel, 0)
    settings.reload()
    extension.wait_state(settings, "idle")
    assert extension.ui(settings).count(panel) == 0


def test_the_popup_opt_out_opens_the_same_guidance(extension, service, pages):
    page = extension.open(TERMS_URL)
    popup = extension.open_popup(page)
    with extension.context.expect_page() as opened:
        popup.locator(".action.opt-out").first.click()
    settings = opened.value
    settings.wait_for_load_state()
    guide = extension.ui(settings)
    guide.wait_visible(Query(".guide"))
    guide.wait_visible(Query(".ring"))
