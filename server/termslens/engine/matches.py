"""One record per clause: when records of several services land on the same clause, which one stays."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from termslens.engine.types import Match

if TYPE_CHECKING:
    from termslens.records import Service

# Two matches of the same category covering this share of the shorter one are the same clause.
SAME_CLAUSE_OVERLAP = 0.5


def one_per_clause(
    matches: Sequence[Match], *, service_id: str | None = None, named: Callable[[Service], bool] | None = None
) -> list[Match]:
    """`matches` in page order, one per clause.

    When records of several services land on the same clause (the same terms served under two brands, or one
    template used by many), the page's own service wins, then a service the page names (`named`, asked only
    when the page's service is unknown), then a curated record over an imported one (ToS;DR's), then the
    higher score. An imported record that overlaps a curated one kept before it is dropped whatever their
    categories: the project checked its own against the document.
    """
    unnamed: dict[str, bool] = {}

    def not_named(match: Match) -> bool:
        service = match.record.service
        if named is None or service_id is not None:
            return False
        if service.id not in unnamed:
            unnamed[service.id] = not named(service)
        return unnamed[service.id]

    preferred = sorted(
        matches,
        key=lambda m: (m.record.service.id != service_id, not_named(m), m.record.imported, -m.score, m.start, m.record.id),
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
