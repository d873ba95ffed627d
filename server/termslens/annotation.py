"""The one annotation type: a clause found on a page, curated (`kind` "record") or recognised by type
(`kind` "generic"), with where it sits and what the browser needs to find it again.

Both kinds carry a taxonomy category; a curated one also carries its record, whose title, explanation and
severity replace the category's. `termslens.report.annotation_json` is the one place they become JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypedDict

from termslens.identity import annotation_id, unique_ids
from termslens.records import Action, Record
from termslens.segment import Page
from termslens.taxonomy import Category

if TYPE_CHECKING:
    from termslens.wording import Wording

# Context kept on each side of an annotation, as Hypothesis keeps for its quote selectors: enough for the
# browser to tell two occurrences of the same words apart.
CONTEXT_CHARS = 32

RECORD = "record"
GENERIC = "generic"


@dataclass(frozen=True)
class Annotation:
    """A clause at `page[start:end]` (code points), with its exact text, 32 characters of context each side
    and UTF-16 offsets for the browser. `actions` are the record's own, then those read from the clause."""

    kind: str
    category: Category
    record: Record | None
    start: int
    end: int
    score: float  # 0-100
    exact: str
    prefix: str
    suffix: str
    start_utf16: int
    end_utf16: int
    actions: tuple[Action, ...] = ()
    id: str = ""  # set for a whole page at once (`with_ids`): repeats of one clause are numbered in page order
    wording: Wording | None = None  # a curated clause: how the page's wording compares with the verified one

    @property
    def subject(self) -> str:
        """What the annotation is about: its record id, or for a generic annotation its category id."""
        return self.record.id if self.record is not None else self.category.id

    @property
    def severity(self) -> str:
        return self.record.severity if self.record is not None else self.category.severity

    @property
    def stance(self) -> str:
        return self.record.stance if self.record is not None else self.category.stance


class Location(TypedDict):
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    start_utf16: int
    end_utf16: int


def located(page: Page, start: int, end: int) -> Location:
    """Where `page.text[start:end]` sits, as the browser re-anchors it: the exact text, its context, UTF-16
    offsets."""
    text = page.text
    return Location(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start_utf16=page.to_utf16(start),
        end_utf16=page.to_utf16(end),
    )


def record_annotation(page: Page, record: Record, category: Category, start: int, end: int, score: float) -> Annotation:
    """A curated clause: `record` found at `page.text[start:end]`."""
    return Annotation(
        kind=RECORD, category=category, record=record, score=score, actions=record.actions, **located(page, start, end)
    )


def generic_annotation(page: Page, category: Category, start: int, end: int, score: float) -> Annotation:
    """A clause of type `category` recognised at `page.text[start:end]` without a record."""
    return Annotation(kind=GENERIC, category=category, record=None, score=score, **located(page, start, end))


def with_ids(annotations: Sequence[Annotation]) -> list[Annotation]:
    """The page's annotations (in page order) with their stable ids (see `termslens.identity`)."""
    ids = unique_ids(annotation_id(a.kind, a.subject, a.exact) for a in annotations)
    return [replace(annotation, id=id_) for annotation, id_ in zip(annotations, ids)]
