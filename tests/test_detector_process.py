"""The detector in a process of its own (termslens.detector_process): the same detections and blocks as in the
service's own process, and nothing lost when the child dies, hangs, talks nonsense or cannot start."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from termslens.api import create_app
from termslens.config import EXTENSION_ORIGIN
from termslens.detect import detect_clauses
from termslens.detector_process import MAX_RESTARTS, DetectorProcess
from termslens.segment import segment
from tests.support.serve import Serve, child_pids

PAGES = ("Microsoft/terms", "PayPal/privacy", "Claude-Anthropic/terms")


@pytest.fixture(scope="module")
def detector():
    process = DetectorProcess()
    yield process
    process.close()


def _gone(pid: int, within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # our own child: reap it, or it lingers as a zombie that kill(0) still finds
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return True
        except ChildProcessError:
            pass
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("name", PAGES)
def test_the_child_finds_what_the_service_would_find_itself(detector, corpus, name):
    privacy = name.endswith("privacy")
    pending = detector.start(segment(corpus[name]), privacy_notice=privacy)
    here = segment(corpus[name])
    assert pending.blocks() == here.blocks
    detections = pending.detections()
    assert detections == detect_clauses(here, privacy_notice=privacy)
    assert len(detections) > 10


def test_pages_sent_at_once_get_their_own_answers(detector, corpus):
    pages = [segment(corpus[name]) for name in PAGES]
    pending = [detector.start(page, privacy_notice=False) for page in pages]  # all sent before any is read
    for page, waiting in zip(reversed(pages), reversed(pending)):
        assert waiting.detections() == detect_clauses(segment(page.text))


def test_a_killed_child_costs_no_answer_and_is_started_again(corpus):
    detector = DetectorProcess()
    try:
        page = corpus["Microsoft/terms"]
        detector.start(segment("We may terminate your account at any time."), privacy_notice=False).detections()
        first = detector.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        assert _gone(first)
        assert detector.start(segment(page), privacy_notice=False).detections() == detect_clauses(page)
        assert detector.pid not in (None, first)  # a new child for the next page
    finally:
        detector.close()


def test_the_child_ends_with_the_service_however_it_ends(tmp_path: Path):
    script = tmp_path / "service.py"
    script.write_text(
        "import time\n"
        "from termslens.detector_process import DetectorProcess\n"
        "from termslens.segment import segment\n"
        "d = DetectorProcess()\n"
        "d.start(segment('We may terminate your account at any time.'), privacy_notice=False).detections()\n"
        "print(d.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    service = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        child = int(service.stdout.readline())  # type: ignore[union-attr]
        service.kill()  # no clean-up code runs
        service.wait()
        assert _gone(child), "the detector process outlived the service"
    finally:
        service.kill()


def test_closing_ends_the_child_and_pages_are_still_detected(corpus):
    detector = DetectorProcess()
    detector.start(segment("We may terminate your account at any time."), privacy_notice=False).detections()
    pid = detector.pid
    assert pid is not None
    detector.close()
    assert _gone(pid)
    page = corpus["PayPal/privacy"]
    assert detector.start(segment(page), privacy_notice=True).detections() == detect_clauses(page, privacy_notice=True)
    assert detector.pid is None  # closed on purpose: not started again


@pytest.mark.parametrize(
    "command",
    [
        ["/nonexistent/python"],  # cannot start at all
        [sys.executable, "-c", "import sys; sys.exit(1)"],  # starts, then ends without answering
        [sys.executable, "-c", "import sys\nfor line in sys.stdin: print('not json', flush=True)"],  # nonsense
        [sys.executable, "-c", "import sys\nfor line in sys.stdin: print('[1, 2]', flush=True)"],  # JSON, no answer
        [sys.executable, "-c", "import sys\nfor line in sys.stdin: print('{\"id\": 0, \"detections\": 7}', flush=True)"],
    ],
    ids=["cannot-start", "exits", "nonsense", "not-an-object", "malformed-answer"],
)
def test_a_broken_child_falls_back_to_detecting_here_and_stops_being_started(corpus, command, caplog):
    detector = DetectorProcess(command=command)
    page = corpus["Claude-Anthropic/terms"]
    try:
        for _ in range(MAX_RESTARTS + 1):
            pending = detector.start(segment(page), privacy_notice=False)
            assert pending.detections() == detect_clauses(page)
            assert pending.blocks() == segment(page).blocks
        assert detector.pid is None
        assert detector._failures >= MAX_RESTARTS  # given up: the service detects in its own process from now on
        assert "Clause types detected in the service's own process" in caplog.text
    finally:
        detector.close()


def test_a_silent_child_is_waited_for_at_most_the_timeout_then_replaced(corpus, caplog):
    detector = DetectorProcess(command=[sys.executable, "-c", "import time; time.sleep(60)"], timeout=0.5)
    page = corpus["Microsoft/terms"]
    try:
        silent = detector.pid
        started = time.monotonic()
        assert detector.start(segment(page), privacy_notice=False).detections() == detect_clauses(page)
        assert time.monotonic() - started < 10
        assert "did not answer within" in caplog.text
        assert silent is not None and _gone(silent)
    finally:
        detector.close()


def test_the_service_answers_the_same_with_its_detector_process(tmp_path: Path, corpus):
    """The same annotations, and the same changes since the reader's earlier version: the page's version is
    read from the blocks the child sends back."""
    text = corpus["Microsoft/terms"]
    url = "https://www.microsoft.com/en-us/servicesagreement"
    edited = text.replace("within 30 days", "within 10 days", 1)
    assert edited != text
    answers = []
    for own_process, data in ((True, "a"), (False, "b")):
        app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / data), "DETECTOR_PROCESS": own_process})
        with app.app_context():
            from termslens.api.context import state

            detector = state().detector
        try:
            assert (getattr(detector, "pid", None) is not None) is own_process
            client = app.test_client()
            pair = [client.post("/api/v1/analyze", json={"text": page, "url": url, "title": "Services Agreement"},
                                headers={"Origin": EXTENSION_ORIGIN}) for page in (text, edited)]
            assert [response.status_code for response in pair] == [200, 200]
            history = client.get("/api/v1/history", query_string={"url": url}, headers={"Origin": EXTENSION_ORIGIN}).get_json()
            answers.append(([response.get_json() for response in pair], history["document"]["versions"]))
        finally:
            detector.close()
    (with_process, kept_with), (without, kept_without) = answers
    for body in (with_process[1], without[1]):
        body["changes"].pop("last_read_at")  # a time of day
    assert with_process == without
    assert any(a["kind"] == "generic" for a in with_process[0]["annotations"])
    assert with_process[1]["changes"]["items"], "the edited page's changes since the first"
    assert [v["hash"] for v in kept_with] == [v["hash"] for v in kept_without]
    assert len(kept_with) == 2


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
@pytest.mark.parametrize("how", ["stop", "kill"])
def test_termslens_serve_runs_its_detector_process_and_takes_it_along(tmp_path: Path, how):
    service = Serve(tmp_path / "data").start()
    try:
        status, body, _ = service.request("POST", "/analyze", {"text": "We may terminate your account at any time, "
                                                                       "for any reason, without notice."})
        assert status == 200 and body is not None
        assert any(a["kind"] == "generic" for a in body["annotations"])  # the child's detections
        [child] = child_pids(service.process.pid)  # type: ignore[union-attr]
        assert "termslens.detector_process" in Path(f"/proc/{child}/cmdline").read_text().replace("\0", " ")
    finally:
        service.stop() if how == "stop" else service.kill()  # Ctrl+C, or kill -9 with no clean-up at all
    assert _gone(child), "the detector process outlived termslens serve"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_termslens_serve_without_a_detector_process_detects_itself(tmp_path: Path):
    service = Serve(tmp_path / "data", options=["--no-detector-process"]).start()
    try:
        status, body, _ = service.request("POST", "/analyze", {"text": "We may terminate your account at any time, "
                                                                       "for any reason, without notice."})
        assert status == 200 and body is not None
        assert any(a["kind"] == "generic" for a in body["annotations"])
        assert child_pids(service.process.pid) == []  # type: ignore[union-attr]
    finally:
        service.stop()
