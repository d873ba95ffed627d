"""A terms page of a service no record knows still gets its clauses explained: clause types recognised by the
detector, with the category's explanation, generic advice and how the library's services compare, and the
opt-out the clause itself states turned into an action with its deadline."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.site import UNKNOWN_SERVICE_URL

CARD = "termslens-ui .card"


def test_an_unknown_services_terms_get_generic_clause_cards(extension, service, pages):
    page = extension.open(UNKNOWN_SERVICE_URL)
    highlighted = [text for texts in extension.highlights(page).values() for text in texts]
    assert any("binding, individual arbitration" in text for text in highlighted)
    assert any("opt out" in text.lower() and "30 days" in text for text in highlighted)
    categories = {c["id"]: c for c in service.get("/categories")["categories"]}
    arbitration = categories["arbitration"]

    marker = page.get_by_role("button", name=arbitration["name"]).first
    marker.focus()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator("h2")).to_have_text(arbitration["name"])
    expect(card).to_contain_text("No curated record covers this service")
    expect(card.locator(".means")).to_have_text(arbitration["means"])
    expect(card.locator(".advice li").first).to_have_text(arbitration["advice"][0])
    expect(card).to_contain_text(arbitration["peers"]["summary"])
    screenshot(page, "card-generic")


def test_a_clause_that_states_its_own_opt_out_shows_the_deadline_on_its_card(extension, service, pages):
    """Rovio's terms say how to opt out of arbitration and by when; no record knows Rovio, so the card's
    action comes from the clause itself, with the deadline stated plainly (and no other company's address)."""
    page = extension.open(UNKNOWN_SERVICE_URL)
    sentence = page.get_by_text("To opt out, you must notify Rovio in writing within 30 days")
    sentence.scroll_into_view_if_needed()
    line = sentence.bounding_box()
    markers = page.locator("termslens-ui button.marker")
    beside = [
        markers.nth(k) for k in range(markers.count())
        if abs(markers.nth(k).bounding_box()["y"] - line["y"]) < line["height"]
    ]
    assert len(beside) == 1, "one marker beside the opt-out sentence"
    beside[0].click()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    arbitration = next(c for c in service.get("/categories")["categories"] if c["id"] == "arbitration")
    expect(card.locator("h2")).to_have_text(arbitration["name"])
    deadline = card.locator(".action-meta", has_text="Deadline:")
    expect(deadline).to_have_text("Deadline: 30 days after the date that you first became subject to this arbitration provision")
    expect(deadline).to_be_visible()  # not folded away in the steps
    expect(card).not_to_contain_text("WhatsApp")
    screenshot(page, "card-deadline")


def test_a_generic_clause_can_be_shown_from_the_popup_and_reported(extension, service, pages):
    """Generic clauses have ids like curated ones: the popup scrolls to one, and its card's report is kept
    with its category (there is no record to name)."""
    page = extension.open(UNKNOWN_SERVICE_URL)
    page.evaluate("window.scrollTo(0, 0)")
    arbitration = next(c for c in service.get("/categories")["categories"] if c["id"] == "arbitration")
    popup = extension.open_popup(page)
    popup.locator(".clause", has_text=arbitration["name"]).first.click()
    page.wait_for_function(
        "() => { const f = CSS.highlights.get('termslens-focus'); if (!f) return false;"
        " const box = [...f][0].getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }",
        polling=100,
    )
    flashed = extension.highlights(page)["termslens-focus"][0]
    assert "arbitration" in flashed.lower()

    before = len(service.get("/feedback")["feedback"])
    marker = page.get_by_role("button", name=arbitration["name"]).first
    marker.click()
    card = page.locator(CARD)
    card.get_by_role("button", name="This looks wrong").click()
    card.get_by_label("What looks wrong?").fill("This is not an arbitration clause.")
    card.get_by_role("button", name="Send report").click()
    expect(card.get_by_role("status").filter(has_text="saved")).to_be_visible()
    reports = service.get("/feedback")["feedback"]
    assert len(reports) == before + 1
    assert reports[-1]["record_id"] is None and reports[-1]["category"] == "arbitration"
    assert reports[-1]["note"] == "This is not an arbitration clause."
