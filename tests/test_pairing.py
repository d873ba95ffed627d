"""Pairing Firefox (termslens/pairing.py): an unpaired Firefox extension and web pages are refused, the
extension asks for a code, `termslens pair CODE` confirms it in the local store, and from then on the service
answers that exact origin and no other. Chromium's fixed origin needs no step."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from termslens import pairing
from termslens.api import create_app
from termslens.cli import main
from tests.conftest import EXTENSION_ORIGIN

ANALYZE = "/api/v1/analyze"
PAIRING = "/api/v1/pairing"
FIREFOX = "moz-extension://6c3a2f4e-1b2d-4c5e-8f90-123456789abc"
OTHER_FIREFOX = "moz-extension://0f0e0d0c-0b0a-4909-8807-060504030201"


@pytest.fixture
def data_dir(tmp_path, monkeypatch, runner):
    """One data folder for the service and the CLI, as on a person's machine (set after `runner` sets its own)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TERMSLENS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def service(data_dir):
    app = create_app({"TESTING": True, "DATA_DIR": str(data_dir), "RECORD_DIRS": [], "PAIRED_CACHE_SECONDS": 0})
    return app.test_client()


def analyze(client, origin):
    return client.post(ANALYZE, json={"text": "These terms are governed by Irish law."}, headers={"Origin": origin})


def ask_code(client, origin=FIREFOX) -> str:
    response = client.post(PAIRING, json={}, headers={"Origin": origin})
    assert response.status_code == 202, response.get_json()
    body = response.get_json()
    assert body["paired"] is False and body["origin"] == origin and 0 < body["expires_in"] <= 15 * 60
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", body["code"])
    return body["code"]


def test_an_unpaired_firefox_extension_is_refused_with_a_way_forward(service):
    response = analyze(service, FIREFOX)
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_paired"
    assert "termslens pair" in response.get_json()["error"]["message"]


def test_pairing_then_only_that_origin_is_answered(service, runner):
    code = ask_code(service)
    assert ask_code(service) == code  # asking again while it is valid shows the same code
    result = runner.invoke(main, ["pair", code.lower()])  # typed in lower case, as people do
    assert result.exit_code == 0, result.output
    assert FIREFOX in result.output
    response = analyze(service, FIREFOX)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == FIREFOX
    assert service.post(PAIRING, json={}, headers={"Origin": FIREFOX}).get_json() == {"paired": True}
    # Another Firefox extension, a web page and a look-alike of the paired origin stay refused.
    assert analyze(service, OTHER_FIREFOX).get_json()["error"]["code"] == "not_paired"
    for stranger in ("https://example.com", FIREFOX + "/", FIREFOX.upper(), "null"):
        assert analyze(service, stranger).status_code == 403, stranger
    # The code was used up.
    again = runner.invoke(main, ["pair", code])
    assert again.exit_code == 1 and again.output.startswith("Error: no Firefox extension is waiting")


def test_web_pages_cannot_ask_for_a_code(service):
    for origin in ("https://example.com", "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "moz-extension://not-a-uuid"):
        response = service.post(PAIRING, json={}, headers={"Origin": origin})
        assert response.status_code == 403, origin
        assert "Access-Control-Allow-Origin" not in response.headers
    assert service.post(PAIRING, json={}).status_code == 403  # no Origin: not a browser extension


def test_chromium_needs_no_pairing(service):
    assert analyze(service, EXTENSION_ORIGIN).status_code == 200
    assert service.post(PAIRING, json={}, headers={"Origin": EXTENSION_ORIGIN}).get_json() == {"paired": True}


def test_a_wrong_or_expired_code_pairs_nothing(service, runner, data_dir):
    code = ask_code(service)
    wrong = runner.invoke(main, ["pair", "ABCD-EFGH" if code != "ABCD-EFGH" else "HGFE-DCBA"])
    assert wrong.exit_code == 1 and wrong.output.count("\n") == 1
    from termslens.store import Store

    store = Store(data_dir)
    later = pairing.utc_now() + pairing.REQUEST_LIFETIME + timedelta(seconds=1)
    assert store.update_pairing(lambda state: pairing.confirm(state, code, now=later)) is None
    store.close()
    assert analyze(service, FIREFOX).status_code == 403


def test_forgetting_a_paired_extension(service, runner):
    assert runner.invoke(main, ["pair", ask_code(service)]).exit_code == 0
    listed = runner.invoke(main, ["pair", "--list"])
    assert FIREFOX in listed.stdout
    assert runner.invoke(main, ["pair", "--forget", FIREFOX]).exit_code == 0
    assert analyze(service, FIREFOX).get_json()["error"]["code"] == "not_paired"
    gone = runner.invoke(main, ["pair", "--forget", FIREFOX])
    assert gone.exit_code == 1 and "is not paired" in gone.output


def test_pair_needs_exactly_one_thing_to_do(runner):
    assert runner.invoke(main, ["pair"]).exit_code == 2
    assert runner.invoke(main, ["pair", "ABCD-EFGH", "--list"]).exit_code == 2


def test_requests_are_bounded(service):
    now = pairing.utc_now()
    state = pairing.empty_state()
    for n in range(pairing.MAX_REQUESTS + 5):
        state, _, _ = pairing.request_code(state, f"moz-extension://00000000-0000-4000-8000-{n:012d}", now=now)
    assert len(state["requests"]) == pairing.MAX_REQUESTS
    with pytest.raises(ValueError):
        pairing.request_code(state, "https://example.com", now=now)


def test_a_damaged_pairing_row_pairs_nothing_and_is_replaced(service, runner, data_dir):
    """The pairing state is one JSON row of the SQLite store: junk there trusts nobody, and a new pairing works."""
    import sqlite3

    from termslens.store import STORE_FILE

    ask_code(service)  # creates the row
    with sqlite3.connect(data_dir / STORE_FILE) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'pairing'", ('{"paired": [{"origin": ',))
    assert analyze(service, FIREFOX).get_json()["error"]["code"] == "not_paired"
    assert runner.invoke(main, ["pair", ask_code(service)]).exit_code == 0
    assert analyze(service, FIREFOX).status_code == 200
