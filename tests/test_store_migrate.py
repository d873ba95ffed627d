"""The tinydb `store.json` of earlier versions: copied into the SQLite store on first start without losing
anything, then kept aside; copied once even if the process stops half-way; and a damaged one never stops
the start."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from termslens.store import LEGACY_STORE_FILE, STORE_FILE, Store
from tests.test_store import _record_file


def write_legacy(folder: Path, tables: dict) -> bytes:
    """A store.json as tinydb wrote it (tables of {"<doc id>": document}); returns its bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    data = json.dumps(tables, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    (folder / LEGACY_STORE_FILE).write_bytes(data)
    return data


def legacy_tables(files: list[dict], reports: int) -> dict:
    return {
        "record_files": {str(n): {"service_id": f["service"]["id"], "file": f} for n, f in enumerate(files, 1)},
        "feedback": {str(n): {"category": "arbitration", "note": f"report {n}", "url": None} for n in range(1, reports + 1)},
    }


def aside(folder: Path, why: str) -> list[Path]:
    return sorted(folder.glob(f"{LEGACY_STORE_FILE}.{why}-*"))


def test_everything_is_copied_and_the_old_file_kept(tmp_path):
    files = [_record_file("alpha"), _record_file("beta")]
    original = write_legacy(tmp_path, legacy_tables(files, 25))
    store = Store(tmp_path)
    assert store.record_files() == files
    kept = store.feedback()
    assert [r["id"] for r in kept] == list(range(1, 26))  # numbers kept, in numeric order
    assert kept[11] == {"id": 12, "category": "arbitration", "note": "report 12", "url": None}
    assert not (tmp_path / LEGACY_STORE_FILE).exists()
    [old] = aside(tmp_path, "migrated")
    assert old.read_bytes() == original
    assert "2 record file(s) and 25 report(s) copied" in store.notice and str(old) in store.notice
    assert store.problems == []
    assert store.add_feedback({"category": "refund"}) == 26  # numbering goes on after the copied reports
    store.close()
    assert Store(tmp_path).notice is None  # nothing more to do on the next start


def test_a_start_stopped_after_the_copy_does_not_copy_twice(tmp_path):
    """The copy commits, then the file is moved; a process killed in between finds both on the next start."""
    original = write_legacy(tmp_path, legacy_tables([_record_file("alpha")], 3))
    Store(tmp_path).close()
    (tmp_path / LEGACY_STORE_FILE).write_bytes(original)  # as if the move had not happened
    store = Store(tmp_path)
    assert [r["id"] for r in store.feedback()] == [1, 2, 3]
    assert len(store.record_files()) == 1
    assert len(aside(tmp_path, "migrated")) == 2 and not (tmp_path / LEGACY_STORE_FILE).exists()


def test_past_the_report_limit_the_newest_are_copied(tmp_path):
    write_legacy(tmp_path, legacy_tables([], 30))
    assert [r["id"] for r in Store(tmp_path, max_feedback=10).feedback()] == list(range(21, 31))


def test_entries_that_cannot_be_placed_are_counted_and_stay_in_the_old_file(tmp_path):
    tables = legacy_tables([_record_file("alpha")], 2)
    tables["record_files"]["7"] = {"file": {"no": "service id"}}
    tables["feedback"]["x"] = {"note": "not a number"}
    tables["feedback"]["9"] = "not an object"
    tables["other_table"] = {"1": {}}
    original = write_legacy(tmp_path, tables)
    store = Store(tmp_path)
    assert len(store.record_files()) == 1 and len(store.feedback()) == 2
    assert "4 of its entries could not be used" in store.notice
    assert store.problems == [store.notice]
    assert aside(tmp_path, "migrated")[0].read_bytes() == original


def test_a_record_file_without_service_is_copied_for_the_library_to_report(tmp_path):
    broken = {"schema_version": 1, "records": []}  # the row the old store crashed on at start
    write_legacy(tmp_path, {"record_files": {"1": {"service_id": "ghost", "file": broken}}})
    store = Store(tmp_path)
    [entry] = store.stored_record_files()
    assert (entry.service_id, entry.file) == ("ghost", broken)
    assert store.record_files() == [broken]


def test_an_escaped_lone_surrogate_is_copied_and_later_writes_work(tmp_path):
    """It made every later write of the old store fail (each write re-encoded the whole file)."""
    (tmp_path / LEGACY_STORE_FILE).write_text(
        '{"feedback": {"1": {"category": "arbitration", "note": "half \\ud800 a pair"}}}', "utf-8")
    store = Store(tmp_path)
    assert store.feedback()[0]["note"] == "half \ud800 a pair"
    assert store.add_feedback({"category": "refund"}) == 2
    assert store.put_record_file(_record_file()) is True
    assert [r["id"] for r in Store(tmp_path).feedback()] == [1, 2]


def _unreadable(path: Path) -> None:
    os.symlink(path.name, path)  # a link to itself: unreadable for everyone, root included


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.write_bytes(b'{"feedback": {"1": '), "not JSON"),
        (lambda p: p.write_bytes(b"\xff\xfe" + bytes(range(200))), "not UTF-8"),
        (lambda p: p.write_text("[" * 100_000 + "]" * 100_000, "utf-8"), "nested too deeply"),
        (lambda p: p.write_text('{"feedback": [1, 2]}', "utf-8"), "not a tinydb database"),
        (lambda p: p.write_text("[1, 2, 3]", "utf-8"), "not a tinydb database"),
        (lambda p: p.mkdir(), "it is a folder"),
        (_unreadable, "cannot be read"),
    ],
    ids=["truncated", "binary", "100000-deep", "table-is-a-list", "top-is-a-list", "folder", "unreadable"],
)
def test_a_damaged_old_store_is_set_aside_and_the_store_starts(tmp_path, make, why):
    make(tmp_path / LEGACY_STORE_FILE)
    store = Store(tmp_path)
    assert why in store.notice and "nothing was copied" in store.notice
    assert store.problems == [store.notice]
    [kept] = aside(tmp_path, "corrupt")
    assert str(kept) in store.notice
    assert not os.path.lexists(tmp_path / LEGACY_STORE_FILE)
    assert store.add_feedback({"category": "refund"}) == 1
    assert store.put_record_file(_record_file()) is True
    store.close()
    assert Store(tmp_path).notice is None
    assert (tmp_path / STORE_FILE).is_file()


def test_the_copy_of_a_real_old_store_keeps_every_byte_of_its_reports(tmp_path, corpus):
    """Reports with real clause text (quotes, accents, emoji) read back equal."""
    texts = [text[:300] for text in list(corpus.values())[:12]] + ["Emoji 😀 and accents é, ü, ñ"]
    tables = {"feedback": {str(n): {"category": "arbitration", "exact": t, "note": "", "url": "https://x.example/"}
                           for n, t in enumerate(texts, 1)}}
    write_legacy(tmp_path, tables)
    copied = Store(tmp_path).feedback()
    assert [r["exact"] for r in copied] == texts
