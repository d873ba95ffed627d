"""Answer only the extension: loopback Host names (no DNS rebinding) and no Origin but the extension's.

Requests without an Origin (curl, the CLI, a browser's top-level navigation to a GET) are allowed; a web page
cannot read the answers to those, and every route that takes a body requires JSON, which a plain HTML form
cannot send without CORS preflight.
"""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_cors import CORS

from termslens.api.errors import ApiError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _host_name(host_header: str) -> str:
    """'127.0.0.1' from '127.0.0.1:8767', '::1' from '[::1]:8767'."""
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def check_request() -> None:
    host = _host_name(request.headers.get("Host", "")).lower()
    if host not in LOOPBACK_HOSTS:
        raise ApiError(403, "forbidden_host", "TermsLens answers only requests addressed to 127.0.0.1 or localhost.")
    origin = request.headers.get("Origin")
    if origin is not None and origin.rstrip("/") not in current_app.config["ALLOWED_ORIGINS"]:
        raise ApiError(403, "forbidden_origin", "TermsLens answers only its own browser extension, not web pages.")


def init_app(app: Flask) -> None:
    app.before_request(check_request)
    CORS(
        app,
        resources={r"/api/*": {"origins": list(app.config["ALLOWED_ORIGINS"])}},
        methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
