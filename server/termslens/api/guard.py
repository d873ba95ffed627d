"""Answer only the extension: loopback Host names (no DNS rebinding) and no Origin but the extension's.

Requests without an Origin (curl, the CLI, a browser's top-level navigation to a GET) are allowed; a web page
cannot read the answers to those, and every route that takes a body requires JSON, which a plain HTML form
cannot send without CORS preflight.
"""

from __future__ import annotations

import re
import time

from flask import Flask, current_app, request
from flask_cors import CORS

from termslens import pairing
from termslens.api.errors import ApiError

# How long the paired Firefox origins are taken from memory before the store is read again: `termslens pair`
# writes the store from another process, and is answered within this long (app config PAIRED_CACHE_SECONDS).
PAIRED_CACHE_SECONDS = 2.0
PAIRING_PATH = "/api/v1/pairing"

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
    if origin is None or origin in current_app.config["ALLOWED_ORIGINS"]:
        return
    if pairing.is_firefox_origin(origin):
        if request.path == PAIRING_PATH or origin in paired_origins() or origin in paired_origins(fresh=True):
            return
        raise ApiError(
            403, "not_paired",
            "This Firefox extension is not paired with TermsLens yet: its settings page shows the code to confirm "
            "with `termslens pair CODE`.",
        )
    raise ApiError(403, "forbidden_origin", "TermsLens answers only its own browser extension, not web pages.")


def paired_origins(*, fresh: bool = False) -> frozenset[str]:
    """The Firefox origins paired in the store (termslens/pairing.py), read at most every PAIRED_CACHE_SECONDS
    unless `fresh` (an origin not among them is looked up again at once: a pairing counts from the next request,
    a forgotten pairing within that time)."""
    from termslens.api import context

    cache = current_app.extensions.setdefault("termslens-paired", {"at": None, "origins": frozenset()})
    age_limit = current_app.config.get("PAIRED_CACHE_SECONDS", PAIRED_CACHE_SECONDS)
    if fresh or cache["at"] is None or time.monotonic() - cache["at"] >= age_limit:
        cache["origins"] = pairing.paired_origins(context.state().store.pairing_state())
        cache["at"] = time.monotonic()
    return cache["origins"]


def init_app(app: Flask) -> None:
    app.before_request(check_request)
    CORS(
        app,
        # Firefox origins are let through the CORS layer by shape; the guard above decides which it answers.
        resources={r"/api/*": {"origins": [*app.config["ALLOWED_ORIGINS"], re.compile(pairing.FIREFOX_ORIGIN.pattern + r"\Z")]}},
        methods=["GET", "POST", "PUT", "DELETE"],
        allow_headers=["Content-Type"],
        max_age=600,
    )
