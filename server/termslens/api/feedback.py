"""POST /api/v1/feedback: "this looks wrong" reports from the clause card, kept locally for the maintainer."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, jsonify

from termslens.api import context
from termslens.api.body import field, is_url, json_body
from termslens.api.errors import ApiError
from termslens.taxonomy import categories

bp = Blueprint("feedback", __name__, url_prefix="/api/v1")

# Enough for a sentence of explanation and the clause it is about; a report is not a place for whole pages.
MAX_NOTE_CHARS = 2_000
MAX_EXACT_CHARS = 10_000
# The de-facto limit of browsers and servers for an address.
MAX_URL_CHARS = 2_048
MAX_RECORD_ID_CHARS = 200  # record ids are slugs of at most 80 characters (schema)


@bp.post("/feedback")
def add_feedback():
    """Keep a report; at most the store's limit of reports are kept, the oldest dropped first (see README)."""
    data = json_body()
    record_id = field(data, "record_id", str, required=False, max_chars=MAX_RECORD_ID_CHARS)
    category = field(data, "category", str, required=False)
    url = field(data, "url", str, required=False, max_chars=MAX_URL_CHARS)
    exact = field(data, "exact", str, required=False, max_chars=MAX_EXACT_CHARS) or ""
    note = field(data, "note", str, required=False, max_chars=MAX_NOTE_CHARS) or ""
    if record_id is None and category is None:
        raise ApiError(422, "missing_field", "Give 'record_id' (a curated clause) or 'category' (a clause type).")
    if category is not None and category not in categories():
        raise ApiError(422, "invalid_field", "The field 'category' must be a category id of GET /api/v1/categories.")
    if url is not None and not is_url(url, schemes=("http", "https", "file")):
        raise ApiError(422, "invalid_field", "The field 'url' must be an http, https or file URL.")
    if record_id is not None and context.library().get(record_id) is None:
        raise ApiError(404, "unknown_record", f"There is no record with id '{record_id}'.")
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
