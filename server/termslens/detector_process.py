"""The clause-type detector in a process of its own, so that the service finds a page's clause types on one
core while it places the records on the other.

An analysis is CPU-bound Python, and Python runs one thread at a time: in one process, detection (about 40% of
an analysis of a 100 KB page) waits for matching and the reverse. `DetectorProcess` runs `detect_clauses` in a
child process (`python -m termslens.detector_process`) that holds the model; `start(page, ...)` sends it the
page text and returns at once, and the `Pending` result waits for the detections only when the analysis needs
them. The child cuts the page into blocks and sentences for the detector anyway, so it sends the blocks back
first: the service reads the page as a version of its document from them without cutting the page again.
Detections and blocks are the very ones `detect_clauses` and `segment` give in the service's own process.

The two talk over the child's stdin and stdout, one JSON object a line: {"id", "text", "privacy_notice"} in;
{"id", "blocks": [[start, end, is_heading, first_sentence, stop_sentence], ...]}, then
{"id", "detections": [[start, end, category, score], ...]} out (or {"id", "error"}), after a first
{"ready": true} once the model is loaded. The child reads nothing else and writes nothing else there; it exits
when its stdin closes, so it never outlives the service, however the service ends.

Nothing is lost when the child is not there: if it cannot be started, has died, or does not answer within
`timeout`, the analysis detects in its own process (loading the model there) and the child is started again for
the next page, up to MAX_RESTARTS times in a row.
"""

from __future__ import annotations

import itertools
import json
import logging
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress
from operator import attrgetter
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from termslens.detect import Detection
    from termslens.segment import Block, Page

# This module imports no more than the standard library until it detects: `termslens serve` starts the child
# before it loads anything else, so that the two load at once (the detector and the segmentation are imported
# where they are used).

log = logging.getLogger(__name__)

# Far beyond any real page (a 1 MB page is detected in about 2 s on a slow machine, and at most a few analyses
# wait in line), yet short enough that a hung child costs one slow answer, not a stuck service.
DETECTOR_TIMEOUT = 30.0
# Starts of the child in a row that may fail before the service detects in its own process for good.
MAX_RESTARTS = 3

# What the writer thread sends the child: (id, text, privacy_notice), or None to close its stdin.
Outbox = queue.SimpleQueue[tuple[int, str, bool] | None]


class DetectorGone(RuntimeError):
    """The child process ended (or could not be started) before it answered."""


class Pending:
    """A page's detection under way: `detections()` waits for them, `blocks()` for the page's blocks. Either
    is computed in this process when the detector process cannot give it."""

    def __init__(self, page: Page, privacy_notice: bool, *, remote: bool = True, timeout: float = DETECTOR_TIMEOUT,
                 on_silence: Callable[[], None] = lambda: None):
        self.page = page
        self.privacy_notice = privacy_notice
        self._timeout = timeout
        self._on_silence = on_silence
        self._blocks: Future[list[Block]] | None = Future() if remote else None
        self._detections: Future[list[Detection]] | None = Future() if remote else None

    def blocks(self) -> list[Block]:
        return self._wait(self._blocks, lambda: self.page.blocks)

    def detections(self) -> list[Detection]:
        from termslens.detect import detect_clauses

        return self._wait(self._detections, lambda: detect_clauses(self.page, privacy_notice=self.privacy_notice))

    def set_blocks(self, blocks: list[Block]) -> None:
        if self._blocks is not None and not self._blocks.done():
            self._blocks.set_result(blocks)

    def set_detections(self, detections: list[Detection]) -> None:
        if self._detections is not None and not self._detections.done():
            self._detections.set_result(detections)

    def fail(self, why: str) -> None:
        for future in (self._blocks, self._detections):
            if future is not None and not future.done():
                future.set_exception(DetectorGone(why))

    def _wait(self, future: Future[Any] | None, fallback: Callable[[], Any]) -> Any:
        if future is None:
            return fallback()
        try:
            return future.result(timeout=self._timeout)
        except TimeoutError:
            log.warning("The detector process did not answer within %.0f s; it is restarted", self._timeout)
            self._on_silence()
        except DetectorGone as exc:
            log.warning("Clause types detected in the service's own process: %s", exc)
        return fallback()


