"""Annotations a person can trust, on the real documents the issue names (Claude's and TikTok's terms, from
../shared/corpus, as a site serves them): no card on headings, tables of contents, cross-references or
definitions; at most one card per sentence per category family; no two contradicting cards on one sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termslens.analysis import analyze
from termslens.annotation import GENERIC
from termslens.detect import Detection
from termslens.detect.noise import CROSS_REFERENCE, DEFINITION, TOC, noise, sentence_noise
from termslens.families import FAMILIES, family
from termslens.generic import resolve
from termslens.pagetext import decode, page_text
from termslens.segment import segment
from termslens.taxonomy import categories
from tests.e2e.markdown import markdown_to_html
from tests.e2e.site import page_html

CLAUDE_TERMS_URL = "https://www.anthropic.com/legal/consumer-terms"
TIKTOK_TERMS_URL = "https://www.tiktok.com/legal/page/eea/terms-of-service/en"


def served(markdown: str, title: str) -> str:
    """A corpus document as a site serves it (the e2e site's HTML), read back as `termslens analyze` reads a
    saved page."""
    return page_text(decode(page_html(title, markdown_to_html(markdown)).encode("utf-8")))


@pytest.fixture(scope="module")
def claude(corpus, library):
    text = served(corpus["Claude-Anthropic/terms"], "Consumer Terms of Service")
    return text, analyze(library, text, url=CLAUDE_TERMS_URL, title="Consumer Terms of Service")


@pytest.fixture(scope="module")
def tiktok(corpus, library):
    text = served(corpus["TikTok/terms"], "Terms of Service | TikTok")
    return text, analyze(library, text, url=TIKTOK_TERMS_URL, title="Terms of Service | TikTok")


def cards_on(analysis, text: str, sentence: str):
    """The annotations that cover any part of `sentence` (found in the page text whatever its line breaks)."""
    match = re.search(r"\s+".join(map(re.escape, sentence.split())), text)
    assert match, f"not on the page: {sentence!r}"
    return [a for a in analysis.annotations if a.start < match.end() and match.start() < a.end]


# --- the cases of the issue ---------------------------------------------------------------------------------


def test_claudes_governing_law_clause_keeps_its_record_and_no_contradicting_court_card(claude):
    text, analysis = claude
    sentence = ("This means that your access to and use of our Services, and any dispute or claim arising out of or "
                "in connection therewith")
    cards = cards_on(analysis, text, sentence)
    assert [(a.kind, a.category.id) for a in cards] == [("record", "choice-of-law")]
    assert "you can still go to court at home" in cards[0].record.title


def test_claudes_suspension_clause_is_termination_not_a_change_of_terms(claude):
    text, analysis = claude
    for sentence in ("We may suspend or terminate your access to the Services at any time without notice to you if:",
                     "We may modify, suspend, or discontinue the Services or your access to the Services."):
        found = {a.category.id for a in cards_on(analysis, text, sentence)}
        assert "unilateral-change" not in found, sentence
        assert "unilateral-termination" in found, sentence


def test_claudes_cross_references_get_no_card(claude):
    text, analysis = claude
    for sentence in (
        "You can learn more about our monitoring and enforcement, including how to appeal an account suspension or "
        "termination, in our T&S Support Center.",
        "For further details on how to cancel, please see support.anthropic.com.",
    ):
        assert cards_on(analysis, text, sentence) == [], sentence


def test_tiktoks_age_requirement_reads_as_an_age_limit_not_termination(tiktok):
    text, analysis = tiktok
    sentence = ("We monitor for underage use and will suspend (whilst we investigate) or terminate your account if "
                "we reasonably suspect you are underage")
    assert [a.category.id for a in cards_on(analysis, text, sentence)] == ["age-limit"]


def test_tiktoks_table_of_contents_and_headings_get_no_card(tiktok):
    text, analysis = tiktok
    page = segment(text)
    toc = [page.sentences[i] for i, why in noise(page).items() if why == TOC]
    assert "Restricting, suspending or ending our relationship" in [s.text for s in toc]
    untouchable = [s for s in page.sentences if s.is_heading] + toc
    for annotation in analysis.annotations:
        if annotation.kind == GENERIC:
            assert not [s.text for s in untouchable if annotation.start < s.end and s.start < annotation.end]


@pytest.mark.parametrize("fixture", ["claude", "tiktok"])
def test_one_card_per_sentence_per_family_on_the_issues_pages(fixture, request):
    text, analysis = request.getfixturevalue(fixture)
    assert _same_family_overlaps(analysis.annotations) == []


@pytest.mark.parametrize("fixture", ["claude", "tiktok"])
def test_a_curated_clause_speaks_for_its_sentences(fixture, request):
    """Claude's model-training record carries its opt-out: no generic "you can opt out" card on top of it."""
    text, analysis = request.getfixturevalue(fixture)
    curated = [a for a in analysis.annotations if a.kind != GENERIC]
    generic = [a for a in analysis.annotations if a.kind == GENERIC]
    assert curated and generic
    assert [(g.category.id, g.exact[:60]) for g in generic if any(c.start < g.end and g.start < c.end for c in curated)] == []


def _same_family_overlaps(annotations):
    """Pairs of overlapping annotations of one family where at least one is generic (curated records are each
    a curator's own judgement, and may share a clause)."""
    out = []
    for i, a in enumerate(annotations):
        for b in annotations[i + 1 :]:
            if b.start >= a.end:
                break
            if GENERIC in (a.kind, b.kind) and family(a.category.id) == family(b.category.id) and b.start < a.end:
                out.append((a.category.id, b.category.id, a.exact[:80]))
    return out


@pytest.mark.slow
def test_no_card_on_noise_and_one_per_family_on_every_corpus_document(corpus, library):
    """Over the 54 corpus documents: no generic card touches a heading, a table of contents, a cross-reference or
    a definition, and no sentence has two cards of one family (one of them generic)."""
    for name, text in corpus.items():
        analysis = analyze(library, text, title=Path(name).name)
        page = analysis.page
        bad = set(noise(page)) | {i for i, s in enumerate(page.sentences) if s.is_heading}
        spans = [(page.sentences[i].start, page.sentences[i].end) for i in bad]
        for annotation in analysis.annotations:
            if annotation.kind == GENERIC:
                hits = [text[s:e] for s, e in spans if annotation.start < e and s < annotation.end]
                assert not hits, f"{name}: {annotation.category.id} on {hits[0][:80]!r}"
        assert _same_family_overlaps(analysis.annotations) == [], name


# --- the rules themselves ----------------------------------------------------------------------------------


def test_every_category_has_a_family():
    assert set(categories()) == {c for members in FAMILIES.values() for c in members}


@pytest.mark.parametrize(
    "sentence, why",
    [
        ("For more information, please review our Privacy Policy.", CROSS_REFERENCE),  # Facebook terms
        ("Learn more about how we disable and delete accounts.", CROSS_REFERENCE),  # Facebook terms
        ("See the Removing your content section to learn why and how we might remove user-generated content from our "
         "services", CROSS_REFERENCE),  # Google terms
        ("“Minimum Age” means 16 years old.", DEFINITION),  # LinkedIn terms
        ("Voice data means audio recordings of your voice.", DEFINITION),  # Spotify privacy
        # Not noise: an explanation, a clause that ends with a pointer, a list item, a noun "means".
        ("This means we may add or remove features, products, or functionalities.", None),  # Reddit terms
        ("We may terminate your account; see Section 12 for details.", None),
        ("See if our Products are working correctly, such as troubleshooting.", None),  # Facebook privacy
        ("using automated means to access content from any of our services", None),  # Google terms
    ],
)
def test_cross_references_and_definitions_are_told_from_clauses(sentence, why):
    assert sentence_noise(sentence) == why


def test_a_table_of_contents_of_links_is_noise_and_a_list_of_clauses_is_not(corpus):
    page = segment(corpus["Google/terms"])
    toc = {page.sentences[i].text for i, why in noise(page).items() if why == TOC}
    assert {"Introduction", "Your relationship with Google", "Using Google services"} <= toc
    clauses = segment("We may:\n\n* suspend your account.\n* close your account.\n* delete your content.\n")
    assert noise(clauses) == {}


def test_precedence_decides_among_generic_cards_of_one_family():
    text = "Disputes are resolved by binding arbitration in the courts of Ireland under Irish law."
    end = len(text)
    found = [Detection(0, end, c, 70.0) for c in ("arbitration", "jurisdiction", "choice-of-law", "class-action-waiver")]
    assert [d.category for d in resolve(text, found, [])] == ["arbitration", "class-action-waiver"]
    notice = [Detection(0, end, "unilateral-change", 90.0), Detection(0, end, "change-notice", 60.0)]
    assert [d.category for d in resolve(text, notice, [])] == ["change-notice"]


def test_the_issues_families_hold_the_contradicting_pairs():
    assert family("jurisdiction") == family("choice-of-law") == family("arbitration")
    assert family("change-notice") == family("unilateral-change")
    assert family("account-deletion") == family("unilateral-termination")
    assert family("content-ownership") != family("content-license")  # both can be true of one sentence


def test_the_resolution_is_the_same_on_every_run(claude, library):
    text, analysis = claude
    again = analyze(library, text, url=CLAUDE_TERMS_URL, title="Consumer Terms of Service")
    assert [a.id for a in again.annotations] == [a.id for a in analysis.annotations]
