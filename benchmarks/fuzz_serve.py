"""The property-based requests of tests/test_fuzz.py, sent to a real `termslens serve` over HTTP (waitress, the
guard and the store included), as many as you ask for; prints what came back.

    .venv/bin/python benchmarks/fuzz_serve.py                    # 10,000 requests
    .venv/bin/python benchmarks/fuzz_serve.py --requests 30000

Each request goes out on its own connection with exactly the generated method, path, headers (Host included)
and body. Every answer is checked as in the test (`tests.support.fuzz.check_response`: never a 5xx, errors in
the documented shape); failures are collected, not stopped at, so that the whole run is counted. At the end the
service must still run and its log must hold no traceback. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "server"), str(ROOT)]

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.support.fuzz import FuzzRequest, check_response, requests  # noqa: E402
from tests.support.serve import Serve  # noqa: E402


def send(port: int, request: FuzzRequest) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest(request.method, request.path, skip_host=True, skip_accept_encoding=True)
        for name, value in request.headers.items():
            connection.putheader(name, value.encode("latin-1"))
        if request.body or request.method in ("POST", "PUT"):
            connection.putheader("Content-Length", str(len(request.body)))
        connection.endheaders(request.body or None)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    args = parser.parse_args()

    statuses: Counter[int] = Counter()
    codes: Counter[str] = Counter()
    routes: Counter[str] = Counter()
    failures: list[str] = []

    with tempfile.TemporaryDirectory() as tmp:
        service = Serve(Path(tmp) / "data").start()
        started = time.perf_counter()

        @settings(max_examples=args.requests, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(request=requests())
        def run(request: FuzzRequest) -> None:
            routes[request.route] += 1
            try:
                status, content_type, body = send(service.port, request)
            except (OSError, http.client.HTTPException) as exc:
                statuses[0] += 1
                failures.append(f"no answer ({type(exc).__name__}: {exc}) to {request}")
                return
            statuses[status] += 1
            if status >= 400 and content_type.startswith("application/json"):
                try:
                    import json

                    codes[f"{status} {json.loads(body)['error']['code']}"] += 1
                except (ValueError, KeyError, TypeError):
                    pass
            try:
                check_response(request, status, content_type, body)
            except (AssertionError, ValueError) as exc:
                failures.append(f"{type(exc).__name__}: {str(exc)[:300]} | {status} {content_type!r} {body[:200]!r} "
                                f"for {request}")

        try:
            run()
            elapsed = time.perf_counter() - started
            alive = service.process.poll() is None
            try:
                health = service.request("GET", "/health", timeout=5)[0] if alive else None
            except (TimeoutError, OSError):
                health = None
        finally:
            service.stop()
        log = service.output()

    sent = sum(statuses.values())
    print(f"{sent:,} requests in {elapsed:.0f} s to a real termslens serve ({sent / elapsed:.0f}/s)")
    print("by route:  " + ", ".join(f"{route} {n:,}" for route, n in routes.most_common()))
    print("by status: " + ", ".join(f"{status or 'no answer'} {n:,}" for status, n in sorted(statuses.items())))
    print("errors:    " + ", ".join(f"{code} {n:,}" for code, n in sorted(codes.items())))
    print(f"5xx: {sum(n for s, n in statuses.items() if s >= 500)}   no answer: {statuses[0]}   "
          f"failed checks: {len(failures)}   service still answering: {health == 200}   "
          f"tracebacks in its log: {log.count('Traceback')}")
    for failure in failures[:10]:
        print("  FAILED:", failure)
    if failures or health != 200 or "Traceback" in log:
        sys.exit(1)


if __name__ == "__main__":
    main()
