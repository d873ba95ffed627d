"""Answer only the extension: loopback Host names (no DNS rebinding) and no Origin but the extension's.

Requests without an Origin (curl, the CLI, a browser's top-level navigation to a GET) are allowed, unless the
browser says they come from another site (`Sec-Fetch-Site: cross-site`): a web page cannot read the answers
to the others, and every route that takes a body requires JSON, which a plain HTML form cannot send without
CORS preflight.
"""

from __future__ import annotations

import re

from flask import Flask, current_app, request
from flask_cors import CORS

from termslens.api.errors import ApiError

# The whole Host header: a loopback name and at most a port number, nothing else ("127.0.0.1:evil",
# "[::1]evil.example" and "localhost:0" are not addresses this service listens on).
_LOOPBACK_HOST = re.compile(r"(?:127\.0\.0\.1|localhost|\[::1\])(?::(?P<port>[0-9]{1,5}))?", re.IGNORECASE)


def is_loopback_host(host_header: str) -> bool:
    """True for '127.0.0.1', 'localhost:8767', '[::1]:8767' (a port, if any, is 1-65535)."""
    match = _LOOPBACK_HOST.fullmatch(host_header)
    return match is not None and (match["port"] is None or 1 <= int(match["port"]) <= 65535)


def check_request() -> None:
    if not is_loopback_host(request.headers.get("Host", "")):
        raise ApiError(403, "forbidden_host", "TermsLens answers only requests addressed to 127.0.0.1 or localhost.")
    origin = request.headers.get("Origin")
    allowed = current_app.config["ALLOWED_ORIGINS"]
    if origin is not None and origin not in allowed:  # exact: "chrome-extension://<id>/" is not the extension
        raise ApiError(403, "forbidden_origin", "TermsLens answers only its own browser extension, not web pages.")
    # A browser marks what another site sends; the extension's requests carry its Origin, a page's may not
    # (a no-cors GET or a simple POST does not have to).
    if origin is None and request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site":
        raise ApiError(403, "forbidden_origin", "TermsLens does not answer requests that other web sites make.")


def init_app(app: Flask) -> None:
    app.before_request(check_request)
    CORS(
        app,
        # Compiled, so that flask-cors matches them exactly too (its plain strings ignore case).
        resources={r"/api/*": {"origins": [re.compile(re.escape(o) + r"\Z") for o in app.config["ALLOWED_ORIGINS"]]}},
        methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
