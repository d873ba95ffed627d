"""The quote index: built once per record set, so a page costs its own length, not records x length.

Each quote is reduced to word 3-grams ("shingles"). Words get integer ids and a shingle packs its three ids
into one 64-bit key, so a page's shingles are looked up all at once (numpy `searchsorted` over the sorted
keys) and postings are stored as flat arrays (CSR): the work is proportional to the page, done in C, and
only records whose shingles cluster somewhere become candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

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

# Bits per word id in a packed shingle key: three ids fit in 63 bits, for up to two million distinct words.
ID_BITS = 21


@dataclass(frozen=True)
class QuoteIndex:
    """Records, their quotes' folded words, and the shingle postings that point from page text to them."""

    records: tuple[Record, ...]
    quote_words: tuple[tuple[str, ...], ...]
    quote_pairs: tuple[frozenset[tuple[str, str]], ...]
    word_ids: dict[str, int]  # every quote word -> its id (from 1; 0 stands for a word no quote has)
    shingle_keys: np.ndarray  # sorted packed keys of the indexed shingles (int64)
    posting_starts: np.ndarray  # records of shingle_keys[k]: posting_records[posting_starts[k]:posting_starts[k+1]]
    posting_records: np.ndarray  # int32
    needed_hits: np.ndarray  # per record: distinct indexed shingles a page must hold (int32)

    def __len__(self) -> int:
        return len(self.records)


def pack_shingles(ids: np.ndarray) -> np.ndarray:
    """Packed keys of the consecutive word-id triples of `ids` (a quote of one or two words, padded with
    0, gives one key that no page triple can equal)."""
    ids = np.asarray(ids, dtype=np.int64)
    if 0 < len(ids) < SHINGLE_SIZE:
        ids = np.pad(ids, (0, SHINGLE_SIZE - len(ids)))
    if len(ids) < SHINGLE_SIZE:
        return np.empty(0, np.int64)
    return (ids[:-2] << (2 * ID_BITS)) | (ids[1:-1] << ID_BITS) | ids[2:]


def build_index(records: Sequence[Record]) -> QuoteIndex:
    """An index of `records` for `find_candidates`; the cost is paid once, at load."""
    quote_words = tuple(tuple(tokenize(record.quote).words) for record in records)
    word_ids: dict[str, int] = {}
    for words in quote_words:
        for word in words:
            word_ids.setdefault(word, len(word_ids) + 1)
    if len(word_ids) >= 1 << ID_BITS:
        raise ValueError(f"too many distinct quote words to index ({len(word_ids):,})")
    record_shingles = [
        set(pack_shingles(np.fromiter(map(word_ids.__getitem__, words), np.int64, len(words))).tolist())
        for words in quote_words
    ]
    frequency = Counter(s for own in record_shingles for s in own)
    cap = max(MIN_SHINGLE_CAP, int(MAX_SHINGLE_SHARE * len(records)))
    postings: dict[int, list[int]] = {}
    needed: list[int] = []
    for record_index, own in enumerate(record_shingles):
        by_rarity = sorted(own, key=lambda s: (frequency[s], s))
        kept = [s for s in by_rarity if frequency[s] <= cap]
        if len(kept) < MIN_INDEXED_SHINGLES:
            kept = by_rarity[:MIN_INDEXED_SHINGLES]
        for shingle in kept:
            postings.setdefault(shingle, []).append(record_index)
        needed.append(max(MIN_CANDIDATE_HITS, math.ceil(CANDIDATE_MIN_SHARE * len(kept))))
    keys = sorted(postings)
    lengths = [len(postings[key]) for key in keys]
    return QuoteIndex(
        records=tuple(records),
        quote_words=quote_words,
        quote_pairs=tuple(word_pairs(words) for words in quote_words),
        word_ids=word_ids,
        shingle_keys=np.array(keys, dtype=np.int64),
        posting_starts=np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64),
        posting_records=np.array([r for key in keys for r in postings[key]], dtype=np.int32),
        needed_hits=np.array(needed, dtype=np.int32),
    )
