"""Candidate records for a page: those whose indexed shingles cluster in one stretch of it."""

from __future__ import annotations

import math

from termslens.engine.index import SHINGLE_SIZE, QuoteIndex, shingles
from termslens.engine.tokens import Tokens
from termslens.engine.types import Candidate

# Share of a record's indexed shingles that must fall inside one quote-sized stretch of the page. Heavy edits
# (one changed word in ten) still leave about 70% of shingles intact; 0.3 keeps those and drops stray hits
# of common phrases. The aligner verifies every candidate, so this only trades speed against recall.
CANDIDATE_MIN_SHARE = 0.3
MIN_CANDIDATE_HITS = 2


def find_candidates(page: Tokens, index: QuoteIndex) -> list[Candidate]:
    """Records whose shingles cluster in `page`, with the page token range to align in; most hits first."""
    lookup = index.postings.get
    found = [(pos, ids) for pos, ids in enumerate(map(lookup, shingles(page.words))) if ids]
    hits_by_record: dict[int, list[int]] = {}
    for pos, ids in found:
        for record_index in ids:
            hits_by_record.setdefault(record_index, []).append(pos)

    candidates = []
    for record_index, positions in hits_by_record.items():
        needed = max(MIN_CANDIDATE_HITS, math.ceil(CANDIDATE_MIN_SHARE * index.indexed_counts[record_index]))
        if len(positions) < needed:
            continue
        quote_length = len(index.quote_words[record_index])
        first, last, count = _densest_stretch(positions, quote_length + max(8, quote_length // 2))
        if count < needed:
            continue
        pad = max(4, quote_length // 3)
        candidates.append(
            Candidate(
                record_index=record_index,
                token_start=max(0, first - pad),
                token_end=min(len(page), last + SHINGLE_SIZE + pad),
                hits=count,
            )
        )
    candidates.sort(key=lambda c: (-c.hits, c.record_index))
    return candidates


def _densest_stretch(positions: list[int], width: int) -> tuple[int, int, int]:
    """(first, last, count) of the run of sorted `positions` spanning at most `width` with the most hits."""
    best = (positions[0], positions[0], 1)
    left = 0
    for right, pos in enumerate(positions):
        while pos - positions[left] > width:
            left += 1
        if right - left + 1 > best[2]:
            best = (positions[left], pos, right - left + 1)
    return best
