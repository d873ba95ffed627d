"""The quote index: built once per record set, so a page costs its own length, not records x length.

Each quote is reduced to word 3-grams ("shingles"). A page looks up its own shingles in one dict, so the
work is proportional to the page, and only records whose shingles cluster somewhere become candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from termslens.engine.tokens import tokenize, word_pairs
from termslens.records import Record

SHINGLE_SIZE = 3
# A shingle carried by more than this share of records ("of the services") says little about any of them
# and would make every page touch thousands of postings; it is left out of the index. Records keep at least
# MIN_INDEXED_SHINGLES of their rarest shingles regardless, so no record becomes unfindable.
# Chosen with benchmarks/bench_match.py: at 10,000 records it keeps recall equal to the naive baseline.
MAX_SHINGLE_SHARE = 0.01
MIN_SHINGLE_CAP = 24
MIN_INDEXED_SHINGLES = 8

# Share of a record's indexed shingles that must occur in a page (and again within one stretch of it) for the
# record to be a candidate. One changed word removes up to three shingles, so a clause with one word in eight
# changed keeps over 60%; 0.4 keeps those and drops records that merely share stock phrases with the page.
CANDIDATE_MIN_SHARE = 0.4
MIN_CANDIDATE_HITS = 2

Shingle = tuple[str, ...]


def shingles(words: Sequence[str]) -> list[Shingle]:
    """Consecutive word 3-grams of `words` (one shingle of all words when there are fewer)."""
    if len(words) < SHINGLE_SIZE:
        return [tuple(words)] if words else []
    return list(zip(*(words[i:] for i in range(SHINGLE_SIZE))))


@dataclass(frozen=True)
class QuoteIndex:
    """Records, their quotes' folded words, and the shingle postings that point from page text to them."""

    records: tuple[Record, ...]
    quote_words: tuple[tuple[str, ...], ...]
    quote_pairs: tuple[frozenset[tuple[str, str]], ...]
    postings: dict[Shingle, tuple[int, ...]]
    record_shingles: tuple[tuple[Shingle, ...], ...]  # the shingles indexed for each record
    needed_hits: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.records)


def build_index(records: Sequence[Record]) -> QuoteIndex:
    """An index of `records` for `find_candidates`; the cost is paid once, at load."""
    quote_words = tuple(tuple(tokenize(record.quote).words) for record in records)
    record_shingles = [set(shingles(words)) for words in quote_words]
    frequency = Counter(s for own in record_shingles for s in own)
    cap = max(MIN_SHINGLE_CAP, int(MAX_SHINGLE_SHARE * len(records)))
    postings: dict[Shingle, list[int]] = {}
    indexed: list[tuple[Shingle, ...]] = []
    for record_index, own in enumerate(record_shingles):
        by_rarity = sorted(own, key=lambda s: (frequency[s], s))
        kept = [s for s in by_rarity if frequency[s] <= cap]
        if len(kept) < MIN_INDEXED_SHINGLES:
            kept = by_rarity[:MIN_INDEXED_SHINGLES]
        for shingle in kept:
            postings.setdefault(shingle, []).append(record_index)
        indexed.append(tuple(kept))
    return QuoteIndex(
        records=tuple(records),
        quote_words=quote_words,
        quote_pairs=tuple(word_pairs(words) for words in quote_words),
        postings={shingle: tuple(ids) for shingle, ids in postings.items()},
        record_shingles=tuple(indexed),
        needed_hits=tuple(max(MIN_CANDIDATE_HITS, math.ceil(CANDIDATE_MIN_SHARE * len(kept))) for kept in indexed),
    )
