"""What the API makes of the store: stored user record files that no longer load are skipped, kept and listed
in /health's `problems` (never fatal); a store set aside is listed there too; the caps on reports and files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from termslens.api import create_app
from termslens.store import LEGACY_STORE_FILE, STORE_FILE
from tests.test_api import assert_error, user_file

HEALTH, USER_RECORDS, FEEDBACK = "/api/v1/health", "/api/v1/user-records", "/api/v1/feedback"
PAGE = "Intro. Example Corp may sell the recordings of your calls to data brokers in other countries. End."


def new_client(folder: Path, **config):
    return create_app({"TESTING": True, "DATA_DIR": str(folder), "RECORD_DIRS": [], **config}).test_client()


def store_row(folder: Path, service_id: str, record_file) -> None:
    """Write a user record file straight into the database, as an older version or a records update leaves it."""
    with sqlite3.connect(folder / STORE_FILE) as db:
        db.execute("INSERT OR REPLACE INTO record_files VALUES (?, ?, 'then')", (service_id, json.dumps(record_file)))


def found(client) -> list[str]:
    """The curated clauses found on PAGE (the clause-type detector may also recognise its transfer abroad)."""
    annotations = client.post("/api/v1/analyze", json={"text": PAGE}).get_json()["annotations"]
    return [a["record_id"] for a in annotations if a["kind"] == "record"]


def test_a_clean_store_has_no_problems(client):
    body = client.get(HEALTH).get_json()
    assert body["problems"] == []
    assert set(body) == {"status", "version", "records", "services", "curated_records", "imported_records", "problems"}


def test_a_stored_file_that_no_longer_validates_is_skipped_kept_and_reported(tmp_path):
    client = new_client(tmp_path)
    assert client.put(f"{USER_RECORDS}/examplecorp", json=user_file()).status_code == 201
    broken = user_file()
    del broken["records"][0]["quote"]  # e.g. a schema that became stricter
    store_row(tmp_path, "examplecorp", broken)
    other = user_file("othercorp", quote="Other Corp keeps your voice prints for as long as it likes, in any country.")
    other["service"]["domains"] = ["othercorp.test"]
    assert client.put(f"{USER_RECORDS}/othercorp", json=other).status_code == 201

    restarted = new_client(tmp_path)
    [problem] = restarted.get(HEALTH).get_json()["problems"]
    assert problem["kind"] == "user_record_file" and problem["service_id"] == "examplecorp"
    assert "record 1" in problem["message"] and "quote" in problem["message"]
    assert found(restarted) == []  # skipped ...
    assert restarted.get("/api/v1/records/othercorp-sells-calls").status_code == 200  # ... the others load
    assert broken in restarted.get(USER_RECORDS).get_json()["record_files"]  # ... and kept

    assert restarted.put(f"{USER_RECORDS}/examplecorp", json=user_file()).status_code == 200  # the way back
    assert restarted.get(HEALTH).get_json()["problems"] == []
    assert found(restarted) == ["examplecorp-sells-calls"]


def test_a_stored_file_a_records_update_clashes_with_is_reported_and_deletable(tmp_path):
    new_client(tmp_path)  # creates the store
    domain_taken = user_file("claudefan")
    domain_taken["service"]["domains"] = ["claude.ai"]
    service_taken = user_file("anthropic")
    id_taken = user_file("idclash")
    id_taken["service"]["domains"] = ["idclash.test"]
    id_taken["records"][0]["id"] = "anthropic-terms-model-training"
    for service_id, record_file in [("claudefan", domain_taken), ("anthropic", service_taken), ("idclash", id_taken)]:
        store_row(tmp_path, service_id, record_file)

    client = new_client(tmp_path)
    problems = {p["service_id"]: p["message"] for p in client.get(HEALTH).get_json()["problems"]}
    assert "'claude.ai' already belongs to service 'anthropic'" in problems["claudefan"]
    assert "service 'anthropic' is already defined in" in problems["anthropic"]
    assert "anthropic-terms-model-training: id already defined in" in problems["idclash"]
    assert client.get("/api/v1/site", query_string={"url": "https://claude.ai/"}).get_json()["service"]["id"] == "anthropic"
    assert client.delete(f"{USER_RECORDS}/claudefan").status_code == 204
    assert "claudefan" not in {p["service_id"] for p in client.get(HEALTH).get_json()["problems"]}


def test_a_file_that_clashes_with_a_kept_broken_one_is_still_judged_on_its_own(tmp_path):
    client = new_client(tmp_path)
    store_row(tmp_path, "ghost", {"schema_version": 1})  # no service at all
    client = new_client(tmp_path)
    assert [p["service_id"] for p in client.get(HEALTH).get_json()["problems"]] == ["ghost"]
    assert client.put(f"{USER_RECORDS}/examplecorp", json=user_file()).status_code == 201
    clash = user_file("copycat")
    assert_error(client.put(f"{USER_RECORDS}/copycat", json=clash), 409, "conflict")  # examplecorp.test is taken
    assert client.delete(f"{USER_RECORDS}/ghost").status_code == 204
    assert client.get(HEALTH).get_json()["problems"] == []


def test_an_old_store_row_without_service_no_longer_stops_the_start(tmp_path):
    tables = {"record_files": {"1": {"service_id": "ghost", "file": {"schema_version": 1, "records": []}},
                               "2": {"service_id": "examplecorp", "file": user_file()}},
              "feedback": {str(n): {"category": "arbitration", "note": str(n)} for n in range(1, 13)}}
    (tmp_path / LEGACY_STORE_FILE).write_text(json.dumps(tables), "utf-8")
    client = new_client(tmp_path)
    assert [p["service_id"] for p in client.get(HEALTH).get_json()["problems"]] == ["ghost"]
    assert found(client) == ["examplecorp-sells-calls"]
    assert [r["id"] for r in client.get(FEEDBACK).get_json()["feedback"]] == list(range(1, 13))


def test_a_store_set_aside_is_reported(tmp_path):
    (tmp_path / STORE_FILE).mkdir()
    client = new_client(tmp_path)
    [problem] = client.get(HEALTH).get_json()["problems"]
    assert problem["kind"] == "store" and "it is a folder" in problem["message"]
    assert client.post(FEEDBACK, json={"category": "refund"}).status_code == 201


def test_past_the_report_limit_the_oldest_are_dropped(tmp_path):
    client = new_client(tmp_path, MAX_FEEDBACK_REPORTS=3)
    ids = [client.post(FEEDBACK, json={"category": "refund", "note": str(n)}).get_json()["id"] for n in range(5)]
    assert ids == [1, 2, 3, 4, 5]
    assert [(r["id"], r["note"]) for r in client.get(FEEDBACK).get_json()["feedback"]] == [(3, "2"), (4, "3"), (5, "4")]


def test_user_record_files_are_capped(tmp_path):
    client = new_client(tmp_path, MAX_USER_RECORD_FILES=2)

    def put(service_id: str):
        data = user_file(service_id)
        data["service"]["domains"] = [f"{service_id}.test"]
        return client.put(f"{USER_RECORDS}/{service_id}", json=data)

    assert put("first").status_code == 201 and put("second").status_code == 201
    error = assert_error(put("third"), 507, "store_full")
    assert "at most 2" in error["message"]
    assert put("second").status_code == 200  # replacing one is not adding one
    assert client.delete(f"{USER_RECORDS}/first").status_code == 204
    assert put("third").status_code == 201
