"""The popup opens with the digest (issue 13): the few clause types that matter most, the most severe first,
a type found several times as one "×N" entry that shows its clauses one after another, then "All N clauses"
on demand, all within the 600 px a browser gives a popup; and on the page, one marker per cluster of nearby
clauses of one type. On Claude's terms and on TikTok's long terms page, with screenshots."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.site import TERMS_URL, TIKTOK_TERMS_URL

POPUP_MAX_HEIGHT = 600
SEVERITY_ORDER = ("high", "medium", "low")


def digest_of(popup) -> list[dict]:
    return popup.locator(".digest-entry").evaluate_all(
        "(entries) => entries.map((e) => ({severity: e.dataset.severity, count: +e.dataset.count, "
        "stance: e.dataset.stance, title: e.querySelector('.digest-title').textContent}))"
    )


def markers_of(extension, page) -> list[dict]:
    return extension.ui(page).evaluate(
        "(ui) => [...ui.root().querySelectorAll('.marker')].map((m) => ({id: m.dataset.id, count: +m.dataset.count, "
        "ids: m.dataset.ids.split(' '), badge: ((c) => (c === 'none' || c === 'normal' ? null : c.slice(1, -1)))(getComputedStyle(m, '::after').content), "
        "inline: m.classList.contains('inline'), top: parseFloat(m.style.top)}))"
    )


def focused_text(page) -> str:
    return page.evaluate("() => [...(CSS.highlights.get('termslens-focus') ?? [])].map((r) => r.toString()).join(' ')")


@pytest.mark.parametrize("url, name", [(TERMS_URL, "claude"), (TIKTOK_TERMS_URL, "tiktok")])
def test_the_popup_opens_with_the_digest_within_600_pixels(extension, service, pages, url, name):
    page = extension.open(url)
    popup = extension.open_popup(page)
    digest = digest_of(popup)
    assert 0 < len(digest) <= 7
    # The digest is the first thing after the page's name, above the counts and the list.
    order = popup.locator("main > section").evaluate_all("(s) => s.map((e) => e.className)")
    assert order[:2] == ["page", "digest"], order
    bad = [e for e in digest if e["stance"] != "good"]
    severities = [e["severity"] for e in bad]
    assert severities == sorted(severities, key=SEVERITY_ORDER.index)
    assert [e["stance"] == "good" for e in digest] == sorted(e["stance"] == "good" for e in digest)  # good news last
    # "All N clauses" is there on demand, not open.
    expect(popup.locator("#all-clauses")).to_be_hidden()
    height = popup.evaluate("document.documentElement.getBoundingClientRect().height")
    assert height <= POPUP_MAX_HEIGHT
    screenshot(popup.locator("body"), f"popup-digest-{name}")
    total = popup.locator(".clause").count()
    popup.get_by_role("button", name=f"All {total} clauses").click()
    expect(popup.locator("#all-clauses")).to_be_visible()
    assert popup.evaluate("document.documentElement.getBoundingClientRect().height") <= POPUP_MAX_HEIGHT


def test_claudes_one_high_severity_clause_comes_first(extension, service, pages):
    page = extension.open(TERMS_URL)
    popup = extension.open_popup(page)
    first = popup.locator(".digest-entry").first
    expect(first).to_have_attribute("data-severity", "high")
    expect(first).to_contain_text("Your chats can train Anthropic's models")
    expect(first).to_contain_text("you can act")


def test_a_grouped_entry_shows_its_clauses_one_after_another(extension, service, pages):
    page = extension.open(TIKTOK_TERMS_URL)
    popup = extension.open_popup(page)
    grouped = popup.locator(".digest-entry:not([data-count='1'])").first
    count = int(grouped.get_attribute("data-count"))
    assert count > 1
    expect(grouped.locator(".times")).to_have_text(f"×{count}")
    shown = []
    for step in (1, 2):
        grouped.click()
        expect(grouped.locator(".digest-position")).to_have_text(f"{step} of {count}")
        page.wait_for_function("() => (CSS.highlights.get('termslens-focus')?.size ?? 0) > 0", polling=100)
        shown.append(focused_text(page))
    assert shown[0] and shown[1] and shown[0] != shown[1]
    painted = {" ".join(t.split()) for name, texts in extension.highlights(page).items() if name != "termslens-focus"
               for t in texts}
    assert all(" ".join(t.split()) in painted for t in shown)


def test_nearby_clauses_of_one_type_share_one_marker(extension, service, pages):
    page = extension.open(TIKTOK_TERMS_URL)
    popup = extension.open_popup(page)
    clauses = popup.locator(".clause").evaluate_all("(c) => c.map((e) => e.dataset.id)")
    markers = markers_of(extension, page)
    under = [i for m in markers for i in m["ids"]]
    assert len(under) == len(set(under)) == sum(m["count"] for m in markers)  # no clause under two markers
    assert set(under) <= set(clauses) and len(under) >= 0.9 * len(clauses)  # (a clause not found has no marker)
    grouped = [m for m in markers if m["count"] > 1]
    assert grouped and len(markers) < len(under)
    assert all(m["id"] in m["ids"] for m in grouped)
    # In the margin (TikTok's page has one) a grouped marker draws its "×N"; an inline one shows no badge.
    assert all(m["badge"] == (None if m["inline"] else f"×{m['count']}") for m in grouped)
    assert any(not m["inline"] for m in grouped)
    biggest = max(grouped, key=lambda m: m["count"])
    page.evaluate("(top) => window.scrollTo(0, Math.max(0, top - 250))", biggest["top"])
    page.wait_for_timeout(300)  # the markers follow the scroll a frame later
    screenshot(page, "page-grouped-markers-tiktok")
