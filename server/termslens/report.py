"""The analysis as JSON, in one place for the API and `termslens analyze --json`: the shape published in
`schema/analysis.schema.json` (the tests validate every answer against it)."""

from __future__ import annotations

from typing import Any, Mapping

from termslens.analysis import Analysis
from termslens.annotation import RECORD, Annotation
from termslens.digest import DigestEntry
from termslens.peers import Peers
from termslens.vocabulary import ANNOTATION_KINDS, SEVERITIES


def summary_json(annotations: tuple[Annotation, ...]) -> dict[str, Any]:
    """`{"total", "by_severity": {"high", "medium", "low"}, "by_kind": {"record", "generic"}}` of the clauses found."""
    by_severity = {severity: 0 for severity in SEVERITIES}
    by_kind = {kind: 0 for kind in ANNOTATION_KINDS}
    for annotation in annotations:
        by_severity[annotation.severity] += 1
        by_kind[annotation.kind] += 1
    return {"total": len(annotations), "by_severity": by_severity, "by_kind": by_kind}


def annotation_json(annotation: Annotation, peers: Mapping[str, Peers]) -> dict[str, Any]:
    """One annotation: a curated one explains itself with its record, a generic one with its category (and
    `advice`); both say how the library's services treat the category when that is known."""
    record, info = annotation.record, annotation.category
    explained_by = record if record is not None else info
    body: dict[str, Any] = {
        "id": annotation.id,
        "kind": annotation.kind,
        "record_id": record.id if record is not None else None,
        "start": annotation.start,
        "end": annotation.end,
        "start_utf16": annotation.start_utf16,
        "end_utf16": annotation.end_utf16,
        "exact": annotation.exact,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "score": round(annotation.score, 1),
        "service": record.service.id if record is not None else None,
        "category": info.id,
        "severity": annotation.severity,
        "stance": annotation.stance,
        "title": record.title if record is not None else info.name,
        "means": explained_by.means,
        "matters": explained_by.matters,
    }
    if annotation.kind != RECORD or record is not None and record.imported:
        body["advice"] = list(info.advice)  # an imported record is explained by its category: so is what to do
    body.update(
        actions=[action.to_json() for action in annotation.actions],
        regulations=list(explained_by.regulations),
        source_url=record.source_url if record is not None else None,
        source_date=record.source_date if record is not None else None,
        verified=record.verified if record is not None else None,
        provenance=record.provenance.to_json() if record is not None and record.provenance is not None else None,
    )
    if info.id in peers:
        body["peers"] = peers[info.id].to_json()
    return body


def digest_json(entry: DigestEntry) -> dict[str, Any]:
    """One digest entry: a clause type on the page, how many times it occurs and the ids of its annotations."""
    return {
        "category": entry.category,
        "title": entry.title,
        "severity": entry.severity,
        "stance": entry.stance,
        "kind": entry.kind,
        "record_id": entry.record_id,
        "can_act": entry.can_act,
        "count": entry.count,
        "annotation_ids": list(entry.annotation_ids),
    }


def analysis_json(analysis: Analysis, *, text: str | None = None) -> dict[str, Any]:
    """`{"service", "summary", "digest", "annotations"}`, plus `"text"` first when given (offsets index it)."""
    service = None
    if analysis.service is not None:
        service = {**analysis.service.to_json(), "matched_by": analysis.service_matched_by}
    body: dict[str, Any] = {} if text is None else {"text": text}
    body.update(
        service=service,
        summary=summary_json(analysis.annotations),
        digest=[digest_json(entry) for entry in analysis.digest],
        annotations=[annotation_json(annotation, analysis.peers) for annotation in analysis.annotations],
    )
    return body
