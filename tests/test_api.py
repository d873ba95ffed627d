"""The local API: what the extension gets, and a precise 4xx JSON error for everything else."""

from __future__ import annotations

import json

import pytest

from termslens.api import create_app
from termslens.records import imported_records_dir, load_records
from tests.conftest import EXTENSION_ORIGIN

ANALYZE = "/api/v1/analyze"


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and "Traceback" not in body["error"]["message"]
    return body["error"]


def test_health_reports_version_and_records(client, library):
    body = client.get("/api/v1/health").get_json()
    assert body["status"] == "ok"
    assert body["curated_records"] == len(library)
    imported = load_records([imported_records_dir()])
    assert body["imported_records"] == len(imported) > 3000
    assert body["records"] == len(library) + len(imported)
    assert body["version"]


def test_health_counts_no_imported_records_when_they_are_switched_off(tmp_path, library):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "RECORD_DIRS": [], "IMPORTED_RECORDS": False})
    body = app.test_client().get("/api/v1/health").get_json()
    assert (body["records"], body["curated_records"], body["imported_records"]) == (len(library), len(library), 0)


def test_analyze_returns_located_annotations_and_a_summary(client, corpus):
    text = corpus["Claude-Anthropic/terms"]
    response = client.post(ANALYZE, json={"url": "https://www.anthropic.com/legal/consumer-terms", "title": "Terms", "text": text})
    assert response.status_code == 200
    body = response.get_json()
    assert body["service"]["id"] == "anthropic" and body["service"]["matched_by"] == "domain"
    ids = [a["record_id"] for a in body["annotations"]]
    assert "anthropic-terms-model-training" in ids
    assert body["summary"]["total"] == len(ids)
    assert sum(body["summary"]["by_severity"].values()) == len(ids)
    starts = [a["start"] for a in body["annotations"]]
    assert starts == sorted(starts)  # page order
    for annotation in body["annotations"]:
        assert text[annotation["start"] : annotation["end"]] == annotation["exact"]
        assert annotation["kind"] in ("record", "generic")
        assert (annotation["record_id"] is None) == (annotation["kind"] == "generic")
    assert body["summary"]["by_kind"]["record"] == sum(1 for i in ids if i)
    training = body["annotations"][ids.index("anthropic-terms-model-training")]
    assert training["severity"] == "high"
    assert training["actions"][0]["url"] == "https://claude.ai/settings/data-privacy-controls"


def test_analyze_of_a_page_without_known_clauses_is_empty_not_an_error(client):
    response = client.post(ANALYZE, json={"text": "Welcome to our bakery. Fresh bread every morning.", "url": "https://bakery.example/"})
    assert response.status_code == 200
    body = response.get_json()
    assert body == {
        "service": None,
        "summary": {"total": 0, "by_severity": {"high": 0, "medium": 0, "low": 0}, "by_kind": {"record": 0, "generic": 0}},
        "digest": [],
        "annotations": [],
        "changes": None,  # the first version of this page the history keeps
    }


def test_the_page_title_tells_a_privacy_notice_whose_clause_types_differ(client):
    text = ("To the maximum extent permitted by law, we shall not be liable for any indirect, incidental or "
            "consequential damages arising out of your use of the Services.\n\n"
            "We may change this Privacy Policy from time to time without notifying you.\n")

    def generic(title: str) -> set[str]:
        body = client.post(ANALYZE, json={"text": text, "title": title, "url": "https://shop.example/legal"}).get_json()
        return {a["category"] for a in body["annotations"] if a["kind"] == "generic"}

    assert generic("Terms of Service") == {"limitation-of-liability", "unilateral-change"}
    assert generic("Privacy Policy") == {"unilateral-change"}


