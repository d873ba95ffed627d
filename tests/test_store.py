"""The local store (SQLite): record files put/replaced/deleted and kept, feedback numbered and capped, a store
file that cannot be opened set aside, a write that fails leaves the store as it was, threads, and an unusable
data folder. The tinydb store of earlier versions: tests/test_store_migrate.py; a real service on damaged stores
and killed mid-write: tests/test_store_damage.py and tests/test_store_kill.py."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import threading
from pathlib import Path

import pytest

import termslens.store as store_module
from termslens.records import bundled_records_dir, parse_record_file
from termslens.store import STORE_FILE, Store, StoreError


def _record_file(service_id: str = "mine", title_suffix: str = "") -> dict:
    """anthropic.json made into another service's record file (own service id and record ids)."""
    data = json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))
    data["service"]["id"] = service_id
    data["service"]["name"] = f"Service {service_id}"
    for record in data["records"]:
        record["id"] = record["id"].replace("anthropic", service_id, 1)
        record["title"] += title_suffix
    parse_record_file(data, origin="test")  # still a valid record file
    return data


def _on_disk(folder: Path) -> dict[str, list]:
    """The rows of the database file as another process sees them: {"record_files": [...], "feedback": [...]}."""
    with sqlite3.connect(f"file:{folder / STORE_FILE}?mode=ro", uri=True) as db:
        return {
            "record_files": [json.loads(f) for (f,) in db.execute("SELECT file FROM record_files ORDER BY service_id")],
            "feedback": db.execute("SELECT id, report FROM feedback ORDER BY id").fetchall(),
        }


# --- put / replace / delete / persist ------------------------------------------------------------------------


def test_new_store_is_empty(tmp_path):
    store = Store(tmp_path)
    assert store.record_files() == []
    assert store.notice is None


def test_put_returns_file_and_reports_new(tmp_path):
    store = Store(tmp_path)
    mine = _record_file()
    assert store.put_record_file(mine) is True
    assert store.record_files() == [mine]


def test_put_same_service_replaces(tmp_path):
    store = Store(tmp_path)
    first, second = _record_file(), _record_file(title_suffix=" (v2)")
    assert store.put_record_file(first) is True
    assert store.put_record_file(second) is False
    files = store.record_files()
    assert files == [second]
    assert files[0]["records"][0]["title"].endswith(" (v2)")


def test_record_files_ordered_by_service(tmp_path):
    store = Store(tmp_path)
    for service_id in ("zeta", "alpha", "mid"):
        store.put_record_file(_record_file(service_id))
    assert [f["service"]["id"] for f in store.record_files()] == ["alpha", "mid", "zeta"]


def test_delete(tmp_path):
    store = Store(tmp_path)
    store.put_record_file(_record_file("mine"))
    store.put_record_file(_record_file("other"))
    assert store.delete_record_file("mine") is True
    assert store.delete_record_file("mine") is False
    assert [f["service"]["id"] for f in store.record_files()] == ["other"]
    assert store.delete_record_file("never-stored") is False


def test_data_persists_across_stores(tmp_path):
    store = Store(tmp_path)
    mine, other = _record_file("mine"), _record_file("other")
    store.put_record_file(mine)
    store.put_record_file(other)
    store.delete_record_file("other")
    store.close()

    reopened = Store(tmp_path)
    assert reopened.notice is None
    assert reopened.record_files() == [mine]
    assert reopened.put_record_file(mine) is False  # it knows the service is already there


def test_store_creates_missing_data_folder(tmp_path):
    folder = tmp_path / "deep" / "er" / "data"
    store = Store(folder)
    store.put_record_file(_record_file())
    assert (folder / STORE_FILE).is_file()
    assert [f["service"]["id"] for f in _on_disk(folder)["record_files"]] == ["mine"]  # a real SQLite database


# --- a store file that cannot be opened is set aside -----------------------------------------------------------


def _assert_set_aside(tmp_path: Path, original: bytes | None, why: str) -> None:
    """A new store starts empty, says where the old file went, keeps it untouched, and works."""
    store = Store(tmp_path)
    assert store.record_files() == [] and store.feedback() == []
    assert store.notice and "moved to" in store.notice and why in store.notice
    assert store.problems == [store.notice]
    aside = sorted(tmp_path.glob(f"{STORE_FILE}.corrupt-*"))
    assert len(aside) == 1, aside
    assert str(aside[0]) in store.notice
    if original is not None:
        assert aside[0].read_bytes() == original

    mine = _record_file()
    assert store.put_record_file(mine) is True
    assert store.add_feedback({"category": "arbitration"}) == 1
    store.close()
    if original is not None:
        assert aside[0].read_bytes() == original  # the new database did not touch the set-aside copy
    again = Store(tmp_path)
    assert again.record_files() == [mine] and again.notice is None


