"""Clause types found without a record: which detections become generic clauses.

Consecutive sentences of one category are one clause; a detection that a curated clause of the same category
already covers is that clause again, and the record (with its service-specific explanation) is shown instead.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from termslens.annotation import Annotation
from termslens.detect import Detection

# A generic finding covering this share of a curated annotation of the same category is that clause again.
COVERED_OVERLAP = 0.5


def merge_detections(text: str, detections: Iterable[Detection]) -> list[Detection]:
    """Detections of one category in consecutive sentences (only whitespace between) joined into one clause.

    >>> text = "We may end it. We may stop it."
    >>> merge_detections(text, [Detection(0, 14, "unilateral-termination", 60.0), Detection(15, 30, "unilateral-termination", 70.0)])
    [Detection(start=0, end=30, category='unilateral-termination', score=70.0)]
    """
    merged: list[Detection] = []
    open_by_category: dict[str, int] = {}  # category -> index in `merged` of its latest detection
    for detection in sorted(detections, key=lambda d: (d.start, d.end)):
        latest = open_by_category.get(detection.category)
        if latest is not None:
            previous = merged[latest]
            if previous.end <= detection.start and not text[previous.end : detection.start].strip():
                merged[latest] = Detection(previous.start, detection.end, detection.category, max(previous.score, detection.score))
                continue
        open_by_category[detection.category] = len(merged)
        merged.append(detection)
    return sorted(merged, key=lambda d: (d.start, d.end))


def uncovered(detections: Iterable[Detection], curated: Sequence[Annotation]) -> list[Detection]:
    """The detections that no curated annotation of the same category already covers."""
    return [d for d in detections if not _covered(d, curated)]


def _covered(detection: Detection, curated: Sequence[Annotation]) -> bool:
    length = detection.end - detection.start
    for annotation in curated:
        if annotation.category.id != detection.category:
            continue
        overlap = min(detection.end, annotation.end) - max(detection.start, annotation.start)
        if length > 0 and overlap / length >= COVERED_OVERLAP:
            return True
    return False
