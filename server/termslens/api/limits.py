"""At most a few analyses at once, so that a busy service still answers everything else at once.

An analysis is CPU-bound (a large page takes most of a second of a core): running more of them than there are
cores only makes each one slower, and when they took every server thread, /health waited behind them and the
extension took a busy service for a stopped one. So `POST /analyze` takes one of ANALYSIS_SLOTS slots; when
all are taken it waits at most ANALYSIS_WAIT seconds, behind at most ANALYSIS_QUEUE others; beyond that it is
answered at once with 503 `busy` and a Retry-After. Waitress runs more threads than slots plus queue
(`config.WAITRESS`), so the light routes always find a free thread.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app, g, request

from termslens.api.errors import ApiError

HEAVY_ENDPOINTS = frozenset({"analyze.analyze"})
EXTENSION_KEY = "termslens.limits"


class Gate:
    """`slots` holders at once; at most `queue` more wait, each at most `wait` seconds."""

    def __init__(self, slots: int, *, queue: int, wait: float):
        self._slots = threading.Semaphore(slots)
        self._lock = threading.Lock()
        self._waiting = 0
        self.queue, self.wait = queue, wait

    def enter(self) -> bool:
        """True once a slot is held (then call `leave`), False when the queue is full or the wait ran out."""
        if self._slots.acquire(blocking=False):
            return True
        with self._lock:
            if self._waiting >= self.queue:
                return False
            self._waiting += 1
        try:
            return self._slots.acquire(timeout=self.wait)
        finally:
            with self._lock:
                self._waiting -= 1

    def leave(self) -> None:
        self._slots.release()


def _admit() -> None:
    if request.endpoint not in HEAVY_ENDPOINTS:
        return
    gate: Gate = current_app.extensions[EXTENSION_KEY]
    if not gate.enter():
        retry = current_app.config["ANALYSIS_RETRY_AFTER"]
        raise ApiError(503, "busy", f"TermsLens is busy with other pages; try again in {retry} s.",
                       headers={"Retry-After": str(retry)})
    g.termslens_slot = True


def _release(exc: BaseException | None) -> None:
    if g.pop("termslens_slot", False):
        current_app.extensions[EXTENSION_KEY].leave()


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = Gate(
        app.config["ANALYSIS_SLOTS"], queue=app.config["ANALYSIS_QUEUE"], wait=app.config["ANALYSIS_WAIT"]
    )
    app.before_request(_admit)
    app.teardown_request(_release)
