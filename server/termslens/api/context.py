"""The app's loaded state: the record library and the user's store, kept on the app, swapped under a lock."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from termslens import config
from termslens.library import Library, load_library
from termslens.records import bundled_records_dir, imported_records_dir
from termslens.store import Store

EXTENSION_KEY = "termslens"


@dataclass
class AppState:
    library: Library
    store: Store
    record_dirs: list[Path]
    cache_dir: Path | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def build_library(record_dirs: list[Path], user_files: list[dict[str, Any]], *, cache_dir: Path | None = None) -> Library:
    """Bundled records, then the extra folders, then the user's record files (see `load_library`), each
    folder's index kept under `cache_dir`."""
    return load_library(record_dirs, user_files=user_files, cache_dir=cache_dir)


def init_app(app: Flask) -> None:
    dirs = [Path(d) for d in app.config["RECORD_DIRS"]]
    if app.config["BUNDLED_RECORDS"]:
        bundled = [bundled_records_dir()] + ([imported_records_dir()] if app.config["IMPORTED_RECORDS"] else [])
        dirs[:0] = bundled
    store = Store(Path(app.config["DATA_DIR"]))
    if store.notice:
        app.logger.warning(store.notice)
    cache_dir = config.index_cache_dir(Path(app.config["DATA_DIR"]))
    library = build_library(dirs, store.record_files(), cache_dir=cache_dir)
    app.extensions[EXTENSION_KEY] = AppState(library=library, store=store, record_dirs=dirs, cache_dir=cache_dir)


def state() -> AppState:
    return current_app.extensions[EXTENSION_KEY]


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
        library = build_library(app_state.record_dirs, others + ([record_file] if record_file else []),
                                cache_dir=app_state.cache_dir)
        if record_file is None:
            changed = app_state.store.delete_record_file(service_id)
        else:
            changed = app_state.store.put_record_file(record_file)
        app_state.library = library
    return changed