class InProcess:
    """Detection in this process, when the analysis asks for it (the CLI's, and the tests')."""

    def start(self, page: Page, *, privacy_notice: bool) -> Pending:
        return Pending(page, privacy_notice, remote=False)

    def close(self) -> None:
        """Nothing to end."""


IN_PROCESS = InProcess()


class DetectorProcess:
    """A child process that detects clause types, shared by the service's analyses (thread-safe)."""

    def __init__(self, *, timeout: float = DETECTOR_TIMEOUT, command: list[str] | None = None):
        self.timeout = timeout
        self._command = command or [sys.executable, "-m", "termslens.detector_process"]
        self._state_lock = threading.Lock()  # the child, its requests to write, and the requests waiting for it
        self._pending: dict[int, Pending] = {}
        self._ids = itertools.count()
        self._child: subprocess.Popen[bytes] | None = None
        # A page is written by a thread of its own, so an analysis never waits for a busy (or stuck) child to
        # read it.
        self._outbox: Outbox = queue.SimpleQueue()
        self._failures = 0  # starts in a row whose child ended without answering
        with self._state_lock:
            self._spawn()

    @property
    def pid(self) -> int | None:
        """The child's process id (None when it is not running)."""
        child = self._child
        return child.pid if child is not None and child.poll() is None else None

    def start(self, page: Page, *, privacy_notice: bool) -> Pending:
        """Send the page to the child; the result waits for its blocks and detections (or, when the child is
        gone or silent, computes them here) and gives what `page.blocks` and `detect_clauses(page, ...)` would."""
        pending = Pending(page, privacy_notice, timeout=self.timeout, on_silence=self._restart_silent)
        with self._state_lock:
            child = self._child if self._child is not None and self._child.poll() is None else self._spawn()
            if child is None:
                pending.fail("the detector process could not be started")
            else:
                request_id = next(self._ids)
                self._pending[request_id] = pending
                self._outbox.put((request_id, page.text, privacy_notice))
        return pending

    def close(self) -> None:
        """End the child (it exits when its stdin closes); pending analyses detect in their own process."""
        with self._state_lock:
            child, self._child = self._child, None
            self._failures = MAX_RESTARTS  # closed on purpose: not started again
            self._outbox.put(None)
        if child is not None:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            self._fail(child, "the detector process was closed")

    def _spawn(self) -> subprocess.Popen[bytes] | None:
        """Start a child and its reader thread (under `_state_lock`); None once MAX_RESTARTS starts in a row
        failed."""
        if self._failures >= MAX_RESTARTS:
            return None
        try:
            child = subprocess.Popen(self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        except (OSError, ValueError) as exc:  # no such program, or no Python to run (sys.executable empty)
            log.warning("The detector process could not be started: %s", exc)
            self._failures += 1
            return None
        self._child = child
        outbox: Outbox = queue.SimpleQueue()
        self._outbox = outbox
        threading.Thread(target=self._read, args=(child, outbox), name="termslens-detector-read", daemon=True).start()
        threading.Thread(target=self._write, args=(child, outbox), name="termslens-detector-write", daemon=True).start()
        return child

    def _write(self, child: subprocess.Popen[bytes], outbox: Outbox) -> None:
        """Write each request of `outbox` to `child`, until None; a child that cannot be written to is ended."""
        assert child.stdin is not None
        while (request := outbox.get()) is not None:
            request_id, text, privacy_notice = request
            line = json.dumps({"id": request_id, "text": text, "privacy_notice": privacy_notice}) + "\n"
            try:
                child.stdin.write(line.encode("utf-8"))
                child.stdin.flush()
            except (OSError, ValueError):  # it ended (a broken pipe), or was closed
                break
        with suppress(OSError):
            child.stdin.close()
        if request is not None:
            child.kill()  # its reader thread then fails what still waits for it

    def _read(self, child: subprocess.Popen[bytes], outbox: Outbox) -> None:
        """Hand each answer of `child` to the request waiting for it, until the child's stdout ends."""
        assert child.stdout is not None
        for line in child.stdout:
            try:
                self._answer(json.loads(line))
            except (ValueError, TypeError, KeyError, AttributeError):
                log.warning("The detector process wrote something that is not an answer; it is restarted")
                child.kill()
                break
        outbox.put(None)  # its writer thread ends too
        self._fail(child, "the detector process ended")

    def _answer(self, reply: dict[str, Any]) -> None:
        """Give one reply of the child to the request it answers (the blocks, the detections, or why not)."""
        from termslens.detect import Detection
        from termslens.segment import Block

        if reply.get("ready"):
            return
        # Read in full before any request is handed anything: a malformed reply raises here, and the child is
        # then ended with every request it holds.
        blocks = detections = None
        if "error" in reply:
            error = str(reply["error"])
        elif "blocks" in reply:
            blocks = [Block(int(s), int(e), bool(h), int(f), int(t)) for s, e, h, f, t in reply["blocks"]]
        else:
            detections = [Detection(int(s), int(e), str(c), float(v)) for s, e, c, v in reply["detections"]]
        with self._state_lock:
            pending = self._pending.get(reply["id"]) if blocks is not None else self._pending.pop(reply["id"], None)
            self._failures = 0
        if pending is None:
            return
        if blocks is not None:
            pending.set_blocks(blocks)
        elif detections is not None:
            pending.set_detections(detections)
        else:
            pending.fail(f"the detector process failed on this page: {error}")

    def _fail(self, child: subprocess.Popen[bytes], why: str) -> None:
        """`child` is gone: every request still waiting for it is answered with DetectorGone."""
        with self._state_lock:
            if self._child is child:
                self._child = None
                self._failures += 1
            waiting, self._pending = self._pending, {}
        for pending in waiting.values():
            pending.fail(why)

    def _restart_silent(self) -> None:
        with self._state_lock:
            child = self._child
        if child is not None:
            child.kill()  # its reader thread then fails whatever still waits and a new child starts on demand


_WARM_UP = "We may terminate your account at any time, for any reason, without notice."
# What the child writes of each block and detection, in the order `_answer` reads them (dataclasses.astuple,
# which copies each field deeply, took 2.6 ms for a 100 KB page's blocks, before detection could start).
_BLOCK_FIELDS = attrgetter("start", "end", "is_heading", "first_sentence", "stop_sentence")
_DETECTION_FIELDS = attrgetter("start", "end", "category", "score")


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """The child's side: load the model, say ready, then answer each request line until stdin ends."""
    from termslens.detect import detect_clauses, detector_model
    from termslens.segment import segment

    def write(reply: dict[str, Any]) -> None:
        stdout.write(json.dumps(reply).encode("utf-8") + b"\n")
        stdout.flush()

    detector_model()
    detect_clauses(_WARM_UP)  # the model's look-up tables are built on first use: before the first page comes
    write({"ready": True})
    for line in stdin:
        request_id = None
        try:
            request = json.loads(line)
            request_id = request["id"]
            page = segment(str(request["text"]))
            write({"id": request_id, "blocks": list(map(_BLOCK_FIELDS, page.blocks))})
            found = detect_clauses(page, privacy_notice=bool(request["privacy_notice"]))
        except Exception as exc:  # noqa: BLE001 - the service detects this page itself; the child goes on
            write({"id": request_id, "error": f"{type(exc).__name__}: {exc}"})
            continue
        write({"id": request_id, "detections": list(map(_DETECTION_FIELDS, found))})


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
