"""The local store: the user's own record files, kept in one tinydb JSON file in the data folder.

This is the only module that imports tinydb. Every write goes to a temporary file that then replaces the
database in one `os.replace`, so a process killed mid-write leaves the previous database whole. A database
that cannot be read at start is moved aside (never overwritten) and the store starts empty, with a notice.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, TypeVar

from tinydb import Query, TinyDB
from tinydb.storages import Storage

STORE_FILE = "store.json"
RECORD_FILES_TABLE = "record_files"
FEEDBACK_TABLE = "feedback"
PAIRING_TABLE = "pairing"  # one row: the Firefox origins paired and the pending requests (termslens/pairing.py)


T = TypeVar("T")


class StoreError(RuntimeError):
    """The data folder cannot be used (not writable, not a folder)."""


class AtomicJSONStorage(Storage):
    """tinydb storage that writes by temp file + rename, so the file on disk is always a complete database."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)

    def read(self) -> dict[str, Any] | None:
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return None
        return json.loads(text) if text.strip() else None

    def write(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def close(self) -> None:
        pass


def _is_store_data(data: Any) -> bool:
    """True for what tinydb reads back: tables of {"<integer id>": document}, record_files rows whole."""
    if not isinstance(data, dict):
        return False
    for name, table in data.items():
        if not isinstance(table, dict):
            return False
        for doc_id, document in table.items():
            if not (isinstance(doc_id, str) and doc_id.isdecimal() and isinstance(document, dict)):
                return False
            if name == RECORD_FILES_TABLE and not (
                isinstance(document.get("service_id"), str) and isinstance(document.get("file"), dict)
            ):
                return False
    return True


class Store:
    """User record files (one per service id), safe to share between the server's threads.

    `notice` holds a message for the user when a corrupt database was moved aside at start.
    """

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / STORE_FILE
        self.notice: str | None = None
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {self.path.parent}: {exc.strerror or exc}") from None
        if not os.access(self.path.parent, os.W_OK):
            raise StoreError(f"the data folder {self.path.parent} is not writable")
        self._set_aside_if_corrupt()
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)

    def _set_aside_if_corrupt(self) -> None:
        try:
            text = self.path.read_text("utf-8")
            valid = _is_store_data(json.loads(text) if text.strip() else {})
        except FileNotFoundError:
            return
        except (UnicodeDecodeError, json.JSONDecodeError):
            valid = False
        if valid:
            return
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        for attempt in range(1000):
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}" + (f"-{attempt}" if attempt else ""))
            try:
                os.link(self.path, aside)  # fails if the name exists: a set-aside copy is never overwritten
                break
            except FileExistsError:
                continue
        else:
            raise StoreError(f"cannot set aside the unreadable store {self.path}")
        self.path.unlink()
        self.notice = f"The local store {self.path} could not be read; it was moved to {aside} and a new one started."

    def record_files(self) -> list[dict[str, Any]]:
        """The user's record files, as stored (record-file JSON), ordered by service id."""
        with self._lock:
            rows = self._db.table(RECORD_FILES_TABLE).all()
        return sorted((row["file"] for row in rows), key=lambda f: f["service"]["id"])

    def put_record_file(self, record_file: dict[str, Any]) -> bool:
        """Store a record file under its service id, replacing that service's previous one; True if new."""
        service_id = record_file["service"]["id"]
        with self._lock:
            table = self._db.table(RECORD_FILES_TABLE)
            existed = table.contains(Query().service_id == service_id)
            table.upsert({"service_id": service_id, "file": record_file}, Query().service_id == service_id)
        return not existed

    def delete_record_file(self, service_id: str) -> bool:
        """Remove the user's record file of a service; False if there was none."""
        with self._lock:
            removed = self._db.table(RECORD_FILES_TABLE).remove(Query().service_id == service_id)
        return bool(removed)

    def add_feedback(self, report: dict[str, Any]) -> int:
        """Keep a "this looks wrong" report for the record maintainer; returns its number."""
        with self._lock:
            return self._db.table(FEEDBACK_TABLE).insert(report)

    def feedback(self) -> list[dict[str, Any]]:
        """The kept reports, oldest first, each with its number as `id`."""
        with self._lock:
            rows = self._db.table(FEEDBACK_TABLE).all()
        return [{"id": row.doc_id, **row} for row in rows]

    def pairing_state(self) -> dict[str, Any]:
        """The pairing state as termslens/pairing.py reads it (empty when nothing was ever paired)."""
        with self._lock:
            rows = self._db.table(PAIRING_TABLE).all()
        return dict(rows[0]["state"]) if rows else {"paired": [], "requests": []}

    def update_pairing(self, change: Callable[[dict[str, Any]], tuple[dict[str, Any], T]]) -> T:
        """Apply `change` (state → new state, result) to the pairing state and save it; returns the result.

        `termslens pair` writes the same file from another process: each call reads the file again first.
        """
        with self._lock:
            table = self._db.table(PAIRING_TABLE)
            rows = table.all()
            new_state, result = change(dict(rows[0]["state"]) if rows else {"paired": [], "requests": []})
            if rows:
                table.update({"state": new_state}, doc_ids=[rows[0].doc_id])
            else:
                table.insert({"state": new_state})
        return result

    def close(self) -> None:
        with self._lock:
            self._db.close()
