"""Issue 10's attacks, replayed: a hostile terms page that tries to read the extension's cards and to drive its
UI (reports, a phishing action), a compromised content script that floods the worker, a page that changes
itself every 300 ms, and a service too busy to answer. Each test states what the attacker got: nothing, or no
more than the limit."""

from __future__ import annotations

import math
from contextlib import contextmanager

import pytest

from tests.e2e.shadow import CARD, MARKERS, Query, card_part
from tests.e2e.site import CHURN_URL, HOSTILE_URL, PHISH_URL, TERMS_URL
from tests.e2e.stubs import BusyService, CountingProxy

# The worker's limits (extension/lib/constants.js RATE_LIMITS) and re-analysis cap (REANALYZE_MIN_INTERVAL_MS).
REPORTS_PER_MINUTE = 3
ACTIONS_PER_MINUTE = 4
REANALYZE_MIN_INTERVAL_S = 5

ARBITRATION = Query(".marker", name_re="Arbitration instead of court$")
PHISH_BUTTON = card_part("button.action-button", text="phish.example.net")


@contextmanager
def service_on(extension, port: int):
    """The extension talks to the service on `port` for the duration, then to the real one again."""
    extension.set_port(port)
    try:
        yield
    finally:
        extension.set_port(extension.service.port)


def tab_count(extension) -> int:
    return extension.worker.evaluate("async () => (await chrome.tabs.query({})).length")


def feedback_count(service) -> int:
    return len(service.get("/feedback")["feedback"])


def open_hostile(extension):
    page = extension.open(HOSTILE_URL)
    ui = extension.ui(page)
    ui.wait_visible(Query(".marker", visible=True))
    return page, ui


def test_a_hostile_page_cannot_read_the_cards(extension, pages):
    page, ui = open_hostile(extension)
    ui.click(ARBITRATION)  # a person opens a card: now there is something to read
    ui.wait_visible(PHISH_BUTTON)
    secrets = [t for t in ui.attributes(MARKERS, "title") if t] + ui.texts(card_part("h2")) + ui.texts(card_part(".means"))
    assert len(secrets) > 3

    got = page.evaluate("attack.read()")
    assert got["hostFound"] is True  # the page sees that the extension is there…
    assert got["shadowRoot"] is False  # …but host.shadowRoot is null
    assert got["captured"] == 0  # patching attachShadow in the page's world hands it nothing
    assert got["childElements"] == 0
    assert got["pointsOverExtension"] > 0  # it can tell where the markers are, not what they say
    for secret in secrets:
        assert secret not in got["text"], f"the page read {secret!r}"


def test_a_hostile_page_cannot_open_cards_report_or_open_actions(extension, service, web, pages):
    page, ui = open_hostile(extension)
    reports, tabs = feedback_count(service), tab_count(extension)

    driven = page.evaluate("attack.drive()")  # synthetic pointer, mouse and key events on every spot it found
    assert driven["events"] > 100
    assert ui.count(CARD) == 0, "synthetic events opened a card"

    # A card a person opened (and pinned) is not closed by the page's synthetic Escape or pointerdown either.
    ui.click(ARBITRATION)
    ui.wait_visible(PHISH_BUTTON)
    page.evaluate("attack.drive()")
    assert ui.count(CARD) == 1

    # Even holding the elements (as only the extension's own world can), script clicks do nothing: untrusted.
    acted = ui.evaluate(
        """(ui) => {
          const q = (selector, text = null) => ui.one({selector, text, name: null, name_re: null, visible: false, nth: 0});
          q('.card .report-toggle').click();
          const form = q('.card form.report');
          form.hidden = false;
          q('.card textarea').value = 'forged report';
          for (let i = 0; i < 10; i += 1) q('.card .report .action-button').click();
          form.requestSubmit();
          q('.card button.action-button', 'phish.example.net').click();
          q('.marker').click();
          return {status: q('.card .status')?.textContent ?? ''};
        }"""
    )
    assert acted["status"] == ""  # no "Saving…": the report was never sent
    assert feedback_count(service) == reports
    assert tab_count(extension) == tabs
    assert not any(url.startswith(PHISH_URL) for url in web.requests)

    # The person's own click still works.
    with extension.context.expect_page() as opened:
        ui.click(PHISH_BUTTON)
    assert opened.value.url.startswith(PHISH_URL)


