"""The data the engine passes between its stages. Offsets are half-open `[start, end)`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
class Match:
    """A record found at `text[start:end]` (code points of the page text), scoring `score` (0-100)."""

    record: Record
    start: int
    end: int
    score: float
