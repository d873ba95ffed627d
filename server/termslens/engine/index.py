"""The quote index: built once per record set, so a page costs its own length, not records x length.

Each quote is reduced to word 3-grams ("shingles"). Words get integer ids and a shingle packs its three ids
into one 64-bit key, so a page's shingles are looked up all at once (numpy `searchsorted` over the sorted
keys) and postings are stored as flat arrays (CSR): the work is proportional to the page, done in C, and
only records whose shingles cluster somewhere become candidates.

Everything the index holds is plain arrays plus the word list (`IndexArrays`), so a caller can write it to
disk once and memory-map it at the next start (`termslens.recordset` does); the engine itself does no I/O.
The records themselves are only read for the few candidates a page turns up, so `QuoteIndex.records` may be
a lazy sequence.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from functools import cached_property

import numpy as np

from termslens.engine.tokens import tokenize
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

# What the arrays mean; a persisted index made under other values must be rebuilt (part of its cache key).
INDEX_FORMAT = f"shingles{SHINGLE_SIZE}-share{MAX_SHINGLE_SHARE}-cap{MIN_SHINGLE_CAP}-min{MIN_INDEXED_SHINGLES}-need{CANDIDATE_MIN_SHARE}-{MIN_CANDIDATE_HITS}-bits{ID_BITS}-v2"


@dataclass(frozen=True)
class IndexArrays:
    """The index as plain data: the quote words and the shingle postings. Record i's quote is the words
    `vocabulary[k]` for k in `quote_word_ids[quote_starts[i]:quote_starts[i + 1]]`."""

    vocabulary: Sequence[str]  # word id -> folded word; id 0 is "" (a page word no quote has)
    quote_word_ids: np.ndarray  # int32, every quote's word ids one after another
    quote_starts: np.ndarray  # int64, len(records) + 1
    shingle_keys: np.ndarray  # sorted packed keys of the indexed shingles (int64)
    posting_starts: np.ndarray  # records of shingle_keys[k]: posting_records[posting_starts[k]:posting_starts[k+1]]
    posting_records: np.ndarray  # int32
    needed_hits: np.ndarray  # per record: distinct indexed shingles a page must hold (int32)

    @staticmethod
    def array_names() -> tuple[str, ...]:
        """The names of the numpy fields (all but the vocabulary)."""
        return tuple(f.name for f in fields(IndexArrays) if f.name != "vocabulary")


@dataclass(frozen=True)
class QuoteIndex:
    """Records and the index over their quotes."""

    records: Sequence[Record]
    arrays: IndexArrays

    @cached_property
    def word_ids(self) -> dict[str, int]:
        """Every quote word -> its id (from 1); made on the first search (a library searches only its merged
        index, not its sources')."""
        return {word: k for k, word in enumerate(self.arrays.vocabulary) if k}

    def __len__(self) -> int:
        return len(self.arrays.needed_hits)

    def quote_length(self, record_index: int) -> int:
        starts = self.arrays.quote_starts
        return int(starts[record_index + 1] - starts[record_index])

    def quote_ids(self, record_index: int) -> np.ndarray:
        starts = self.arrays.quote_starts
        return self.arrays.quote_word_ids[starts[record_index] : starts[record_index + 1]]

    def quote_words(self, record_index: int) -> list[str]:
        """The folded words of record `record_index`'s quote (`tokenize(quote).words`)."""
        vocabulary = self.arrays.vocabulary
        return [vocabulary[k] for k in self.quote_ids(record_index).tolist()]


def pack_shingles(ids: np.ndarray) -> np.ndarray:
    """Packed keys of the consecutive word-id triples of `ids` (a quote of one or two words, padded with
    0, gives one key that no page triple can equal)."""
    ids = np.asarray(ids, dtype=np.int64)
    if 0 < len(ids) < SHINGLE_SIZE:
        ids = np.pad(ids, (0, SHINGLE_SIZE - len(ids)))
    if len(ids) < SHINGLE_SIZE:
        return np.empty(0, np.int64)
    return (ids[:-2] << (2 * ID_BITS)) | (ids[1:-1] << ID_BITS) | ids[2:]


def pack_pairs(ids: np.ndarray) -> np.ndarray:
    """Packed keys of the consecutive word-id pairs of `ids` (int64)."""
    ids = np.asarray(ids, dtype=np.int64)
    return (ids[:-1] << ID_BITS) | ids[1:]


class IndexBuilder:
    """Takes quotes one at a time, keeping only their word ids, and makes the `IndexArrays`; so a large
    library is never held as records while its index is built."""

    def __init__(self) -> None:
        self.vocabulary: list[str] = [""]
        self._word_ids: dict[str, int] = {}
        self._ids = array("i")
        self._starts = array("q", [0])

    def add(self, quote: str) -> None:
        ids = self._word_ids
        vocabulary = self.vocabulary
        for word in tokenize(quote).words:
            word_id = ids.get(word)
            if word_id is None:
                word_id = ids[word] = len(vocabulary)
                vocabulary.append(word)
            self._ids.append(word_id)
        self._starts.append(len(self._ids))

    def arrays(self) -> IndexArrays:
        if len(self.vocabulary) >= 1 << ID_BITS:
            raise ValueError(f"too many distinct quote words to index ({len(self.vocabulary):,})")
        word_ids = np.frombuffer(self._ids, dtype=np.int32).copy() if len(self._ids) else np.empty(0, np.int32)
        starts = np.frombuffer(self._starts, dtype=np.int64).copy()
        return IndexArrays(self.vocabulary, word_ids, starts, *_postings(word_ids, starts))


def _postings(word_ids: np.ndarray, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(shingle_keys, posting_starts, posting_records, needed_hits) for the quotes `word_ids` split at
    `starts`, all in numpy: every record keeps its rarest shingles (see MAX_SHINGLE_SHARE)."""
    count = len(starts) - 1
    lengths = np.diff(starts)
    ids = word_ids.astype(np.int64)
    owner = np.repeat(np.arange(count, dtype=np.int64), lengths)
    # Triples starting at every word whose quote has two more words after it...
    if len(ids) >= SHINGLE_SIZE:
        keys = (ids[:-2] << (2 * ID_BITS)) | (ids[1:-1] << ID_BITS) | ids[2:]
        positions = np.arange(len(keys))
        inside = positions + SHINGLE_SIZE <= starts[owner[: len(keys)] + 1]
        keys, key_owner = keys[inside], owner[: len(keys)][inside]
    else:
        keys, key_owner = np.empty(0, np.int64), np.empty(0, np.int64)
    # ...and one zero-padded key for each quote of one or two words.
    short = np.flatnonzero((lengths > 0) & (lengths < SHINGLE_SIZE))
    if len(short):
        first = ids[starts[short]]
        second = np.where(lengths[short] > 1, ids[np.minimum(starts[short] + 1, len(ids) - 1)], 0)
        keys = np.concatenate([keys, (first << (2 * ID_BITS)) | (second << ID_BITS)])
        key_owner = np.concatenate([key_owner, short])

    # Distinct (record, shingle) pairs, and in how many records each shingle occurs.
    order = np.lexsort((keys, key_owner))
    keys, key_owner = keys[order], key_owner[order]
    distinct = np.ones(len(keys), bool)
    distinct[1:] = (keys[1:] != keys[:-1]) | (key_owner[1:] != key_owner[:-1])
    keys, key_owner = keys[distinct], key_owner[distinct]
    _, inverse, frequency = np.unique(keys, return_inverse=True, return_counts=True)
    key_frequency = frequency[inverse]

    # Per record, its shingles rarest first: the ones under the cap, or at least MIN_INDEXED_SHINGLES.
    cap = max(MIN_SHINGLE_CAP, int(MAX_SHINGLE_SHARE * count))
    order = np.lexsort((keys, key_frequency, key_owner))
    keys, key_owner, key_frequency = keys[order], key_owner[order], key_frequency[order]
    per_record = np.bincount(key_owner, minlength=count)
    group_start = np.concatenate([[0], np.cumsum(per_record)[:-1]])
    rank = np.arange(len(keys)) - group_start[key_owner]
    under_cap = np.bincount(key_owner[key_frequency <= cap], minlength=count)
    kept_count = np.where(under_cap >= MIN_INDEXED_SHINGLES, under_cap, np.minimum(MIN_INDEXED_SHINGLES, per_record))
    kept = rank < kept_count[key_owner]
    needed = np.maximum(MIN_CANDIDATE_HITS, np.ceil(CANDIDATE_MIN_SHARE * kept_count)).astype(np.int32)

    # Postings: for each kept shingle, its records in record order.
    keys, key_owner = keys[kept], key_owner[kept]
    order = np.lexsort((key_owner, keys))
    keys, key_owner = keys[order], key_owner[order]
    shingle_keys, counts = np.unique(keys, return_counts=True)
    posting_starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return shingle_keys.astype(np.int64), posting_starts, key_owner.astype(np.int32), needed


def merge_arrays(parts: Sequence[IndexArrays]) -> IndexArrays:
    """One index of several, their records one part after another: each shingle indexes the same records as in
    its part (each part's own choice of shingles kept), so a page finds the same candidates in the whole as in
    the parts, looked up once instead of once per part."""
    word_id = {"": 0}
    remaps = [
        np.fromiter((word_id.setdefault(word, len(word_id)) for word in arrays.vocabulary), np.int64, len(arrays.vocabulary))
        for arrays in parts
    ]
    mask = (1 << ID_BITS) - 1
    keys, segment_starts, segment_lengths, posting_records = [], [], [], []
    record_offset = posting_offset = word_offset = 0
    quote_ids, quote_starts = [], [np.zeros(1, np.int64)]
    for arrays, remap in zip(parts, remaps):
        old = arrays.shingle_keys
        keys.append((remap[old >> (2 * ID_BITS)] << (2 * ID_BITS)) | (remap[(old >> ID_BITS) & mask] << ID_BITS) | remap[old & mask])
        segment_starts.append(arrays.posting_starts[:-1] + posting_offset)
        segment_lengths.append(np.diff(arrays.posting_starts))
        posting_records.append(arrays.posting_records.astype(np.int64) + record_offset)
        quote_ids.append(remap[arrays.quote_word_ids])
        quote_starts.append(arrays.quote_starts[1:] + word_offset)
        record_offset += len(arrays.needed_hits)
        posting_offset += len(arrays.posting_records)
        word_offset += len(arrays.quote_word_ids)
    # Every part's shingles in key order (a key several parts index is adjacent to itself), then each one's
    # postings gathered in that order: a shingle's records stay in record order, part after part.
    all_keys = np.concatenate(keys)
    order = np.argsort(all_keys, kind="stable")
    all_keys, starts, lengths = all_keys[order], np.concatenate(segment_starts)[order], np.concatenate(segment_lengths)[order]
    owner = np.repeat(np.arange(len(all_keys)), lengths)
    within = np.arange(len(owner)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    records = np.concatenate(posting_records)[starts[owner] + within] if len(owner) else np.empty(0, np.int64)
    first = np.ones(len(all_keys), bool)
    first[1:] = all_keys[1:] != all_keys[:-1]
    counts = np.add.reduceat(lengths, np.flatnonzero(first)) if len(all_keys) else np.empty(0, np.int64)
    return IndexArrays(
        vocabulary=list(word_id),
        quote_word_ids=np.concatenate(quote_ids).astype(np.int32),
        quote_starts=np.concatenate(quote_starts).astype(np.int64),
        shingle_keys=all_keys[first].astype(np.int64),
        posting_starts=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        posting_records=records.astype(np.int32),
        needed_hits=np.concatenate([arrays.needed_hits for arrays in parts]).astype(np.int32),
    )


def index_from_arrays(records: Sequence[Record], arrays: IndexArrays) -> QuoteIndex:
    """The index of `records` from its arrays (as `build_index` made them, or memory-mapped from disk)."""
    if len(records) != len(arrays.needed_hits):
        raise ValueError(f"{len(records)} records for an index of {len(arrays.needed_hits)}")
    return QuoteIndex(records, arrays)


def index_arrays(quotes: Iterable[str]) -> IndexArrays:
    """The index arrays of `quotes`, in order."""
    builder = IndexBuilder()
    for quote in quotes:
        builder.add(quote)
    return builder.arrays()


def build_index(records: Sequence[Record]) -> QuoteIndex:
    """An index of `records` for `find_candidates`; the cost is paid once, at load."""
    return index_from_arrays(records, index_arrays(record.quote for record in records))
