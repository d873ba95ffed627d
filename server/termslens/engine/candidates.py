"""Candidate records for a page: those whose indexed shingles cluster in one stretch of it.

Three filters, cheapest first, so the per-record Python work is spent on few records:
1. distinct shingles: how many of a record's indexed shingles occur anywhere in the page (counted in C);
2. density: those hits must fall within one quote-sized stretch of the page;
3. containment: the stretch must hold most of the quote's word pairs.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import NamedTuple

import numpy as np

from termslens.engine.index import SHINGLE_SIZE, QuoteIndex, pack_pairs, pack_shingles
from termslens.engine.tokens import Tokens
from termslens.engine.types import Candidate

# Share of the quote's word pairs that must occur in a candidate window before it is aligned. One changed word
# removes two pairs, so a clause with one word in five changed keeps about 60%; boilerplate that merely
# shares phrases keeps far less. The aligner verifies every candidate, so this trades speed, not precision.
# Chosen with benchmarks/calibrate_containment.py (on pages bench_scale.py does not use, 10,000 records):
# every drifted clause (edit levels 2 and 3) kept at least 0.74 of its pairs, while under 0.6 lay two thirds
# of the candidates that aligned nowhere, and most of the time spent on them (it was 0.45).
CANDIDATE_MIN_CONTAINMENT = 0.6
# A clause can have a near-twin elsewhere on the page (a summary, a regional variant): try two stretches.
MAX_STRETCHES = 2


# Which of an index's records (by position) may be shown on the page at all (a boolean array).
MayShow = Callable[[QuoteIndex, np.ndarray], np.ndarray]


def find_candidates(page: Tokens, index: QuoteIndex, may_show: MayShow | None = None) -> list[Candidate]:
    """Records that may occur in `page`, each with the page token range to align in; most hits first.
    `may_show(index, records)` is asked of the records with a dense stretch, and those it refuses are left out
    before their quotes are compared with the page."""
    arrays = index.arrays
    if not len(arrays.shingle_keys) or len(page) < SHINGLE_SIZE:
        return []
    ids = np.fromiter(map(index.word_ids.get, page.words, repeat(0)), np.int64, len(page))
    keys = pack_shingles(ids)
    # Searched in sorted order (each search starts where the last ended: four times faster on a large index).
    order = np.argsort(keys)
    sorted_slots = np.minimum(np.searchsorted(arrays.shingle_keys, keys[order]), len(arrays.shingle_keys) - 1)
    slots = np.empty_like(sorted_slots)
    slots[order] = sorted_slots
    hit_positions = np.flatnonzero(arrays.shingle_keys[slots] == keys)  # page positions of indexed shingles
    hit_slots = slots[hit_positions]

    # 1. distinct shingles per record: each indexed shingle the page holds counts once for each of its records
    distinct_hits = np.bincount(_postings(index, np.unique(hit_slots))[1], minlength=len(index))
    wanted = distinct_hits >= arrays.needed_hits
    if not wanted.any():
        return []

    # 2. every (record, page position) hit of the wanted records, grouped by record in page order
    owner, records = _postings(index, hit_slots)
    keep = wanted[records]
    records, positions = records[keep], hit_positions[owner[keep]]
    order = np.argsort(records, kind="stable")
    records, positions = records[order], positions[order]
    quote_starts = arrays.quote_starts
    lengths = (quote_starts[records + 1] - quote_starts[records]).astype(np.int64)
    stretches = _densest(records, positions, lengths + np.maximum(8, lengths // 2), arrays.needed_hits)
    if may_show is not None and stretches:
        dense_records = np.unique([stretch[0] for stretch in stretches])
        shown = set(dense_records[may_show(index, dense_records)].tolist())
        stretches = [stretch for stretch in stretches if stretch[0] in shown]

    # 3. dense stretches that hold most of the quote's word pairs (compared as packed word-id pairs; a page
    # word no quote has is id 0, which no quote pair contains)
    page_pairs = pack_pairs(ids)
    candidates = []
    for record_index, first, last, count in stretches:
        length = index.quote_length(record_index)
        pad = max(4, length // 6)
        # Words inserted at the clause's start or end leave its first or last shingles unmatched: the part of
        # the quote the hits do not span may lie on either side, so the window reaches that far.
        reach = pad + max(0, length - (last + SHINGLE_SIZE - first))
        start, end = max(0, first - reach), min(len(page), last + SHINGLE_SIZE + reach)
        quote_pairs = set(pack_pairs(index.quote_ids(record_index)).tolist())
        if _share(quote_pairs, page_pairs[start : end - 1].tolist()) >= CANDIDATE_MIN_CONTAINMENT:
            candidates.append(Candidate(record_index, start, end, count, first, last + SHINGLE_SIZE))
    candidates.sort(key=lambda c: (-c.hits, c.record_index, c.token_start))
    return candidates


def _share(quote_pairs: set[int], window_pairs: list[int]) -> float:
    """Share of a quote's word pairs that occur among a window's pairs (`tokens.pair_share` on word ids)."""
    if not quote_pairs:
        return 0.0
    return len(quote_pairs.intersection(window_pairs)) / len(quote_pairs)


def _postings(index: QuoteIndex, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, record) pairs for the postings of `slots`: `owner[k]` is the index into `slots` that posting
    `record[k]` came from. A vectorised gather of CSR rows."""
    posting_starts = index.arrays.posting_starts
    begins = posting_starts[slots]
    lengths = posting_starts[slots + 1] - begins
    owner = np.repeat(np.arange(len(slots)), lengths)
    offsets = np.arange(len(owner)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return owner, index.arrays.posting_records[begins[owner] + offsets]


def _densest(
    records: np.ndarray, positions: np.ndarray, widths: np.ndarray, needed: np.ndarray
) -> list[tuple[int, int, int, int]]:
    """(record, first, last, count) for up to MAX_STRETCHES dense stretches of each record's hits, sharing no
    hit, each spanning at most its record's width and holding at least the hits it needs, densest first; for
    all records at once (`records` grouped, `positions` ascending within a record, `widths[k]` the width for
    hit k's record, `needed[r]` the hits record r needs). `tests/test_index.py` holds the plain scan it
    replaced, as its oracle."""
    out: list[tuple[int, int, int, int, int]] = []
    for round_number in range(MAX_STRETCHES):
        if not len(records):
            break
        peaks = _peaks(records, positions, widths)
        group_records, counts = records[peaks.group_starts], peaks.counts
        need = needed[group_records].astype(np.int64)
        dense = counts >= need
        firsts, lasts = positions[peaks.best], positions[peaks.last_hit]
        out += zip(group_records[dense].tolist(), [round_number] * int(dense.sum()), firsts[dense].tolist(),
                   lasts[dense].tolist(), counts[dense].tolist())
        # The next stretch may sit right beside this one: a near-twin clause in the next paragraph (the UK
        # version after the EU one). Only this stretch's own hits are used up.
        again = (dense & (peaks.sizes - counts >= need))[peaks.group_of]
        outside = (positions < firsts[peaks.group_of]) | (positions > lasts[peaks.group_of])
        left = again & outside
        records, positions, widths = records[left], positions[left], widths[left]
    out.sort(key=lambda stretch: (stretch[0], stretch[1]))
    return [(record, first, last, count) for record, _, first, last, count in out]


class _Peaks(NamedTuple):
    """Each record's densest stretch, as indices into the hit arrays (one entry per record, in order)."""

    group_starts: np.ndarray  # where the record's hits start
    sizes: np.ndarray  # how many hits it has
    group_of: np.ndarray  # per hit: its record's entry
    best: np.ndarray  # the hit starting its densest stretch
    counts: np.ndarray  # how many hits that stretch holds
    last_hit: np.ndarray  # the stretch's last hit


def _peaks(records: np.ndarray, positions: np.ndarray, widths: np.ndarray) -> _Peaks:
    """Each record's densest stretch of hits. From every hit, the hits of the same record within its width are
    counted in one sorted search; the first hit where that count peaks starts the stretch."""
    group_starts = np.flatnonzero(np.concatenate([[True], records[1:] != records[:-1]]))
    sizes = np.diff(np.append(group_starts, len(records)))
    stride = int(positions.max()) + int(widths.max()) + 1
    keys = records.astype(np.int64) * stride + positions
    reach_end = np.searchsorted(keys, keys + widths, side="right")
    counts = reach_end - np.arange(len(keys))
    group_of = np.repeat(np.arange(len(group_starts)), sizes)
    peaks = np.flatnonzero(counts == np.maximum.reduceat(counts, group_starts)[group_of])
    best = peaks[np.concatenate([[True], group_of[peaks][1:] != group_of[peaks][:-1]])]
    return _Peaks(group_starts, sizes, group_of, best, counts[best], reach_end[best] - 1)