def test_utf16_offsets_select_the_same_text_in_a_browser_string(client, corpus):
    # Emoji (two UTF-16 code units each) before and between the clauses shift every later offset differently.
    text = "😀 Emoji header 🎉\n" + corpus["Claude-Anthropic/terms"].replace("\n\n", "\n\n🎉 ")
    body = client.post(ANALYZE, json={"text": text}).get_json()
    assert {a["kind"] for a in body["annotations"]} == {"record", "generic"}
    utf16 = text.encode("utf-16-le")
    for annotation in body["annotations"]:
        chunk = utf16[2 * annotation["start_utf16"] : 2 * annotation["end_utf16"]].decode("utf-16-le")
        assert chunk == annotation["exact"]


def test_site_lists_the_service_records_and_actions(client):
    body = client.get("/api/v1/site", query_string={"url": "https://claude.ai/settings"}).get_json()
    assert body["service"]["id"] == "anthropic"
    assert body["records"] and all(r["service"]["id"] == "anthropic" for r in body["records"])
    assert any(a["kind"] == "opt-out" and a["url"] == "https://claude.ai/settings/data-privacy-controls" for a in body["actions"])


def test_site_of_an_unknown_domain_has_no_service(client):
    body = client.get("/api/v1/site", query_string={"url": "https://notclaude.ai/x"}).get_json()
    assert body == {"service": None, "records": [], "actions": []}


def test_record_by_id_and_unknown_id(client):
    record = client.get("/api/v1/records/anthropic-terms-model-training").get_json()
    assert record["category"] == "ai-training" and record["quote"].startswith("We may use Materials")
    assert_error(client.get("/api/v1/records/no-such-record"), 404, "unknown_record")


# --- bad input: always a precise 4xx in the error shape ---------------------------------------------------

@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b'{"text": "unterminated', "application/json", 400, "invalid_json"),
        (b"", "application/json", 400, "empty_body"),
        (b"\xff\xfe\x00\x01binary junk\x80\x81", "application/json", 400, "invalid_encoding"),
        (b"[1, 2, 3]", "application/json", 400, "invalid_json"),
        (b'"just a string"', "application/json", 400, "invalid_json"),
        (b'{"text": "hello"}', "text/plain", 415, "unsupported_media_type"),
        (b"text=hello", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        (b'{"url": "https://x.example"}', "application/json", 422, "missing_field"),
        (b'{"text": 42}', "application/json", 422, "invalid_field"),
        (b'{"text": ["a", "b"]}', "application/json", 422, "invalid_field"),
        (b'{"text": "fine", "url": 7}', "application/json", 422, "invalid_field"),
        (b'{"text": "fine", "url": "javascript:alert(1)"}', "application/json", 422, "invalid_field"),
        (b'{"text": "   "}', "application/json", 422, "empty_text"),
        (b"[" * 100000 + b"]" * 100000, "application/json", 400, "invalid_json"),
    ],
    ids=["malformed", "empty", "binary", "array", "string", "text-plain", "form", "missing-text", "text-number",
         "text-array", "url-number", "url-scheme", "blank-text", "deeply-nested"],
)
def test_bad_analyze_requests_get_a_precise_error(client, body, content_type, status, code):
    assert_error(client.post(ANALYZE, data=body, content_type=content_type), status, code)


def test_oversized_body_is_413(tmp_path):
    from termslens.api import create_app

    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path), "MAX_CONTENT_LENGTH": 10_000})
    response = app.test_client().post(ANALYZE, json={"text": "x" * 20_000})
    error = assert_error(response, 413, "too_large")
    assert "MiB" in error["message"] or "size" in error["message"]


def test_text_over_the_character_limit_is_413(tmp_path):
    from termslens.api import create_app

    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path), "MAX_TEXT_CHARS": 1000})
    error = assert_error(app.test_client().post(ANALYZE, json={"text": "y " * 1000}), 413, "text_too_large")
    assert "1,000" in error["message"]


def test_wrong_method_and_unknown_route(client):
    assert_error(client.get(ANALYZE), 405, "method_not_allowed")
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(client.get("/api/v1/site"), 400, "missing_parameter")
    assert_error(client.get("/api/v1/site", query_string={"url": "ftp://x"}), 400, "invalid_parameter")


# --- who may call: the extension, not web pages ---------------------------------------------------------

