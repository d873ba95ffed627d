"""The test web on the real network stack: one local HTTPS server answers for every address the browser
visits (Chromium maps all host names to it with --host-resolver-rules), serving the pages of a Site by host
and path. Pages opened by the extension itself (chrome.tabs.create) arrive here like any other, which
Playwright's request routing does not guarantee for a tab it did not open.
"""

from __future__ import annotations

import ssl
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.e2e.site import Site

TLS_DIR = Path(__file__).resolve().parent / "tls"


class TestWeb:
    """A local HTTPS server for `site` on a free port, in a background thread."""

    def __init__(self, site: Site):
        self.site = site
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(TLS_DIR / "cert.pem", TLS_DIR / "key.pem")
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.requests: list[str] = []
        # Each request's address with its headers (lower-case names), for the Global Privacy Control tests.
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self):
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                host = (self.headers.get("Host") or "").split(":")[0]
                url = f"https://{host}{self.path}"
                web.requests.append(url)
                web.seen.append((url, {name.lower(): value for name, value in self.headers.items()}))
                body = web.site.lookup(url)
                data = (body if body is not None else "Not found").encode("utf-8")
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8" if body is not None else "text/plain")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):  # noqa: A002 (quiet: the tests read `requests` instead)
                pass

        return Handler

    def chromium_args(self) -> list[str]:
        """Flags that send every host name to this server, except the local service on 127.0.0.1."""
        return [
            f"--host-resolver-rules=MAP * 127.0.0.1:{self.port}, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            "--ignore-certificate-errors",
        ]

    def start(self) -> TestWeb:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
