"""Markers and cards never hide text: on a page with no margin and in a 700 px window every marker sits in
free space (margin, the gap above a line, the end of a short line), covering no text, highlighted or not;
an opened card covers none of its clause and keeps its head and buttons on screen, the "This looks wrong"
form included."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, Query, card_part
from tests.e2e.site import NO_MARGIN_URL, SPOTIFY_NO_MARGIN_URL, TERMS_URL

# Runs in the extension's isolated world: every marker in the window, and the text rectangles it overlaps
# (the page's text nodes line by line; the highlighted clauses' own rectangles among them).
OVERLAPS = """async (ui) => {
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const host = document.querySelector('termslens-ui');
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || host.contains(node)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) texts.push({r, text: node.data.trim().slice(0, 40)});
  }
  const markers = [...ui.root().querySelectorAll('.marker')].filter((m) => !m.hidden).map((m) => m.getBoundingClientRect())
    .filter((b) => b.bottom > 0 && b.top < innerHeight);
  const hit = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const bad = [];
  for (const m of markers) for (const t of texts) if (hit(m, t.r)) bad.push({marker: [m.left, m.top], text: t.text});
  const offscreen = markers.filter((m) => m.left < 0 || m.right > document.documentElement.clientWidth).length;
  return {markers: markers.length, overlaps: bad, offscreen};
}"""


def check_markers_in_view(extension, page, positions: list[int]) -> int:
    ui = extension.ui(page)
    seen = 0
    for y in positions:
        page.evaluate(f"window.scrollTo(0, {y})")
        result = ui.evaluate(OVERLAPS)
        assert result["overlaps"] == [], f"at scroll {y}: markers over text {result['overlaps'][:5]}"
        assert result["offscreen"] == 0
        seen += result["markers"]
    return seen


def scroll_positions(page, count: int = 8) -> list[int]:
    height = page.evaluate("document.documentElement.scrollHeight - innerHeight")
    return [round(height * k / (count - 1)) for k in range(count)]


@pytest.mark.parametrize("url", [NO_MARGIN_URL, SPOTIFY_NO_MARGIN_URL])
def test_no_marker_covers_text_on_a_page_without_margin(extension, pages, url):
    page = extension.open(url)
    assert page.evaluate("document.querySelector('main').getBoundingClientRect().left") == 0
    seen = check_markers_in_view(extension, page, scroll_positions(page, 12))
    assert seen >= 10, "too few markers in view to tell anything"
    if url == NO_MARGIN_URL:
        page.evaluate("window.scrollTo(0, 0)")
        extension.ui(page).evaluate(OVERLAPS)
        screenshot(page, "no-margin")


@pytest.mark.parametrize("url", [TERMS_URL, NO_MARGIN_URL])
def test_no_marker_covers_text_in_a_700px_window(extension, pages, url):
    page = extension.open(url, viewport=(700, 900))
    # Nearby clauses of a type share a marker (content/clusters.js): twelve scroll positions see enough of them.
    seen = check_markers_in_view(extension, page, scroll_positions(page, 12))
    assert seen >= 10
    if url == TERMS_URL:
        screenshot(page, "narrow-700")


def card_and_clause(ui) -> dict:
    return ui.evaluate(
        """(ui) => {
          const card = ui.root().querySelector('.card');
          const id = card.dataset.id;
          const marker = ui.root().querySelector(`.marker[data-id="${CSS.escape(id)}"]`);
          const c = card.getBoundingClientRect();
          return {card: {left: c.left, top: c.top, right: c.right, bottom: c.bottom}, title: marker.title};
        }"""
    )


def clause_rects(page, title_text: str) -> list[dict]:
    """The client rects of the highlighted range whose text starts with `title_text`."""
    return page.evaluate(
        """(start) => {
          const range = [...CSS.highlights].flatMap(([, h]) => [...h]).find((r) => r.toString().trim().startsWith(start));
          return [...range.getClientRects()].filter((r) => r.width > 0).map((r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}));
        }""",
        title_text,
    )


def on_screen(box: dict, page) -> bool:
    size = page.viewport_size
    return box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"] and box["y"] + box["height"] <= size["height"]


@pytest.mark.parametrize("width", [700, 1280])
def test_the_card_covers_none_of_its_clause_and_keeps_its_buttons_on_screen(extension, service, pages, width):
    record = service.get("/records/anthropic-terms-model-training")
    page = extension.open(TERMS_URL, viewport=(width, 800))
    ui = extension.ui(page)
    start = " ".join(record["quote"].split())[:30]
    ui.click(Query(".marker", name_re=f"{record['title']}$".replace("'", ".").replace("(", ".").replace(")", ".")))
    ui.wait_visible(CARD)
    placed = card_and_clause(ui)
    hit = lambda a, b: a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]  # noqa: E731
    for rect in clause_rects(page, start):
        if rect["bottom"] > 0 and rect["top"] < 800:
            assert not hit(placed["card"], rect), f"the card covers its clause: {placed['card']} over {rect}"
    assert on_screen(ui.box(card_part("button.close")), page)
    ui.click(card_part("button", name="This looks wrong"))
    ui.wait_visible(card_part("textarea", visible=True))
    ui.page.wait_for_timeout(100)
    send = ui.evaluate(
        """async (ui) => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))));
          const box = (e) => { const r = e.getBoundingClientRect(); return {x: r.left, y: r.top, width: r.width, height: r.height}; };
          const card = ui.root().querySelector('.card');
          const send = [...card.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Send report');
          const close = card.querySelector('button.close');
          const c = card.getBoundingClientRect();
          const s = send.getBoundingClientRect();
          return {send: box(send), close: box(close), insideCard: s.top >= c.top && s.bottom <= c.bottom};
        }"""
    )
    assert on_screen(send["send"], page) and send["insideCard"], send
    assert on_screen(send["close"], page), send
    if width == 700:
        screenshot(page, "card-report-700")
