"""POST /api/v1/feedback: "this looks wrong" reports from the clause card, kept locally for the maintainer."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, jsonify

from termslens.api import context
from termslens.api.body import field, json_body
from termslens.api.errors import ApiError

bp = Blueprint("feedback", __name__, url_prefix="/api/v1")

# Enough for a sentence of explanation and the clause it is about; a report is not a place for whole pages.
MAX_NOTE_CHARS = 2_000
MAX_EXACT_CHARS = 10_000


@bp.post("/feedback")
def add_feedback():
    data = json_body()
    record_id = field(data, "record_id", str, required=False)
    category = field(data, "category", str, required=False)
    url = field(data, "url", str, required=False)
    exact = field(data, "exact", str, required=False) or ""
    note = field(data, "note", str, required=False) or ""
    if record_id is None and category is None:
        raise ApiError(422, "missing_field", "Give 'record_id' (a curated clause) or 'category' (a clause type).")
    if record_id is not None and context.library().get(record_id) is None:
        raise ApiError(404, "unknown_record", f"There is no record with id '{record_id}'.")
    if len(note) > MAX_NOTE_CHARS or len(exact) > MAX_EXACT_CHARS:
        raise ApiError(
            422, "invalid_field", f"'note' is limited to {MAX_NOTE_CHARS:,} and 'exact' to {MAX_EXACT_CHARS:,} characters."
        )
    report = {
        "record_id": record_id,
        "category": category,
        "url": url,
        "exact": exact,
        "note": note,
        "received": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    number = context.state().store.add_feedback(report)
    return jsonify(ok=True, id=number), 201


@bp.get("/feedback")
def list_feedback():
    return jsonify(feedback=context.state().store.feedback())
