"""The analysis as JSON, one shape for the API and `termslens analyze --json`."""

from __future__ import annotations

from typing import Any

from termslens.identity import annotation_id, unique_ids
from termslens.library import Analysis
from termslens.peers import Peers
from termslens.records import SEVERITIES


def summary_json(analysis: Analysis) -> dict[str, Any]:
    """`{"total", "by_severity": {"high", "medium", "low"}, "by_kind": {"record", "generic"}}` of the clauses found."""
    by_severity = {severity: 0 for severity in SEVERITIES}
    by_kind = {"record": 0, "generic": 0}
    for annotation in analysis.annotations:
        by_severity[annotation.severity] += 1
        by_kind[annotation.kind] += 1
    return {"total": len(analysis.annotations), "by_severity": by_severity, "by_kind": by_kind}


def annotation_json(annotation, peers: dict[str, Peers], *, id: str) -> dict[str, Any]:
    """One annotation, with how the library's other services treat its category when that is known."""
    body = {"id": id, **annotation.to_json()}
    if annotation.category in peers:
        body["peers"] = peers[annotation.category].to_json()
    return body


def analysis_json(analysis: Analysis, *, text: str | None = None) -> dict[str, Any]:
    """`{"service", "summary", "annotations"}`, plus `"text"` first when given (offsets index it)."""
    service = None
    if analysis.service is not None:
        service = {**analysis.service.to_json(), "matched_by": analysis.service_matched_by}
    body: dict[str, Any] = {} if text is None else {"text": text}
    body.update(
        service=service,
        summary=summary_json(analysis),
        annotations=[
            annotation_json(annotation, analysis.peers, id=id)
            for annotation, id in zip(analysis.annotations, _ids(analysis))
        ],
    )
    return body


def _ids(analysis: Analysis) -> list[str]:
    return unique_ids(
        annotation_id(a.kind, a.record.id if a.kind == "record" else a.category, a.exact) for a in analysis.annotations
    )
