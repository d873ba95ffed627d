"""The app's loaded state: the record library and the user's store, kept on the app, swapped under a lock."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from termslens.history import History

if TYPE_CHECKING:
    from termslens.watch import Watcher
from termslens.library import Library
from termslens.records import bundled_records_dir, load_records
from termslens.store import Store

EXTENSION_KEY = "termslens"


@dataclass
class AppState:
    library: Library
    store: Store
    record_dirs: list[Path]
    history: History | None = None  # None when the history could not be opened (see `open_history`)
    watcher: "Watcher | None" = None  # the watched documents (`termslens.watch`), with the history
    lock: threading.Lock = field(default_factory=threading.Lock)


def build_library(record_dirs: list[Path], user_files: list[dict[str, Any]]) -> Library:
    """Bundled records, then the extra folders, then the user's record files (see `load_records`)."""
    return Library(load_records(record_dirs, user_files=user_files))


def init_app(app: Flask) -> None:
    dirs = [Path(d) for d in app.config["RECORD_DIRS"]]
    if app.config["BUNDLED_RECORDS"]:
        dirs.insert(0, bundled_records_dir())
    store = Store(Path(app.config["DATA_DIR"]))
    if store.notice:
        app.logger.warning(store.notice)
    library = build_library(dirs, store.record_files())
    history = open_history(app)
    app.extensions[EXTENSION_KEY] = AppState(library=library, store=store, record_dirs=dirs, history=history)
    from termslens.api.watch import make_watcher

    app.extensions[EXTENSION_KEY].watcher = make_watcher(app)


def open_history(app: Flask) -> History | None:
    """The document history of the data folder, or None (logged) when it cannot be opened: a broken history
    must not stop the service, which then analyses pages without keeping them."""
    import sqlite3

    try:
        return History(Path(app.config["DATA_DIR"]), limits=app.config["HISTORY_LIMITS"])
    except (OSError, sqlite3.Error) as exc:
        app.logger.warning("The document history cannot be used (%s); pages are analysed without it.", exc)
        return None


def state() -> AppState:
    return current_app.extensions[EXTENSION_KEY]


def state_of(app: Flask) -> AppState:
    """The state of `app` outside a request (the watch thread)."""
    return app.extensions[EXTENSION_KEY]


def library() -> Library:
    return state().library


def replace_user_records(service_id: str, record_file: dict[str, Any] | None) -> bool:
    """Put (or with None, remove) the user's record file of a service; True if it is new.

    The new library is built first, so a file that clashes with other records raises RecordError and
    changes nothing; then the store is written, then the library swapped. Readers keep the old one until then.
    """
    app_state = state()
    with app_state.lock:
        others = [f for f in app_state.store.record_files() if f["service"]["id"] != service_id]
        library = build_library(app_state.record_dirs, others + ([record_file] if record_file else []))
        if record_file is None:
            changed = app_state.store.delete_record_file(service_id)
        else:
            changed = app_state.store.put_record_file(record_file)
        app_state.library = library
    return changed