@pytest.mark.parametrize(
    "content",
    [b"{not json", bytes(range(256)), b"SQLite format 3\x00" + b"\xff" * 200, b"\x00" * 4096],
    ids=["text", "binary", "damaged-header", "zeros"],
)
def test_a_file_that_is_not_a_database_is_set_aside(tmp_path, content):
    (tmp_path / STORE_FILE).write_bytes(content)
    _assert_set_aside(tmp_path, content, "not a usable database")


def test_a_truncated_database_is_set_aside(tmp_path):
    store = Store(tmp_path)
    for n in range(300):
        store.add_feedback({"category": "arbitration", "note": f"report {n} " + "x" * 200})
    store.close()
    data = (tmp_path / STORE_FILE).read_bytes()
    assert len(data) > 8192
    (tmp_path / STORE_FILE).write_bytes(data[: len(data) // 2])
    _assert_set_aside(tmp_path, data[: len(data) // 2], "not a usable database")


def test_a_folder_in_place_of_the_store_is_set_aside(tmp_path):
    (tmp_path / STORE_FILE).mkdir()
    (tmp_path / STORE_FILE / "inside.txt").write_text("kept", "utf-8")
    _assert_set_aside(tmp_path, None, "it is a folder")
    aside = next(tmp_path.glob(f"{STORE_FILE}.corrupt-*"))
    assert (aside / "inside.txt").read_text("utf-8") == "kept"


def test_an_unreadable_store_is_set_aside(tmp_path):
    # A link to itself cannot be opened by anyone (root included, whom file permissions do not stop).
    os.symlink(STORE_FILE, tmp_path / STORE_FILE)
    _assert_set_aside(tmp_path, None, "cannot be read")
    assert os.readlink(next(tmp_path.glob(f"{STORE_FILE}.corrupt-*"))) == STORE_FILE


def test_a_database_of_other_tables_is_set_aside(tmp_path):
    with sqlite3.connect(tmp_path / STORE_FILE) as db:
        db.execute("CREATE TABLE feedback (something TEXT)")
    _assert_set_aside(tmp_path, None, "not a usable database")


def test_the_write_ahead_log_moves_with_its_database(tmp_path):
    """A log left behind would be read as the new database's; a database moved without its log loses data."""
    (tmp_path / STORE_FILE).mkdir()
    (tmp_path / f"{STORE_FILE}-wal").write_bytes(b"log of the old one")
    store = Store(tmp_path)
    aside = next(tmp_path.glob(f"{STORE_FILE}.corrupt-*[0-9]Z"))
    assert aside.is_dir()
    assert Path(f"{aside}-wal").read_bytes() == b"log of the old one"
    assert store.put_record_file(_record_file()) is True


def test_two_damaged_stores_in_the_same_second_both_kept(tmp_path, monkeypatch):
    """The module promises a damaged store is moved aside, never overwritten, even twice in one instant."""
    monkeypatch.setattr(store_module, "_now", lambda: "20250102T030405.000000Z")
    (tmp_path / STORE_FILE).write_bytes(b"{first broken")
    Store(tmp_path).close()
    (tmp_path / STORE_FILE).unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp_path / STORE_FILE}{suffix}").unlink(missing_ok=True)
    (tmp_path / STORE_FILE).write_bytes(b"{second broken")
    Store(tmp_path).close()
    kept = {path.read_bytes() for path in tmp_path.glob(f"{STORE_FILE}.corrupt-*") if path.is_file()}
    assert kept == {b"{first broken", b"{second broken"}


def test_empty_store_file_is_fine(tmp_path):
    (tmp_path / STORE_FILE).write_bytes(b"")
    store = Store(tmp_path)
    assert store.notice is None
    assert store.record_files() == []
    assert store.put_record_file(_record_file()) is True


def test_a_row_that_does_not_read_back_is_skipped_and_kept(tmp_path):
    store = Store(tmp_path)
    store.put_record_file(_record_file("good"))
    store.add_feedback({"category": "arbitration", "note": "first"})
    store.close()
    with sqlite3.connect(tmp_path / STORE_FILE) as db:
        db.execute("INSERT INTO record_files VALUES ('broken', '{\"service\": ', 'now')")
        db.execute("INSERT INTO feedback (report) VALUES ('[' || replace(hex(zeroblob(100000)), '00', '[]') || ']')")
        db.execute("INSERT INTO feedback (report) VALUES ('{\"note\": \"second\"}')")
    store = Store(tmp_path)
    assert [entry.service_id for entry in store.stored_record_files()] == ["broken", "good"]
    assert store.stored_record_files()[0].error and store.stored_record_files()[0].file is None
    assert [f["service"]["id"] for f in store.record_files()] == ["good"]
    assert [r.get("note") for r in store.feedback()] == ["first", "second"]
    assert store.has_record_file("broken") and store.delete_record_file("broken")


# --- a write that fails changes nothing --------------------------------------------------------------------------


def test_write_that_dies_keeps_previous_database(tmp_path, monkeypatch):
    store = Store(tmp_path)
    first = _record_file("first")
    store.put_record_file(first)
    store.add_feedback({"category": "arbitration"})
    before = _on_disk(tmp_path)

    def dies() -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "_now", dies)  # called inside the write's transaction
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.put_record_file(_record_file("second"))
    monkeypatch.undo()

    assert _on_disk(tmp_path) == before
    assert store.record_files() == [first]
    assert Store(tmp_path).record_files() == [first]
    # and the store keeps working once writes succeed again (no transaction was left open)
    second = _record_file("second")
    assert store.put_record_file(second) is True
    assert store.add_feedback({"category": "refund"}) == 2
    assert Store(tmp_path).record_files() == [first, second]


def test_text_that_utf8_cannot_hold_is_kept_escaped_and_later_writes_work(tmp_path):
    """The API refuses lone surrogates; should one reach the store anyway, it neither fails nor blocks writes."""
    store = Store(tmp_path)
    assert store.add_feedback({"category": "arbitration", "note": "half a pair \ud800"}) == 1
    assert store.add_feedback({"category": "arbitration", "note": "fine"}) == 2
    assert [r["note"] for r in Store(tmp_path).feedback()] == ["half a pair \ud800", "fine"]


# --- feedback: numbered, oldest first, capped --------------------------------------------------------------------


def test_feedback_is_oldest_first_by_number_past_ten(tmp_path):
    store = Store(tmp_path)
    numbers = [store.add_feedback({"category": "arbitration", "note": str(n)}) for n in range(25)]
    assert numbers == list(range(1, 26))
    kept = Store(tmp_path).feedback()
    assert [r["id"] for r in kept] == numbers  # 1, 2, ... 10, 11 (not 1, 10, 11, 2 as text)
    assert [r["note"] for r in kept] == [str(n) for n in range(25)]


def test_past_the_limit_the_oldest_reports_are_dropped_and_numbers_never_reused(tmp_path):
    store = Store(tmp_path, max_feedback=5)
    for n in range(8):
        store.add_feedback({"category": "arbitration", "note": str(n)})
    assert [r["id"] for r in store.feedback()] == [4, 5, 6, 7, 8]
    store.close()
    reopened = Store(tmp_path, max_feedback=5)
    assert reopened.add_feedback({"category": "arbitration"}) == 9
    assert [r["id"] for r in reopened.feedback()] == [5, 6, 7, 8, 9]


def test_no_temporary_files_and_stale_ones_removed_at_start(tmp_path):
    stale = [tmp_path / ".store.json.abc123.tmp", tmp_path / ".store.json.x.tmp"]
    for path in stale:
        path.write_text("half a database", "utf-8")
    (tmp_path / "notes.tmp").write_text("not ours", "utf-8")
    store = Store(tmp_path)
    assert not any(path.exists() for path in stale)
    assert (tmp_path / "notes.tmp").exists()
    assert "Removed 2 temporary file(s)" in store.notice
    assert store.problems == []  # tidying up is not a problem
    for n in range(3):
        store.put_record_file(_record_file(f"s{n}"))
    store.delete_record_file("s1")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == ["notes.tmp"]
    assert [f["service"]["id"] for f in Store(tmp_path).record_files()] == ["s0", "s2"]


# --- threads ---------------------------------------------------------------------------------------------------


def test_concurrent_puts(tmp_path):
    store = Store(tmp_path)
    template = _record_file("template")
    service_ids = [f"svc{n}" for n in range(8)]
    errors: list[BaseException] = []
    start = threading.Barrier(len(service_ids))

    def worker(service_id: str) -> None:
        try:
            start.wait(timeout=10)
            for round_number in range(5):
                record_file = copy.deepcopy(template)
                record_file["service"]["id"] = service_id
                record_file["service"]["name"] = f"{service_id} round {round_number}"
                store.put_record_file(record_file)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(service_id,)) for service_id in service_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []

    files = store.record_files()
    assert [f["service"]["id"] for f in files] == service_ids
    assert all(f["service"]["name"].endswith("round 4") for f in files)
    assert len(_on_disk(tmp_path)["record_files"]) == 8
    assert [f["service"]["id"] for f in Store(tmp_path).record_files()] == service_ids


# --- unusable data folder --------------------------------------------------------------------------------------


def test_data_folder_under_a_file(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    folder = blocker / "data"
    with pytest.raises(StoreError) as caught:
        Store(folder)
    message = str(caught.value)
    assert "cannot create the data folder" in message
    assert str(folder) in message
    assert "Traceback" not in message and "Errno" not in message


def test_data_folder_is_a_file(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    with pytest.raises(StoreError) as caught:
        Store(blocker)
    assert str(blocker) in str(caught.value)
    assert blocker.read_text("utf-8") == "not a folder"  # left alone
