"""A busy service is not a dead one: 50 clients post real corpus documents to a real `termslens serve` while a
separate client asks /health, as the extension's popup does.

    .venv/bin/python benchmarks/bench_load.py                # 50 clients for 60 s
    .venv/bin/python benchmarks/bench_load.py --seconds 15   # a shorter run
    .venv/bin/python benchmarks/bench_load.py --clients 10
    .venv/bin/python benchmarks/bench_load.py --no-detector-process   # the baseline: one process

The service starts on a free port with its own empty data folder and the settings `termslens serve` uses
(config.WAITRESS, the analysis slots of api/limits.py). Each client loops: a random document of
../shared/corpus (54 terms and privacy documents, 4 KB to 316 KB) as `POST /api/v1/analyze {text, url, title}`
on its keep-alive connection; a 503 `busy` makes it wait its Retry-After, as a well-behaved client does. The
health client, in a process of its own, asks `GET /api/v1/health` every 100 ms on a new connection (the
extension's timeout is 1.5 s).

Prints analyses per second, latency percentiles of the answered analyses, answers by status, and /health's
latency under that load. Target (issue 10): /health p99 <= 100 ms; no failure but 503 `busy`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "server"), str(ROOT)]
CORPUS = ROOT.parent / "shared" / "corpus"

from tests.support.serve import Serve  # noqa: E402

HEALTH_TARGET_P99_MS = 100.0


def corpus_requests() -> list[bytes]:
    """A request body per corpus document: its text, the service's address, and its name as the title."""
    if not (CORPUS / "index.json").is_file():
        sys.exit(f"error: {CORPUS} is missing; the benchmarks read the shared corpus beside the project")
    bodies = []
    for entry in json.loads((CORPUS / "index.json").read_text("utf-8")):
        text = (CORPUS.parent / entry["file"]).read_text("utf-8")
        slug = entry["service"].split("-")[0].lower()
        url = f"https://www.{slug}.com/legal/{Path(entry['file']).stem}"
        bodies.append(json.dumps({"text": text, "url": url, "title": entry["document"]}).encode("utf-8"))
    return bodies


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Load:
    def __init__(self, port: int, bodies: list[bytes], until: float):
        self.port, self.bodies, self.until = port, bodies, until
        self.lock = threading.Lock()
        self.latencies: list[float] = []  # seconds, answered analyses (200)
        self.statuses: Counter[str] = Counter()

    def client(self, seed: int) -> None:
        rng = random.Random(seed)
        connection = None
        while time.monotonic() < self.until:
            body = rng.choice(self.bodies)
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            start = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/analyze", body=body,
                                   headers={"Content-Type": "application/json", "Host": f"127.0.0.1:{self.port}"})
                response = connection.getresponse()
                response.read()
                status = str(response.status)
                retry = float(response.getheader("Retry-After") or 0)
            except (OSError, http.client.HTTPException) as exc:
                status, retry = type(exc).__name__, 0.0
                connection.close()
                connection = None
            elapsed = time.perf_counter() - start
            with self.lock:
                self.statuses[status] += 1
                if status == "200":
                    self.latencies.append(elapsed)
            if status == "503":
                time.sleep(min(retry, max(0.0, self.until - time.monotonic())))
        if connection is not None:
            connection.close()


def probe_health(port: int, until: float, results) -> None:
    """GET /health every 100 ms on a new connection until `until`; puts (latencies in s, failures) on `results`.

    Runs in its own process, so that the 50 client threads' share of this process's GIL is not counted in its
    figures."""
    latencies: list[float] = []
    failures: Counter[str] = Counter()
    while time.monotonic() < until:
        start = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", "/api/v1/health", headers={"Host": f"127.0.0.1:{port}"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200:
                latencies.append(time.perf_counter() - start)
            else:
                failures[str(response.status)] += 1
        except (OSError, http.client.HTTPException) as exc:
            failures[type(exc).__name__] += 1
        time.sleep(0.1)
    results.put((latencies, dict(failures)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--no-detector-process", action="store_true",
                        help="serve with --no-detector-process (clause types detected in the service's own process)")
    args = parser.parse_args()

    bodies = corpus_requests()
    with tempfile.TemporaryDirectory() as tmp:
        service = Serve(Path(tmp) / "data", options=["--no-detector-process"] if args.no_detector_process else []).start()
        try:
            service.request("POST", "/analyze", {"text": "Warm-up: the detector loads on the first analysis."})
            until = time.monotonic() + args.seconds
            load = Load(service.port, bodies, until)
            results = multiprocessing.Queue()
            prober = multiprocessing.Process(target=probe_health, args=(service.port, until, results))
            prober.start()  # before the client threads: a forked process starts with one thread
            threads = [threading.Thread(target=load.client, args=(n,)) for n in range(args.clients)]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            health, health_failures = results.get(timeout=60)
            prober.join()
        finally:
            service.stop()
        tracebacks = service.output().count("Traceback")

    answered = len(load.latencies)
    ms = [1000 * s for s in load.latencies]
    health_ms = [1000 * s for s in health]
    failures = {status: n for status, n in load.statuses.items() if status not in ("200", "503")}
    print(f"{args.clients} clients, {len(bodies)} corpus documents ({min(map(len, bodies)) // 1024}-"
          f"{max(map(len, bodies)) // 1024} KB), {elapsed:.0f} s, a real termslens serve")
    print(f"{'analyses answered':<26}{answered:>8,}   {answered / elapsed:6.1f}/s")
    print(f"{'analysis latency (200)':<26}p50 {percentile(ms, .5):7.0f} ms   p95 {percentile(ms, .95):7.0f} ms   "
          f"p99 {percentile(ms, .99):7.0f} ms   max {max(ms, default=float('nan')):7.0f} ms")
    print(f"{'answers by status':<26}" + ", ".join(f"{s}: {n:,}" for s, n in sorted(load.statuses.items())))
    print(f"{'/health under load':<26}p50 {percentile(health_ms, .5):7.1f} ms   "
          f"p99 {percentile(health_ms, .99):7.1f} ms   max {max(health_ms, default=float('nan')):7.1f} ms   ({len(health_ms)} answered, "
          f"{sum(health_failures.values())} failed)")
    met = percentile(health_ms, .99) <= HEALTH_TARGET_P99_MS and not failures and not health_failures and not tracebacks
    print(f"target (/health p99 <= {HEALTH_TARGET_P99_MS:.0f} ms, no failure but 503 busy): "
          f"{'met' if met else 'NOT met'}" + (f"; failures: {failures}" if failures else "")
          + (f"; health failures: {health_failures}" if health_failures else "")
          + (f"; {tracebacks} tracebacks in the service's log" if tracebacks else ""))
    if not met or not answered:
        sys.exit(1)


if __name__ == "__main__":
    main()
