"""The local store of the user's record files: put/replace/delete, persistence, corrupt files set aside,
atomic writes, threads, and an unusable data folder."""

from __future__ import annotations

import copy
import json
import threading
from datetime import datetime, timezone
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


def _on_disk(folder: Path) -> dict:
    return json.loads((folder / STORE_FILE).read_text("utf-8"))


def _leftover_temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(f".{STORE_FILE}.*.tmp"))


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
    assert _on_disk(folder)  # a real JSON database


# --- unreadable store files are set aside ----------------------------------------------------------------------


def _assert_set_aside(tmp_path: Path, original: bytes) -> None:
    store = Store(tmp_path)
    assert store.record_files() == []
    assert store.notice
    assert "moved" in store.notice
    aside = sorted(tmp_path.glob(f"{STORE_FILE}.corrupt-*"))
    assert len(aside) == 1, aside
    assert aside[0].read_bytes() == original
    assert str(aside[0]) in store.notice

    mine = _record_file()
    assert store.put_record_file(mine) is True
    assert store.record_files() == [mine]
    assert aside[0].read_bytes() == original  # the new database did not touch the set-aside copy
    assert Store(tmp_path).record_files() == [mine]


def test_corrupt_store_is_set_aside(tmp_path):
    original = b"{not json"
    (tmp_path / STORE_FILE).write_bytes(original)
    _assert_set_aside(tmp_path, original)


def test_non_utf8_store_is_set_aside(tmp_path):
    original = bytes(range(256))
    (tmp_path / STORE_FILE).write_bytes(original)
    _assert_set_aside(tmp_path, original)


@pytest.mark.parametrize(
    "content",
    [
        "[1, 2, 3]",
        '"a string"',
        "null",
        '{"record_files": [1, 2]}',
        '{"record_files": {"1": "not a document"}}',
        '{"record_files": {"not-an-id": {"service_id": "x", "file": {"service": {"id": "x"}}}}}',
    ],
    ids=["list", "string", "null", "table-is-list", "document-is-string", "document-id-not-a-number"],
)
def test_wrong_shape_store_is_set_aside(tmp_path, content):
    original = content.encode()
    (tmp_path / STORE_FILE).write_bytes(original)
    _assert_set_aside(tmp_path, original)


def test_two_corrupt_stores_in_the_same_second_both_kept(tmp_path, monkeypatch):
    """The module promises a corrupt database is moved aside, never overwritten, even twice in one second."""

    class FrozenClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)

    monkeypatch.setattr(store_module, "datetime", FrozenClock)
    (tmp_path / STORE_FILE).write_bytes(b"{first broken")
    Store(tmp_path).close()
    (tmp_path / STORE_FILE).write_bytes(b"{second broken")
    Store(tmp_path).close()
    kept = {path.read_bytes() for path in tmp_path.glob(f"{STORE_FILE}.corrupt-*")}
    assert kept == {b"{first broken", b"{second broken"}


def test_empty_store_file_is_fine(tmp_path):
    (tmp_path / STORE_FILE).write_bytes(b"")
    store = Store(tmp_path)
    assert store.notice is None
    assert store.record_files() == []
    assert store.put_record_file(_record_file()) is True


# --- atomic writes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("broken", ["json.dump", "os.fsync"])
def test_write_that_dies_keeps_previous_database(tmp_path, monkeypatch, broken):
    store = Store(tmp_path)
    first = _record_file("first")
    store.put_record_file(first)
    before = (tmp_path / STORE_FILE).read_bytes()

    real_dump = json.dump

    def dump_half_then_die(data, handle, **kwargs):
        text = json.dumps(data, **kwargs)
        handle.write(text[: len(text) // 2])  # a partial database reaches the temporary file
        raise RuntimeError("disk on fire")

    def fsync_dies(fd):
        raise RuntimeError("disk on fire")

    if broken == "json.dump":
        monkeypatch.setattr(store_module.json, "dump", dump_half_then_die)
    else:
        monkeypatch.setattr(store_module.os, "fsync", fsync_dies)

    with pytest.raises(RuntimeError, match="disk on fire"):
        store.put_record_file(_record_file("second"))
    monkeypatch.undo()
    assert json.dump is real_dump

    assert (tmp_path / STORE_FILE).read_bytes() == before
    assert _on_disk(tmp_path)  # still parses
    assert _leftover_temp_files(tmp_path) == []
    assert store.record_files() == [first]
    assert Store(tmp_path).record_files() == [first]

    # and the store keeps working once writes succeed again
    second = _record_file("second")
    assert store.put_record_file(second) is True
    assert Store(tmp_path).record_files() == [first, second]


def test_successful_writes_leave_no_temp_files(tmp_path):
    store = Store(tmp_path)
    for n in range(3):
        store.put_record_file(_record_file(f"s{n}"))
    store.delete_record_file("s1")
    assert _leftover_temp_files(tmp_path) == []
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
    on_disk = _on_disk(tmp_path)
    assert len(on_disk["record_files"]) == 8
    assert _leftover_temp_files(tmp_path) == []
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
