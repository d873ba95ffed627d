"""Clause types found without a record: which detections become generic clauses.

Rules, applied per sentence before consecutive sentences of one category are joined into one clause:
1. A curated clause speaks for its sentences: no generic card on a sentence a curated annotation covers.
   A detection of the record's family there is that clause again, or a contradiction of it (Claude's "These
   Terms are governed by Irish law. This means that ... you may bring a claim in your local courts" keeps its
   record, "Irish law applies, but you can still go to court at home", not also a generic "disputes must be
   brought in a court they choose"); one of another family second-guesses what a person who read the
   sentence wrote about it (Claude's model-training record already carries the opt-out that a generic "you
   can opt out" card would repeat), and two cards on one stretch of text cannot both be hovered.
2. One card per family: of several categories of one family found on one sentence, the first by the family's
   precedence wins ("we will notify you 30 days before changes take effect": change-notice, not also
   "terms can change").
3. Across families, two readings that contradict what the sentence says: a sentence that suspends, ends or
   limits access without naming the terms, fees or policy as what changes is termination, not a change of
   terms ("We may modify, suspend, or discontinue the Services or your access"); a sentence that sets or
   enforces a minimum age is an age limit, not termination ("We monitor for underage use and will suspend or
   terminate your account if we reasonably suspect you are underage": the age limit's card says that
   children's accounts may be closed).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from termslens.annotation import Annotation
from termslens.detect import Detection
from termslens.families import PRECEDENCE, family

# What a change of terms changes: without one of these, "we may modify, suspend or discontinue" is about access.
_CHANGED_TERMS = re.compile(
    r"\b(?:terms|agreement|conditions|policy|policies|eula|contract|prices?|pricing|fees?|charges?|rates?)\b",
    re.IGNORECASE,
)


def resolve(text: str, detections: Iterable[Detection], curated: Sequence[Annotation]) -> list[Detection]:
    """The detections that get a card (rules 1-3 of the module docstring), in page order.

    >>> text = "We will notify you 30 days before changes to these Terms take effect."
    >>> [d.category for d in resolve(text, [Detection(0, 69, "unilateral-change", 60.0),
    ...                                     Detection(0, 69, "change-notice", 55.0)], [])]
    ['change-notice']
    """
    by_sentence: dict[tuple[int, int], list[Detection]] = defaultdict(list)
    for detection in detections:
        if not _covered_by_record(detection, curated):
            by_sentence[(detection.start, detection.end)].append(detection)
    out: list[Detection] = []
    for (start, end), found in by_sentence.items():
        winners: dict[str, Detection] = {}
        for detection in sorted(found, key=lambda d: (PRECEDENCE.get(d.category, 0), -d.score, d.category)):
            winners.setdefault(family(detection.category), detection)
        kept = {d.category: d for d in winners.values()}
        sentence = text[start:end]
        if "unilateral-change" in kept and "unilateral-termination" in kept and not _CHANGED_TERMS.search(sentence):
            del kept["unilateral-change"]
        if "age-limit" in kept and "unilateral-termination" in kept:
            del kept["unilateral-termination"]
        out.extend(kept.values())
    return sorted(out, key=lambda d: (d.start, d.end, d.category))


def _covered_by_record(detection: Detection, curated: Sequence[Annotation]) -> bool:
    return any(annotation.start < detection.end and detection.start < annotation.end for annotation in curated)


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
