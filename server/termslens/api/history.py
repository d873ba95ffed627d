"""The document history over HTTP: what changed since the reader last read a page, versions kept, "Mark as
read", the history setting.

    GET    /api/v1/history              {"enabled", "documents": [document summary, ...]}
    GET    /api/v1/history?url=…        {"enabled", "document": {..., "versions": [...]}}, or 404 unknown_document
    POST   /api/v1/history/read         {"url", "hash"?} -> {"ok", "address", "hash"}: acknowledge a version's changes
    PUT    /api/v1/history/settings     {"enabled": bool} -> {"enabled"}
    DELETE /api/v1/history[?url=…]      204: forget one document or all of them
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from termslens.analysis import Analysis, with_changes
from termslens.api import context
from termslens.api.body import field, json_body
from termslens.api.errors import ApiError
from termslens.changes import labels
from termslens.history import AddressError, History, KeptDocument, canonical_address

bp = Blueprint("history", __name__, url_prefix="/api/v1")


def track_version(analysis: Analysis, *, url: str, title: str | None) -> Analysis:
    """The analysis with its changes since the reader's earlier version of the page's document, after keeping
    the page as a version of it (the history is on and `url` is given). A history that fails to write is
    logged and the analysis answered without changes: keeping history must never cost the reader the page."""
    history = _history()
    version = analysis.version
    assert version is not None
    try:
        earlier = history.earlier(url, version.hash)
        analysis = with_changes(analysis, earlier)
        history.keep(
            url, analysis.page.text, version_hash=version.hash,
            clauses=[(c.start, c.end, c.hash, c.heading) for c in version.clauses], labels=labels(analysis.annotations),
            title=title, service=analysis.service.id if analysis.service else None, read=True,
        )
    except AddressError:
        return analysis
    except Exception:  # noqa: BLE001 - the history is an extra; a failure is logged, the analysis answered
        from flask import current_app

        current_app.logger.exception("Could not keep the page in the document history")
    return analysis


def _history() -> History:
    history = context.state().history
    if history is None:
        raise ApiError(503, "history_unavailable", "The document history cannot be used; see the service's log.")
    return history


def document_json(document: KeptDocument, *, versions: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "address": document.address,
        "title": document.title,
        "service": document.service,
        "last_seen": document.last_seen,
        "version_count": len(document.versions),
        "unread": document.unread,
        "watched": document.watched,
    }
    if versions:
        body["versions"] = [
            {"hash": v.hash, "chars": v.chars, "first_seen": v.first_seen, "last_seen": v.last_seen,
             "read_at": v.read_at, "acknowledged_at": v.acknowledged_at}
            for v in document.versions
        ]
    return body


def _url_arg() -> str | None:
    url = request.args.get("url")
    if url is None:
        return None
    try:
        canonical_address(url)
    except AddressError as exc:
        raise ApiError(422, "invalid_parameter", f"The query parameter 'url': {exc}.") from None
    return url


@bp.get("/history")
def list_history():
    history = _history()
    url = _url_arg()
    if url is None:
        return jsonify(enabled=history.enabled, documents=[document_json(d, versions=False) for d in history.documents()])
    document = history.document(url)
    if document is None:
        raise ApiError(404, "unknown_document", "The history has no version of this document.")
    return jsonify(enabled=history.enabled, document=document_json(document, versions=True))


@bp.post("/history/read")
def mark_read():
    data = json_body()
    url = field(data, "url", str)
    version_hash = field(data, "hash", str, required=False)
    history = _history()
    try:
        address = canonical_address(url)
    except AddressError as exc:
        raise ApiError(422, "invalid_field", f"The field 'url': {exc}.") from None
    marked = history.mark_read(url, version_hash)
    if marked is None:
        raise ApiError(404, "unknown_document", "The history has no such version of this document.")
    return jsonify(ok=True, address=address, hash=marked)


@bp.put("/history/settings")
def settings():
    data = json_body()
    enabled = field(data, "enabled", bool)
    history = _history()
    history.set_enabled(enabled)
    return jsonify(enabled=history.enabled)


@bp.delete("/history")
def clear():
    history = _history()
    url = _url_arg()
    if url is not None and history.document(url) is None:
        raise ApiError(404, "unknown_document", "The history has no version of this document.")
    history.clear(url)
    return "", 204
