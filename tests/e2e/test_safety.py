"""Record and page text is data: a record whose title, explanation and action carry HTML shows it as
literal text in the card and the popup, and none of it runs."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.site import XSS_MEANS, XSS_TITLE, XSS_URL
from tests.e2e.test_card import CARD


def test_markup_in_a_record_shows_as_text(extension, pages):
    page = extension.open(XSS_URL)
    marker = page.locator("termslens-ui .marker")
    expect(marker).to_have_count(1)
    marker.click()
    card = page.locator(CARD)
    expect(card.locator("h2")).to_have_text(XSS_TITLE)
    expect(card.locator(".means")).to_have_text(XSS_MEANS)
    expect(card.locator(".matters")).to_have_text("Partners <u>see</u> what you saved.")
    expect(card.locator(".service")).to_have_text("Example <i>Widgets</i>")
    expect(card.get_by_role("button", name='<img src=x onerror="window.__termslensXss=4">Stop sharing')).to_be_visible()
    assert card.locator("img, script, b, u, i").count() == 0

    popup = extension.open_popup(page)
    expect(popup.locator(".clause-title")).to_have_text([XSS_TITLE])
    expect(popup.locator("#service-name")).to_have_text("Example <i>Widgets</i>")
    assert popup.locator("main img, main script, main i").count() == 0
    assert page.evaluate("window.__termslensXss") is None
    assert popup.evaluate("window.__termslensXss") is None
