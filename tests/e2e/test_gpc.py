"""Global Privacy Control (issue 15): off by default; the option "Send Global Privacy Control" makes every
request carry `Sec-GPC: 1` and pages see `navigator.globalPrivacyControl` as true, and only while it is on.
The local HTTPS test server records each request's headers (tests/e2e/web.py). Data-sale and sharing cards
say whether the signal is sent."""

from __future__ import annotations

from tests.e2e.conftest import open_options, screenshot
from tests.e2e.shadow import CARD, Query, card_part, marker
from tests.e2e.site import PLAIN_URL, PRIVACY_URL

# A second address on the page's site, fetched by the page's own script (a subresource request).
SUBRESOURCE = "https://www.anthropic.com/legal/consumer-terms?from=fetch"


def set_gpc(extension, on: bool) -> None:
    """Switch the option on the options page, as a person would, and wait for the browser to apply it."""
    options = open_options(extension.context)
    if options.is_checked("#gpc") != on:
        options.click("label[for=gpc]")
    options.click("button[type=submit]")
    options.wait_for_selector(f"html[data-options-gpc='{str(on).lower()}']", state="attached")
    if on:
        screenshot(options, "options-gpc")
    options.close()
    extension.worker.evaluate(
        """async (on) => {
          for (let i = 0; i < 50; i += 1) {
            const rules = await chrome.declarativeNetRequest.getDynamicRules();
            const scripts = await chrome.scripting.getRegisteredContentScripts();
            if ((rules.length > 0) === on && (scripts.length > 0) === on) return;
            await new Promise((r) => setTimeout(r, 100));
          }
          throw new Error('GPC state not applied');
        }""",
        on,
    )


def visit(extension, web, url: str):
    """Load `url`, fetch a subresource from its script; the headers of both requests, and the page's
    navigator.globalPrivacyControl as its own scripts see it."""
    start = len(web.seen)
    page = extension.open(url, state=None)
    page.wait_for_load_state()
    page.evaluate("(u) => fetch(u).then((r) => r.text())", SUBRESOURCE)
    seen_by_page = page.evaluate("() => navigator.globalPrivacyControl")
    requests = {u: h for u, h in web.seen[start:]}
    page.close()
    return requests[url.split("#")[0]], requests[SUBRESOURCE], seen_by_page


def test_gpc_is_off_by_default_and_sent_only_while_the_option_is_on(extension, web, pages):
    main, sub, seen = visit(extension, web, PLAIN_URL)
    assert "sec-gpc" not in main and "sec-gpc" not in sub
    assert seen is not True
    set_gpc(extension, True)
    try:
        main, sub, seen = visit(extension, web, PLAIN_URL)
        assert main.get("sec-gpc") == "1" and sub.get("sec-gpc") == "1"
        assert seen is True
    finally:
        set_gpc(extension, False)
    main, sub, seen = visit(extension, web, PLAIN_URL)
    assert "sec-gpc" not in main and "sec-gpc" not in sub
    assert seen is not True


def test_a_data_sharing_card_says_whether_gpc_is_sent(extension, service, pages):
    record = service.get("/records/anthropic-privacy-third-party-integrations")
    gpc = Query(".card .gpc")

    def card_gpc_text() -> str:
        page = extension.open(PRIVACY_URL)
        ui = extension.ui(page)
        ui.click(marker(record["title"]))
        ui.wait_visible(CARD)
        text = ui.text(gpc)
        ui.box(gpc)  # scrolled into view for the screenshot
        screenshot(page, "card-gpc")
        page.close()
        return text

    assert "This browser does not send the Global Privacy Control signal" in card_gpc_text()
    set_gpc(extension, True)
    try:
        text = card_gpc_text()
        assert "This browser sends the Global Privacy Control signal (Sec-GPC: 1)" in text
        assert "California, Colorado" in text
    finally:
        set_gpc(extension, False)
    # A clause of another kind has no GPC section.
    page = extension.open(PRIVACY_URL)
    ui = extension.ui(page)
    training = service.get("/records/anthropic-privacy-model-training")
    ui.click(marker(training["title"]))
    ui.wait_visible(card_part("h2", text=training["title"]))
    assert ui.count(gpc) == 0
