"""Stand-ins on the service's side of the extension, on free loopback ports, each counting what it was asked:
a counting proxy in front of the real service (how many analyses a page caused), and a busy service that
answers every request with 503 `busy` (what the popup says then). Used as context managers; the extension is
pointed at them with Extension.set_port and back afterwards."""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Headers that belong to one hop, not to the request forwarded.
HOP_HEADERS = {"host", "connection", "keep-alive", "transfer-encoding", "content-length"}


class _Server:
    """A ThreadingHTTPServer on 127.0.0.1:<free port> in a daemon thread, counting (method, path) pairs."""

    def __init__(self):
        self.counts: Counter[tuple[str, str]] = Counter()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def count(self, method: str, path: str) -> int:
        with self.lock:
            return self.counts[(method, path)]

    def _seen(self, method: str, path: str) -> None:
        with self.lock:
            self.counts[(method, path.split("?")[0])] += 1

    def answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        raise NotImplementedError

    def _handler(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 (http.server's naming)
                owner._seen("GET", self.path)
                owner.answer(self, "GET")

            def do_POST(self):  # noqa: N802
                owner._seen("POST", self.path)
                owner.answer(self, "POST")

            def do_OPTIONS(self):  # noqa: N802
                owner._seen("OPTIONS", self.path)
                owner.answer(self, "OPTIONS")

            def log_message(self, format, *args):  # noqa: A002 (quiet; the tests read the counts)
                pass

        return Handler

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


class CountingProxy(_Server):
    """Forwards every request to the service on `target_port` unchanged (headers included, so the service's
    Origin and Host checks see what the extension sent) and counts them."""

    def __init__(self, target_port: int):
        super().__init__()
        self.target_port = target_port

    def analyses(self) -> int:
        return self.count("POST", "/api/v1/analyze")

    def answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_HEADERS}
        upstream = http.client.HTTPConnection("127.0.0.1", self.target_port, timeout=60)
        try:
            upstream.request(method, handler.path, body=body, headers=headers)
            response = upstream.getresponse()
            data = response.read()
            handler.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in HOP_HEADERS:
                    handler.send_header(key, value)
        finally:
            upstream.close()
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


class BusyService(_Server):
    """Answers everything as an overloaded service does: 503, {"error": {"code": "busy"}}, Retry-After: 1."""

    def answer(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        if length:
            handler.rfile.read(length)
        data = json.dumps({"error": {"code": "busy", "message": "Too many analyses at once; try again shortly."}}).encode()
        handler.send_response(503)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Retry-After", "1")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
