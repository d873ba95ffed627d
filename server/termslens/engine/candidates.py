"""Candidate records for a page: those whose indexed shingles cluster in one stretch of it.

Three filters, cheapest first, so the per-record Python work is spent on few records:
1. distinct shingles: how many of a record's indexed shingles occur anywhere in the page (counted in C);
2. density: those hits must fall within one quote-sized stretch of the page;
3. containment: the stretch must hold most of the quote's word pairs.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from termslens.engine.index import SHINGLE_SIZE, QuoteIndex, Shingle, shingles
from termslens.engine.tokens import Tokens, pair_share
from termslens.engine.types import Candidate

# Share of the quote's word pairs that must occur in a candidate window before it is aligned. One changed word
# removes two pairs, so a clause with one word in five changed keeps about 60%; boilerplate that merely
# shares phrases keeps far less. These three thresholds were chosen with benchmarks/bench_match.py so that
# recall equals the naive baseline's; the aligner verifies every candidate, so they trade speed, not precision.
CANDIDATE_MIN_CONTAINMENT = 0.45
# A clause can have a near-twin elsewhere on the page (a summary, a regional variant): try two stretches.
MAX_STRETCHES = 2


def find_candidates(page: Tokens, index: QuoteIndex) -> list[Candidate]:
    """Records that may occur in `page`, each with the page token range to align in; most hits first."""
    postings = index.postings
    page_shingles = shingles(page.words)
    # filter/map/Counter iterate in C: no Python-level step per page shingle until records are few.
    present = set(filter(postings.__contains__, set(page_shingles)))
    distinct_hits = Counter(chain.from_iterable(map(postings.__getitem__, present)))
    needed = index.needed_hits
    wanted = [r for r, count in distinct_hits.items() if count >= needed[r]]
    if not wanted:
        return []

    relevant: dict[Shingle, list[int]] = {}
    for record_index in wanted:
        for key in index.record_shingles[record_index]:
            if key in present:
                relevant.setdefault(key, []).append(record_index)
    positions_by_record: dict[int, list[int]] = {r: [] for r in wanted}
    for position, ids in enumerate(map(relevant.get, page_shingles)):
        if ids:
            for record_index in ids:
                positions_by_record[record_index].append(position)

    candidates = []
    for record_index, positions in positions_by_record.items():
        quote_words = index.quote_words[record_index]
        width = len(quote_words) + max(8, len(quote_words) // 2)
        pad = max(4, len(quote_words) // 6)
        for first, last, count in _dense_stretches(positions, width, needed[record_index]):
            start, end = max(0, first - pad), min(len(page), last + SHINGLE_SIZE + pad)
            if pair_share(index.quote_pairs[record_index], page.words[start:end]) >= CANDIDATE_MIN_CONTAINMENT:
                candidates.append(Candidate(record_index, start, end, count, first, last + SHINGLE_SIZE))
    candidates.sort(key=lambda c: (-c.hits, c.record_index, c.token_start))
    return candidates


def _dense_stretches(positions: list[int], width: int, needed: int) -> list[tuple[int, int, int]]:
    """Up to MAX_STRETCHES disjoint runs (first, last, count) of sorted `positions`, each spanning at most
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
        remaining = [p for p in remaining if p < best[0] - width or p > best[1] + width]
    return stretches
