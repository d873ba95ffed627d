"""Keyboard first: the clauses are the first Tab stops of a terms page (121 presses before, issue 14); the
shortcut (manifest `commands`) focuses the lead clause; from a focused clause the arrow keys (and j/k) move
to the next and previous one, with its card; choosing a clause in the popup puts the focus on it."""

from __future__ import annotations

from tests.e2e.conftest import ARTIFACTS, screenshot
from tests.e2e.shadow import CARD
from tests.e2e.site import TERMS_URL

MAX_TAB_PRESSES = 200

# The markers in page order (their number) with their severity, from the extension's world.
MARKERS = """(ui) => [...ui.root().querySelectorAll('.marker')]
  .map((m) => ({title: m.title, number: +m.dataset.number, severity: m.dataset.severity}))
  .sort((a, b) => a.number - b.number)"""


def focused_marker(ui) -> str | None:
    return ui.evaluate("(ui) => { const e = ui.root()?.activeElement; return e?.classList.contains('marker') ? e.title : null; }")


def test_the_first_clause_is_a_few_tab_presses_away(extension, pages):
    page = extension.open(TERMS_URL)
    page.bring_to_front()
    ui = extension.ui(page)
    presses = 0
    while presses < MAX_TAB_PRESSES:
        page.keyboard.press("Tab")
        presses += 1
        if focused_marker(ui):
            break
    (ARTIFACTS / "tab-presses.txt").write_text(f"Tab presses to the first clause on {TERMS_URL}: {presses}\n")
    assert focused_marker(ui) == ui.evaluate(MARKERS)[0]["title"]
    assert presses <= 3, presses


def test_the_shortcut_focuses_the_lead_clause_and_arrows_move_on(extension, pages):
    commands = extension.worker.evaluate("chrome.commands.getAll()")
    command = next(c for c in commands if c["name"] == "focus-first-clause")
    assert command["shortcut"] == "Alt+Shift+L"
    page = extension.open(TERMS_URL)
    ui = extension.ui(page)
    tab_id = extension.tab_id(page)
    # What the worker sends when the shortcut is pressed (a browser shortcut cannot be pressed in a page).
    reply = extension.worker.evaluate("(tabId) => chrome.tabs.sendMessage(tabId, {type: 'focusClause'}, {frameId: 0})", tab_id)
    assert reply["ok"], reply
    markers = ui.evaluate(MARKERS)
    lead = next(m for m in markers if m["severity"] == "high")
    assert focused_marker(ui) == lead["title"]
    ui.wait_visible(CARD)
    screenshot(page, "keyboard-first-clause")
    index = [m["title"] for m in markers].index(lead["title"])
    page.keyboard.press("ArrowDown")
    assert focused_marker(ui) == markers[index + 1]["title"]
    ui.wait_text(CARD, markers[index + 1]["title"])
    page.keyboard.press("k")
    assert focused_marker(ui) == lead["title"]
    page.keyboard.press("End")
    assert focused_marker(ui) == markers[-1]["title"]
    page.keyboard.press("Escape")
    ui.wait_count(CARD, 0)


def test_choosing_a_clause_in_the_popup_focuses_it_on_the_page(extension, service, pages):
    law = service.get("/records/anthropic-terms-governing-law")
    page = extension.open(TERMS_URL)
    popup = extension.open_popup(page)
    popup.locator("#show-all").click()  # the popup opens with the digest; every clause is one click away
    popup.locator(".clause", has_text=law["title"]).click()
    ui = extension.ui(page)
    ui.wait_for("(ui, t) => ui.root()?.activeElement?.title === t", law["title"], what="the clause's marker to be focused")
