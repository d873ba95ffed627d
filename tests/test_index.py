"""The quote index as arrays: the vectorised build equals the straightforward one it replaced (the oracle)."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest

from termslens.engine import build_index, find_matches, tokenize
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
