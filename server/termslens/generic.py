"""Clause types found without a record: detector findings as annotations carrying the taxonomy's explanation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from termslens.engine.annotate import locate, utf16_offsets
from termslens.engine.types import Annotation, Located
from termslens.records import Action
from termslens.taxonomy import Category, categories

# A generic finding covering this share of a curated annotation of the same category is that clause again:
# the record, with its service-specific explanation and actions, is shown instead.
COVERED_OVERLAP = 0.5


@dataclass(frozen=True)
class Finding:
    """A detected clause type at `text[start:end]` (code points), 0-100."""

    start: int
    end: int
    category: str
    score: float


@dataclass(frozen=True)
class GenericAnnotation(Located):
    """A clause type found in the text without a record that knows the service."""

    category_info: Category
    extra_actions: tuple[Action, ...] = ()  # actions read from the clause's own wording (clause_actions.py)
    kind: str = "generic"

    @property
    def category(self) -> str:
        return self.category_info.id

    @property
    def severity(self) -> str:
        return self.category_info.severity

    def to_json(self) -> dict[str, Any]:
        """The public annotation shape (README, "Annotations"), with `record_id` and `service` null."""
        info = self.category_info
        return {
            "kind": self.kind,
            "record_id": None,
            **self.location_json(),
            "service": None,
            "category": info.id,
            "severity": info.severity,
            "stance": info.stance,
            "title": info.name,
            "means": info.means,
            "matters": info.matters,
            "advice": list(info.advice),
            "actions": [action.to_json() for action in self.extra_actions],
            "regulations": list(info.regulations),
            "source_url": None,
            "source_date": None,
            "verified": None,
        }


def merge_findings(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Findings of one category in consecutive sentences (only whitespace between) joined into one clause."""
    merged: list[Finding] = []
    open_by_category: dict[str, int] = {}  # category -> index in `merged` of its latest finding
    for finding in sorted(findings, key=lambda f: (f.start, f.end)):
        latest = open_by_category.get(finding.category)
        if latest is not None:
            previous = merged[latest]
            if previous.end <= finding.start and not text[previous.end : finding.start].strip():
                merged[latest] = Finding(previous.start, finding.end, finding.category, max(previous.score, finding.score))
                continue
        open_by_category[finding.category] = len(merged)
        merged.append(finding)
    return sorted(merged, key=lambda f: (f.start, f.end))


def generic_annotations(
    text: str, findings: Iterable[Finding], curated: Sequence[Annotation]
) -> list[GenericAnnotation]:
    """Annotations for `findings` that no curated annotation of the same category already covers."""
    known = categories()
    annotations = []
    to_utf16 = utf16_offsets(text)
    for finding in merge_findings(text, findings):
        info = known.get(finding.category)
        if info is None or _covered(finding, curated):
            continue
        location = locate(text, finding.start, finding.end, to_utf16)
        annotations.append(GenericAnnotation(start=finding.start, end=finding.end, score=finding.score, category_info=info, **location))
    return annotations


def _covered(finding: Finding, curated: Sequence[Annotation]) -> bool:
    length = finding.end - finding.start
    for annotation in curated:
        if annotation.category != finding.category:
            continue
        overlap = min(finding.end, annotation.end) - max(finding.start, annotation.start)
        if length > 0 and overlap / length >= COVERED_OVERLAP:
            return True
    return False
