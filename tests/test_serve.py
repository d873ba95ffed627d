"""Protocol edges of a real `termslens serve` (waitress as config.WAITRESS sets it): a request that says
`Expect: 100-continue` but has no body is answered at once, idle connections do not starve /health, Host
tricks are refused on the wire, and page text is never spooled to a temporary file."""

from __future__ import annotations

import socket
import tempfile
import threading

import pytest

from termslens import config
from tests.support.serve import Serve
from tests.test_busy import Running


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    running = Serve(tmp_path_factory.mktemp("serve") / "data").start()
    yield running
    running.stop()


def exchange(port: int, raw: bytes, *, timeout: float = 5) -> bytes:
    """Send raw bytes on a new connection and read until the server closes it or sends a whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                return received + b"<timeout>"
            if not chunk:
                return received
            received += chunk
            head, _, body = received.partition(b"\r\n\r\n")
            length = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
            if length and len(body) >= int(length[0].split(b":")[1]):
                return received


@pytest.mark.parametrize(
    ("request_line", "extra", "status"),
    [
        (b"POST /api/v1/analyze", b"Content-Type: application/json\r\n", b"400"),
        (b"POST /api/v1/feedback", b"Content-Type: application/json\r\nContent-Length: 0\r\n", b"400"),
        (b"GET /api/v1/health", b"", b"200"),
    ],
    ids=["post-without-length", "post-length-0", "get"],
)
def test_expect_100_continue_without_a_body_is_answered_at_once(serve, request_line, extra, status):
    raw = request_line + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\n" + extra + b"\r\n"
    answer = exchange(serve.port, raw)
    assert answer.startswith(b"HTTP/1.1 " + status), answer[:200]  # no "100 Continue" and no wait


def test_expect_100_continue_with_a_body_still_works(serve):
    body = b'{"category": "arbitration"}'
    with socket.create_connection(("127.0.0.1", serve.port), timeout=5) as sock:
        sock.sendall(b"POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Expect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
        assert sock.recv(100).startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(body)
        assert sock.recv(1000).startswith(b"HTTP/1.1 201")


def test_idle_connections_do_not_starve_health(serve):
    idle = [socket.create_connection(("127.0.0.1", serve.port), timeout=5) for _ in range(120)]
    try:
        status, body, _ = serve.request("GET", "/health", timeout=3)
        assert status == 200 and body["status"] == "ok"
    finally:
        for sock in idle:
            sock.close()


@pytest.mark.parametrize("host", [b"127.0.0.1:evil", b"[::1]evil.example", b"localhost:0"])
def test_host_tricks_are_refused_on_the_wire(serve, host):
    answer = exchange(serve.port, b"GET /api/v1/health HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 403") and b'"forbidden_host"' in answer


def test_page_text_up_to_the_body_limit_stays_in_memory(tmp_path, monkeypatch):
    """waitress writes bodies over its inbuf_overflow (default 512 KB) to a temporary file."""
    import waitress.buffers

    spooled = []
    real = tempfile.TemporaryFile

    def recording(*args, **kwargs):
        spooled.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", recording)
    assert waitress.buffers  # TempfileBasedBuffer imports TemporaryFile from tempfile when it spools
    served = Running(tmp_path)
    try:
        note = "n" * (config.MAX_CONTENT_LENGTH - 100)  # a body just under the limit
        status, body, _ = served.request("POST", "/feedback", {"category": "arbitration", "note": note}, timeout=30)
        assert status == 422 and "2,000 characters" in body["error"]["message"]
        status, body, _ = served.request("POST", "/feedback", {"category": "arbitration", "note": note + "n" * 200})
        assert status == 413 and body["error"]["code"] == "too_large"  # over the limit: still the JSON 413
    finally:
        served.close()
    assert spooled == []
