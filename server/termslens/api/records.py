"""Records: read the library; add, replace and remove the user's own record files."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from termslens.api import context
from termslens.api.body import json_body
from termslens.api.errors import ApiError
from termslens.records import RecordError, parse_record_file
from termslens.taxonomy import categories

bp = Blueprint("records", __name__, url_prefix="/api/v1")


@bp.get("/records")
def list_records():
    library = context.library()
    return jsonify(records=[record.to_json() for record in library.records])


@bp.get("/records/<record_id>")
def get_record(record_id: str):
    record = context.library().get(record_id)
    if record is None:
        raise ApiError(404, "unknown_record", f"There is no record with id '{record_id}'.")
    return jsonify(record.to_json())


@bp.get("/categories")
def list_categories():
    """The clause categories, each with how the library's services treat it."""
    peers = context.library().peers
    return jsonify(
        categories=[{**info.to_json(), "peers": peers[info.id].to_json()} for info in categories().values()]
    )


@bp.get("/user-records")
def list_user_records():
    return jsonify(record_files=context.state().store.record_files())


@bp.put("/user-records/<service_id>")
def put_user_records(service_id: str):
    """Store a record file (the record schema) for a service; it joins the library at once."""
    data = json_body()
    try:
        parse_record_file(data, origin="request")
    except RecordError as exc:
        raise ApiError(422, "invalid_record", str(exc)) from None
    if data["service"]["id"] != service_id:
        raise ApiError(422, "invalid_record", f"The file's service.id must be '{service_id}', as in the address.")
    store = context.state().store
    limit = current_app.config["MAX_USER_RECORD_FILES"]
    if not store.has_record_file(service_id) and len(store.stored_record_files()) >= limit:
        raise ApiError(507, "store_full", f"The store keeps at most {limit} record files; delete one first.")
    try:
        created = context.replace_user_records(service_id, data)
    except RecordError as exc:
        raise ApiError(409, "conflict", str(exc)) from None
    return jsonify(service_id=service_id, records=len(data["records"])), 201 if created else 200


@bp.delete("/user-records/<service_id>")
def delete_user_records(service_id: str):
    if not context.state().store.has_record_file(service_id):  # also one that no longer loads (see /health)
        raise ApiError(404, "unknown_service", f"There are no user records for the service '{service_id}'.")
    context.replace_user_records(service_id, None)
    return "", 204
