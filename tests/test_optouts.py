"""Completed opt-outs (issue 15): kept locally by the service, read back by the popup and the guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from termslens.optouts import OptOutError
from termslens.store import Store
from tests.conftest import EXTENSION_ORIGIN

OPTOUTS = "/api/v1/optouts"
DONE = {
    "record_id": "anthropic-terms-model-training",
    "action": "opt-out:1a2b3c4d",
    "setting": "Model training",
    "state": "off",
    "page_url": "https://claude.ai/settings/data-privacy-controls",
    "date": "2026-12-02",
    "outcome": "verified",
}


def post(client, body):
    return client.post(OPTOUTS, json=body, headers={"Origin": EXTENSION_ORIGIN})


def test_a_verified_opt_out_is_kept_with_its_service_and_listed(client):
    answer = post(client, DONE)
    assert answer.status_code == 200
    kept = answer.get_json()["optout"]
    assert kept["service_id"] == "anthropic" and kept["since"] == kept["verified"] == "2026-12-02" and kept["lapsed"] is None
    assert client.get(f"{OPTOUTS}?service=anthropic").get_json()["optouts"] == [kept]
    assert client.get(f"{OPTOUTS}?service=openai").get_json()["optouts"] == []


def test_verifying_again_keeps_the_first_date_and_a_lapse_starts_it_again(client):
    post(client, DONE)
    again = post(client, {**DONE, "date": "2026-12-09"}).get_json()["optout"]
    assert (again["since"], again["verified"]) == ("2026-12-02", "2026-12-09")
    lapsed = post(client, {**DONE, "date": "2026-12-20", "outcome": "lapsed", "state": "on"}).get_json()["optout"]
    assert lapsed["lapsed"] == "2026-12-20" and lapsed["state"] == "off"  # the opt-out, not the state found
    redone = post(client, {**DONE, "date": "2026-12-21"}).get_json()["optout"]
    assert (redone["since"], redone["lapsed"]) == ("2026-12-21", None)


def test_a_lapse_of_an_unknown_opt_out_and_an_unknown_record_are_404(client):
    assert post(client, {**DONE, "outcome": "lapsed"}).get_json()["error"]["code"] == "unknown_optout"
    assert post(client, {**DONE, "record_id": "no-such-record"}).status_code == 404


@pytest.mark.parametrize(
    ("change", "name"),
    [({"action": "https://evil.example/"}, "action"), ({"page_url": "http://claude.ai/"}, "page_url"),
     ({"date": "2 December"}, "date"), ({"outcome": "maybe"}, "outcome"), ({"setting": "x" * 81}, "setting")],
)
def test_malformed_fields_get_a_422_naming_them(client, change, name):
    answer = post(client, {**DONE, **change})
    assert answer.status_code == 422 and f"'{name}'" in answer.get_json()["error"]["message"]


def test_missing_fields_and_web_pages_are_refused(client):
    assert post(client, {k: v for k, v in DONE.items() if k != "state"}).get_json()["error"]["code"] == "missing_field"
    refused = client.post(OPTOUTS, json=DONE, headers={"Origin": "https://claude.ai"})
    assert refused.status_code == 403


def test_forgetting_an_opt_out(client):
    post(client, DONE)
    assert client.delete(f"{OPTOUTS}/{DONE['record_id']}/{DONE['action']}").status_code == 204
    assert client.delete(f"{OPTOUTS}/{DONE['record_id']}/{DONE['action']}").status_code == 404
    assert client.get(OPTOUTS).get_json()["optouts"] == []


def test_the_store_survives_a_restart_and_keeps_no_more_than_its_cap(tmp_path: Path, monkeypatch):
    store = Store(tmp_path)
    fields = {k: v for k, v in DONE.items()}
    store.optouts().record(service_id="anthropic", **fields)
    store.close()
    reopened = Store(tmp_path).optouts()
    assert [o.record_id for o in reopened.all()] == [DONE["record_id"]]
    monkeypatch.setattr("termslens.optouts.MAX_OPTOUTS", 1)
    with pytest.raises(OptOutError, match="at most 1"):
        reopened.record(service_id="anthropic", **{**fields, "action": "opt-out:00000000"})
    assert len(reopened.all()) == 1


def test_opt_outs_kept_in_their_own_file_by_the_first_version_move_into_the_store(tmp_path: Path):
    import sqlite3

    from termslens.optouts import OPTOUTS_SCHEMA

    old = sqlite3.connect(tmp_path / "optouts.sqlite3")
    old.executescript(OPTOUTS_SCHEMA)
    Store(tmp_path / "scratch").optouts().record(service_id="anthropic", **DONE)
    row = sqlite3.connect(tmp_path / "scratch" / "store.sqlite3").execute("SELECT * FROM optouts").fetchone()
    old.execute(f"INSERT INTO optouts VALUES ({', '.join('?' * len(row))})", row)
    old.commit()
    old.close()
    store = Store(tmp_path)
    assert [o.record_id for o in store.optouts().all()] == [DONE["record_id"]]
    assert not (tmp_path / "optouts.sqlite3").exists()
    assert any("moved" in notice for notice in store.notices)
    store.close()
    assert [o.record_id for o in Store(tmp_path).optouts().all()] == [DONE["record_id"]]  # copied once, kept


def test_a_damaged_opt_outs_file_is_set_aside_with_a_problem(tmp_path: Path):
    (tmp_path / "optouts.sqlite3").write_bytes(b"not a database" * 100)
    store = Store(tmp_path)
    assert store.optouts().all() == []
    assert any("could not be read" in problem for problem in store.problems)
    assert list(tmp_path.glob("optouts.sqlite3.corrupt-*"))
