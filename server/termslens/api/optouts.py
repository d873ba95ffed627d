"""The completed opt-outs (issue 15): the guide reports what it verified; the popup and the guide read them."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from termslens.api import context
from termslens.api.body import field, json_body
from termslens.api.errors import ApiError
from termslens.optouts import OptOutError

bp = Blueprint("optouts", __name__, url_prefix="/api/v1")

_FIELDS = ("record_id", "action", "setting", "state", "page_url", "date", "outcome")


@bp.get("/optouts")
def list_optouts():
    service_id = request.args.get("service")
    optouts = context.state().optouts.all(service_id=service_id.strip() if service_id else None)
    return jsonify(optouts=[optout.to_json() for optout in optouts])


@bp.post("/optouts")
def record_optout():
    data = json_body()
    values = {name: field(data, name, str) for name in _FIELDS}
    record = context.library().get(values["record_id"])
    if record is None:
        raise ApiError(404, "unknown_record", f"There is no record with id '{values['record_id']}'.")
    try:
        optout = context.state().optouts.record(service_id=record.service.id, **values)
    except OptOutError as exc:
        code = "unknown_optout" if values["outcome"] == "lapsed" and "no completed" in str(exc) else "invalid_field"
        raise ApiError(404 if code == "unknown_optout" else 422, code, str(exc)) from None
    return jsonify(optout=optout.to_json()), 200


@bp.delete("/optouts/<record_id>/<action>")
def forget_optout(record_id: str, action: str):
    if not context.state().optouts.forget(record_id, action):
        raise ApiError(404, "unknown_optout", "There is no completed opt-out with that record and action.")
    return "", 204
