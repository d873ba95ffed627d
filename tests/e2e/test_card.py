"""The clause card: hovering the highlighted text, or focusing or clicking a marker, shows what the clause
means, why it matters and what you can do, with its source; "this looks wrong" is kept for the maintainer.
The card lives in a closed shadow root: tests read it from the extension's own world and act with the real
mouse and keyboard (tests/e2e/shadow.py)."""

from __future__ import annotations

from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, Query, card_part, marker
from tests.e2e.site import PRIVACY_URL, TERMS_URL


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
    ui = extension.ui(page)
    point = clause_point(page, "We may use Materials")
    page.mouse.move(point["x"], point["y"])
    ui.wait_visible(CARD)
    page.mouse.move(5, 5)  # the pointer leaves: the card goes
    ui.wait_count(CARD, 0)
    page.mouse.move(point["x"], point["y"])
    ui.wait_text(card_part("h2"), record["title"])
    assert ui.attributes(CARD, "role") == ["dialog"]
    assert "High severity" in ui.text(CARD)
    assert ui.text(card_part(".means")) == " ".join(record["means"].split())
    assert ui.text(card_part(".matters")) == " ".join(record["matters"].split())
    action = record["actions"][0]
    ui.wait_visible(card_part("button.action-button", text=action["label"], visible=True))
    things = card_part("summary", text=f"{len(action['caveats'])} things to know")
    ui.click(things)
    for caveat in action["caveats"]:
        ui.wait_visible(card_part(".caveats li", text=" ".join(caveat.split())[:60], visible=True))
    card = ui.text(CARD)
    assert "Source: anthropic.com" in card and "Text as of 28 Nov 2025" in card and "Verified 22 Nov 2026" in card
    ui.wait_visible(card_part("button", name="This looks wrong", visible=True))
    ui.click(things)  # folded again for the picture
    screenshot(page, "card")


def test_the_card_is_reachable_by_keyboard(extension, service, pages):
    record = service.get("/records/anthropic-terms-governing-law")
    page = extension.open(TERMS_URL)
    ui = extension.ui(page)
    ui.focus(marker(record["title"]))
    ui.wait_visible(CARD)
    assert ui.attributes(marker(record["title"]), "aria-expanded") == ["true"]
    label_id = ui.attributes(CARD, "aria-labelledby")[0]
    assert ui.text(Query(f"#{label_id}")) == record["title"]
    page.keyboard.press("Tab")  # from the marker into its card
    assert ui.active_element()["name"] == "Close"
    page.keyboard.press("Escape")
    ui.wait_count(CARD, 0)
    assert ui.active_element()["title"] == record["title"]


def test_clicking_a_marker_pins_the_card_and_a_report_is_kept(extension, service, pages):
    record = service.get("/records/anthropic-terms-liability-cap")
    page = extension.open(TERMS_URL)
    ui = extension.ui(page)
    ui.click(marker(record["title"]))
    ui.wait_text(card_part("h2"), record["title"])
    screenshot(page, "card-pinned")
    ui.click(card_part("button", name="This looks wrong"))
    ui.type_into(card_part("textarea"), "The cap changed to €200 in the new version.")
    ui.click(card_part("button", name="Send report"))
    ui.wait_text(card_part(".status"), "saved")
    reports = service.get("/feedback")["feedback"]
    mine = [r for r in reports if r["record_id"] == record["id"]]
    assert mine and mine[-1]["note"] == "The cap changed to €200 in the new version."
    assert mine[-1]["url"] == TERMS_URL
    assert "our total liability to you" in mine[-1]["exact"]


def test_card_in_dark_mode(extension, pages):
    page = extension.open(PRIVACY_URL, color_scheme="dark")
    ui = extension.ui(page)
    point = clause_point(page, "We may use your Inputs and Outputs")
    page.mouse.move(point["x"], point["y"])
    ui.wait_visible(CARD)
    background = ui.style(CARD, "backgroundColor")
    assert background == "rgb(31, 33, 38)"
    screenshot(page, "card-dark")
