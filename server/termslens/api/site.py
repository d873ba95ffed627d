"""GET /api/v1/site: the service behind a URL, with its records and actions, for the popup on any page."""

from __future__ import annotations

from flask import Blueprint, jsonify

from termslens import __version__
from termslens.api import context
from termslens.api.body import is_url, query_arg
from termslens.api.errors import ApiError

bp = Blueprint("site", __name__, url_prefix="/api/v1")


@bp.get("/site")
def site():
    url = query_arg("url")
    if not is_url(url, schemes=("http", "https"), host=True):
        raise ApiError(400, "invalid_parameter", "The query parameter 'url' must be an http or https URL.")
    library = context.library()
    service = library.service_for_url(url)
    if service is None:
        return jsonify(service=None, records=[], actions=[])
    records = library.records_of(service.id)
    actions = []
    for record in records:
        for action in record.actions:
            actions.append({**action.to_json(), "record_id": record.id, "category": record.category})
    return jsonify(service=service.to_json(), records=[r.to_json() for r in records], actions=actions)


@bp.get("/health")
def health():
    """Whether the service runs, how many records it holds (its own and imported), and `problems`: what it
    found at start but could not use (see README)."""
    app_state = context.state()
    library = app_state.library
    return jsonify(status="ok", version=__version__, records=len(library), services=len(library.services),
                   curated_records=library.curated, imported_records=library.imported, problems=app_state.problems)
