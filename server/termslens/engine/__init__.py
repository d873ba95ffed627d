"""The matching engine: pure functions from page text and records to where each record's clause sits.

No Flask, store (sqlite3), file or network I/O here; `tests/test_layering.py` holds the engine to that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from termslens.engine.align import MATCH_CUTOFF, align_quote
from termslens.engine.candidates import MayShow, find_candidates
from termslens.engine.index import IndexArrays, QuoteIndex, build_index, index_from_arrays
from termslens.engine.matches import one_per_clause
from termslens.engine.tokens import JoinedWords, Tokens, join_words, tokenize
from termslens.engine.types import Match, Span

if TYPE_CHECKING:
    from termslens.records import Record, Service

__all__ = [
    "MATCH_CUTOFF", "IndexArrays", "Match", "QuoteIndex", "Span", "align_quote", "build_index", "find_matches",
    "index_from_arrays", "tokenize",
]


def find_matches(
    text: str,
    index: QuoteIndex | Sequence[QuoteIndex],
    *,
    tokens: Tokens | None = None,
    joined: JoinedWords | None = None,
    service_id: str | None = None,
    named: Callable[[Service], bool] | None = None,
    least_score: Callable[[Record], float | None] | None = None,
    may_show: MayShow | None = None,
) -> list[Match]:
    """Where every indexed record's clause sits in `text`, one record per clause, in page order.

    Parameters
    ----------
    text : the page text; match offsets index it (code points)
    index : `build_index(records)`, or several such indexes (a library kept in parts) searched as one
    tokens, joined : `tokenize(text)` and `join_words(tokens.words)` when the caller already has them
    service_id : the service the page belongs to, if known; it only breaks ties between records of
        different services that land on the same clause. Every record is a candidate on every page.
    named : whether the page names a service; when the page's service is unknown, a named service's record
        wins such a tie (a template clause quoted for many services, on the page of one of them)
    least_score : the least score at which a record may be shown on this page, or None when it may not be
        shown here at all; such a record is not even aligned (on a known service's page, most candidates are
        other services' clauses), and the others are aligned with that score as their cutoff (a record of
        another service, shown only on near-identical wording, is not searched for at length). One record
        per clause is chosen among those shown, so a record that does not belong here never hides one that
        does.
    may_show : `may_show(part, positions)`, which of the records at `positions` of index `part` may be shown
        on this page at all (a boolean array): a cheaper screen, per service, ahead of `least_score`, asked
        of the records with a dense stretch of hits. The others are neither compared with the page nor read
        from their index (at 50,000 records most candidates of a known service's page are other services'
        clauses).
    """
    page = tokens if tokens is not None else tokenize(text)
    joined = joined if joined is not None else join_words(page.words)  # once per page, shared by every alignment
    matches: list[Match] = []
    for part in [index] if isinstance(index, QuoteIndex) else index:
        best: dict[int, Span] = {}  # one place per record: its best-scoring stretch
        for candidate in find_candidates(page, part, may_show):
            record = part.records[candidate.record_index]
            least = least_score(record) if least_score is not None else 0.0
            if least is None:
                continue
            span = align_quote(
                text,
                record.quote,
                page=page,
                window=(candidate.token_start, candidate.token_end),
                quote_words=part.quote_words(candidate.record_index),
                hint=(candidate.hit_start, candidate.hit_end),
                joined=joined,
                score_cutoff=max(MATCH_CUTOFF, least),
            )
            previous = best.get(candidate.record_index)
            if span is not None and span.score >= least and (previous is None or span.score > previous.score):
                best[candidate.record_index] = span
        matches += [Match(part.records[i], span.start, span.end, span.score) for i, span in best.items()]
    return one_per_clause(matches, service_id=service_id, named=named)
