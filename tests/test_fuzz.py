"""Property-based: requests generated for every route (bodies, headers, paths; tests/support/fuzz.py) never get
a 5xx, and every error comes in the documented shape. A bounded number of examples here (set
TERMSLENS_FUZZ_EXAMPLES to run more); benchmarks/fuzz_serve.py sends 10,000 and more to a real service."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings

from termslens.api import create_app
from tests.support.fuzz import FuzzRequest, check_response, requests

EXAMPLES = int(os.environ.get("TERMSLENS_FUZZ_EXAMPLES", "400"))


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory):
    """One app for all examples, so that what earlier requests stored (reports, record files) stays in play."""
    folder = tmp_path_factory.mktemp("fuzz")
    return create_app({"TESTING": True, "DATA_DIR": str(folder), "RECORD_DIRS": []}).test_client()


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(request=requests())
def test_no_request_gets_a_5xx_or_an_error_of_another_shape(fuzz_client, request: FuzzRequest):
    response = fuzz_client.open(request.path, method=request.method, headers=request.headers, data=request.body)
    check_response(request, response.status_code, response.content_type or "", response.get_data())