def test_a_compromised_content_script_is_held_to_its_limits(extension, service, pages):
    """The worker does not trust the content script further than it must: it names clauses and actions only
    by id and key, opens only the stored link of an action it holds, and rate-limits reports and actions."""
    page, ui = open_hostile(extension)
    reports, tabs = feedback_count(service), tab_count(extension)
    replies = ui.evaluate(
        """async (ui, phish) => {
          const {MSG} = await import(chrome.runtime.getURL('lib/messages.js'));
          const send = (m) => chrome.runtime.sendMessage(m);
          const id = ui.one({selector: '.marker', text: null, name: null, name_re: 'Arbitration instead of court$', visible: false, nth: 0}).dataset.id;
          const out = {reports: [], forged: [], opened: []};
          for (let i = 0; i < 10; i += 1) out.reports.push(await send({type: MSG.REPORT_PROBLEM, id, note: `flood ${i}`}));
          out.forged.push(await send({type: MSG.OPEN_ACTION, source: 'annotation', id, action: 'opt-out:00000000'}));
          out.forged.push(await send({type: MSG.OPEN_ACTION, source: 'annotation', id, action: 'opt-out:00000000', url: phish}));
          out.forged.push(await send({type: MSG.OPEN_ACTION, source: 'annotation', id: 0, action: 'opt-out:00000000'}));
          out.forged.push(await send({type: MSG.OPEN_ACTION, source: 'site', id: 'anthropic-terms-model-training', action: 'opt-out:00000000'}));
          return out;
        }""",
        PHISH_URL,
    )
    stored = [r for r in replies["reports"] if r["ok"]]
    assert len(stored) == REPORTS_PER_MINUTE
    assert {r["error"]["code"] for r in replies["reports"] if not r["ok"]} == {"rate_limited"}
    assert feedback_count(service) == reports + REPORTS_PER_MINUTE
    assert [r["ok"] for r in replies["forged"]] == [False, False, False, False]
    assert [r["error"]["code"] for r in replies["forged"][1:3]] == ["invalid_message", "invalid_message"]
    assert tab_count(extension) == tabs



def test_a_compromised_content_script_opens_an_action_no_more_than_the_limit(extension, pages):
    """Even the action's own key, sent again and again, opens its stored link at most ACTIONS_PER_MINUTE times."""
    page, ui = open_hostile(extension)
    ui.click(ARBITRATION)
    ui.wait_visible(PHISH_BUTTON)
    tabs = tab_count(extension)
    replies = ui.evaluate(
        """async (ui) => {
          const {MSG} = await import(chrome.runtime.getURL('lib/messages.js'));
          const marker = ui.one({selector: '.marker', text: null, name: null, name_re: 'Arbitration instead of court$', visible: false, nth: 0});
          const button = ui.one({selector: '.card button.action-button', text: 'phish.example.net', name: null, name_re: null, visible: false, nth: 0});
          const action = button.dataset.actionKey;
          const out = [];
          for (let i = 0; i < 8; i += 1) out.push(await chrome.runtime.sendMessage({type: MSG.OPEN_ACTION, source: 'annotation', id: marker.dataset.id, action}));
          return out;
        }"""
    )
    assert [r["ok"] for r in replies] == [True] * ACTIONS_PER_MINUTE + [False] * (8 - ACTIONS_PER_MINUTE)
    assert tab_count(extension) == tabs + ACTIONS_PER_MINUTE


@pytest.mark.parametrize(("mode", "changes"), [("word", 20), ("paragraph", 30)])
def test_a_page_that_changes_every_300_ms_is_not_analysed_every_time(extension, service, pages, mode, changes):
    """One word swapped every 300 ms is no material change: no analysis after the first. A paragraph
    rewritten every 300 ms is, and is analysed again, but at most once per REANALYZE_MIN_INTERVAL_S."""
    with CountingProxy(service.port) as proxy, service_on(extension, proxy.port):
        page = extension.open(f"{CHURN_URL}?mode={mode}")
        page.wait_for_function("(n) => window.__changes >= n", arg=changes, polling=100, timeout=30_000)
        elapsed = page.evaluate("(performance.now() - window.__startedAt) / 1000") + 0.3
        analyses = proxy.analyses()
    if mode == "word":
        assert analyses == 1
    else:
        assert 2 <= analyses <= 1 + math.ceil(elapsed / REANALYZE_MIN_INTERVAL_S), (analyses, elapsed)


def test_a_busy_service_is_busy_not_dead(extension, pages):
    with BusyService() as busy, service_on(extension, busy.port):
        page = extension.open(TERMS_URL, state="busy")
        # The worker retried the analysis with back-off (1 + BUSY_RETRY.retries tries) before giving up for now.
        assert busy.count("POST", "/api/v1/analyze") == 3
        assert extension.highlights(page) == {}
        popup = extension.open_popup(page)
        assert popup.evaluate("document.documentElement.dataset.popupState") == "busy"
        status = popup.get_by_role("status").first
        assert "TermsLens is busy, retrying…" in status.inner_text()
        assert "isn't running" not in popup.locator("main").inner_text()
        tab_id = extension.tab_id(page)
        assert extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id) == "…"
        health_checks = busy.count("GET", "/api/v1/health")
    # Once the service answers again, the popup's own retry finds it (no reload).
    popup.wait_for_selector("html[data-popup-state='ready']", state="attached", timeout=20_000)
    assert health_checks >= 1
