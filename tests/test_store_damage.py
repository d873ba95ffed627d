"""A damaged store never stops `termslens serve`: each case found on disk by the attacker-style run starts the
real service, which says what it set aside or skipped (on stderr and in /health's `problems`) and then takes
writes as usual."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from termslens.store import LEGACY_STORE_FILE, STORE_FILE, Store
from tests.support.serve import Serve
from tests.test_api import user_file


def _record_row(folder: Path, service_id: str, record_file) -> None:
    Store(folder).close()  # the database as this version creates it
    with sqlite3.connect(folder / STORE_FILE) as db:
        db.execute("INSERT INTO record_files VALUES (?, ?, 'then')", (service_id, json.dumps(record_file)))


def _legacy(folder: Path, text: str) -> None:
    (folder / LEGACY_STORE_FILE).write_text(text, "utf-8")


def directory_in_place_of_the_store(folder: Path) -> None:
    (folder / STORE_FILE).mkdir()


def directory_in_place_of_the_old_store(folder: Path) -> None:
    (folder / LEGACY_STORE_FILE).mkdir()


def unreadable_store(folder: Path) -> None:
    os.symlink(STORE_FILE, folder / STORE_FILE)  # a link to itself: nobody can read it, root included


def unreadable_old_store(folder: Path) -> None:
    os.symlink(LEGACY_STORE_FILE, folder / LEGACY_STORE_FILE)


def old_store_100000_deep(folder: Path) -> None:
    _legacy(folder, '{"feedback": ' + "[" * 100_000 + "]" * 100_000 + "}")


def old_store_row_without_service(folder: Path) -> None:
    _legacy(folder, json.dumps({"record_files": {"1": {"service_id": "ghost", "file": {"schema_version": 1}}}}))


def invalid_user_record_file(folder: Path) -> None:
    broken = user_file()
    broken["records"][0]["severity"] = "catastrophic"
    _record_row(folder, "examplecorp", broken)


def user_file_claiming_a_bundled_domain(folder: Path) -> None:
    claim = user_file("claudeclone")
    claim["service"]["domains"] = ["claude.ai"]
    _record_row(folder, "claudeclone", claim)


def escaped_lone_surrogate(folder: Path) -> None:
    record_file = json.dumps(user_file("halfpair")).replace("Sells your call recordings", "Sells \\ud800 calls")
    _legacy(folder, '{"feedback": {"1": {"category": "arbitration", "note": "half \\ud800 pair"}}, '
                    '"record_files": {"1": {"service_id": "halfpair", "file": %s}}}' % record_file)


CASES = {
    directory_in_place_of_the_store: [("store", "it is a folder")],
    directory_in_place_of_the_old_store: [("store", "it is a folder")],
    unreadable_store: [("store", "cannot be read")],
    unreadable_old_store: [("store", "cannot be read")],
    old_store_100000_deep: [("store", "nested too deeply")],
    old_store_row_without_service: [("user_record_file", "ghost")],
    invalid_user_record_file: [("user_record_file", "examplecorp")],
    user_file_claiming_a_bundled_domain: [("user_record_file", "claudeclone")],
    escaped_lone_surrogate: [("user_record_file", "halfpair")],
}


@pytest.mark.parametrize("damage", list(CASES), ids=[case.__name__ for case in CASES])
def test_a_damaged_store_starts_the_service(tmp_path, damage):
    folder = tmp_path / "data"
    folder.mkdir()
    damage(folder)
    service = Serve(folder).start()
    try:
        health = service.get("/health")
        assert health["status"] == "ok" and health["records"] >= 300
        found = [(p["kind"], p.get("service_id") if p["kind"] == "user_record_file" else p["message"])
                 for p in health["problems"]]
        for kind, words in CASES[damage]:
            assert any(k == kind and words in text for k, text in found), found
        # and it takes writes
        status, body, _ = service.request("POST", "/feedback", {"category": "arbitration", "note": "after"})
        assert status == 201, body
        mine = user_file("newcorp")
        mine["service"]["domains"] = ["newcorp.test"]
        assert service.request("PUT", "/user-records/newcorp", mine)[0] == 201
        assert [r["note"] for r in service.get("/feedback")["feedback"]][-1] == "after"
    finally:
        service.stop()
    output = service.output()
    assert "Traceback" not in output
    assert "Warning:" in output  # said on the terminal too, not only in /health
