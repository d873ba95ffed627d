"""The digest: the few things on a page that matter most, what a person reads first.

The page's annotations are grouped by clause type (category and stance: "the service limits what it owes you"
found 45 times is one entry, ×45, with the ids of its 45 annotations in page order) and the groups ranked:
1. good news last (what the service promises you comes after what it takes);
2. severity, high first;
3. stance: bad before neutral;
4. whether the person can act (a group with an opt-out, a request or a setting to change first);
5. curated before generic (a record knows this service's clause; a type is a guess about it);
6. earlier on the page first.
At most DIGEST_SIZE entries are kept; when good news would be cut, the last place goes to the best of it, so
a page that lets you delete your account or opt out says so in the digest.
An entry's kind is that of its best annotation (curated first, then the highest score); so is its title when
the group holds one clause (or repeats of one record's), and otherwise the clause type's name: "Anthropic's
liability is capped at six months of fees ×4" would say that of four clauses when one of them says it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termslens.annotation import RECORD, Annotation

DIGEST_SIZE = 7
_SEVERITY = {"high": 0, "medium": 1, "low": 2}
_STANCE = {"bad": 0, "neutral": 1, "good": 2}


@dataclass(frozen=True)
class DigestEntry:
    """One clause type on the page: its best annotation's title, the group's highest severity, its stance,
    whether any of its clauses offers something to do, and the ids of its annotations in page order."""

    category: str
    stance: str
    severity: str
    title: str
    kind: str
    record_id: str | None
    can_act: bool
    annotation_ids: tuple[str, ...]
    first_start: int

    @property
    def count(self) -> int:
        return len(self.annotation_ids)

    def rank(self) -> tuple:
        return (
            self.stance == "good",
            _SEVERITY[self.severity],
            _STANCE[self.stance],
            not self.can_act,
            self.kind != RECORD,
            self.first_start,
        )


def digest(annotations: Iterable[Annotation], *, size: int = DIGEST_SIZE) -> list[DigestEntry]:
    """The page's digest: at most `size` grouped entries, most important first (see the module docstring).

    `annotations` need their ids (`analysis.identify`).
    """
    groups: dict[tuple[str, str], list[Annotation]] = {}
    for annotation in sorted(annotations, key=lambda a: (a.start, a.end)):
        groups.setdefault((annotation.category.id, annotation.stance), []).append(annotation)
    entries = sorted((_entry(members) for members in groups.values()), key=DigestEntry.rank)
    if len(entries) <= size:
        return entries
    kept = entries[:size]
    good = [e for e in entries if e.stance == "good"]
    if good and not any(e.stance == "good" for e in kept):
        kept[-1] = good[0]
    return kept


def _entry(members: Sequence[Annotation]) -> DigestEntry:
    best = min(members, key=lambda a: (a.kind != RECORD, -a.score, a.start))
    one_clause = len({a.subject for a in members}) == 1 and (best.record is not None or len(members) == 1)
    return DigestEntry(
        category=best.category.id,
        stance=best.stance,
        severity=min((a.severity for a in members), key=_SEVERITY.__getitem__),
        title=best.record.title if best.record is not None and one_clause else best.category.name,
        kind=best.kind,
        record_id=best.record.id if best.record is not None else None,
        can_act=any(a.actions for a in members),
        annotation_ids=tuple(a.id for a in members),
        first_start=members[0].start,
    )
