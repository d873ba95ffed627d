"""The matching engine: pure functions from page text and records to located annotations.

No Flask, tinydb, file or network I/O here; `tests/test_layering.py` holds the engine to that.
"""

from __future__ import annotations

from termslens.engine.align import MATCH_CUTOFF, align_quote
from termslens.engine.annotate import build_annotations
from termslens.engine.candidates import find_candidates
from termslens.engine.index import QuoteIndex, build_index
from termslens.engine.tokens import join_words, tokenize
from termslens.engine.types import Annotation, Span

__all__ = ["Annotation", "MATCH_CUTOFF", "QuoteIndex", "Span", "align_quote", "analyze", "build_index"]


def analyze(text: str, index: QuoteIndex, *, service_id: str | None = None) -> list[Annotation]:
    """Annotations of every indexed record found in `text`, in page order.

    Parameters
    ----------
    text : the page text; annotation offsets index it (code points, plus UTF-16 offsets for browsers)
    index : `build_index(records)`
    service_id : the service the page belongs to, if known; it only breaks ties between records of
        different services that land on the same clause. Every record is a candidate on every page.
    """
    page = tokenize(text)
    joined = join_words(page.words)  # once per page, shared by every alignment
    best: dict[int, Span] = {}  # one place per record: its best-scoring stretch
    for candidate in find_candidates(page, index):
        record = index.records[candidate.record_index]
        span = align_quote(
            text,
            record.quote,
            page=page,
            window=(candidate.token_start, candidate.token_end),
            quote_words=index.quote_words[candidate.record_index],
            hint=(candidate.hit_start, candidate.hit_end),
            joined=joined,
        )
        previous = best.get(candidate.record_index)
        if span is not None and (previous is None or span.score > previous.score):
            best[candidate.record_index] = span
    matches = [(index.records[record_index], span) for record_index, span in best.items()]
    return build_annotations(text, matches, service_id=service_id)
