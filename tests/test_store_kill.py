"""kill -9 during concurrent writes: a real `termslens serve` takes feedback reports and record files from
several clients at once and is killed at a random moment, 20 times over. Every write it acknowledged is there
after each restart, exactly as sent, and the store reads back whole."""

from __future__ import annotations

import http.client
import random
import sqlite3
import threading
import time

import pytest

from termslens.store import STORE_FILE
from tests.support.serve import Serve
from tests.test_api import user_file

CYCLES = 20
REPORT_WRITERS = 3

pytestmark = pytest.mark.slow  # 20 starts and kills of a real service


def _record_file(service_id: str, version: int) -> dict:
    data = user_file(service_id)
    data["service"]["domains"] = [f"{service_id}.test"]
    data["service"]["name"] = f"{service_id} version {version}"
    return data


class Writers:
    """Threads that write until the service dies, keeping what it acknowledged."""

    def __init__(self, service: Serve, cycle: int, reports: dict[int, str], files: dict[str, int]):
        self.service, self.cycle, self.reports, self.files = service, cycle, reports, files
        self.lock = threading.Lock()
        self.sent = 0
        self.threads = [threading.Thread(target=self.post_reports, args=(n,)) for n in range(REPORT_WRITERS)]
        self.threads.append(threading.Thread(target=self.put_files))

    def post_reports(self, writer: int) -> None:
        for n in range(100_000):
            note = f"cycle {self.cycle} writer {writer} report {n}"
            try:
                status, body, _ = self.service.request("POST", "/feedback", {"category": "arbitration", "note": note},
                                                       timeout=10)
            except (OSError, http.client.HTTPException):
                return  # the service is gone; this write was never acknowledged
            assert status == 201, (status, body)
            with self.lock:
                self.sent += 1
                assert body["id"] not in self.reports, "a report number was given twice"
                self.reports[body["id"]] = note

    def put_files(self) -> None:
        service_id = f"cycle{self.cycle % 3}"
        version = self.files.get(service_id, 0)
        while True:
            version += 1
            try:
                status, body, _ = self.service.request("PUT", f"/user-records/{service_id}",
                                                       _record_file(service_id, version), timeout=10)
            except (OSError, http.client.HTTPException):
                return
            assert status in (200, 201), (status, body)
            with self.lock:
                self.files[service_id] = version

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in self.threads)


def check(service: Serve, reports: dict[int, str], files: dict[str, int]) -> None:
    """Every acknowledged report with its own text, in number order; each file at its acknowledged version
    (or the next one, written but killed before the answer left)."""
    kept = {r["id"]: r["note"] for r in service.get("/feedback")["feedback"]}
    missing = sorted(set(reports) - set(kept))
    assert not missing, f"{len(missing)} acknowledged reports lost, e.g. {missing[:5]}"
    assert all(kept[number] == note for number, note in reports.items())
    assert list(kept) == sorted(kept)
    stored = {f["service"]["id"]: int(f["service"]["name"].rsplit(" ", 1)[1])
              for f in service.get("/user-records")["record_files"]}
    for service_id, version in files.items():
        assert stored.get(service_id) in (version, version + 1), (service_id, version, stored.get(service_id))
    assert service.get("/health")["problems"] == []


def test_kill_9_during_concurrent_writes_loses_no_acknowledged_write(tmp_path):
    folder = tmp_path / "data"
    reports: dict[int, str] = {}
    files: dict[str, int] = {}
    rng = random.Random(10)
    for cycle in range(CYCLES):
        service = Serve(folder).start()
        check(service, reports, files)
        writers = Writers(service, cycle, reports, files)
        writers.start()
        time.sleep(rng.uniform(0.2, 0.7))
        service.kill()
        writers.join()
        assert writers.sent > 0, f"cycle {cycle}: nothing was written before the kill"
        assert "Traceback" not in service.output()

    service = Serve(folder).start()
    try:
        check(service, reports, files)
    finally:
        service.stop()
    assert len(reports) > CYCLES * 10
    print(f"{CYCLES} kills, {len(reports):,} acknowledged reports and {len(files)} record files, none lost")
    with sqlite3.connect(folder / STORE_FILE) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
