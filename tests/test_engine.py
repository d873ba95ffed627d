"""The matching engine: quotes placed on the page's own words, with exact offsets, and nowhere else."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from termslens.analysis import analyze
from termslens.engine import MATCH_CUTOFF, align_quote, build_index, find_matches, tokenize
from termslens.library import Library
from termslens.records import Document, Record, Service
from tests.support.edits import as_list_markup, drift, drift_document

CLAUSE = (
    "We may use Materials to provide, maintain, and improve the Services and to develop other products and "
    "services, including training our models, unless you opt out of training through your account settings."
)


def make_record(record_id: str, quote: str, *, service: str = "acme", category: str = "ai-training") -> Record:
    svc = Service(service, service.title(), (f"{service}.example",))
    doc = Document("terms", "Terms", f"https://{service}.example/terms")
    return Record(
        id=record_id, service=svc, document=doc, category=category, severity="high", stance="bad",
        title=record_id, quote=quote, means="m", matters="m", actions=(), regulations=(),
        source_url=doc.url, source_date="2026-01-01", verified="2026-01-01",
    )


def folded(text: str) -> list[str]:
    return tokenize(text).words


# --- align_quote: the contract, as in Hypothesis's match-quote tests -------------------------------------


def test_exact_quote_scores_100_and_spans_it():
    text = f"Intro paragraph.\n\n{CLAUSE}\n\nNext section."
    span = align_quote(text, CLAUSE)
    assert span.score == 100
    assert text[span.start : span.end] == CLAUSE


def test_empty_input_gives_none():
    assert align_quote("", CLAUSE) is None
    assert align_quote(CLAUSE, "") is None
    assert align_quote("   \n ", CLAUSE) is None


@pytest.mark.parametrize(
    "variant",
    [
        CLAUSE.upper(),
        CLAUSE.replace(" ", "  ").replace(", ", ",\r\n"),
        CLAUSE.replace(" ", "\u00a0"),
        CLAUSE.replace("Materials", "**Materials**").replace("Services", "_Services_"),
        CLAUSE.replace(",", ";").replace(".", "!"),
    ],
    ids=["case", "whitespace-crlf", "nbsp", "markdown", "punctuation"],
)
def test_case_space_markup_and_punctuation_cost_nothing(variant):
    text = f"Before. {variant} After."
    span = align_quote(text, CLAUSE)
    assert span.score == 100
    assert folded(text[span.start : span.end]) == folded(CLAUSE)


def test_degrading_the_page_lowers_the_score_strictly():
    edits = [("may", "can"), ("maintain", "keep"), ("develop", "build"), ("training", "teaching"),
             ("account", "profile"), ("improve", "enhance")]
    page = CLAUSE
    last = 100.0
    for old, new in edits:
        page = page.replace(old, new, 1)
        span = align_quote(f"Start. {page} End.", CLAUSE, score_cutoff=0)
        assert span.score < last, (old, new)
        last = span.score


def test_inserted_and_removed_words_move_the_boundaries_to_the_pages_wording():
    drifted = CLAUSE.replace("We may use", "We may also, at any time, use").replace(" through your account settings", " in settings")
    text = f"Section 4. {drifted} Section 5 follows."
    span = align_quote(text, CLAUSE)
    assert span is not None
    assert text[span.start : span.end] == drifted


def test_a_phrase_occurring_twice_resolves_to_the_closer_wording():
    weaker = CLAUSE.replace("training our models", "building our products")
    text = f"{weaker}\n\nLater we say it properly: {CLAUSE}"
    span = align_quote(text, CLAUSE)
    assert text[span.start : span.end] == CLAUSE


def test_moved_sentence_is_still_found():
    first = "We may suspend your account at any time if we believe you have violated these Terms."
    second = "We will try to notify you in advance, unless the law or a safety concern prevents us from doing so."
    quote = f"{first} {second}"
    text = f"Other terms come first here. {second} {first} Unrelated text follows after."
    span = align_quote(text, quote)
    assert span is not None and span.score >= MATCH_CUTOFF
    assert text[span.start : span.end] == f"{second} {first}"


def test_list_markup_of_an_enumeration_is_found():
    quote = ("Even if you opt out, we will use Materials for model training when: (1) you provide Feedback to us "
             "regarding any Materials, or (2) your Materials are flagged for safety review.")
    listed = as_list_markup(quote)
    assert "\n" in listed
    text = f"Intro.\n{listed}\nOutro."
    span = align_quote(text, quote)
    assert span is not None
    assert "(1)" not in text[span.start : span.end] or listed.count("(1)")
    assert folded(text[span.start : span.end])[:5] == folded(quote)[:5]


def test_a_different_clause_on_the_same_topic_is_not_placed():
    other = ("We do not use your conversations to train our models. You can ask us to delete your data at any "
             "time by writing to our privacy team.")
    assert align_quote(f"Intro. {other} Outro.", CLAUSE) is None


# --- offsets: code points in Python, UTF-16 for the browser --------------------------------------------

@pytest.mark.parametrize(
    "prefix",
    ["😀🎉 Emoji first. ", "Café, naïve résumé. ", "Cafe\u0301 decomposed. ", "Line one\r\nLine two\r\n",
     "Non\u00a0breaking\u00a0spaces. ", "中文条款 。"],
    ids=["emoji", "accents", "combining", "crlf", "nbsp", "cjk"],
)
def test_offsets_land_on_the_clause_after_any_characters(prefix):
    text = prefix * 3 + CLAUSE + " " + prefix
    [annotation] = analyze(Library([make_record("r1", CLAUSE)]), text, generic=False).annotations
    assert text[annotation.start : annotation.end] == CLAUSE
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * annotation.start_utf16 : 2 * annotation.end_utf16].decode("utf-16-le") == CLAUSE


def test_accented_and_decomposed_quotes_match_each_other():
    quote = "Les données personnelles sont conservées pendant la durée nécessaire à la finalité du traitement."
    decomposed = quote.replace("é", "e\u0301")
    span = align_quote(f"Préambule. {decomposed} Fin.", quote)
    assert span.score == 100
    assert f"Préambule. {decomposed} Fin."[span.start : span.end] == decomposed


# --- analyze: index + alignment -------------------------------------------------------------------------


def test_fast_path_agrees_with_the_naive_oracle_on_real_documents(corpus):
    """As rapidfuzz tests its C++ path against Python: every record's naive span is the indexed span."""
    rng = random.Random(3)
    pages = ["Microsoft/terms", "Claude-Anthropic/privacy", "Spotify/terms"]
    quotes = []
    for name in pages:
        sentences = [s for s in corpus[name].split("\n") if 200 < len(s) < 600 and "|" not in s]
        quotes += [(name, s) for s in rng.sample(sentences, 6)]
    records = [make_record(f"r{i}", quote, service=name.split("/")[0].lower()) for i, (name, quote) in enumerate(quotes)]
    index = build_index(records)
    for name in pages:
        text, spans = drift_document(corpus[name], [q for n, q in quotes if n == name], seed=11, level=2)
        page = tokenize(text)
        fast = {a.record.id: (a.start, a.end) for a in find_matches(text, index)}
        for record in records:
            naive = align_quote(text, record.quote, page=page)
            assert fast.get(record.id) == (None if naive is None else (naive.start, naive.end)), record.id


