"""The local store: the user's own record files and the "this looks wrong" reports, in one SQLite database
(`store.sqlite3`) in the data folder.

This is the only module that knows how data is kept. SQLite (Python's own `sqlite3`) in WAL mode appends each
change to its log and commits it atomically, so a write costs the same at 20,000 reports as at one (the tinydb
file it replaces was rewritten whole on every write), and a process killed at any point leaves every committed
change and a readable database. Nothing found on disk stops the service:
- a database that cannot be opened (a folder, a link to nowhere, not a database, damaged) is moved aside with
  its log files, never overwritten, and a new one is started, with a notice;
- a row that does not read back is skipped where it is read and kept in the database;
- a `store.json` of an earlier version (tinydb) is copied in once, then kept aside as `store.json.migrated-…`
  (or `store.json.corrupt-…` when it cannot be read), and the temporary files its writes left behind are removed.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from termslens.config import MAX_FEEDBACK_REPORTS
from termslens.history_index import HISTORY_SCHEMA, HistoryIndex
from termslens.optouts import OPTOUTS_SCHEMA, OptOutStore

STORE_FILE = "store.sqlite3"
LEGACY_STORE_FILE = "store.json"  # the tinydb file of earlier versions: copied in on the first start
LEGACY_OPTOUTS_FILE = "optouts.sqlite3"  # the opt-outs' own file before they joined this database
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS record_files (
    service_id TEXT PRIMARY KEY,
    file TEXT NOT NULL,           -- the record file as JSON
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- AUTOINCREMENT: a dropped report's number is never given again
    report TEXT NOT NULL          -- the report as JSON
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_MIGRATED_KEY = "migrated_store_json"
_PAIRING_KEY = "pairing"  # the Firefox origins paired and the pending requests (termslens/pairing.py), as JSON
T = TypeVar("T")


class StoreError(RuntimeError):
    """The data folder cannot be used (not writable, not a folder)."""


@dataclass(frozen=True)
class StoredFile:
    """A stored record file as found: `file` is its JSON, or None with `error` when it does not read back."""

    service_id: str
    file: Any
    error: str | None = None


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def _dump(value: Any) -> str:
    """JSON text for the database. A lone surrogate cannot be stored as UTF-8, so such a value is kept escaped
    (the API refuses them, so only a store from elsewhere holds one)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(value, separators=(",", ":"))
    return text


