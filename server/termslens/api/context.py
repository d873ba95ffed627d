"""The app's loaded state: the record library and the user's store, kept on the app, swapped under a lock.

The records of the folders (bundled and --records) load once at start, all or nothing, as before. The user's
stored record files join them one by one: a file that no longer loads (it fails the schema, or a records update
gave its service, a record id or a domain to the bundled records) is skipped, kept in the store, and listed in
`problems` (shown by GET /health), so that no stored file can stop the service.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app

from termslens import config
from termslens.analysis import Detector
from termslens.detector_process import IN_PROCESS
from termslens.history import History
from termslens.library import Library
from termslens.optouts import OptOutStore
from termslens.records import RecordChecks, RecordError, bundled_records_dir, imported_records_dir, parse_record_file
from termslens.recordset import RecordSet, compile_folder, compile_user_files
from termslens.store import Store, StoredFile

if TYPE_CHECKING:
    from termslens.watch import Watcher

EXTENSION_KEY = "termslens"


@dataclass
class AppState:
    library: Library
    store: Store
    folder_sets: list[RecordSet]  # the record folders, compiled (termslens.recordset)
    optouts: OptOutStore
    cache_dir: Path | None = None  # where compiled record indexes are kept
    user_file_problems: list[dict[str, Any]] = field(default_factory=list)
    history: History | None = None  # None when the history could not be opened (see `open_history`)
    history_problem: str | None = None
    watcher: Watcher | None = None  # the watched documents (`termslens.watch`), with the history
    detector: Detector = IN_PROCESS  # where clause types are detected (`termslens.detector_process`)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def problems(self) -> list[dict[str, Any]]:
        """What was found but could not be used: set-aside store files, then user record files."""
        history = [{"kind": "history", "message": self.history_problem}] if self.history_problem else []
        return [{"kind": "store", "message": message} for message in self.store.problems] + self.user_file_problems + history


def build_library(
    folder_sets: list[RecordSet], stored: Iterable[StoredFile], *, cache_dir: Path | None = None
) -> tuple[Library, list[dict[str, Any]]]:
    """The folders' records plus each stored user record file that loads beside them, in the order given; and a
    problem (`{"kind": "user_record_file", "service_id", "message"}`) for each one that does not.

    A user file may not redefine a service of the folders, reuse a record id, or claim another service's
    domain (the rules of `load_records`); the first file to claim something keeps it.
    """
    checks = RecordChecks()
    for record_set in folder_sets:
        record_set.check_into(checks)
    accepted: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    for entry in stored:
        try:
            _check_user_file(entry, checks)
        except RecordError as exc:
            problems.append({"kind": "user_record_file", "service_id": entry.service_id, "message": str(exc)})
            continue
        accepted.append(entry.file)
    sets = list(folder_sets) + ([compile_user_files(accepted, cache_dir=cache_dir)] if accepted else [])
    return Library(sets=sets, cache_dir=cache_dir), problems


def _check_user_file(entry: StoredFile, checks: RecordChecks) -> None:
    """Raise RecordError saying why one stored file cannot join the library; else add it to `checks`."""
    origin = f"store:{entry.service_id}"
    if entry.error:
        raise RecordError(f"{origin}: {entry.error}")
    records = parse_record_file(entry.file, origin=origin)
    service_id = entry.file["service"]["id"]
    if service_id != entry.service_id:
        raise RecordError(f"{origin}: field 'service.id': '{service_id}' is not the service it is stored for")
    if service_id in checks.folder_services:
        raise RecordError(f"{origin}: service '{service_id}' is already defined in {checks.folder_services[service_id]}")
    for record in records:
        if record.id in checks.origin_of:
            raise RecordError(f"{origin}: record {record.id}: id already defined in {checks.origin_of[record.id]}")
    for domain in records[0].service.domains if records else ():
        owner = checks.domain_owner.get(domain)
        if owner is not None and owner != service_id:
            raise RecordError(f"{origin}: field 'service.domains': '{domain}' already belongs to service '{owner}'")
    checks.add(records, origin, user=True)


def init_app(app: Flask, detector: Detector | None = None) -> None:
    if detector is None:
        from termslens.detector_process import DetectorProcess

        # First: the child loads the model while the records load here.
        detector = DetectorProcess() if app.config["DETECTOR_PROCESS"] else IN_PROCESS
    try:
        app.extensions[EXTENSION_KEY] = _load_state(app, detector)
    except BaseException:
        detector.close()  # a service that does not start leaves no process behind
        raise
    from termslens.api.watch import make_watcher

    app.extensions[EXTENSION_KEY].watcher = make_watcher(app)


def _load_state(app: Flask, detector: Detector) -> AppState:
    """The records, the store and the history of the app's configuration."""
    dirs = [Path(d) for d in app.config["RECORD_DIRS"]]
    if app.config["BUNDLED_RECORDS"]:
        dirs[:0] = [bundled_records_dir()] + ([imported_records_dir()] if app.config["IMPORTED_RECORDS"] else [])
    cache_dir = config.index_cache_dir(Path(app.config["DATA_DIR"]))
    folder_sets = [compile_folder(directory, cache_dir=cache_dir) for directory in dirs]
    store = Store(Path(app.config["DATA_DIR"]), max_feedback=app.config["MAX_FEEDBACK_REPORTS"])
    if store.notice:
        app.logger.warning(store.notice)
    library, problems = build_library(folder_sets, store.stored_record_files(), cache_dir=cache_dir)
    for problem in problems:
        app.logger.warning("A stored record file was not loaded: %s", problem["message"])
    optouts = store.optouts()
    history, history_problem = open_history(app, store)
    return AppState(library=library, store=store, folder_sets=folder_sets, optouts=optouts, cache_dir=cache_dir,
                    user_file_problems=problems, history=history, history_problem=history_problem, detector=detector)


