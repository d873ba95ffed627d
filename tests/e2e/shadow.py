"""The extension's UI inside its closed shadow root, as the tests reach it: read from the content script's own
isolated world (over the Chrome DevTools Protocol), where `chrome.dom.openOrClosedShadowRoot` returns the root,
and acted on with Playwright's real mouse and keyboard, whose events are trusted like a person's.

Neither route is open to a web page: it cannot enter the extension's world, and `host.shadowRoot` is null in
its own. Playwright's locators do not pierce closed roots, hence this helper; there is no test hook in the
extension itself.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass

EXTENSION_NAME = "TermsLens"
WAIT_MS = 15_000
POLL_MS = 50

# Runs in the isolated world: finds elements of the closed root by CSS selector, text and accessible name.
FINDER = r"""
(() => {
  const root = () => {
    const host = document.querySelector('termslens-ui');
    return host ? chrome.dom.openOrClosedShadowRoot(host) : null;
  };
  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const name = (e) => squash(e.getAttribute('aria-label') || e.textContent);
  const visible = (e) => {
    if (!e.isConnected || e.closest('[hidden]')) return false;
    const style = getComputedStyle(e);
    if (style.visibility !== 'visible' || style.display === 'none') return false;
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const all = (q) => {
    const r = root();
    if (!r) return [];
    let found = [...r.querySelectorAll(q.selector)];
    if (q.text !== null) found = found.filter((e) => squash(e.textContent).includes(q.text));
    if (q.name !== null) found = found.filter((e) => name(e) === q.name);
    if (q.name_re !== null) found = found.filter((e) => new RegExp(q.name_re).test(name(e)));
    if (q.visible) found = found.filter(visible);
    return found;
  };
  const one = (q) => all(q)[q.nth];
  return { root, all, one, name, squash, visible };
})()
"""


@dataclass(frozen=True)
class Query:
    """Which elements of the root: a CSS selector, optionally narrowed by text (a substring of their text),
    accessible name (exact, or a regular expression), visibility, and which of them (`nth`)."""

    selector: str
    text: str | None = None
    name: str | None = None
    name_re: str | None = None
    visible: bool = False
    nth: int = 0


class ShadowUi:
    """The extension's UI on one page (see the module docstring)."""

    def __init__(self, page):
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.contexts: dict[int, dict] = {}
        self.cdp.on("Runtime.executionContextCreated", lambda event: self._created(event["context"]))
        self.cdp.on("Runtime.executionContextDestroyed", lambda event: self.contexts.pop(event["executionContextId"], None))
        self.cdp.on("Runtime.executionContextsCleared", lambda event: self.contexts.clear())
        self.cdp.send("Runtime.enable")

    def _created(self, context: dict) -> None:
        aux = context.get("auxData", {})
        if aux.get("type") == "isolated" and context.get("name") == EXTENSION_NAME:
            self.contexts[context["id"]] = context

    def _context_id(self) -> int:
        main = self.cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            ours = [cid for cid, c in self.contexts.items() if c["auxData"].get("frameId") == main]
            if ours:
                return max(ours)
            if time.monotonic() > deadline:
                raise AssertionError("the extension's content script world is not in the page")
            self.page.wait_for_timeout(POLL_MS)  # lets Playwright deliver the context events

    def evaluate(self, body: str, arg=None):
        """Run `body` (a JS function `(ui, arg) => …`, `ui` the finder above) in the extension's world."""
        expression = f"({body})({FINDER}, {json.dumps(arg)})"
        answer = self.cdp.send(
            "Runtime.evaluate",
            {"expression": expression, "contextId": self._context_id(), "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in answer:
            raise AssertionError(answer["exceptionDetails"].get("exception", {}).get("description", answer["exceptionDetails"]))
        return answer["result"].get("value")

    # ---- reading -----------------------------------------------------------------------------------------

    def count(self, query: Query) -> int:
        return self.evaluate("(ui, q) => ui.all(q).length", query.__dict__)

    def texts(self, query: Query) -> list[str]:
        return self.evaluate("(ui, q) => ui.all(q).map((e) => ui.squash(e.textContent))", query.__dict__)

    def attributes(self, query: Query, attribute: str) -> list[str | None]:
        return self.evaluate("(ui, [q, a]) => ui.all(q).map((e) => e.getAttribute(a))", [query.__dict__, attribute])

    def text(self, query: Query) -> str:
        found = self.evaluate("(ui, q) => { const e = ui.one(q); return e ? ui.squash(e.textContent) : null; }", query.__dict__)
        assert found is not None, f"no element for {query}"
        return found

    def box(self, query: Query) -> dict:
        """The element's box in the viewport, scrolled into view if it was out of it, once the layout has
        settled (scrolling moves the markers and may move the open card, a frame later). The page is brought
        to the front first: a background tab runs no animation frames."""
        self.page.bring_to_front()
        box = self.evaluate(
            """async (ui, q) => {
              const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
              const rect = (e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; };
              // In view means hit: the point a click would land on is the element (not clipped by the card's
              // own scrolling, not under another element).
              const hit = (e, r) => {
                const x = r.x + r.width / 2;
                const y = r.y + r.height / 2;
                if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
                const top = ui.root().elementFromPoint(x, y);
                return Boolean(top && (top === e || e.contains(top)));
              };
              let last = null;
              for (let round = 0; round < 10; round += 1) {
                const e = ui.one(q);
                if (!e) return null;
                const now = rect(e);
                const ok = hit(e, now);
                if (!ok) e.scrollIntoView({block: 'center', inline: 'nearest'});
                else if (last && JSON.stringify(last) === JSON.stringify(now)) return now;
                last = ok ? now : null;
                await frame();
              }
              return last;
            }""",
            query.__dict__,
        )
        assert box is not None, f"no element for {query}"
        return box

    def boxes(self, query: Query) -> list[dict]:
        """The viewport boxes of every matching element, as they are (no scrolling)."""
        return self.evaluate(
            "(ui, q) => ui.all(q).map((e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; })",
            query.__dict__,
        )

    def style(self, query: Query, property_name: str) -> str:
        return self.evaluate("(ui, [q, p]) => getComputedStyle(ui.one(q))[p]", [query.__dict__, property_name])

    def active_element(self) -> dict | None:
        """The focused element inside the root: its accessible name and title."""
        return self.evaluate(
            "(ui) => { const e = ui.root()?.activeElement; return e ? {name: ui.name(e), title: e.title} : null; }"
        )

    # ---- waiting (on the UI's state, never on time) ---------------------------------------------------------

    def wait_for(self, predicate: str, arg=None, *, timeout_ms: int = WAIT_MS, what: str = ""):
        """Poll `predicate` (a JS `(ui, arg) => value`) until it returns something truthy; return that."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            value = self.evaluate(predicate, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                ui_text = self.evaluate("(ui) => ui.squash(ui.root()?.textContent ?? '')")
                raise AssertionError(f"timed out waiting for {what or predicate}; the UI shows: {ui_text[:600]}")
            self.page.wait_for_timeout(POLL_MS)

    def wait_count(self, query: Query, count: int) -> None:
        self.wait_for("(ui, [q, n]) => ui.all(q).length === n", [query.__dict__, count], what=f"{count} × {query}")

    def wait_visible(self, query: Query) -> None:
        self.wait_for("(ui, q) => { const e = ui.one(q); return e && ui.visible(e); }", query.__dict__, what=f"visible {query}")

    def wait_text(self, query: Query, text: str) -> None:
        self.wait_for(
            "(ui, [q, t]) => ui.all(q).some((e) => ui.squash(e.textContent).includes(t))",
            [query.__dict__, text],
            what=f"{text!r} in {query}",
        )

    # ---- acting as a person (trusted events) ---------------------------------------------------------------

    def click(self, query: Query) -> None:
        box = self.box(query)
        self.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def hover(self, query: Query) -> None:
        box = self.box(query)
        self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def focus(self, query: Query) -> None:
        """Keyboard focus on the element (what Tab would do; focus events are the browser's own)."""
        assert self.evaluate("(ui, q) => { const e = ui.one(q); e?.focus(); return Boolean(e); }", query.__dict__), query

    def type_into(self, query: Query, text: str) -> None:
        self.click(query)
        self.page.keyboard.type(text)


# Queries the tests share.
MARKERS = Query(".marker")
CARD = Query(".card")


def marker(title: str) -> Query:
    """The marker of the clause titled `title` (its accessible name ends with the title)."""
    return Query(".marker", name_re=re.escape(title) + "$")


def card_part(selector: str, **narrow) -> Query:
    return Query(f".card {selector}", **narrow)


def open_card(extension, page, title: str) -> ShadowUi:
    """Click the marker of the clause titled `title` on `page` and wait for its card; the page's UI."""
    ui = extension.ui(page)
    ui.click(marker(title))
    ui.wait_visible(CARD)
    return ui


def press_card_action(extension, ui: ShadowUi, label: str):
    """Press the open card's action button labelled `label`; the tab it opens, loaded."""
    with extension.context.expect_page() as opened:
        ui.click(card_part("button.action-button", text=label))
    tab = opened.value
    tab.wait_for_load_state()
    return tab
