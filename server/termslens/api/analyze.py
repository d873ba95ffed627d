"""POST /api/v1/analyze: the clauses of a page's text."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from termslens.analysis import analyze as run_analysis
from termslens.api import context
from termslens.api.body import field, is_url, json_body
from termslens.api.errors import ApiError
from termslens.api.history import track_version
from termslens.report import analysis_json

bp = Blueprint("analyze", __name__, url_prefix="/api/v1")


@bp.post("/analyze")
def analyze():
    data = json_body()
    text = field(data, "text", str)
    url = field(data, "url", str, required=False)
    title = field(data, "title", str, required=False)
    limit = current_app.config["MAX_TEXT_CHARS"]
    if len(text) > limit:
        raise ApiError(413, "text_too_large", f"The text has {len(text):,} characters; the limit is {limit:,}.")
    if not text.strip():
        raise ApiError(422, "empty_text", "The field 'text' is empty; there is nothing to analyze.")
    if url is not None and not is_url(url, schemes=("http", "https", "file")):
        raise ApiError(422, "invalid_field", "The field 'url' must be an http, https or file URL.")
    history = context.state().history
    tracked = url is not None and history is not None and history.enabled
    analysis = run_analysis(context.library(), text, url=url, title=title, versioned=tracked,
                            detector=context.detector())
    if tracked:
        analysis = track_version(analysis, url=url, title=title)
    return jsonify(analysis_json(analysis, with_changes=True))
