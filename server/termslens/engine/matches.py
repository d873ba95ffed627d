"""One record per clause: when records of several services land on the same clause, which one stays."""

from __future__ import annotations

from typing import Sequence

from termslens.engine.types import Match

# Two matches of the same category covering this share of the shorter one are the same clause.
SAME_CLAUSE_OVERLAP = 0.5


def one_per_clause(matches: Sequence[Match], *, service_id: str | None = None) -> list[Match]:
    """`matches` in page order, one per clause.

    When records of several services land on the same clause (the same terms served under two brands), the
    page's own service wins, then the higher score. A curated record wins over an imported one (ToS;DR's) on
    the same clause, whatever their categories: the project checked its own against the document.
    """
    preferred = sorted(
        matches, key=lambda m: (m.record.imported, m.record.service.id != service_id, -m.score, m.start, m.record.id)
    )
    kept: list[Match] = []
    kept_by_category: dict[str, list[Match]] = {}
    curated: list[Match] = []
    for match in preferred:
        same_category = kept_by_category.setdefault(match.record.category, [])
        if any(_same_clause(match, other) for other in same_category):
            continue
        if match.record.imported and any(_overlap(match, other) >= SAME_CLAUSE_OVERLAP for other in curated):
            continue
        kept.append(match)
        same_category.append(match)
        if not match.record.imported:
            curated.append(match)
    return sorted(kept, key=lambda m: (m.start, m.end, m.record.id))


def _same_clause(match: Match, other: Match) -> bool:
    if match.record.service.id == other.record.service.id or match.record.category != other.record.category:
        return False
    return _overlap(match, other) >= SAME_CLAUSE_OVERLAP


def _overlap(match: Match, other: Match) -> float:
    """The share of the shorter of two matches that the other covers."""
    overlap = min(match.end, other.end) - max(match.start, other.start)
    shorter = min(match.end - match.start, other.end - other.start)
    return overlap / shorter if shorter > 0 else 0.0