def open_history(app: Flask, store: Store) -> tuple[History | None, str | None]:
    """The document history (its metadata in the store's database, its texts in the data folder), or None and
    why (logged, and listed in GET /health `problems`) when it cannot be used: a broken history must not stop
    the service, which then analyses pages without keeping them."""
    import sqlite3

    try:
        return History(Path(app.config["DATA_DIR"]), limits=app.config["HISTORY_LIMITS"], index=store.history_index()), None
    except (OSError, sqlite3.Error) as exc:
        message = f"The document history cannot be used ({exc}); pages are analysed without it."
        app.logger.warning(message)
        return None, message


def state() -> AppState:
    return current_app.extensions[EXTENSION_KEY]


def state_of(app: Flask) -> AppState:
    """The state of `app` outside a request (the watch thread)."""
    return app.extensions[EXTENSION_KEY]


def library() -> Library:
    return state().library


def detector() -> Detector:
    return state().detector


def replace_user_records(service_id: str, record_file: dict[str, Any] | None) -> bool:
    """Put (or with None, remove) the user's record file of a service; True if it is new.

    The new library is built first, with the file after every other stored one, so a file that clashes with
    other records raises RecordError and changes nothing; then the store is written, then the library swapped.
    Readers keep the old one until then.
    """
    app_state = state()
    with app_state.lock:
        others = [entry for entry in app_state.store.stored_record_files() if entry.service_id != service_id]
        mine = [StoredFile(service_id, record_file)] if record_file is not None else []
        library, problems = build_library(app_state.folder_sets, others + mine, cache_dir=app_state.cache_dir)
        refused = [problem for problem in problems if mine and problem["service_id"] == service_id]
        if refused:
            raise RecordError(refused[0]["message"])
        if record_file is None:
            changed = app_state.store.delete_record_file(service_id)
        else:
            changed = app_state.store.put_record_file(record_file)
        app_state.library = library
        app_state.user_file_problems = problems
    return changed
