"""Colours by the page: a dark page, whatever CSS syntax it writes its colours in (oklch, color-mix), gets the
dark highlights and a dark card; a light page keeps a light card even when the system is dark; links inside
highlights keep their colour; the focus ring contrasts 3:1 or more with the page on both palettes."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, Query
from tests.e2e.site import OKLCH_URL, PRIVACY_URL, TERMS_URL

# In the extension's world: the focus ring of the first marker in view and the page background behind its
# clause, and their contrast, computed by the extension's own colour module (culori).
FOCUS_RING = """async (ui) => {
  const colors = await import(chrome.runtime.getURL('content/colors.js'));
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const inView = () => [...ui.root().querySelectorAll('.marker')].find((m) => {
    const r = m.getBoundingClientRect();
    return r.top > 0 && r.bottom < innerHeight;
  });
  if (!inView()) {
    ui.root().querySelector('.marker').scrollIntoView({block: 'center'});
    await frames();
  }
  const marker = inView();
  marker.focus();
  await frames();
  const ring = getComputedStyle(marker).outlineColor;
  const r = marker.getBoundingClientRect();
  const under = document.elementsFromPoint(r.left + r.width / 2, r.top + r.height / 2).find((e) => e.localName !== 'termslens-ui');
  const page = colors.backgroundBehind(under);
  return {ring, page, contrast: colors.contrast(ring, page), style: getComputedStyle(marker).outlineStyle};
}"""


def test_a_dark_oklch_page_gets_dark_highlights_and_a_dark_card(extension, pages):
    page = extension.open(OKLCH_URL)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor").startswith("oklch(")
    assert page.evaluate("document.documentElement.dataset.termslensTheme") == "dark"
    ui = extension.ui(page)
    ui.click(Query(".marker", nth=2))
    ui.wait_visible(CARD)
    assert ui.style(CARD, "backgroundColor") == "rgb(31, 33, 38)"
    ring = ui.evaluate(FOCUS_RING)
    assert ring["contrast"] >= 3, ring
    page.keyboard.press("Escape")
    ui.wait_count(CARD, 0)
    ui.click(Query(".marker", nth=2))
    ui.wait_visible(CARD)
    screenshot(page, "dark-oklch-card")


def test_a_light_page_keeps_a_light_card_when_the_system_is_dark(extension, pages):
    page = extension.open(TERMS_URL, color_scheme="dark")
    ui = extension.ui(page)
    ui.click(Query(".marker", nth=1))
    ui.wait_visible(CARD)
    assert ui.style(CARD, "backgroundColor") == "rgb(255, 255, 255)"


@pytest.mark.parametrize("url", [TERMS_URL, PRIVACY_URL, OKLCH_URL])
def test_the_focus_ring_contrasts_with_the_page(extension, pages, url):
    page = extension.open(url)
    ring = extension.ui(page).evaluate(FOCUS_RING)
    assert ring["style"] == "solid" and ring["contrast"] >= 3, ring


def test_links_inside_highlights_keep_their_colour(extension, pages):
    page = extension.open(TERMS_URL)
    colours = page.evaluate(
        """() => {
          const link = document.querySelector('a[href="#training"]');
          const range = [...CSS.highlights.get('termslens-high')].find((r) => r.intersectsNode(link));
          return {inside: Boolean(range), own: getComputedStyle(link).color,
                  highlighted: getComputedStyle(link, '::highlight(termslens-high)').color,
                  text: getComputedStyle(link.closest('p'), '::highlight(termslens-high)').color,
                  paragraph: getComputedStyle(link.closest('p')).color};
        }"""
    )
    assert colours["inside"]
    assert colours["highlighted"] == colours["own"] == "rgb(27, 95, 168)", colours
    assert colours["text"] == colours["paragraph"]
