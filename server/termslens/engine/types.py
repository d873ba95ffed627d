"""The data the engine passes between its stages. Offsets are half-open `[start, end)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termslens.records import Record


@dataclass(frozen=True)
class Candidate:
    """A record that may occur in a page, in page token indices: the window to align in, and within it the
    stretch from the first to the last shingle hit, where the clause most likely sits."""

    record_index: int
    token_start: int
    token_end: int
    hits: int
    hit_start: int
    hit_end: int


@dataclass(frozen=True)
class Span:
    """A passage of page text, `text[start:end]` in code points, and how well it matches (0-100)."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class Located:
    """Where a clause sits in the analysed text, `text[start:end]`, with what the browser needs to find it
    again: the exact text, 32 characters of context each side and UTF-16 offsets."""

    start: int
    end: int
    score: float
    exact: str
    prefix: str
    suffix: str
    start_utf16: int
    end_utf16: int

    def location_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "start_utf16": self.start_utf16,
            "end_utf16": self.end_utf16,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "score": round(self.score, 1),
        }


@dataclass(frozen=True)
class Annotation(Located):
    """A located clause: a record found at `text[start:end]` of the analysed text."""

    record: "Record"
    kind: str = "record"
    extra_actions: tuple = ()  # actions read from the page's own wording of the clause (clause_actions.py)

    @property
    def category(self) -> str:
        return self.record.category

    @property
    def severity(self) -> str:
        return self.record.severity

    def to_json(self) -> dict[str, Any]:
        """The public annotation shape (README, "Annotations")."""
        record = self.record
        return {
            "kind": self.kind,
            "record_id": record.id,
            **self.location_json(),
            "service": record.service.id,
            "category": record.category,
            "severity": record.severity,
            "stance": record.stance,
            "title": record.title,
            "means": record.means,
            "matters": record.matters,
            "actions": [action.to_json() for action in (*record.actions, *self.extra_actions)],
            "regulations": list(record.regulations),
            "source_url": record.source_url,
            "source_date": record.source_date,
            "verified": record.verified,
        }
