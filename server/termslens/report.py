"""The analysis as JSON, one shape for the API and `termslens analyze --json`."""

from __future__ import annotations

from typing import Any

from termslens.library import Analysis
from termslens.records import SEVERITIES


def analysis_json(analysis: Analysis, *, text: str | None = None) -> dict[str, Any]:
    """`{"service", "summary", "annotations"}`, plus `"text"` first when given (offsets index it)."""
    counts = {severity: 0 for severity in SEVERITIES}
    for annotation in analysis.annotations:
        counts[annotation.record.severity] += 1
    service = None
    if analysis.service is not None:
        service = {**analysis.service.to_json(), "matched_by": analysis.service_matched_by}
    body: dict[str, Any] = {} if text is None else {"text": text}
    body.update(
        service=service,
        summary={"total": len(analysis.annotations), "by_severity": counts},
        annotations=[annotation.to_json() for annotation in analysis.annotations],
    )
    return body