def test_a_web_page_origin_is_refused(client):
    response = client.post(ANALYZE, json={"text": "hello there"}, headers={"Origin": "https://example.com"})
    assert_error(response, 403, "forbidden_origin")
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origin", ["null", "http://127.0.0.1:8767", "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"])
def test_other_origins_are_refused(client, origin):
    assert_error(client.get("/api/v1/health", headers={"Origin": origin}), 403, "forbidden_origin")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8767", "127.0.0.1.evil.example", "192.168.1.20:8767"])
def test_a_non_loopback_host_is_refused(client, host):
    assert_error(client.get("/api/v1/health", headers={"Host": host}), 403, "forbidden_host")


@pytest.mark.parametrize("host", ["127.0.0.1:8767", "localhost:8767", "[::1]:8767", "localhost"])
def test_loopback_hosts_are_answered(client, host):
    assert client.get("/api/v1/health", headers={"Host": host}).status_code == 200


def test_the_extension_origin_is_answered_with_cors(client):
    response = client.post(ANALYZE, json={"text": "hello there"}, headers={"Origin": EXTENSION_ORIGIN})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN


def test_the_extension_preflight_is_answered(client):
    response = client.options(ANALYZE, headers={
        "Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN
    assert "POST" in response.headers["Access-Control-Allow-Methods"]


def test_extension_id_is_derived_from_the_configured_key():
    from termslens import config

    assert config.EXTENSION_ORIGIN == EXTENSION_ORIGIN


# --- user records: written only as JSON, validated, live at once, kept in the store --------------------

def user_file(service_id: str = "examplecorp", quote: str | None = None) -> dict:
    quote = quote or "Example Corp may sell the recordings of your calls to data brokers in other countries."
    return {
        "schema_version": 1,
        "service": {"id": service_id, "name": "Example Corp", "domains": ["examplecorp.test"]},
        "documents": {"terms": {"title": "Terms", "url": "https://examplecorp.test/terms"}},
        "records": [{
            "id": f"{service_id}-sells-calls", "document": "terms", "category": "data-sharing", "severity": "high",
            "stance": "bad", "title": "Sells your call recordings", "quote": quote,
            "means": "Your calls can be sold.", "matters": "Strangers may hear you.", "actions": [],
            "source_url": "https://examplecorp.test/terms", "source_date": "2026-01-01", "verified": "2026-11-22",
        }],
    }


def test_user_records_are_stored_and_used_at_once(client, app, tmp_path):
    page = "Intro. Example Corp may sell the recordings of your calls to data brokers in other countries. End."

    def records_found() -> list:
        # Only curated clauses: the clause-type detector may also recognise the sentence (a transfer abroad).
        return [a for a in client.post(ANALYZE, json={"text": page}).get_json()["annotations"] if a["kind"] == "record"]

    assert records_found() == []
    response = client.put("/api/v1/user-records/examplecorp", json=user_file())
    assert response.status_code == 201
    found = client.post(ANALYZE, json={"text": page}).get_json()["annotations"]
    assert [a["record_id"] for a in found] == ["examplecorp-sells-calls"]
    assert client.put("/api/v1/user-records/examplecorp", json=user_file()).status_code == 200
    # A new app on the same data folder still has it.
    from termslens.api import create_app

    again = create_app({"TESTING": True, "DATA_DIR": app.config["DATA_DIR"]}).test_client()
    assert again.get("/api/v1/records/examplecorp-sells-calls").status_code == 200
    assert client.delete("/api/v1/user-records/examplecorp").status_code == 204
    assert records_found() == []
    assert_error(client.delete("/api/v1/user-records/examplecorp"), 404, "unknown_service")


def test_invalid_user_records_are_refused_with_the_field_named(client):
    broken = user_file()
    del broken["records"][0]["quote"]
    error = assert_error(client.put("/api/v1/user-records/examplecorp", json=broken), 422, "invalid_record")
    assert "record 1" in error["message"] and "quote" in error["message"]
    assert_error(client.put("/api/v1/user-records/other", json=user_file()), 422, "invalid_record")
    assert_error(client.put("/api/v1/user-records/examplecorp", data="x=1", content_type="application/x-www-form-urlencoded"), 415, "unsupported_media_type")
    assert client.get("/api/v1/user-records").get_json() == {"record_files": []}


def test_user_records_cannot_take_over_a_bundled_service_or_id(client):
    takeover = user_file("anthropic")
    takeover["service"]["domains"] = ["anthropic.com"]
    assert_error(client.put("/api/v1/user-records/anthropic", json=takeover), 409, "conflict")
    clash = user_file()
    clash["records"][0]["id"] = "anthropic-terms-model-training"
    assert_error(client.put("/api/v1/user-records/examplecorp", json=clash), 409, "conflict")
    assert client.get("/api/v1/user-records").get_json() == {"record_files": []}


def test_writes_from_a_web_page_are_refused_before_anything_is_stored(client):
    response = client.put("/api/v1/user-records/examplecorp", data=json.dumps(user_file()),
                          content_type="application/json", headers={"Origin": "https://attacker.example"})
    assert_error(response, 403, "forbidden_origin")
    assert client.get("/api/v1/user-records").get_json() == {"record_files": []}


# --- feedback and categories ------------------------------------------------------------------------------

def test_this_looks_wrong_reports_are_kept_for_the_maintainer(client, app):
    report = {"record_id": "anthropic-terms-model-training", "url": "https://www.anthropic.com/legal/consumer-terms",
              "exact": "We may use Materials", "note": "The opt-out moved to another page."}
    response = client.post("/api/v1/feedback", json=report, headers={"Origin": EXTENSION_ORIGIN})
    assert response.status_code == 201 and response.get_json()["ok"] is True
    generic = {"category": "arbitration", "url": "https://shop.example/terms", "exact": "All disputes…", "note": ""}
    assert client.post("/api/v1/feedback", json=generic).status_code == 201
    kept = client.get("/api/v1/feedback").get_json()["feedback"]
    assert [(k["record_id"], k["category"], k["note"]) for k in kept] == [
        ("anthropic-terms-model-training", None, "The opt-out moved to another page."),
        (None, "arbitration", ""),
    ]
    # Kept across restarts, in the same local store as the user's records.
    from termslens.api import create_app

    again = create_app({"TESTING": True, "DATA_DIR": app.config["DATA_DIR"]}).test_client()
    assert len(again.get("/api/v1/feedback").get_json()["feedback"]) == 2


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"url": "https://x.example", "note": "wrong"}, 422, "missing_field"),
        ({"record_id": "no-such-record"}, 404, "unknown_record"),
        ({"record_id": 12}, 422, "invalid_field"),
        ({"category": "arbitration", "note": "x" * 5000}, 422, "invalid_field"),
    ],
    ids=["neither-record-nor-category", "unknown-record", "wrong-type", "note-too-long"],
)
def test_bad_feedback_is_refused_and_nothing_is_kept(client, body, status, code):
    assert_error(client.post("/api/v1/feedback", json=body), status, code)
    assert client.get("/api/v1/feedback").get_json() == {"feedback": []}


def test_feedback_from_a_web_page_is_refused(client):
    response = client.post("/api/v1/feedback", json={"category": "arbitration"}, headers={"Origin": "https://evil.example"})
    assert_error(response, 403, "forbidden_origin")
    assert client.get("/api/v1/feedback").get_json() == {"feedback": []}


def test_categories_say_how_the_library_services_treat_each(client, library):
    categories = {c["id"]: c for c in client.get("/api/v1/categories").get_json()["categories"]}
    assert len(categories) >= 20
    training = categories["ai-training"]
    services_with_training = {r.service.id for r in library.records if r.category == "ai-training"}
    assert training["peers"]["with_category"] == len(services_with_training)
    assert training["peers"]["services"] == len(library.services)
    assert f"{len(services_with_training)} of the {len(library.services)} services" in training["peers"]["summary"]
    assert training["means"] and training["matters"] and training["advice"]
