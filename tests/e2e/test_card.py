"""The clause card: hovering the highlighted text, or focusing or clicking a marker, shows what the clause
means, why it matters and what you can do, with its source; "this looks wrong" is kept for the maintainer."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.site import PRIVACY_URL, TERMS_URL

CARD = "termslens-ui .card"


def marker_for(page, title: str):
    """The marker of the clause titled `title` (its accessible name ends with the title)."""
    return page.get_by_role("button", name=re.compile(re.escape(title) + "$"))


def clause_point(page, text_start: str) -> dict:
    """The middle of the first line of the highlighted clause starting with `text_start`, scrolled to near the
    top of the window so its card opens below it."""
    return page.evaluate(
        """(start) => {
          const range = [...CSS.highlights].flatMap(([, h]) => [...h]).find((r) => r.toString().startsWith(start));
          range.startContainer.parentElement.scrollIntoView({block: 'start'});
          window.scrollBy(0, -120);
          const rect = [...range.getClientRects()].find((r) => r.width > 40);
          return {x: rect.left + rect.width / 2, y: rect.top + rect.height / 2};
        }""",
        text_start,
    )


def test_hovering_a_clause_shows_its_card(extension, service, pages):
    record = service.get("/records/anthropic-terms-model-training")
    page = extension.open(TERMS_URL)
    point = clause_point(page, "We may use Materials")
    page.mouse.move(point["x"], point["y"])
    card = page.locator(CARD)
    expect(card).to_be_visible()
    page.mouse.move(5, 5)  # the pointer leaves: the card goes
    expect(card).to_have_count(0)
    page.mouse.move(point["x"], point["y"])
    expect(card.locator("h2")).to_have_text(record["title"])
    expect(card).to_have_attribute("role", "dialog")
    expect(card).to_contain_text("High severity")
    expect(card.locator(".means")).to_have_text(record["means"])
    expect(card.locator(".matters")).to_have_text(record["matters"])
    action = record["actions"][0]
    expect(card.get_by_role("button", name=action["label"])).to_be_visible()
    card.get_by_text(f"{len(action['caveats'])} things to know").click()
    for caveat in action["caveats"]:
        expect(card.get_by_text(caveat)).to_be_visible()
    expect(card).to_contain_text("Source: anthropic.com")
    expect(card).to_contain_text("Text as of 28 Nov 2025")
    expect(card).to_contain_text("Verified 22 Nov 2026")
    expect(card.get_by_role("button", name="This looks wrong")).to_be_visible()
    card.get_by_text(f"{len(action['caveats'])} things to know").click()  # folded again for the picture
    screenshot(page, "card")


def test_the_card_is_reachable_by_keyboard(extension, service, pages):
    record = service.get("/records/anthropic-terms-governing-law")
    page = extension.open(TERMS_URL)
    marker = marker_for(page, record["title"])
    marker.focus()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(marker).to_have_attribute("aria-expanded", "true")
    label_id = card.get_attribute("aria-labelledby")
    expect(card.locator(f"#{label_id}")).to_have_text(record["title"])
    page.keyboard.press("Tab")  # from the marker into its card
    focused = page.evaluate("document.querySelector('termslens-ui').shadowRoot.activeElement.getAttribute('aria-label')")
    assert focused == "Close"
    page.keyboard.press("Escape")
    expect(card).to_have_count(0)
    assert page.evaluate("document.querySelector('termslens-ui').shadowRoot.activeElement?.title") == record["title"]


def test_clicking_a_marker_pins_the_card_and_a_report_is_kept(extension, service, pages):
    record = service.get("/records/anthropic-terms-liability-cap")
    page = extension.open(TERMS_URL)
    marker = marker_for(page, record["title"])
    marker.scroll_into_view_if_needed()
    marker.click()
    card = page.locator(CARD)
    expect(card.locator("h2")).to_have_text(record["title"])
    card.get_by_role("button", name="This looks wrong").click()
    card.get_by_label("What looks wrong?").fill("The cap changed to €200 in the new version.")
    card.get_by_role("button", name="Send report").click()
    expect(card.get_by_role("status").filter(has_text="saved")).to_be_visible()
    reports = service.get("/feedback")["feedback"]
    mine = [r for r in reports if r["record_id"] == record["id"]]
    assert mine and mine[-1]["note"] == "The cap changed to €200 in the new version."
    assert mine[-1]["url"] == TERMS_URL
    assert "our total liability to you" in mine[-1]["exact"]


def test_card_in_dark_mode(extension, pages):
    page = extension.context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto(PRIVACY_URL)
    extension.wait_state(page, "ready")
    point = clause_point(page, "We may use your Inputs and Outputs")
    page.mouse.move(point["x"], point["y"])
    card = page.locator(CARD)
    expect(card).to_be_visible()
    background = card.evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert background == "rgb(31, 33, 38)"
    screenshot(page, "card-dark")
