"""Stable identities of annotations: what an annotation is, never where it sits.

An annotation's id is derived from its kind, its record id (curated) or category (generic) and its matched
text with case, accents, punctuation, whitespace and markup folded away, so the same clause on the same page
gets the same id across runs and when other parts of the page change. Two annotations with the same
identity on one page (a sentence repeated word for word) are told apart by a suffix counting them in page
order: `~2`, `~3`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from termslens.engine.tokens import tokenize

# Hex digits of the SHA-256 kept: 48 bits, so two different clauses of one page share an id with
# probability about n^2 / 2^49 (under 1e-9 for a page of 500 clauses).
ID_DIGITS = 12


def annotation_id(kind: str, subject: str, exact: str) -> str:
    """`"<kind>:<record id or category>:<hash of the folded matched words>"`.

    >>> annotation_id("generic", "arbitration", "All disputes go to ARBITRATION.")
    'generic:arbitration:88e273832f0b'
    >>> annotation_id("generic", "arbitration", "all  disputes go to *arbitration*")
    'generic:arbitration:88e273832f0b'
    """
    folded = " ".join(tokenize(exact).words)
    digest = hashlib.sha256(f"{kind}\x1f{subject}\x1f{folded}".encode()).hexdigest()[:ID_DIGITS]
    return f"{kind}:{subject}:{digest}"


def unique_ids(ids: Iterable[str]) -> list[str]:
    """`ids` (in page order) with repeats told apart: the second of a kind gets `~2`, the third `~3`.

    >>> unique_ids(["a", "b", "a", "a"])
    ['a', 'b', 'a~2', 'a~3']
    """
    seen: dict[str, int] = {}
    out = []
    for base in ids:
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}~{seen[base]}")
    return out
