"""What changed since you last read it, in Chromium: version N of a real document and then version N+1 at the
same address (Claude's consumer terms of 1 and 29 August 2025, from ../shared/versions). The changed passages
are marked in their own style, the old wording with its word diff shows on hover and on focus, the removed
passages are listed in the popup, and "Mark as read" clears it all. A record placed on wording that differs
from what TermsLens verified says so on its card."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.markdown import markdown_to_html
from tests.e2e.shadow import CARD, Query, card_part, marker
from tests.e2e.site import page_html

# An address of its own, so no other test's visits are this document's history.
VERSIONED_URL = "https://claude.ai/legal/consumer-terms-uk"
OLDER = "versions/Claude-ai/Terms-of-Service/2025-08-01_8f977d4aa5.md"
NEWER = "versions/Claude-ai/Terms-of-Service/2025-08-29_d8d25b3cb0.md"
CHANGE_MARKER = Query(".marker.change", visible=True)
CHANGE_CARD = Query(".change-card")
NOTICE = Query(".change-notice")


def serve_version(extension, shared_dir, path: str) -> None:
    text = (shared_dir / path).read_text("utf-8")
    extension.site.add(VERSIONED_URL, page_html("Consumer Terms of Service \\ Anthropic", markdown_to_html(text)))


def change_texts(page) -> list[str]:
    return page.evaluate("() => [...(CSS.highlights.get('termslens-change') ?? [])].map((r) => r.toString())")


def test_a_new_version_of_a_document_shows_what_changed_until_marked_as_read(extension, service, shared_dir, pages):
    serve_version(extension, shared_dir, OLDER)
    first = extension.open(VERSIONED_URL)
    assert first.evaluate("() => document.documentElement.dataset.termslensChanges") == "0"  # the first visit
    assert change_texts(first) == []
    first.close()

    serve_version(extension, shared_dir, NEWER)
    page = extension.open(VERSIONED_URL)
    ui = extension.ui(page)
    # The changed passages are marked, in their own highlight (not a severity's).
    marked = change_texts(page)
    assert any("We may use Materials to provide, maintain, and improve the Services, including training our models" in text
               for text in marked), [t[:100] for t in marked]
    assert all("termslens-change" not in name for name in extension.highlights(page) if name != "termslens-change")
    ui.wait_visible(NOTICE)
    notice = ui.text(NOTICE)
    assert notice.startswith("Changed since you read it on ") and "that matter" in notice and "removed" in notice
    screenshot(page, "changes-notice")

    # Focus the change marker of the training passage: its old wording with the word diff.
    training = Query(".marker.change", name_re=r"^Change \d+ of \d+ since you last read this page: Changed, matters")
    ui.focus(training)
    ui.wait_visible(CHANGE_CARD)
    card = ui.text(CHANGE_CARD)
    assert "This passage changed since you read it on" in card
    deleted = ui.texts(Query(".change-card .word-diff del"))
    inserted = ui.texts(Query(".change-card .word-diff ins"))
    assert any("not train our models" in text for text in deleted), deleted
    assert any("including training our models" in text for text in inserted), inserted
    assert any("AI training" in text for text in ui.texts(Query(".change-card .reasons li")))
    screenshot(page, "changes-card")
    page.keyboard.press("Escape")
    ui.wait_count(CHANGE_CARD, 0)

    # Hovering the changed text opens the same card.
    point = page.evaluate(
        """() => {
          const range = [...CSS.highlights.get('termslens-change')].find((r) => r.toString().includes('including training our models'));
          range.startContainer.parentElement.scrollIntoView({block: 'start'});
          window.scrollBy(0, -120);
          const rect = [...range.getClientRects()].find((r) => r.width > 40);
          return {x: rect.left + rect.width / 2, y: rect.top + rect.height / 2};
        }"""
    )
    page.mouse.move(point["x"], point["y"])
    ui.wait_visible(CHANGE_CARD)
    page.mouse.move(5, 5)

    # The popup lists the changes, the removed passages with their old wording, and "Mark as read".
    popup = extension.open_popup(page)
    expect(popup.locator("#changes-title")).to_contain_text("Changed since you read it on")
    expect(popup.locator("#removed-title")).to_contain_text("Removed since you read it")
    removed = popup.locator(".change-list.removed .removed-text").all_text_contents()
    assert removed and all(text.strip() for text in removed)
    assert removed[0].strip()[:40] not in page.evaluate("() => document.body.innerText")  # gone from the page
    tab_id = extension.tab_id(page)
    assert extension.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab_id).startswith("Δ")
    popup.bring_to_front()
    screenshot(popup.locator("body"), "changes-popup")
    popup.get_by_role("button", name="Mark as read").click()
    expect(popup.locator("#changes-title")).to_have_count(0)

    # Marked as read: the page's marks, markers and notice go, and stay gone on the next visit.
    page.wait_for_function("() => document.documentElement.dataset.termslensChanges === '0'")
    assert change_texts(page) == []
    ui.wait_count(NOTICE, 0)
    ui.wait_count(Query(".marker.change"), 0)
    again = extension.open(VERSIONED_URL)
    assert again.evaluate("() => document.documentElement.dataset.termslensChanges") == "0"
    assert change_texts(again) == []


def test_the_notice_and_a_change_card_mark_as_read_too(extension, service, shared_dir, pages):
    url = VERSIONED_URL + "-notice"
    extension.site.add(url, page_html("Consumer Terms", markdown_to_html((shared_dir / OLDER).read_text("utf-8"))))
    extension.open(url).close()
    extension.site.add(url, page_html("Consumer Terms", markdown_to_html((shared_dir / NEWER).read_text("utf-8"))))
    page = extension.open(url)
    ui = extension.ui(page)
    ui.wait_visible(NOTICE)
    ui.click(Query(".change-notice button", name="Mark as read"))
    page.wait_for_function("() => document.documentElement.dataset.termslensChanges === '0'")
    ui.wait_count(NOTICE, 0)
    history = service.get(f"/history?url={url}")["document"]
    assert history["versions"][0]["acknowledged_at"] is not None


def test_a_record_on_changed_wording_says_so_on_its_card(extension, service, shared_dir, pages):
    serve_version(extension, shared_dir, OLDER)
    record = service.get("/records/anthropic-terms-liability-cap")
    page = extension.open(VERSIONED_URL + "?v=older")
    ui = extension.ui(page)
    ui.click(marker(record["title"]))
    ui.wait_visible(card_part(".wording-notice"))
    notice = ui.text(card_part(".wording-notice"))
    assert notice.startswith("The wording here differs from what TermsLens checked on 22 Nov 2026")
    assert "“€100” when checked, “£100” here" in notice
    assert "negation" not in notice.lower()  # "as set out in No Limitation above" names a section
    # The record's claims are not stated as fact for this page.
    assert ui.text(card_part("h2")) == f"As TermsLens checked it: {record['title']}"
    assert ui.texts(card_part("h3"))[:2] == ["What it meant in the wording TermsLens checked", "Why that mattered"]
    assert "may not hold here" in ui.text(card_part(".claims-caveat"))
    ui.click(card_part(".wording-notice summary"))
    assert "£100" in " ".join(ui.texts(card_part(".wording-notice ins")))
    screenshot(page, "wording-notice-card")
    page.keyboard.press("Escape")
    ui.wait_count(CARD, 0)


def test_watch_this_document_from_the_popup(extension, service, shared_dir, pages):
    url = VERSIONED_URL + "-watched"
    extension.site.add(url, page_html("Consumer Terms", markdown_to_html((shared_dir / NEWER).read_text("utf-8"))))
    page = extension.open(url)
    popup = extension.open_popup(page)
    button = popup.locator("#watch")
    expect(button).to_have_text("Watch this document")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    assert [w["url"] for w in service.get("/watch")["watches"] if w["url"] == url] == [url]
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    assert all(w["url"] != url for w in service.get("/watch")["watches"])
