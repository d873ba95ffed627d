"""The toolbar popup: the page summed up, its clauses in page order (click: the page scrolls to the clause
and flashes it), the service's opt-outs, "Analyse this page", and a plain message when the service is down."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import EXTENSION_URL, Service, screenshot
from tests.e2e.site import PLAIN_URL, TERMS_URL


def marker_titles_in_page_order(extension, page) -> list[str]:
    return extension.ui(page).evaluate(
        """(ui) => [...ui.root().querySelectorAll('.marker')]
             .map((m) => ({title: m.title, top: parseFloat(m.style.top), number: +m.dataset.number}))
             .sort((a, b) => a.top - b.top || a.number - b.number).map((m) => m.title)"""
    )


def marker_ids(extension, page) -> set[str]:
    """The clauses that have a marker of their own (a cluster's marker stands for one of its clauses)."""
    return set(extension.ui(page).evaluate("(ui) => [...ui.root().querySelectorAll('.marker')].map((m) => m.dataset.id)"))


def test_popup_sums_up_the_page_and_lists_its_clauses_in_page_order(extension, service, pages):
    page = extension.open(TERMS_URL)
    popup = extension.open_popup(page)
    expect(popup.locator("#service-name")).to_have_text("Claude (Anthropic)")
    listed = popup.locator(".clause").evaluate_all(
        "(c) => c.map((e) => ({id: e.dataset.id, title: e.querySelector('.clause-title').textContent}))"
    )
    with_marker = marker_ids(extension, page)
    assert [c["title"] for c in listed if c["id"] in with_marker] == marker_titles_in_page_order(extension, page)
    highlights = extension.highlights(page)
    for severity in ("high", "medium", "low"):
        count = int(popup.locator(f".chip[data-severity='{severity}'] .count").text_content())
        assert count == len(highlights.get(f"termslens-{severity}", []))
    # The toolbar badge counts the high-severity clauses.
    tab_id = extension.tab_id(page)
    badge = extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id)
    assert badge == str(len(highlights["termslens-high"]))
    opt_out = popup.locator(".action.opt-out").first
    expect(opt_out).to_contain_text("Turn off model training")
    expect(popup.get_by_role("button", name="Analyse again")).to_be_visible()
    screenshot(popup.locator("body"), "popup")


def test_clicking_a_clause_in_the_popup_scrolls_to_it_and_flashes_it(extension, service, pages):
    law = service.get("/records/anthropic-terms-governing-law")
    page = extension.open(TERMS_URL)
    page.evaluate("window.scrollTo(0, 0)")
    popup = extension.open_popup(page)
    popup.locator("#show-all").click()  # the whole list is shown on demand, below the digest
    popup.locator(".clause", has_text=law["title"]).click()
    # Polling by interval: the page is a background tab, where animation frames do not run.
    page.wait_for_function(
        """() => {
          const focus = CSS.highlights.get('termslens-focus');
          if (!focus) return false;
          const box = [...focus][0].getBoundingClientRect();
          return box.top >= 0 && box.bottom <= innerHeight;
        }""",
        polling=100,
    )
    flashed = extension.highlights(page)["termslens-focus"]
    assert [" ".join(t.split()) for t in flashed] == [" ".join(law["quote"].split())]
    assert page.evaluate("window.scrollY") > 1000


def test_analyse_this_page_reads_a_page_on_request(extension, service, pages):
    law = service.get("/records/anthropic-terms-governing-law")
    page = extension.open(PLAIN_URL, state="idle")
    popup = extension.open_popup(page)
    expect(popup.locator(".empty")).to_contain_text("To read this page too, analyse it")
    popup.get_by_role("button", name="Analyse this page").click()
    extension.wait_state(page, "ready")
    expect(popup.locator(".digest-title", has_text=law["title"])).to_be_visible()
    texts = [" ".join(t.split()) for t in extension.highlights(page)["termslens-low"]]
    assert " ".join(law["quote"].split()) in texts


def test_popup_explains_how_to_start_the_service_when_it_is_not_running(extension, pages, tmp_path: Path):
    stopped = Service(tmp_path / "stopped", []).start()
    extension.set_port(stopped.port)
    try:
        stopped.stop()
        page = extension.open(TERMS_URL, state="offline")
        assert extension.highlights(page) == {}
        popup = extension.open_popup(page)
        alert = popup.get_by_role("alert")
        expect(alert).to_contain_text("TermsLens isn't running")
        expect(popup.locator("#start-command")).to_have_text(f"termslens serve --port {stopped.port}")
        expect(alert.get_by_role("button", name="Check again")).to_be_visible()
        screenshot(popup.locator("body"), "popup-offline")
        tab_id = extension.tab_id(page)
        assert extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id) == "!"
    finally:
        extension.set_port(extension.service.port)


def test_the_worker_drops_malformed_and_misdirected_messages(extension, pages):
    popup = extension.context.new_page()
    popup.goto(f"{EXTENSION_URL}/popup/popup.html")
    replies = popup.evaluate(
        """async () => Promise.all([
          chrome.runtime.sendMessage({type: 'analyzePage', url: 'https://x.test/', title: '', text: 'a', trigger: 'auto'}),
          chrome.runtime.sendMessage({type: 'getTabSummary', tabId: '1; drop'}),
          chrome.runtime.sendMessage({type: 'setOptions', port: 70000, autoAnalyze: true}),
          chrome.runtime.sendMessage({type: 'getOptions', extra: 1}),
          chrome.runtime.sendMessage({type: 'noSuchType'}),
        ])"""
    )
    assert all(reply["ok"] is False and reply["error"]["code"] == "invalid_message" for reply in replies), replies
