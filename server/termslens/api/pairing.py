"""POST /api/v1/pairing: a Firefox install asks to be paired, or learns that it is (termslens/pairing.py).

The guard (api/guard.py) lets only `moz-extension://` origins reach this route before they are paired.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from termslens import pairing
from termslens.api import context
from termslens.api.errors import ApiError

bp = Blueprint("pairing", __name__, url_prefix="/api/v1")


@bp.post("/pairing")
def ask_pairing():
    origin = request.headers.get("Origin")
    if origin is not None and origin in current_app.config["ALLOWED_ORIGINS"]:
        return jsonify(paired=True)
    if origin is None or not pairing.is_firefox_origin(origin):
        raise ApiError(403, "forbidden_origin", "Only the TermsLens extension in Firefox asks to be paired.")
    store = context.state().store
    if origin in pairing.paired_origins(store.pairing_state()):
        return jsonify(paired=True)
    now = pairing.utc_now()
    code, expires_in = store.update_pairing(lambda state: _request(state, origin, now))
    response = jsonify(paired=False, code=pairing.format_code(code), expires_in=expires_in, origin=origin)
    response.status_code = 202
    return response


def _request(state, origin, now):
    new_state, code, left = pairing.request_code(state, origin, now=now)
    return new_state, (code, left)
