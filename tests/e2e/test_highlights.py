"""What a reader sees on a terms page: the clauses TermsLens knows light up in place, exactly over their
text, whatever emoji, accents and nested markup surround them; hidden copies are never read."""

from __future__ import annotations

from tests.e2e.conftest import open_options
from tests.e2e.site import PLAIN_URL, PRIVACY_URL, TERMS_URL

SEVERITY_HIGHLIGHTS = ("termslens-high", "termslens-medium", "termslens-low")


def normalized(text: str) -> str:
    return " ".join(text.split())


def painted(extension, page) -> list[str]:
    found = extension.highlights(page)
    return [normalized(text) for name in SEVERITY_HIGHLIGHTS for text in found.get(name, [])]


def records_of(service, service_id: str, document: str) -> list[dict]:
    return [
        r for r in service.get("/records")["records"]
        if r["service"]["id"] == service_id and r["document"]["id"] == document
    ]


def test_every_record_of_the_terms_is_highlighted_over_exactly_its_text(extension, service, pages):
    page = extension.open(TERMS_URL)
    texts = painted(extension, page)
    records = records_of(service, "anthropic", "terms")
    assert records, "the bundled Anthropic records are missing"
    for record in records:
        assert normalized(record["quote"]) in texts, f"{record['id']} is not highlighted over its quote"


def test_severity_decides_the_highlight(extension, service, pages):
    page = extension.open(TERMS_URL)
    found = extension.highlights(page)
    training = normalized(service.get("/records/anthropic-terms-model-training")["quote"])
    law = normalized(service.get("/records/anthropic-terms-governing-law")["quote"])
    assert training in [normalized(t) for t in found["termslens-high"]]
    assert law in [normalized(t) for t in found["termslens-low"]]


def test_offsets_hold_across_emoji_accents_and_nested_elements(extension, pages):
    """The training clause follows emoji, astral letters and a combining accent in the same text node, and
    runs through <a><strong><em>; the highlight must start and end on its exact characters."""
    page = extension.open(TERMS_URL)
    detail = page.evaluate(
        """() => {
          const ranges = [...CSS.highlights.get('termslens-high')];
          const range = ranges.find((r) => r.toString().includes('We may use Materials'));
          return {
            text: range.toString(),
            before: range.startContainer.data.slice(0, range.startOffset),
            elements: [...document.querySelectorAll('main a strong em')].filter((e) => range.intersectsNode(e)).length,
          };
        }"""
    )
    assert detail["text"].startswith("We may use Materials to provide")
    assert detail["text"].endswith("advance our safety research.")
    assert detail["before"].endswith("𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✅ café\u0301 ")
    assert detail["elements"] == 1


def test_hidden_and_script_copies_are_not_read(extension, pages):
    page = extension.open(TERMS_URL)
    placement = page.evaluate(
        """() => [...CSS.highlights].filter(([n]) => n.startsWith('termslens-'))
             .flatMap(([, h]) => [...h])
             .map((r) => ({visible: r.startContainer.parentElement.checkVisibility(),
                           inScript: !!r.startContainer.parentElement.closest('script, [hidden]')}))"""
    )
    assert placement and all(p["visible"] and not p["inScript"] for p in placement)
    feedback = [t for t in painted(extension, page) if t.startswith("If you rate an Output")]
    assert len(feedback) == 1


def test_a_dark_page_gets_the_dark_palette(extension, pages):
    page = extension.open(PRIVACY_URL)
    assert page.evaluate("document.documentElement.dataset.termslensTheme") == "dark"
    colours = page.evaluate(
        """() => {
          const range = [...CSS.highlights.get('termslens-high')][0];
          const probe = range.startContainer.parentElement;
          return getComputedStyle(probe, '::highlight(termslens-high)').backgroundColor;
        }"""
    )
    assert colours == "rgb(92, 26, 22)"


def test_other_pages_are_not_read_until_asked(extension, service, pages):
    page = extension.open(PLAIN_URL, state="idle")
    assert extension.highlights(page) == {}
    assert page.locator("termslens-ui").count() == 0  # nothing of the extension's is in the page


def test_automatic_analysis_can_be_switched_off(extension, pages):
    options = open_options(extension.context)
    options.uncheck("#auto")
    options.click("button[type=submit]")
    options.wait_for_selector("html[data-options-auto='false']", state="attached")
    try:
        page = extension.open(TERMS_URL, state="idle")
        assert extension.highlights(page) == {}
        popup = extension.open_popup(page)
        popup.get_by_role("button", name="Analyse this page").click()
        extension.wait_state(page, "ready")
        assert extension.highlights(page)["termslens-high"]
    finally:
        options.check("#auto")
        options.click("button[type=submit]")
        options.wait_for_selector("html[data-options-auto='true']", state="attached")
