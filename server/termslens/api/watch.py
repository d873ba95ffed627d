"""Watching documents over HTTP (opt-in; `termslens.watch` says what a check sends).

    GET    /api/v1/watch            {"watches": [watch, ...]}
    POST   /api/v1/watch            {"url"} -> 201 (200 when already watched) {"address", "url", "next_check"}
    DELETE /api/v1/watch?url=…      204, or 404 unknown_watch
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, jsonify

from termslens.analysis import analyze as run_analysis
from termslens.api import context
from termslens.api.body import field, json_body, query_arg
from termslens.api.errors import ApiError
from termslens.history_index import WatchRow
from termslens.watch import Watcher, WatchError

bp = Blueprint("watch", __name__, url_prefix="/api/v1")


def make_watcher(app: Flask) -> Watcher | None:
    """The app's watcher: it analyses fetched versions with the app's current library."""
    state = context.state_of(app)
    if state.history is None:
        return None

    def analyse(text: str, url: str, title: str | None):
        app_state = context.state_of(app)
        return run_analysis(app_state.library, text, url=url, title=title, versioned=True, detector=app_state.detector)

    return Watcher(state.history, analyse)


def watch_json(watch: WatchRow, *, unread: bool) -> dict[str, Any]:
    return {
        "address": watch.address, "url": watch.url, "added": watch.added, "next_check": watch.next_check,
        "last_checked": watch.last_checked, "last_result": watch.last_result, "failures": watch.failures,
        "unread": unread,
    }


def _watcher() -> Watcher:
    watcher = context.state().watcher
    if watcher is None:
        raise ApiError(503, "history_unavailable", "The document history cannot be used; see the service's log.")
    return watcher


@bp.get("/watch")
def list_watches():
    watcher = _watcher()
    unread = {d.address for d in watcher.history.documents() if d.unread}
    return jsonify(watches=[watch_json(w, unread=w.address in unread) for w in watcher.watches()])


@bp.post("/watch")
def add_watch():
    url = field(json_body(), "url", str)
    watcher = _watcher()
    try:
        address, new = watcher.add(url)
    except WatchError as exc:
        raise ApiError(422, "invalid_field", f"The field 'url': {exc}.") from None
    watch = watcher.history.index.watch(address)
    return jsonify(address=address, url=watch.url, next_check=watch.next_check), 201 if new else 200


@bp.delete("/watch")
def remove_watch():
    url = query_arg("url")
    try:
        removed = _watcher().remove(url)
    except WatchError as exc:
        raise ApiError(422, "invalid_parameter", f"The query parameter 'url': {exc}.") from None
    if not removed:
        raise ApiError(404, "unknown_watch", "This document is not watched.")
    return "", 204
