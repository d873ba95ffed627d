"""The analysis as JSON, one shape for the API and `termslens analyze --json`."""

from __future__ import annotations

from typing import Any

from termslens.library import Analysis
from termslens.records import SEVERITIES


def summary_json(analysis: Analysis) -> dict[str, Any]:
    """`{"total", "by_severity": {"high", "medium", "low"}}` of the clauses found."""
    counts = {severity: 0 for severity in SEVERITIES}
    for annotation in analysis.annotations:
        counts[annotation.record.severity] += 1
    return {"total": len(analysis.annotations), "by_severity": counts}


def analysis_json(analysis: Analysis, *, text: str | None = None) -> dict[str, Any]:
    """`{"service", "summary", "annotations"}`, plus `"text"` first when given (offsets index it)."""
    service = None
    if analysis.service is not None:
        service = {**analysis.service.to_json(), "matched_by": analysis.service_matched_by}
    body: dict[str, Any] = {} if text is None else {"text": text}
    body.update(
        service=service,
        summary=summary_json(analysis),
        annotations=[annotation.to_json() for annotation in analysis.annotations],
    )
    return body
