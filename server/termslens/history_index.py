"""The document history's metadata: documents, their versions, the kept texts, watches and the history's setting.

These tables live in the local store's SQLite database (`store.py` creates them with its own, and hands out a
`HistoryIndex` on its connection: `Store.history_index()`): WAL mode, each change appended to the log and
committed atomically, so a process killed mid-write leaves every committed change and a readable database,
and a store found damaged at start is set aside with them. The texts themselves are files
(`termslens.textstore`); this holds what the history needs to find, order, bound and clear them.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import threading
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

HISTORY_SCHEMA = """
CREATE TABLE IF NOT EXISTS history_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    address TEXT NOT NULL UNIQUE,     -- canonical address: scheme, host, path, non-tracking query
    title TEXT,
    service TEXT,
    last_seen TEXT NOT NULL           -- ISO 8601 UTC: last time a version was kept or seen
);
CREATE TABLE IF NOT EXISTS history_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document INTEGER NOT NULL REFERENCES history_documents (id) ON DELETE CASCADE,
    hash TEXT NOT NULL,               -- SHA-256 of the normalised words: formatting-only versions are one
    text TEXT NOT NULL,               -- the kept text's address (textstore)
    clauses BLOB NOT NULL,            -- [(start, end, clause hash, heading), ...] packed (`pack_clauses`)
    labels TEXT NOT NULL,             -- JSON [[start, end, category], ...]: records and clause types found
    chars INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    read_at TEXT,                     -- last time the reader had it open in the browser (null: only fetched)
    acknowledged_at TEXT,             -- when the reader marked it as read
    UNIQUE (document, hash)
);
CREATE INDEX IF NOT EXISTS history_versions_by_text ON history_versions (text);
CREATE TABLE IF NOT EXISTS history_texts (
    address TEXT PRIMARY KEY,
    base TEXT,                        -- the text it is stored as a delta of, or null when stored whole
    bytes INTEGER NOT NULL            -- compressed size on disk
);
CREATE INDEX IF NOT EXISTS history_texts_by_base ON history_texts (base);
CREATE TABLE IF NOT EXISTS history_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS history_watches (
    address TEXT PRIMARY KEY,         -- the watched document's canonical address
    url TEXT NOT NULL,                -- what is fetched
    added TEXT NOT NULL,
    next_check TEXT NOT NULL,         -- ISO 8601 UTC
    etag TEXT,                        -- validators of the last answer, sent back as If-None-Match ...
    last_modified TEXT,               -- ... and If-Modified-Since
    failures INTEGER NOT NULL DEFAULT 0,
    last_checked TEXT,
    last_result TEXT                  -- "new version", "unchanged", "not modified", or the error
);
"""


@dataclass(frozen=True)
class DocumentRow:
    id: int
    address: str
    title: str | None
    service: str | None
    last_seen: str


@dataclass(frozen=True)
class VersionRow:
    id: int
    document: int
    hash: str
    text: str
    clauses: list[list[Any]]
    labels: list[list[Any]]
    chars: int
    first_seen: str
    last_seen: str
    read_at: str | None
    acknowledged_at: str | None


@dataclass(frozen=True)
class WatchRow:
    address: str
    url: str
    added: str
    next_check: str
    etag: str | None
    last_modified: str | None
    failures: int
    last_checked: str | None
    last_result: str | None


_WATCH_COLUMNS = "address, url, added, next_check, etag, last_modified, failures, last_checked, last_result"
_VERSION_COLUMNS = "id, document, hash, text, clauses, labels, chars, first_seen, last_seen, read_at, acknowledged_at"


def _version(row: tuple) -> VersionRow:
    return VersionRow(row[0], row[1], row[2], row[3], unpack_clauses(row[4]), json.loads(row[5]), *row[6:])


def pack_clauses(clauses: Iterable[Sequence[Any]]) -> bytes:
    """A version's clauses `(start, end, 16-hex-digit hash, heading)` as a compact blob: the gaps and lengths
    (small numbers that compress well), the heading flags, then the hashes as bytes; zlib-compressed. As
    JSON they took 12 KB a version, more than the version's text as a delta (../shared/versions)."""
    rows = [(int(c[0]), int(c[1]), str(c[2]), bool(c[3]) if len(c) > 3 else False) for c in clauses]
    previous = 0
    numbers = []
    for start, end, _, _ in rows:
        numbers += [start - previous, end - start]
        previous = end
    body = (
        struct.pack(f"<I{len(numbers)}I", len(rows), *numbers)
        + bytes(heading for *_, heading in rows)
        + b"".join(bytes.fromhex(clause_hash) for _, _, clause_hash, _ in rows)
    )
    return zlib.compress(body, 6)


