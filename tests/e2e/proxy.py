"""An HTTPS proxy for Firefox, which has no --host-resolver-rules: every CONNECT, whatever host it names, is
tunnelled to the test web's one local HTTPS server (tests/e2e/web.py), which serves pages by their Host.
Only addresses on this machine are ever connected to.
"""

from __future__ import annotations

import socket
import socketserver
import threading


class _Tunnel(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 65536:
            chunk = self.request.recv(4096)
            if not chunk:
                return
            head += chunk
        if not head.startswith(b"CONNECT "):
            self.request.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        try:
            upstream = socket.create_connection(("127.0.0.1", self.server.target_port), timeout=10)
        except OSError:
            self.request.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        self.request.sendall(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        rest = head.split(b"\r\n\r\n", 1)[1]
        if rest:
            upstream.sendall(rest)
        pipes = [threading.Thread(target=_pipe, args=pair, daemon=True) for pair in ((self.request, upstream), (upstream, self.request))]
        for pipe in pipes:
            pipe.start()
        for pipe in pipes:
            pipe.join()
        upstream.close()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class TunnelProxy(socketserver.ThreadingTCPServer):
    """CONNECT proxy on a free loopback port, tunnelling everything to 127.0.0.1:`target_port`."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, target_port: int):
        super().__init__(("127.0.0.1", 0), _Tunnel)
        self.target_port = target_port
        self.port = self.server_address[1]
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    def start(self) -> TunnelProxy:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
