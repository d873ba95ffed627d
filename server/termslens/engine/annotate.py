"""Annotations from aligned spans: context for re-anchoring in the browser, and one record per clause."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Callable, Sequence

from termslens.engine.types import Annotation, Span
from termslens.records import Record

# Context kept on each side of an annotation, as Hypothesis keeps for its quote selectors: enough for the
# browser to tell two occurrences of the same words apart.
CONTEXT_CHARS = 32
# Two annotations of the same category covering this share of the shorter one are the same clause.
SAME_CLAUSE_OVERLAP = 0.5
# Characters outside the Basic Multilingual Plane take two UTF-16 code units (emoji, some CJK).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def build_annotations(
    text: str, matches: Sequence[tuple[Record, Span]], *, service_id: str | None = None
) -> list[Annotation]:
    """Annotations for `matches` in page order, one per clause.

    When records of several services land on the same clause (the same terms served under two brands), the
    page's own service wins, then the higher score.
    """
    preferred = sorted(
        matches, key=lambda m: (m[0].service.id != service_id, -m[1].score, m[1].start, m[0].id)
    )
    kept: list[tuple[Record, Span]] = []
    kept_by_category: dict[str, list[tuple[Record, Span]]] = {}
    for record, span in preferred:
        same_category = kept_by_category.setdefault(record.category, [])
        if not any(_same_clause(record, span, other, other_span) for other, other_span in same_category):
            kept.append((record, span))
            same_category.append((record, span))
    kept.sort(key=lambda m: (m[1].start, m[1].end, m[0].id))
    to_utf16 = utf16_offsets(text)
    return [
        Annotation(record=record, start=span.start, end=span.end, score=span.score, **locate(text, span.start, span.end, to_utf16))
        for record, span in kept
    ]


def locate(text: str, start: int, end: int, to_utf16: Callable[[int], int]) -> dict[str, str | int]:
    """What the browser needs to re-anchor `text[start:end]`: the exact text, its context, UTF-16 offsets
    (`to_utf16` is `utf16_offsets(text)`, built once per text)."""
    return {
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
        "start_utf16": to_utf16(start),
        "end_utf16": to_utf16(end),
    }


def _same_clause(record: Record, span: Span, other: Record, other_span: Span) -> bool:
    if record.service.id == other.service.id or record.category != other.category:
        return False
    overlap = min(span.end, other_span.end) - max(span.start, other_span.start)
    shorter = min(span.end - span.start, other_span.end - other_span.start)
    return shorter > 0 and overlap / shorter >= SAME_CLAUSE_OVERLAP


def utf16_offsets(text: str) -> Callable[[int], int]:
    """A function from a code-point offset of `text` to the UTF-16 code-unit offset the browser uses: the
    offset plus the number of astral characters (two code units each) before it."""
    astral = [] if text.isascii() else [match.start() for match in _ASTRAL.finditer(text)]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect_left(astral, offset)
