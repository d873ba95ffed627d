"""Reading a JSON request body and its fields, with a precise 4xx for each way it can be wrong."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from termslens.api.errors import ApiError


def json_body() -> dict[str, Any]:
    """The request's JSON object; raises ApiError 415/400 when it is not one (413 comes from Flask)."""
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise ApiError(400, "empty_body", "The request body is empty; send a JSON object.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_encoding", f"The request body is not UTF-8 (byte {exc.start}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "invalid_json", f"Request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    except RecursionError:
        raise ApiError(400, "invalid_json", "Request body is not valid JSON: nested too deeply.") from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "Request body must be a JSON object.")
    return data


_TYPE_NAMES = {str: "a string", dict: "an object", list: "an array", bool: "true or false"}


def field(data: dict[str, Any], name: str, kind: type, *, required: bool = True) -> Any:
    """`data[name]` checked to be of `kind`; raises ApiError 422 naming the field when missing or mistyped."""
    if name not in data or data[name] is None:
        if required:
            raise ApiError(422, "missing_field", f"The field '{name}' is required.")
        return None
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ApiError(422, "invalid_field", f"The field '{name}' must be {_TYPE_NAMES.get(kind, kind.__name__)}.")
    return value


def query_arg(name: str) -> str:
    value = request.args.get(name, "").strip()
    if not value:
        raise ApiError(400, "missing_parameter", f"The query parameter '{name}' is required.")
    return value
