"""Input that used to reach a 500 gets a precise 4xx in the error shape: huge numbers, deep nesting, lone
surrogates, URLs that `urlsplit` cannot split; and the limits on feedback and user record files."""

from __future__ import annotations

import json

import pytest

from termslens.api.body import MAX_JSON_DEPTH
from termslens.records import RecordError, parse_record_file
from tests.test_api import assert_error, user_file

ANALYZE, FEEDBACK = "/api/v1/analyze", "/api/v1/feedback"
BODY_ROUTES = [("POST", ANALYZE), ("POST", FEEDBACK), ("PUT", "/api/v1/user-records/examplecorp")]


def send(client, method: str, path: str, raw: str | bytes):
    return client.open(path, method=method, data=raw, content_type="application/json")


def stored(client) -> tuple[list, list]:
    return (client.get("/api/v1/feedback").get_json()["feedback"],
            client.get("/api/v1/user-records").get_json()["record_files"])


# --- numbers and nesting: refused while parsing -----------------------------------------------------------------

@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ('{"text": "x", "n": %s}' % ("9" * 5000), "5,000 characters"),
        ('{"text": "x", "n": -%s}' % ("1" * 4301), "4,302 characters"),
        ('{"text": "x", "n": 1.%s}' % ("5" * 200), "202 characters"),
        ('{"text": "x", "n": NaN}', "NaN is not a JSON value"),
        ('{"text": "x", "n": -Infinity}', "-Infinity is not a JSON value"),
    ],
    ids=["int-5000-digits", "int-4301-digits", "long-float", "nan", "infinity"],
)
def test_numbers_python_cannot_or_should_not_convert_are_refused(client, method, path, raw, words):
    error = assert_error(send(client, method, path, raw), 400, "invalid_json")
    assert words in error["message"]
    assert stored(client) == ([], [])


@pytest.mark.parametrize(("method", "path"), BODY_ROUTES)
def test_nesting_past_the_limit_is_refused_before_parsing(client, method, path):
    deep = "[" * (MAX_JSON_DEPTH) + "]" * (MAX_JSON_DEPTH)  # inside the body object: one level more
    error = assert_error(send(client, method, path, '{"text": %s}' % deep), 400, "invalid_json")
    assert f"more than {MAX_JSON_DEPTH} levels" in error["message"]
    # one level less is parsed, and answered for what it is
    within = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    assert send(client, method, path, '{"text": %s}' % within).status_code == 422


def test_brackets_inside_strings_are_not_nesting(client):
    text = "[" * 5000 + ' "quoted \\" [{ " ' + "{" * 5000
    response = client.post(ANALYZE, json={"text": text})
    assert response.status_code == 200


def test_domains_nested_hundreds_deep_in_a_record_file_is_a_4xx(client):
    """The fuzzed case: jsonschema recursed through 400+ levels of `domains` and the request got a 500."""
    raw = json.dumps(user_file()).replace('["examplecorp.test"]', "[" * 450 + '"examplecorp.test"' + "]" * 450)
    assert_error(send(client, "PUT", "/api/v1/user-records/examplecorp", raw), 400, "invalid_json")
    assert stored(client) == ([], [])


def test_a_record_file_nested_past_the_stack_is_a_record_error():
    """Record files also come from folders and the store, which no body limit guards."""
    data = user_file()
    nested: object = ["examplecorp.test"]
    for _ in range(5000):
        nested = [nested]
    data["service"]["domains"] = nested
    with pytest.raises(RecordError, match="nested too deeply"):
        parse_record_file(data, origin="store:examplecorp")


# --- lone surrogates: JSON can carry them, UTF-8 and the store cannot --------------------------------------------

