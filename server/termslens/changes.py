"""What changed in a document, with the clause categories the analysis knows on each side (pure: no I/O).

Two uses: `termslens diff OLD NEW` compares two texts, each analysed for its categories (`compare_texts`);
the analysis of a page compares it with the earlier version of the same document kept in the history
(`changes_since`, the pipeline's last stage, whose earlier version the caller looks up).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termslens.annotation import Annotation
from termslens.diff import Change, Label, diff_versions
from termslens.versions import Version, read_stored_version, read_version

# Hex digits of a change's id (see `change_id`).
CHANGE_ID_DIGITS = 12


@dataclass(frozen=True)
class Earlier:
    """An earlier version of a page's document as the history keeps it: its text, the categories found in it
    (clause by clause), its content hash and when the person read it (ISO 8601, UTC)."""

    text: str
    labels: tuple[Label, ...]
    hash: str
    read_at: str
    clauses: tuple[tuple[int, int, str, bool], ...] = ()  # (start, end, hash, heading) as kept; () to segment again


@dataclass(frozen=True)
class Changes:
    """The changes of a page since the earlier version its reader last read."""

    last_read_at: str
    previous_hash: str
    items: tuple[Change, ...]

    @property
    def material(self) -> int:
        return sum(change.material for change in self.items)


def labels(annotations: Iterable[Annotation]) -> list[Label]:
    """(start, end, category) of each annotation: what the diff calls a clause's category."""
    return sorted((a.start, a.end, a.category.id) for a in annotations)


def changes_since(version: Version, annotations: Sequence[Annotation], earlier: Earlier | None) -> Changes | None:
    """The changes from `earlier` to the page (`version`, with its `annotations`); None when there is no
    earlier version or nothing changed."""
    if earlier is None or earlier.hash == version.hash:
        return None
    old = read_stored_version(earlier.text, earlier.clauses, earlier.hash) if earlier.clauses else read_version(earlier.text)
    items = diff_versions(old, version, old_labels=earlier.labels, new_labels=labels(annotations))
    if not items:
        return None
    return Changes(earlier.read_at, earlier.hash, tuple(items))


def change_id(change: Change) -> str:
    """`change:<hash>`: what the change is (its kind and both wordings), never where it sits, so the same
    change keeps its id when the page is analysed again.

    >>> from termslens.diff import Change
    >>> from termslens.material import Passage
    >>> change_id(Change("added", None, Passage(0, 9, "New text."), False, (), None))
    'change:a11384b7cf97'
    """
    old = change.old.text if change.old else ""
    new = change.new.text if change.new else ""
    digest = hashlib.sha256(f"{change.kind}\x1f{old}\x1f{new}".encode()).hexdigest()[:CHANGE_ID_DIGITS]
    return f"change:{digest}"