def test_drifted_copies_of_real_clauses_are_found_on_their_new_wording(corpus):
    rng = random.Random(5)
    text = corpus["Microsoft/terms"]
    passages = [s for s in text.split("\n") if 200 < len(s) < 500 and "|" not in s and text.count(s) == 1]
    chosen = sorted(rng.sample(passages, 10), key=text.find)
    index = build_index([make_record(f"r{i}", q) for i, q in enumerate(chosen)])
    for level in (1, 2, 3):
        drifted, spans = drift_document(text, chosen, seed=level, level=level)
        found = {a.record.id: a for a in find_matches(drifted, index)}
        page = tokenize(drifted)
        for i, (start, end) in enumerate(spans):
            annotation = found[f"r{i}"]
            truth_words = {k for k, s in enumerate(page.starts) if start <= s < end}
            found_words = {k for k, s in enumerate(page.starts) if annotation.start <= s < annotation.end}
            assert len(truth_words & found_words) >= 0.9 * len(truth_words), (level, i, drifted[annotation.start : annotation.end])
            assert len(found_words - truth_words) <= 2, (level, i, drifted[annotation.start : annotation.end])


def test_clauses_of_one_service_are_not_placed_in_other_services_documents(corpus):
    rng = random.Random(8)
    source = corpus["Spotify/terms"]
    quotes = rng.sample([s for s in source.split("\n") if 200 < len(s) < 500 and "|" not in s], 15)
    index = build_index([make_record(f"r{i}", q, service="spotify") for i, q in enumerate(quotes)])
    for name in ("Netflix/terms", "Steam/terms", "Zoom/terms", "Apple/terms", "Twitch/terms"):
        assert find_matches(corpus[name], index) == [], name