def _load(text: Any) -> Any:
    """A stored JSON value; raises ValueError when it does not parse (damaged, or nested beyond Python's stack)."""
    if not isinstance(text, str):
        raise ValueError("not text")
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable: the new name is in the folder's own blocks only after this."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _problem_with(path: Path) -> str | None:
    """Why the file at `path` cannot be opened as a database, or None (also when there is nothing there)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "it is a link to a file that does not exist" if os.path.lexists(path) else None
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return "it is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "it is not a regular file"
    if not os.access(path, os.R_OK | os.W_OK):
        return "it cannot be read and written"
    return None


class Store:
    """User record files (one per service id) and feedback reports, safe to share between the server's threads.

    `notice` holds a message for the user about what was found at start (a store moved aside, a migration);
    `problems` the messages about data that was set aside.
    """

    def __init__(self, data_dir: Path, *, max_feedback: int = MAX_FEEDBACK_REPORTS):
        self.folder = Path(data_dir)
        self.path = self.folder / STORE_FILE
        self.max_feedback = max_feedback
        self.notices: list[str] = []
        self.problems: list[str] = []
        self._lock = threading.RLock()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data folder {self.folder}: {exc.strerror or exc}") from None
        if not self.folder.is_dir() or not os.access(self.folder, os.W_OK | os.X_OK):
            raise StoreError(f"the data folder {self.folder} is not writable")
        try:
            self._remove_temporary_files()
            self._db = self._open()
            self._migrate_legacy_store()
            self._migrate_optouts_file()
        except (OSError, sqlite3.Error) as exc:  # the folder itself fails us (full, read-only mount, I/O error)
            reason = getattr(exc, "strerror", None) or exc
            raise StoreError(f"cannot use the store in {self.folder}: {reason}") from None

    @property
    def notice(self) -> str | None:
        return " ".join(self.notices) or None

    # --- opening --------------------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        problem = _problem_with(self.path)
        if problem is None:
            try:
                return self._connect()
            except (sqlite3.Error, OSError) as exc:
                problem = f"it is not a usable database ({exc})"
        aside = self._set_aside(self.path, "corrupt", companions=("-wal", "-shm", "-journal"))
        self._problem(f"The local store {self.path} could not be opened: {problem}. It was moved to {aside} "
                      "and a new one started.")
        return self._connect()

    def _connect(self) -> sqlite3.Connection:
        # One connection for the process, serialised by self._lock; isolation_level=None: transactions are explicit.
        new = not os.path.lexists(self.path)
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            if db.execute("PRAGMA journal_mode=WAL").fetchone()[0].lower() != "wal":
                raise sqlite3.DatabaseError("cannot use a write-ahead log")
            # FULL: a commit is on disk (the log fsynced) before the write is acknowledged; it costs well under a
            # millisecond on an SSD (benchmarks/bench_store.py), and these writes are few.
            db.execute("PRAGMA synchronous=FULL")
            # The log is reused, not shrunk, after its pages reach the database; keep what stays of it small.
            db.execute("PRAGMA journal_size_limit=4194304")
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"damaged: {check}")
            db.executescript(_SCHEMA + HISTORY_SCHEMA + OPTOUTS_SCHEMA)
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            # A database of the same name but of other tables (or damaged ones) fails here, not at the first write.
            for probe in ("SELECT service_id, file, updated FROM record_files", "SELECT id, report FROM feedback",
                          "SELECT key, value FROM meta"):
                db.execute(probe + " LIMIT 0").fetchall()
        except BaseException:
            db.close()
            raise
        if new:
            _fsync_dir(self.folder)
        return db

    def _set_aside(self, path: Path, why: str, *, companions: Iterable[str] = ()) -> Path:
        """Move `path` (and `path`+companion suffix files, moved along) to `<name>.<why>-<time>`; never overwrites."""
        stamp = _now()
        for attempt in range(1000):
            aside = path.with_name(f"{path.name}.{why}-{stamp}" + (f"-{attempt}" if attempt else ""))
            if not any(os.path.lexists(f"{aside}{suffix}") for suffix in ("", *companions)):
                break
        else:
            raise StoreError(f"cannot set aside {path}")
        # The log files go first: a database moved without its write-ahead log would lose what the log holds,
        # and a log left behind would be applied to the new database.
        for suffix in (*companions, ""):
            if os.path.lexists(f"{path}{suffix}"):
                os.rename(f"{path}{suffix}", f"{aside}{suffix}")
        _fsync_dir(path.parent)
        return aside

    def _problem(self, message: str) -> None:
        self.notices.append(message)
        self.problems.append(message)

    def _remove_temporary_files(self) -> None:
        """Remove the temporary files of writes that never finished (the tinydb store wrote through them)."""
        stale = list(self.folder.glob(f".{LEGACY_STORE_FILE}.*.tmp"))
        for path in stale:
            try:
                path.unlink()
            except OSError:
                continue  # left for the next start; it is not in the way
        if stale:
            self.notices.append(f"Removed {len(stale)} temporary file(s) of unfinished writes from {self.folder}.")

    # --- the tinydb store of earlier versions ------------------------------------------------------------------

    def _migrate_legacy_store(self) -> None:
        """Copy a tinydb `store.json` into the database once, in one transaction, then keep it aside."""
        legacy = self.folder / LEGACY_STORE_FILE
        if not os.path.lexists(legacy):
            return
        if self._meta(_MIGRATED_KEY) is not None:  # copied before, but the process stopped before moving it
            self._set_aside(legacy, "migrated")
            return
        try:
            tables = self._read_legacy(legacy)
        except ValueError as exc:
            aside = self._set_aside(legacy, "corrupt")
            self._problem(f"The local store {legacy} of an earlier version could not be read ({exc}); it was "
                          f"moved to {aside} and nothing was copied from it.")
            return
        files, reports, skipped = self._legacy_rows(tables)
        with self._lock, self._transaction():
            for service_id, record_file in files:
                self._db.execute(
                    "INSERT OR REPLACE INTO record_files (service_id, file, updated) VALUES (?, ?, ?)",
                    (service_id, record_file, _now()),
                )
            for number, report in reports:
                self._db.execute("INSERT OR REPLACE INTO feedback (id, report) VALUES (?, ?)", (number, report))
            self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (_MIGRATED_KEY, _now()))
        self._trim_feedback()
        with self._lock:  # the whole copy went through the log: move it into the database and empty the log
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        aside = self._set_aside(legacy, "migrated")
        message = (f"The local store moved from {legacy} to {self.path}: {len(files)} record file(s) and "
                   f"{len(reports)} report(s) copied; the old file is kept as {aside}.")
        if skipped:
            self._problem(message + f" {skipped} of its entries could not be used; they are only in the old file.")
        else:
            self.notices.append(message)

    def _migrate_optouts_file(self) -> None:
        """Copy the opt-outs of the separate `optouts.sqlite3` (the first version of issue 15) into this
        database in one transaction, then keep the old file aside. A damaged file is set aside with a notice."""
        old = self.folder / LEGACY_OPTOUTS_FILE
        if not old.is_file():
            return
        try:
            with self._lock:
                self._db.execute("ATTACH DATABASE ? AS old", (str(old),))
                try:
                    with self._transaction():
                        copied = self._db.execute("INSERT OR IGNORE INTO optouts SELECT * FROM old.optouts").rowcount
                finally:
                    self._db.execute("DETACH DATABASE old")
        except sqlite3.Error as exc:
            aside = self._set_aside(old, "corrupt", companions=("-wal", "-shm"))
            self._problem(f"The opt-outs file {old} could not be read ({exc}); it was moved to {aside} and "
                          "nothing was copied from it.")
            return
        aside = self._set_aside(old, "migrated", companions=("-wal", "-shm"))
        self.notices.append(f"{copied} completed opt-out(s) moved from {old} into {self.path}; the old file is "
                            f"kept as {aside}.")

    @staticmethod
    def _read_legacy(path: Path) -> dict[str, Any]:
        problem = _problem_with(path)
        if problem:
            raise ValueError(problem)
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as exc:
            raise ValueError(f"it cannot be read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise ValueError("it is not UTF-8 text") from None
        try:
            data = _load(text) if text.strip() else {}
        except ValueError as exc:
            raise ValueError(f"it is not JSON: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(table, dict) for table in data.values()):
            raise ValueError("it is not a tinydb database")
        return data

    @staticmethod
    def _legacy_rows(tables: dict[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[int, str]], int]:
        """(service id, record file JSON) and (number, report JSON) rows of tinydb tables, and how many entries
        could not be used.

        A record file is copied whatever it holds (the library reports the ones that do not load); an entry
        without a service id, a report that is not an object, or a value too deep to write again is skipped.
        """
        files, reports, skipped = [], [], 0
        for row in tables.get("record_files", {}).values():
            try:
                if isinstance(row, dict) and isinstance(row.get("service_id"), str) and row["service_id"]:
                    files.append((row["service_id"], _dump(row.get("file"))))
                    continue
            except (ValueError, RecursionError):
                pass
            skipped += 1
        for doc_id, row in tables.get("feedback", {}).items():
            try:
                if doc_id.isdecimal() and len(doc_id) < 19 and isinstance(row, dict):
                    reports.append((int(doc_id), _dump(row)))
                    continue
            except (ValueError, RecursionError):
                pass
            skipped += 1
        skipped += sum(len(table) for name, table in tables.items() if name not in ("record_files", "feedback"))
        return files, sorted(reports), skipped

    # --- helpers ---------------------------------------------------------------------------------------------------

    def _transaction(self):
        return _Transaction(self._db)

    def _meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _trim_feedback(self) -> None:
        with self._lock, self._transaction():
            self._db.execute(
                "DELETE FROM feedback WHERE id <= (SELECT id FROM feedback ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (self.max_feedback,),
            )

    # --- record files -------------------------------------------------------------------------------------------

    def stored_record_files(self) -> list[StoredFile]:
        """Every stored record file as found, ordered by service id; those that do not parse carry an error."""
        with self._lock:
            rows = self._db.execute("SELECT service_id, file FROM record_files ORDER BY service_id").fetchall()
        found = []
        for service_id, text in rows:
            try:
                found.append(StoredFile(str(service_id), _load(text)))
            except ValueError as exc:
                found.append(StoredFile(str(service_id), None, f"the stored file is not readable JSON ({exc})"))
        return found

    def record_files(self) -> list[dict[str, Any]]:
        """The user's record files that read back as JSON objects (record-file JSON), ordered by service id."""
        return [entry.file for entry in self.stored_record_files() if isinstance(entry.file, dict)]

    def has_record_file(self, service_id: str) -> bool:
        with self._lock:
            row = self._db.execute("SELECT 1 FROM record_files WHERE service_id = ?", (service_id,)).fetchone()
        return row is not None

    def put_record_file(self, record_file: dict[str, Any]) -> bool:
        """Store a record file under its service id, replacing that service's previous one; True if new."""
        service_id = record_file["service"]["id"]
        with self._lock, self._transaction():
            existed = self.has_record_file(service_id)
            self._db.execute(
                "INSERT INTO record_files (service_id, file, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (service_id) DO UPDATE SET file = excluded.file, updated = excluded.updated",
                (service_id, _dump(record_file), _now()),
            )
        return not existed

    def delete_record_file(self, service_id: str) -> bool:
        """Remove the user's record file of a service (readable or not); False if there was none."""
        with self._lock, self._transaction():
            removed = self._db.execute("DELETE FROM record_files WHERE service_id = ?", (service_id,)).rowcount
        return bool(removed)

    # --- feedback ---------------------------------------------------------------------------------------------------

    def add_feedback(self, report: dict[str, Any]) -> int:
        """Keep a "this looks wrong" report for the record maintainer; returns its number.

        Past `max_feedback` reports the oldest are dropped, in the same transaction: numbers only grow, so those
        at most `max_feedback` below the new one are the ones kept (counting rows would cost a scan per write)."""
        with self._lock, self._transaction():
            number = self._db.execute("INSERT INTO feedback (report) VALUES (?)", (_dump(report),)).lastrowid
            assert number is not None  # an INSERT gives one
            self._db.execute("DELETE FROM feedback WHERE id <= ?", (number - self.max_feedback,))
        return number

    def feedback(self) -> list[dict[str, Any]]:
        """The kept reports, oldest first (by number), each with its number as `id`; unreadable rows are skipped."""
        with self._lock:
            rows = self._db.execute("SELECT id, report FROM feedback ORDER BY id").fetchall()
        reports = []
        for number, text in rows:
            try:
                report = _load(text)
            except ValueError:
                continue
            if isinstance(report, dict):
                reports.append({"id": number, **{key: value for key, value in report.items() if key != "id"}})
        return reports

    # --- Firefox pairing -----------------------------------------------------------------------------------------

    def pairing_state(self) -> dict[str, Any]:
        """The pairing state as termslens/pairing.py reads it (empty when nothing was ever paired, or unreadable)."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (_PAIRING_KEY,)).fetchone()
        return _pairing_from(row)

    def update_pairing(self, change: Callable[[dict[str, Any]], tuple[dict[str, Any], T]]) -> T:
        """Apply `change` (state → new state, result) to the pairing state in one transaction; returns the result.
        `termslens pair` writes from another process: BEGIN IMMEDIATE serialises the two."""
        with self._lock, self._transaction():
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (_PAIRING_KEY,)).fetchone()
            new_state, result = change(_pairing_from(row))
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (_PAIRING_KEY, _dump(new_state)),
            )
        return result

    # --- document history --------------------------------------------------------------------------------------

    def history_index(self) -> HistoryIndex:
        """The document history's metadata (documents, versions, kept texts, watches, the history setting), kept
        in this database beside the record files and reports: the same connection, lock and transactions, so a
        process killed mid-write leaves it whole too (`termslens.history_index`)."""
        return HistoryIndex(self._db, self._lock)

    def optouts(self) -> OptOutStore:
        """The opt-outs the person completed through a flow, kept in this database the same way."""
        return OptOutStore(self._db, self._lock)

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _pairing_from(row) -> dict[str, Any]:
    try:
        state = _load(row[0]) if row else None
    except ValueError:
        state = None
    return state if isinstance(state, dict) else {"paired": [], "requests": []}


class _Transaction:
    """`with`: BEGIN IMMEDIATE (the write lock up front, so two processes never deadlock), then COMMIT, or ROLLBACK
    on an error (also when COMMIT itself fails, so the connection is never left inside a transaction)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None:
                self._db.execute("COMMIT")
        finally:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
