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
