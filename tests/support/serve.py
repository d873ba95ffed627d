"""`termslens serve` as a real process on a free port, for tests and benchmarks that need the whole service:
waitress, start-up on a damaged store, kill -9."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

TERMSLENS = Path(sys.executable).with_name("termslens")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServeError(RuntimeError):
    """The service did not start; the message carries its output."""


def child_pids(pid: int) -> list[int]:
    """The process ids of `pid`'s child processes (Linux: read from /proc)."""
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()]


class Serve:
    """One `termslens serve --port <free port>` with its own data folder; its output goes to `log`."""

    def __init__(self, data_dir: Path, *, port: int | None = None, env: dict[str, str] | None = None,
                 options: Sequence[str] = ()):
        self.data_dir = Path(data_dir)
        self.options = tuple(options)  # more `termslens serve` options
        self.port = port or free_port()
        self.env = env or {}
        self.log = self.data_dir.parent / f"serve-{self.data_dir.name}-{self.port}.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Serve:
        env = {**os.environ, "TERMSLENS_DATA_DIR": str(self.data_dir), "PYTHONUNBUFFERED": "1", **self.env}
        env.pop("TERMSLENS_RECORDS", None)
        with self.log.open("w") as log:
            self.process = subprocess.Popen([str(TERMSLENS), "serve", "--port", str(self.port), *self.options], env=env,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServeError(f"termslens serve exited with {self.process.returncode}:\n{self.output()}")
            try:
                if self.request("GET", "/health", timeout=2)[0] == 200:
                    return self
            except OSError:
                time.sleep(0.05)  # polling the accept loop: the service has no readiness signal but this
        self.kill()
        raise ServeError(f"termslens serve did not answer on port {self.port} within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace") if self.log.exists() else ""

    def request(self, method: str, path: str, body=None, *, headers: dict[str, str] | None = None,
                timeout: float = 30) -> tuple[int, dict | None, http.client.HTTPResponse]:
        """(status, JSON body or None, response) of one request to /api/v1`path` on a new connection."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            payload = None if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
            all_headers = {"Content-Type": "application/json"} if payload is not None else {}
            connection.request(method, "/api/v1" + path, body=payload, headers={**all_headers, **(headers or {})})
            response = connection.getresponse()
            raw = response.read()
        finally:
            connection.close()
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = None
        return response.status, data, response

    def get(self, path: str) -> dict:
        status, data, _ = self.request("GET", path)
        assert status == 200, (status, data)
        return data

    def stop(self) -> None:
        """Ctrl+C, as a person stops it; kill if it does not stop."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """kill -9: no clean-up of any kind."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
