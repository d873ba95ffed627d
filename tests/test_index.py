"""The quote index as arrays: the vectorised build equals the straightforward one it replaced (the oracle)."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termslens.engine import build_index, find_matches, tokenize
from termslens.engine.candidates import MAX_STRETCHES, _densest
from termslens.engine.index import (
    CANDIDATE_MIN_SHARE,
    MAX_SHINGLE_SHARE,
    MIN_CANDIDATE_HITS,
    MIN_INDEXED_SHINGLES,
    MIN_SHINGLE_CAP,
    index_arrays,
    pack_shingles,
)
from tests.test_engine import make_record


def reference_postings(quotes: list[str]) -> tuple[dict[int, list[int]], list[int], list[list[str]]]:
    """The index as the first version built it, record by record with dicts and sets: shingle -> records,
    the hits each record needs, and the quote words. Kept as the oracle of the numpy build."""
    quote_words = [tokenize(quote).words for quote in quotes]
    word_ids: dict[str, int] = {}
    for words in quote_words:
        for word in words:
            word_ids.setdefault(word, len(word_ids) + 1)
    record_shingles = [
        set(pack_shingles(np.fromiter(map(word_ids.__getitem__, words), np.int64, len(words))).tolist())
        for words in quote_words
    ]
    frequency = Counter(s for own in record_shingles for s in own)
    cap = max(MIN_SHINGLE_CAP, int(MAX_SHINGLE_SHARE * len(quotes)))
    postings: dict[int, list[int]] = {}
    needed = []
    for record_index, own in enumerate(record_shingles):
        by_rarity = sorted(own, key=lambda s: (frequency[s], s))
        kept = [s for s in by_rarity if frequency[s] <= cap]
        if len(kept) < MIN_INDEXED_SHINGLES:
            kept = by_rarity[:MIN_INDEXED_SHINGLES]
        for shingle in kept:
            postings.setdefault(shingle, []).append(record_index)
        needed.append(max(MIN_CANDIDATE_HITS, math.ceil(CANDIDATE_MIN_SHARE * len(kept))))
    return postings, needed, quote_words


def corpus_quotes(corpus: dict[str, str], count: int, seed: int) -> list[str]:
    """Real sentences and paragraphs of the corpus, with some repeated stock phrases and very short quotes,
    so that the shingle cap, the minimum kept and the padded short keys all come into play."""
    rng = random.Random(seed)
    lines = [line.strip() for text in corpus.values() for line in text.split("\n") if 60 < len(line.strip()) < 700]
    quotes = rng.sample(lines, count)
    quotes += ["You may opt out.", "Cookies", "Contact us at any time.", ""] + ["We may change these terms at any time. " + q for q in quotes[:40]]
    return quotes


@pytest.mark.parametrize("count", [50, 3000])
def test_the_numpy_build_equals_the_reference_build(corpus, count):
    quotes = corpus_quotes(corpus, count, seed=count)
    arrays = index_arrays(quotes)
    postings, needed, quote_words = reference_postings(quotes)
    keys = sorted(postings)
    assert arrays.shingle_keys.tolist() == keys
    assert arrays.posting_starts.tolist() == [0, *np.cumsum([len(postings[k]) for k in keys]).tolist()]
    assert arrays.posting_records.tolist() == [r for k in keys for r in postings[k]]
    assert arrays.needed_hits.tolist() == needed
    vocabulary = arrays.vocabulary
    for i, words in enumerate(quote_words):
        start, stop = arrays.quote_starts[i], arrays.quote_starts[i + 1]
        assert [vocabulary[k] for k in arrays.quote_word_ids[start:stop]] == words


def test_an_index_of_no_records_finds_nothing():
    index = build_index([])
    assert len(index) == 0 and find_matches("We may change these terms at any time.", index) == []


def test_several_indexes_are_searched_as_one():
    """A library kept in parts (curated, imported, the user's) answers as one index would."""
    first = make_record("a", "We may share your personal information with our advertising partners for marketing.", category="data-sharing")
    second = make_record("b", "You may delete your account at any time from the settings page of the app.", service="other", category="account-deletion")
    text = f"Intro. {first.quote} Middle. {second.quote} End."
    together = find_matches(text, build_index([first, second]))
    apart = find_matches(text, [build_index([first]), build_index([second])])
    assert [(m.record.id, m.start, m.end) for m in apart] == [(m.record.id, m.start, m.end) for m in together]
    assert [m.record.id for m in apart] == ["a", "b"]


def reference_stretches(positions: list[int], width: int, needed: int) -> list[tuple[int, int, int]]:
    """The dense stretches as the first version found them, one record at a time: up to MAX_STRETCHES runs (first, last, count) of sorted `positions` sharing no hit, each spanning at most
    `width` and holding at least `needed` hits, densest first."""
    stretches: list[tuple[int, int, int]] = []
    remaining = positions
    while len(remaining) >= needed and len(stretches) < MAX_STRETCHES:
        best = (remaining[0], remaining[0], 1)
        left = 0
        for right, pos in enumerate(remaining):
            while pos - remaining[left] > width:
                left += 1
            if right - left + 1 > best[2]:
                best = (remaining[left], pos, right - left + 1)
        if best[2] < needed:
            break
        stretches.append(best)
        # The next stretch may sit right beside this one: a near-twin clause in the next paragraph (the UK
        # version after the EU one). Only this stretch's own hits are used up.
        remaining = [p for p in remaining if p < best[0] or p > best[1]]
    return stretches


# Per record: its quote-sized width, the hits it needs, and its hit positions (any set of page positions).
_RECORD_HITS = st.tuples(st.integers(1, 60), st.integers(1, 12), st.sets(st.integers(0, 400), max_size=40))


@settings(max_examples=300, deadline=None)
@given(st.lists(_RECORD_HITS, max_size=12))
def test_the_vectorised_stretches_are_the_plain_scans(hits_of_records):
    """Every record's dense stretches (first, last, count), found for all records at once, are those the
    plain scan finds record by record: the same hits, so the same candidates and windows on every page."""
    records, positions, widths, needed = [], [], [], []
    expected = []
    for record, (width, need, hits) in enumerate(hits_of_records):
        ordered = sorted(hits)
        records += [record] * len(ordered)
        positions += ordered
        widths += [width] * len(ordered)
        needed.append(need)
        expected += [(record, *stretch) for stretch in reference_stretches(ordered, width, need)]
    found = _densest(np.array(records, np.int64), np.array(positions, np.int64), np.array(widths, np.int64),
                     np.array(needed, np.int32))
    assert found == expected
