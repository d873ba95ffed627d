"""Every error the API answers has one JSON shape: {"error": {"code": ..., "message": ...}}."""

from __future__ import annotations

from flask import Flask, current_app, jsonify
from werkzeug.exceptions import HTTPException

# Codes for the errors Flask and werkzeug raise themselves; ApiError carries its own code.
_HTTP_CODES = {
    400: ("bad_request", "The request is malformed."),
    403: ("forbidden", "This request is not allowed."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
    413: ("too_large", "The request body is larger than the service accepts."),
    415: ("unsupported_media_type", "Send the body as application/json."),
}


class ApiError(Exception):
    """An error answered to the client as is: status, a stable snake_case code and a sentence for people (and
    any `headers`, such as a 503's Retry-After)."""

    def __init__(self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str):
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    return response


def _handle_api_error(error: ApiError):
    response = error_response(error.status, error.code, error.message)
    response.headers.update(error.headers)
    return response


def _handle_http_exception(error: HTTPException):
    status = error.code or 500
    code, message = _HTTP_CODES.get(status, ("http_error", error.description or "HTTP error."))
    if status == 413:
        message = f"The request body is larger than the {_limit_text()} the service accepts."
    response = error_response(status, code, message)
    allowed = getattr(error, "valid_methods", None)  # werkzeug's MethodNotAllowed carries them
    if status == 405 and allowed:
        response.headers["Allow"] = ", ".join(allowed)
    return response


def _limit_text() -> str:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or 0
    return f"{limit / (1024 * 1024):g} MiB" if limit else "size"


def _handle_unexpected(error: Exception):
    current_app.logger.exception("Unexpected error while answering a request")
    return error_response(500, "internal_error", "Something went wrong inside TermsLens; the error was logged.")


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, _handle_api_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(Exception, _handle_unexpected)
