"""Completed opt-outs: which setting the person changed through a flow, to which state, and when it was last
seen to hold (issue 15). Only the facts the popup and the guide need, never page text.

The table lives in the local store's SQLite database (`store.py` creates it with its own and hands out an
`OptOutStore` on its connection: `Store.optouts()`), so a store found damaged at start is set aside with it,
and every change is one transaction: a killed process leaves the previous state whole.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import asdict, dataclass

# Bounds for what the API accepts: an action key as the extension makes it, short setting names and states.
ACTION_KEY = re.compile(r"^[a-z-]{1,40}:[0-9a-f]{8}(~[0-9]{1,4})?$")
RECORD_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,199}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_SETTING_CHARS = 80
MAX_STATE_CHARS = 80
MAX_URL_CHARS = 2000
# A person completes a handful of opt-outs; the cap only stops a runaway client from filling the disk.
MAX_OPTOUTS = 1000
OUTCOMES = ("verified", "lapsed")

OPTOUTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS optouts (
  record_id  TEXT NOT NULL,
  action     TEXT NOT NULL,
  service_id TEXT NOT NULL,
  setting    TEXT NOT NULL,
  state      TEXT NOT NULL,
  page_url   TEXT NOT NULL,
  since      TEXT NOT NULL,
  verified   TEXT NOT NULL,
  lapsed     TEXT,
  PRIMARY KEY (record_id, action)
);
"""


class OptOutError(ValueError):
    """An opt-out that cannot be kept; the message says which field and why."""


@dataclass(frozen=True)
class OptOut:
    """One completed opt-out. `since`: the day the wanted state was first verified (this time round);
    `verified`: the last day it was seen to hold; `lapsed`: the day it was found undone, else None."""

    record_id: str
    action: str
    service_id: str
    setting: str
    state: str
    page_url: str
    since: str
    verified: str
    lapsed: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return asdict(self)


class OptOutStore:
    """The completed opt-outs of this computer's user, on the store's connection and lock (`Store.optouts()`)."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock):
        self._db = db
        self._lock = lock

    def all(self, *, service_id: str | None = None) -> list[OptOut]:
        """The kept opt-outs (of one service when given), most recently verified first."""
        query = "SELECT record_id, action, service_id, setting, state, page_url, since, verified, lapsed FROM optouts"
        args: tuple[str, ...] = ()
        if service_id is not None:
            query += " WHERE service_id = ?"
            args = (service_id,)
        with self._lock:
            rows = self._db.execute(query + " ORDER BY verified DESC, record_id, action", args).fetchall()
        return [OptOut(*row) for row in rows]

    def record(
        self,
        *,
        record_id: str,
        action: str,
        service_id: str,
        setting: str,
        state: str,
        page_url: str,
        date: str,
        outcome: str,
    ) -> OptOut:
        """Keep what the guide saw on `date`: "verified" (the wanted state held after a reload) or "lapsed"
        (it was found undone). A verification keeps `since` while the same state keeps holding; after a
        lapse or a change of state it starts again. A lapse is kept only for an opt-out already known."""
        _check(record_id=record_id, action=action, service_id=service_id, setting=setting, state=state,
               page_url=page_url, date=date, outcome=outcome)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._db.execute(
                    "SELECT state, since, lapsed FROM optouts WHERE record_id = ? AND action = ?", (record_id, action)
                ).fetchone()
                if outcome == "lapsed":
                    if row is None:
                        raise OptOutError("There is no completed opt-out with that record and action to mark as undone.")
                    self._db.execute(
                        "UPDATE optouts SET lapsed = ? WHERE record_id = ? AND action = ?", (date, record_id, action)
                    )
                else:
                    if row is None:
                        (count,) = self._db.execute("SELECT COUNT(*) FROM optouts").fetchone()
                        if count >= MAX_OPTOUTS:
                            raise OptOutError(f"The store keeps at most {MAX_OPTOUTS:,} opt-outs.")
                    keeps = row is not None and row[0] == state and row[2] is None
                    since = row[1] if keeps else date
                    self._db.execute(
                        "INSERT OR REPLACE INTO optouts VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                        (record_id, action, service_id, setting, state, page_url, since, date),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            found = self._db.execute(
                "SELECT record_id, action, service_id, setting, state, page_url, since, verified, lapsed FROM optouts "
                "WHERE record_id = ? AND action = ?",
                (record_id, action),
            ).fetchone()
        return OptOut(*found)

    def forget(self, record_id: str, action: str) -> bool:
        """Drop one opt-out; False when there was none."""
        with self._lock:
            cursor = self._db.execute("DELETE FROM optouts WHERE record_id = ? AND action = ?", (record_id, action))
        return cursor.rowcount > 0


def _check(*, record_id: str, action: str, service_id: str, setting: str, state: str, page_url: str, date: str,
           outcome: str) -> None:
    problems = [
        (RECORD_ID.match(record_id), "record_id", "a record id"),
        (ACTION_KEY.match(action), "action", "an action key such as 'opt-out:1a2b3c4d'"),
        (RECORD_ID.match(service_id), "service_id", "a service id"),
        (0 < len(setting) <= MAX_SETTING_CHARS and setting.strip(), "setting", f"1 to {MAX_SETTING_CHARS} characters"),
        (0 < len(state) <= MAX_STATE_CHARS and state.strip(), "state", f"1 to {MAX_STATE_CHARS} characters"),
        (page_url.startswith("https://") and len(page_url) <= MAX_URL_CHARS, "page_url", "an https address"),
        (ISO_DATE.match(date), "date", "a date as YYYY-MM-DD"),
        (outcome in OUTCOMES, "outcome", "'verified' or 'lapsed'"),
    ]
    for ok, name, wanted in problems:
        if not ok:
            raise OptOutError(f"The field '{name}' must be {wanted}.")
