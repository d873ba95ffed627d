"""The analysis as JSON, in one place for the API and `termslens analyze --json`: the shape published in
`schema/analysis.schema.json` (the tests validate every answer against it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from termslens.analysis import Analysis
from termslens.annotation import RECORD, Annotation, located
from termslens.changes import Changes, change_id
from termslens.diff import CHANGE_KINDS, Change, WordOp
from termslens.digest import DigestEntry
from termslens.material import Passage, Reason
from termslens.peers import Peers
from termslens.segment import Page
from termslens.vocabulary import ANNOTATION_KINDS, SEVERITIES
from termslens.wording import Wording


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
    body["wording"] = None if annotation.wording is None else wording_json(annotation.wording)
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


def wording_json(wording: Wording) -> dict[str, Any]:
    """`{"status", "verified_hash", "verified", "diff", "material", "absent", "claims_hold"}` of a curated clause."""
    return {
        "status": wording.status,
        "verified_hash": wording.verified_hash,
        "verified": wording.verified,
        "diff": [word_op_json(op) for op in wording.diff],
        "material": [reason_json(reason) for reason in wording.material],
        "absent": list(wording.absent),
        "claims_hold": wording.claims_hold,
    }


def analysis_json(analysis: Analysis, *, text: str | None = None, with_changes: bool = False) -> dict[str, Any]:
    """`{"service", "summary", "digest", "annotations"}`, plus `"text"` first when given (offsets index it) and, with
    `with_changes`, `"changes"` (null when there is no earlier version or nothing changed)."""
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
    if with_changes:
        body["changes"] = None if analysis.changes is None else changes_json(analysis.changes, analysis.page)
    return body


def passage_json(passage: Passage | None) -> dict[str, Any] | None:
    return None if passage is None else {"start": passage.start, "end": passage.end, "text": passage.text}


def reason_json(reason: Reason) -> dict[str, Any]:
    """`{"kind", "what", "old", "new"}`: the rule, what it found, and the words it fired on in each wording."""
    return {"kind": reason.kind, "what": reason.what, "old": passage_json(reason.old), "new": passage_json(reason.new)}


def word_op_json(op: WordOp) -> dict[str, Any]:
    return {"op": op.op, "text": op.text, "start": op.start, "end": op.end}


def change_json(change: Change) -> dict[str, Any]:
    """One change as `termslens diff --json` gives it (offsets index `old_text` / `new_text`)."""
    return {
        "kind": change.kind,
        "material": change.material,
        "reasons": [reason_json(reason) for reason in change.reasons],
        "old": passage_json(change.old),
        "new": passage_json(change.new),
        "category": change.category,
        "diff": [word_op_json(op) for op in change.words],
    }


def changes_summary_json(changes: Sequence[Change]) -> dict[str, int]:
    """`{"total", "material", "added", "removed", "edited", "moved"}`."""
    summary = {"total": len(changes), "material": sum(c.material for c in changes)}
    summary.update({kind: sum(c.kind == kind for c in changes) for kind in CHANGE_KINDS})
    return summary


def diff_json(old_text: str, new_text: str, changes: Sequence[Change]) -> dict[str, Any]:
    """The answer of `termslens diff --json` (schema/diff.schema.json)."""
    return {
        "old_text": old_text,
        "new_text": new_text,
        "changes": [change_json(change) for change in changes],
        "summary": changes_summary_json(changes),
    }


def changes_json(changes: Changes, page: Page) -> dict[str, Any]:
    """The analysis answer's `changes`: `{"last_read_at", "previous_hash", "summary", "items"}`; each item is a
    change as `diff --json` gives it, with a stable `id` and, on the page's side, what the browser needs to
    find the passage again (UTF-16 offsets and 32 characters of context)."""
    items = []
    for change in changes.items:
        body = {"id": change_id(change), **change_json(change)}
        if change.new is not None:
            where = located(page, change.new.start, change.new.end)
            body["new"] = {
                "start": where["start"], "end": where["end"], "start_utf16": where["start_utf16"],
                "end_utf16": where["end_utf16"], "text": where["exact"], "prefix": where["prefix"], "suffix": where["suffix"],
            }
        items.append(body)
    return {
        "last_read_at": changes.last_read_at,
        "previous_hash": changes.previous_hash,
        "summary": changes_summary_json(changes.items),
        "items": items,
    }