@pytest.mark.parametrize(
    ("method", "path", "body", "field"),
    [
        ("POST", ANALYZE, '{"text": "Terms \\ud800 of service"}', "text"),
        ("POST", ANALYZE, '{"text": "Terms", "title": "\\udfff"}', "title"),
        ("POST", FEEDBACK, '{"category": "arbitration", "note": "broken \\ud800"}', "note"),
        ("POST", FEEDBACK, '{"category": "arbitration", "extra": {"deep": ["ok", "\\udc00"]}}', "extra.deep[1]"),
    ],
    ids=["analyze-text", "analyze-title", "feedback-note", "nested-unknown-field"],
)
def test_a_lone_surrogate_is_refused_naming_its_field(client, method, path, body, field):
    error = assert_error(send(client, method, path, body), 422, "invalid_field")
    assert f"'{field}'" in error["message"]
    assert stored(client) == ([], [])


def test_a_lone_surrogate_in_a_record_file_is_refused_and_writes_still_work(client):
    raw = json.dumps(user_file()).replace("Sells your call recordings", "Sells \\ud800 recordings")
    error = assert_error(send(client, "PUT", "/api/v1/user-records/examplecorp", raw), 422, "invalid_field")
    assert "records[0].title" in error["message"]
    assert client.put("/api/v1/user-records/examplecorp", json=user_file()).status_code == 201
    assert client.post(FEEDBACK, json={"category": "arbitration", "note": "ok"}).status_code == 201


def test_a_lone_surrogate_in_a_key_is_a_400(client):
    error = assert_error(send(client, "POST", FEEDBACK, '{"category": "arbitration", "\\ud800": 1}'),
                         400, "invalid_encoding")
    assert "key" in error["message"]


def test_a_surrogate_pair_is_an_ordinary_character(client):
    response = send(client, "POST", FEEDBACK, '{"category": "arbitration", "note": "fine \\ud83d\\ude00"}')
    assert response.status_code == 201
    assert client.get(FEEDBACK).get_json()["feedback"][0]["note"] == "fine 😀"


def test_a_record_file_with_a_lone_surrogate_does_not_load():
    data = user_file()
    data["records"][0]["quote"] += " \udc80"
    with pytest.raises(RecordError, match=r"records\[0\]\.quote.*surrogate"):
        parse_record_file(data, origin="store:examplecorp")


# --- URLs that urlsplit cannot split -------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["http://[", "https://[zz]/", "http://[::1", "https://a]b/", "http://x.example:99999/"])
def test_site_with_an_unsplittable_url_is_a_400(client, url):
    error = assert_error(client.get("/api/v1/site", query_string={"url": url}), 400, "invalid_parameter")
    assert "'url'" in error["message"]


@pytest.mark.parametrize("url", ["http://[", "https://[zz]/", "http://x.example:port/"])
def test_analyze_and_feedback_with_an_unsplittable_url_are_a_422(client, url):
    assert_error(client.post(ANALYZE, json={"text": "Some terms.", "url": url}), 422, "invalid_field")
    assert_error(client.post(FEEDBACK, json={"category": "arbitration", "url": url}), 422, "invalid_field")
    assert stored(client) == ([], [])


# --- feedback limits ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"category": "x" * 3_900_000}, "category id"),
        ({"category": "not-a-category"}, "category id"),
        ({"category": "arbitration", "url": "https://x.example/" + "a" * 2031}, "2,048 characters"),
        ({"category": "arbitration", "url": "javascript:alert(1)"}, "http, https or file"),
        ({"record_id": "r" * 201}, "200 characters"),
        ({"category": "arbitration", "exact": "e" * 10_001}, "10,000 characters"),
    ],
    ids=["huge-category", "unknown-category", "long-url", "url-scheme", "long-record-id", "long-exact"],
)
def test_feedback_fields_are_bounded(client, body, words):
    error = assert_error(client.post(FEEDBACK, json=body), 422, "invalid_field")
    assert words in error["message"]
    assert len(error["message"]) < 300  # the refused value is not echoed back
    assert stored(client) == ([], [])


def test_feedback_at_the_limits_is_kept(client):
    url = "https://x.example/" + "a" * 2030
    assert len(url) == 2048
    assert client.post(FEEDBACK, json={"category": "ai-training", "url": url, "exact": "e" * 10_000}).status_code == 201
    assert client.get(FEEDBACK).get_json()["feedback"][0]["url"] == url