def test_the_pages_own_service_wins_when_two_services_share_a_clause():
    google = make_record("google-ads", CLAUSE, service="google")
    youtube = make_record("youtube-ads", CLAUSE, service="youtube")
    index = build_index([google, youtube])
    text = f"Start. {CLAUSE} End."
    assert [a.record.id for a in find_matches(text, index, service_id="youtube")] == ["youtube-ads"]
    assert [a.record.id for a in find_matches(text, index, service_id="google")] == ["google-ads"]


def test_a_record_is_shown_only_at_the_score_its_page_asks_of_it():
    """`least_score` says, per record, the least score at which it may be shown on this page (None: not at
    all); a record held out never takes the clause from one that may be shown there."""
    own = make_record("youtube-ads", CLAUSE.replace("train", "improve"), service="youtube")
    other = make_record("google-ads", CLAUSE, service="google")
    index = build_index([own, other])
    text = f"Start. {CLAUSE} End."
    assert [m.record.id for m in find_matches(text, index)] == ["google-ads"]  # the same words win the clause
    not_google = {"youtube": 0.0, "google": None}
    assert [m.record.id for m in find_matches(text, index, least_score=lambda r: not_google[r.service.id])] == ["youtube-ads"]
    near_only = {"youtube": 99.5, "google": None}
    assert find_matches(text, index, least_score=lambda r: near_only[r.service.id]) == []


def test_a_record_that_may_not_be_shown_is_never_read_from_its_index():
    """`may_show` screens candidates by position before their records are read (reading one costs a parse
    at 50,000 records); the screened-out record neither shows nor hides the clause from one that may."""
    own = make_record("youtube-ads", CLAUSE.replace("train", "improve"), service="youtube")
    other = make_record("google-ads", CLAUSE, service="google")
    index = build_index([own, other])
    read: list[int] = []

    class Watched(list):
        def __getitem__(self, i):
            read.append(i)
            return super().__getitem__(i)

    watched = replace(index, records=Watched(index.records))
    text = f"Start. {CLAUSE} End."
    asked: list[list[int]] = []

    def only_youtube(part, positions):
        asked.append(positions.tolist())
        return np.array([part.records.copy()[k].service.id == "youtube" for k in positions.tolist()])

    assert [m.record.id for m in find_matches(text, watched, may_show=only_youtube)] == ["youtube-ads"]
    assert sorted(asked[0]) == [0, 1]  # both were candidates
    assert set(read) == {0}  # only the one that may be shown was read


def test_annotations_carry_context_for_reanchoring():
    text = "A" * 50 + " " + CLAUSE + " " + "B" * 50
    [annotation] = analyze(Library([make_record("r1", CLAUSE)]), text, generic=False).annotations
    assert annotation.prefix == text[annotation.start - 32 : annotation.start]
    assert annotation.suffix == text[annotation.end : annotation.end + 32]
    assert annotation.exact == CLAUSE


def test_drift_helper_really_changes_words():
    """Guards the tests above: their drifted input must not secretly equal the original."""
    assert folded(drift(CLAUSE, seed=1, level=3)) != folded(CLAUSE)
