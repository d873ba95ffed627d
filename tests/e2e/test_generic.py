"""A terms page of a service no record knows still gets its clauses explained: clause types recognised by the
detector, with the category's explanation, generic advice and how the library's services compare, and the
opt-out the clause itself states turned into an action with its deadline."""

from __future__ import annotations

import dataclasses
import re

from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, MARKERS, Query, card_part
from tests.e2e.site import UNKNOWN_SERVICE_URL


def category(service, category_id: str) -> dict:
    return next(c for c in service.get("/categories")["categories"] if c["id"] == category_id)


def test_an_unknown_services_terms_get_generic_clause_cards(extension, service, pages):
    page = extension.open(UNKNOWN_SERVICE_URL)
    highlighted = [text for texts in extension.highlights(page).values() for text in texts]
    assert any("binding, individual arbitration" in text for text in highlighted)
    assert any("opt out" in text.lower() and "30 days" in text for text in highlighted)
    arbitration = category(service, "arbitration")

    ui = extension.ui(page)
    ui.focus(Query(".marker", name_re=re.escape(arbitration["name"]) + "$"))
    ui.wait_visible(CARD)
    assert ui.text(card_part("h2")) == arbitration["name"]
    assert "No curated record covers this service" in ui.text(CARD)
    assert ui.text(card_part(".means")) == " ".join(arbitration["means"].split())
    assert ui.texts(card_part(".advice li"))[0] == " ".join(arbitration["advice"][0].split())
    assert " ".join(arbitration["peers"]["summary"].split()) in ui.text(CARD)
    screenshot(page, "card-generic")


def test_a_clause_that_states_its_own_opt_out_shows_the_deadline_on_its_card(extension, service, pages):
    """Rovio's terms say how to opt out of arbitration and by when; no record knows Rovio, so the card's
    action comes from the clause itself, with the deadline stated plainly (and no other company's address)."""
    page = extension.open(UNKNOWN_SERVICE_URL)
    ui = extension.ui(page)
    sentence = page.get_by_text("To opt out, you must notify Rovio in writing within 30 days")
    sentence.scroll_into_view_if_needed()
    line = sentence.bounding_box()
    ui.wait_visible(dataclasses.replace(MARKERS, visible=True))
    beside = [k for k, box in enumerate(ui.boxes(MARKERS)) if abs(box["y"] - line["y"]) < line["height"]]
    assert len(beside) == 1, "one marker beside the opt-out sentence"
    ui.click(dataclasses.replace(MARKERS, nth=beside[0]))
    ui.wait_visible(CARD)
    assert ui.text(card_part("h2")) == category(service, "arbitration")["name"]
    deadline = card_part(".action-meta", text="Deadline:")
    assert ui.text(deadline) == "Deadline: 30 days after the date that you first became subject to this arbitration provision"
    ui.wait_visible(dataclasses.replace(deadline, visible=True))  # not folded away in the steps
    assert "WhatsApp" not in ui.text(CARD)
    screenshot(page, "card-deadline")


def test_a_generic_clause_can_be_shown_from_the_popup_and_reported(extension, service, pages):
    """Generic clauses have ids like curated ones: the popup scrolls to one, and its card's report is kept
    with its category (there is no record to name)."""
    page = extension.open(UNKNOWN_SERVICE_URL)
    page.evaluate("window.scrollTo(0, 0)")
    arbitration = category(service, "arbitration")
    popup = extension.open_popup(page)
    popup.locator("#show-all").click()
    popup.locator(".clause", has_text=arbitration["name"]).first.click()
    page.wait_for_function(
        "() => { const f = CSS.highlights.get('termslens-focus'); if (!f) return false;"
        " const box = [...f][0].getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }",
        polling=100,
    )
    flashed = extension.highlights(page)["termslens-focus"][0]
    assert "arbitration" in flashed.lower()

    before = len(service.get("/feedback")["feedback"])
    ui = extension.ui(page)
    ui.click(Query(".marker", name_re=re.escape(arbitration["name"]) + "$"))
    ui.wait_visible(CARD)
    ui.click(card_part("button", name="This looks wrong"))
    ui.type_into(card_part("textarea"), "This is not an arbitration clause.")
    ui.click(card_part("button", name="Send report"))
    ui.wait_text(card_part(".status"), "saved")
    reports = service.get("/feedback")["feedback"]
    assert len(reports) == before + 1
    assert reports[-1]["record_id"] is None and reports[-1]["category"] == "arbitration"
    assert reports[-1]["note"] == "This is not an arbitration clause."
