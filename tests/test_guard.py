"""Who may call: the whole Host header must be a loopback name with at most a port number, an Origin must be
exactly the extension's, and what a browser marks as sent by another site is refused without an Origin."""

from __future__ import annotations

import pytest

from tests.conftest import EXTENSION_ORIGIN
from tests.test_api import assert_error

HEALTH, FEEDBACK = "/api/v1/health", "/api/v1/feedback"


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1:evil", "[::1]evil.example", "localhost:0", "localhost:65536", "localhost:", "localhost:87 67",
     "127.0.0.1:8767:8767", "localhost.", "127.0.0.1@evil.example", "evil.example#127.0.0.1", "[::1", "::1",
     "127.0.0.01", ""],
)
def test_host_values_that_are_not_exactly_loopback_are_refused(client, host):
    assert_error(client.get(HEALTH, headers={"Host": host}), 403, "forbidden_host")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:1", "LOCALHOST:8767", "[::1]", "[::1]:65535"])
def test_loopback_names_with_a_port_number_are_answered(client, host):
    assert client.get(HEALTH, headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("origin", [EXTENSION_ORIGIN + "/", EXTENSION_ORIGIN.upper(), EXTENSION_ORIGIN + " ",
                                    EXTENSION_ORIGIN + "/popup.html"])
def test_the_origin_must_match_exactly(client, origin):
    response = client.post(FEEDBACK, json={"category": "arbitration"}, headers={"Origin": origin})
    assert_error(response, 403, "forbidden_origin")
    assert "Access-Control-Allow-Origin" not in response.headers
    assert client.get(FEEDBACK).get_json() == {"feedback": []}


def test_a_cross_site_request_without_origin_is_refused(client):
    response = client.post(FEEDBACK, json={"category": "arbitration"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert_error(response, 403, "forbidden_origin")
    assert_error(client.get(HEALTH, headers={"Sec-Fetch-Site": "Cross-Site"}), 403, "forbidden_origin")
    assert client.get(FEEDBACK).get_json() == {"feedback": []}


@pytest.mark.parametrize("site", ["none", "same-origin", "same-site"])
def test_requests_a_browser_does_not_mark_as_cross_site_are_answered(client, site):
    assert client.post(FEEDBACK, json={"category": "arbitration"}, headers={"Sec-Fetch-Site": site}).status_code == 201


def test_the_extension_is_answered_whatever_the_browser_calls_its_site(client):
    response = client.post(FEEDBACK, json={"category": "arbitration"},
                           headers={"Origin": EXTENSION_ORIGIN, "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 201
    assert response.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN
