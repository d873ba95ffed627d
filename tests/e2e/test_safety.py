"""Record and page text is data: a record whose title, explanation and action carry HTML shows it as
literal text in the card and the popup, and none of it runs."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.shadow import CARD, MARKERS, card_part
from tests.e2e.site import XSS_MEANS, XSS_TITLE, XSS_URL


def test_markup_in_a_record_shows_as_text(extension, pages):
    page = extension.open(XSS_URL)
    ui = extension.ui(page)
    ui.wait_count(MARKERS, 1)
    ui.click(MARKERS)
    ui.wait_visible(CARD)
    assert ui.text(card_part("h2")) == XSS_TITLE
    assert ui.text(card_part(".means")) == XSS_MEANS
    assert ui.text(card_part(".matters")) == "Partners <u>see</u> what you saved."
    assert ui.text(card_part(".service")) == "Example <i>Widgets</i>"
    ui.wait_visible(card_part("button.action-button", text='<img src=x onerror="window.__termslensXss=4">Stop sharing', visible=True))
    assert ui.count(card_part("img, script, b, u, i")) == 0

    popup = extension.open_popup(page)
    expect(popup.locator(".clause-title")).to_have_text([XSS_TITLE])
    expect(popup.locator("#service-name")).to_have_text("Example <i>Widgets</i>")
    assert popup.locator("main img, main script, main i").count() == 0
    assert page.evaluate("window.__termslensXss") is None
    assert popup.evaluate("window.__termslensXss") is None