def unpack_clauses(blob: bytes) -> list[list[Any]]:
    """The clauses `pack_clauses` packed, as `[start, end, hash, heading]` lists."""
    body = zlib.decompress(blob)
    (count,) = struct.unpack_from("<I", body)
    numbers = struct.unpack_from(f"<{2 * count}I", body, 4)
    flags = body[4 + 8 * count : 4 + 9 * count]
    hashes = body[4 + 9 * count :]
    out = []
    previous = 0
    for k in range(count):
        start = previous + numbers[2 * k]
        end = start + numbers[2 * k + 1]
        out.append([start, end, hashes[8 * k : 8 * k + 8].hex(), bool(flags[k])])
        previous = end
    return out


class HistoryIndex:
    """The history's metadata on the store's connection (`db`, in autocommit mode with explicit transactions)
    and under its lock, safe to share between the server's threads."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self._db = db
        self._lock = lock

    def transaction(self) -> _Transaction:
        """`with index.transaction():` one atomic change (re-entrant within a thread)."""
        return _Transaction(self)

    # --- documents -------------------------------------------------------------------------------------------

    def document(self, address: str) -> DocumentRow | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, address, title, service, last_seen FROM history_documents WHERE address = ?", (address,)
            ).fetchone()
        return DocumentRow(*row) if row else None

    def documents(self) -> list[DocumentRow]:
        """Every document, the most recently seen first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, address, title, service, last_seen FROM history_documents ORDER BY last_seen DESC, id DESC"
            ).fetchall()
        return [DocumentRow(*row) for row in rows]

    def upsert_document(self, address: str, *, title: str | None, service: str | None, now: str) -> int:
        with self._lock:
            self._db.execute(
                "INSERT INTO history_documents (address, title, service, last_seen) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (address) DO UPDATE SET title = coalesce(excluded.title, title), "
                "service = coalesce(excluded.service, service), last_seen = excluded.last_seen",
                (address, title, service, now),
            )
            return int(self._db.execute("SELECT id FROM history_documents WHERE address = ?", (address,)).fetchone()[0])

    def delete_document(self, document: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM history_documents WHERE id = ?", (document,))

    # --- versions --------------------------------------------------------------------------------------------

    def versions(self, document: int) -> list[VersionRow]:
        """The document's versions, newest first (by when they were first seen)."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_VERSION_COLUMNS} FROM history_versions WHERE document = ? ORDER BY first_seen DESC, id DESC",
                (document,),
            ).fetchall()
        return [_version(row) for row in rows]

    def version_count(self, document: int) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM history_versions WHERE document = ?", (document,)).fetchone()[0])

    def add_version(
        self, document: int, *, hash: str, text: str, clauses: Iterable[Sequence[Any]], labels: Iterable[Iterable[Any]],
        chars: int, now: str, read: bool,
    ) -> int:
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO history_versions (document, hash, text, clauses, labels, chars, first_seen, last_seen, read_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document, hash, text, pack_clauses(clauses), json.dumps([list(lb) for lb in labels]),
                 chars, now, now, now if read else None),
            )
            assert cursor.lastrowid is not None  # an INSERT gives one
            return cursor.lastrowid

    def touch_version(self, version: int, *, now: str, read: bool) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE history_versions SET last_seen = ?, read_at = CASE WHEN ? THEN ? ELSE read_at END WHERE id = ?",
                (now, read, now, version),
            )

    def acknowledge_version(self, version: int, *, now: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE history_versions SET acknowledged_at = ?, read_at = coalesce(read_at, ?) WHERE id = ?",
                (now, now, version),
            )

    def delete_version(self, version: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM history_versions WHERE id = ?", (version,))

    def versions_of_text(self, text: str) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM history_versions WHERE text = ?", (text,)).fetchone()[0])

    # --- kept texts ------------------------------------------------------------------------------------------

    def put_text(self, address: str, *, base: str | None, bytes_: int) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO history_texts (address, base, bytes) VALUES (?, ?, ?) "
                "ON CONFLICT (address) DO UPDATE SET base = excluded.base, bytes = excluded.bytes",
                (address, base, bytes_),
            )

    def text_base(self, address: str) -> tuple[bool, str | None]:
        """(known, base): whether the text is recorded, and what it is stored as a delta of."""
        with self._lock:
            row = self._db.execute("SELECT base FROM history_texts WHERE address = ?", (address,)).fetchone()
        return (row is not None, row[0] if row else None)

    def texts_based_on(self, address: str) -> list[str]:
        with self._lock:
            return [row[0] for row in self._db.execute("SELECT address FROM history_texts WHERE base = ?", (address,))]

    def delete_text(self, address: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM history_texts WHERE address = ?", (address,))

    def text_bytes(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT coalesce(sum(bytes), 0) FROM history_texts").fetchone()[0])

    def texts(self) -> list[str]:
        with self._lock:
            return [row[0] for row in self._db.execute("SELECT address FROM history_texts")]

    def unreferenced_texts(self) -> list[str]:
        """Kept texts no version holds (left by an interrupted removal)."""
        with self._lock:
            return [row[0] for row in self._db.execute(
                "SELECT address FROM history_texts WHERE address NOT IN (SELECT text FROM history_versions)"
            )]

    # --- oldest versions across documents, for the byte bound ------------------------------------------------

    def oldest_versions(self, limit: int) -> list[VersionRow]:
        """The versions seen longest ago, across documents, that are not their document's newest."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_VERSION_COLUMNS} FROM history_versions v WHERE v.id NOT IN "
                "(SELECT id FROM history_versions w WHERE w.document = v.document ORDER BY first_seen DESC, id DESC LIMIT 1) "
                "ORDER BY last_seen, id LIMIT ?",
                (limit,),
            ).fetchall()
        return [_version(row) for row in rows]

    # --- watches -------------------------------------------------------------------------------------------

    def watches(self) -> list[WatchRow]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_WATCH_COLUMNS} FROM history_watches ORDER BY next_check, address").fetchall()
        return [WatchRow(*row) for row in rows]

    def watch(self, address: str) -> WatchRow | None:
        with self._lock:
            row = self._db.execute(f"SELECT {_WATCH_COLUMNS} FROM history_watches WHERE address = ?", (address,)).fetchone()
        return WatchRow(*row) if row else None

    def add_watch(self, address: str, url: str, *, now: str, next_check: str) -> bool:
        """Watch a document; False when it was watched already (its schedule is kept)."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO history_watches (address, url, added, next_check) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (address) DO NOTHING",
                (address, url, now, next_check),
            )
            return cursor.rowcount == 1

    def remove_watch(self, address: str) -> bool:
        with self._lock:
            return self._db.execute("DELETE FROM history_watches WHERE address = ?", (address,)).rowcount == 1

    def update_watch(self, address: str, *, next_check: str, checked: str, result: str, failures: int,
                     etag: str | None, last_modified: str | None) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE history_watches SET next_check = ?, last_checked = ?, last_result = ?, failures = ?, "
                "etag = ?, last_modified = ? WHERE address = ?",
                (next_check, checked, result, failures, etag, last_modified, address),
            )

    # --- settings and clearing ---------------------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM history_settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO history_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def clear(self) -> None:
        """Forget every document and version (the settings and the watches stay)."""
        with self._lock, self.transaction():
            self._db.execute("DELETE FROM history_versions")
            self._db.execute("DELETE FROM history_documents")
            self._db.execute("DELETE FROM history_texts")


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an error); nested uses join the outer transaction."""

    def __init__(self, index: HistoryIndex):
        self._index = index
        self._outer = False

    def __enter__(self) -> None:
        self._index._lock.acquire()
        db = self._index._db
        self._outer = not db.in_transaction
        if self._outer:
            db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback) -> None:
        db = self._index._db
        try:
            if self._outer:
                try:
                    if kind is None:
                        db.execute("COMMIT")
                finally:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
        finally:
            self._index._lock.release()
