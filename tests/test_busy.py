"""A busy service is not a dead one: analyses take a few slots with a short queue, beyond which they are told
503 `busy` with a Retry-After, and the light routes answer while every slot is taken. Runs the app in the
waitress server `termslens serve` builds (config.WAITRESS), in this process, so an analysis can be held."""

from __future__ import annotations

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from termslens.api import analyze as analyze_view
from termslens.api import create_app
from termslens.api.limits import EXTENSION_KEY, Gate
from termslens.cli import create_server
from tests.support.serve import free_port
from tests.test_api import user_file

TEXT = "We may change these terms at any time without notice. All disputes go to binding arbitration."


class Running:
    """The app served by waitress on a free port, in a thread; `hold()` makes analyses wait for `release`."""

    def __init__(self, tmp_path, **config):
        self.app = create_app({"DATA_DIR": str(tmp_path / "data"), "RECORD_DIRS": [], **config})
        self.port = free_port()
        self.server = create_server(self.app, self.port)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        self.release = threading.Event()
        self.entered = threading.Semaphore(0)
        self.restore: list = []  # the real analysis function, when hold() replaced it

    def hold(self) -> None:
        real = analyze_view.run_analysis

        def held(*args, **kwargs):
            self.entered.release()
            assert self.release.wait(timeout=60)
            return real(*args, **kwargs)

        self.restore.append(real)
        analyze_view.run_analysis = held  # restored by close()

    def request(self, method: str, path: str, body=None, timeout: float = 10) -> tuple[int, dict, dict]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, "/api/v1" + path, body=None if body is None else json.dumps(body), headers=headers)
            response = connection.getresponse()
            return response.status, json.loads(response.read() or b"null"), dict(response.getheaders())
        finally:
            connection.close()

    def waiting(self) -> int:
        return self.app.extensions[EXTENSION_KEY]._waiting

    def close(self) -> None:
        self.release.set()
        self.server.close()
        self.server.task_dispatcher.shutdown(timeout=5)
        if self.restore:
            analyze_view.run_analysis = self.restore[0]


@pytest.fixture
def running(tmp_path):
    served = Running(tmp_path, ANALYSIS_SLOTS=1, ANALYSIS_QUEUE=1, ANALYSIS_WAIT=60)
    yield served
    served.close()


def test_full_slots_and_queue_give_503_busy_and_light_routes_still_answer(running):
    running.hold()
    pool = ThreadPoolExecutor(2)
    first = pool.submit(running.request, "POST", "/analyze", {"text": TEXT}, 60)
    assert running.entered.acquire(timeout=20)  # the first analysis holds the only slot
    queued = pool.submit(running.request, "POST", "/analyze", {"text": TEXT}, 60)
    deadline = time.monotonic() + 20
    while running.waiting() < 1:  # the second one waits in the queue
        assert time.monotonic() < deadline, "the second analysis never queued"
        time.sleep(0.01)

    status, body, headers = running.request("POST", "/analyze", {"text": TEXT})
    assert status == 503
    assert body["error"]["code"] == "busy" and "try again" in body["error"]["message"]
    assert headers["Retry-After"] == "2"

    # Everything but analyses answers while the slot and the queue are full (a 10 s timeout: never behind them).
    assert running.request("GET", "/health")[1]["status"] == "ok"
    assert running.request("GET", "/site?url=https://claude.ai/")[1]["service"]["id"] == "anthropic"
    assert running.request("GET", "/records")[0] == 200
    assert running.request("GET", "/categories")[0] == 200
    assert running.request("POST", "/feedback", {"category": "arbitration"})[0] == 201
    assert running.request("GET", "/feedback")[0] == 200
    assert running.request("PUT", "/user-records/examplecorp", user_file())[0] == 201

    running.release.set()
    assert first.result(timeout=60)[0] == 200
    assert queued.result(timeout=60)[0] == 200
    assert running.request("POST", "/analyze", {"text": TEXT})[0] == 200  # slots were given back


def test_a_failed_analysis_gives_its_slot_back(tmp_path):
    served = Running(tmp_path, ANALYSIS_SLOTS=1, ANALYSIS_QUEUE=0, ANALYSIS_WAIT=0)
    try:
        for body in ({"text": "   "}, {"text": 5}, {"url": "x"}):
            assert served.request("POST", "/analyze", body)[0] == 422
        def broken(*args, **kwargs):
            raise RuntimeError("a bug in a detector")

        real, analyze_view.run_analysis = analyze_view.run_analysis, broken
        try:
            status, body, _ = served.request("POST", "/analyze", {"text": TEXT})
        finally:
            analyze_view.run_analysis = real
        assert status == 500 and body["error"]["code"] == "internal_error"
        assert served.request("POST", "/analyze", {"text": TEXT})[0] == 200
    finally:
        served.close()


def test_a_queued_analysis_waits_only_so_long():
    gate = Gate(1, queue=1, wait=0.05)
    assert gate.enter()
    assert not gate.enter()  # waited, then gave up
    gate.leave()
    assert gate.enter()
    gate.leave()


def test_no_queue_means_an_immediate_answer():
    gate = Gate(2, queue=0, wait=60)
    assert gate.enter() and gate.enter()
    answers: list[bool] = []
    third = threading.Thread(target=lambda: answers.append(gate.enter()), daemon=True)
    third.start()
    third.join(timeout=10)  # far less than the 60 s it would wait in a queue
    assert answers == [False]
