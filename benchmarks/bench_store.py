"""Feedback writes and reads at a realistic store size, through the API (Flask's test client, no network).

    .venv/bin/python benchmarks/bench_store.py                  # 20,000 kept reports, 50 writes, 5 reads
    .venv/bin/python benchmarks/bench_store.py --reports 2000   # a quicker run

The data folder starts with a tinydb `store.json` (the format of the store before SQLite) holding `--reports`
reports of realistic size (a clause excerpt from the shared corpus, an address, a sentence of note), so the
same script measures either store: the tinydb one reads that file as is; the SQLite one migrates it on its
first start, which is timed as the start. Then `POST /api/v1/feedback` is timed `--writes` times and
`GET /api/v1/feedback` `--reads` times. To measure an older checkout, put its `server/` first on PYTHONPATH.

Target (issue 10): a write does not grow with the number of reports kept (it took 627 ms at 20,000 with tinydb).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def excerpts(count: int, seed: int = 10) -> list[str]:
    """`count` real clause-sized excerpts (200-600 characters) of the shared corpus."""
    if not CORPUS.is_dir():
        sys.exit(f"error: {CORPUS} is missing; the benchmarks read the shared corpus beside the project")
    paragraphs = [
        p.strip()
        for path in sorted(CORPUS.glob("*/*.md"))
        for p in path.read_text("utf-8").split("\n\n")
        if 200 <= len(p.strip()) <= 600
    ]
    rng = random.Random(seed)
    return [rng.choice(paragraphs) for _ in range(count)]


def report(exact: str, number: int) -> dict:
    return {
        "record_id": None,
        "category": "arbitration",
        "url": f"https://shop{number % 97}.example/legal/terms-of-service?ref={number}",
        "exact": exact,
        "note": "The card says I cannot opt out, but the page gives an address for it.",
        "received": "2026-11-30T12:00:00+00:00",
    }


def seed_legacy_store(folder: Path, reports: int) -> int:
    """A tinydb store.json with `reports` feedback reports; returns its size in bytes."""
    texts = excerpts(reports)
    table = {str(n): report(texts[n - 1], n) for n in range(1, reports + 1)}
    path = folder / "store.json"
    path.write_text(json.dumps({"feedback": table, "record_files": {}}, ensure_ascii=False), "utf-8")
    return path.stat().st_size


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20_000, help="reports in the store before timing")
    parser.add_argument("--writes", type=int, default=50, help="timed POST /feedback")
    parser.add_argument("--reads", type=int, default=5, help="timed GET /feedback")
    args = parser.parse_args()

    import termslens
    from termslens.api import create_app

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeded = seed_legacy_store(folder, args.reports)
        start_ms = 0.0
        app = None

        def start() -> None:
            nonlocal app
            app = create_app({"TESTING": True, "DATA_DIR": str(folder), "RECORD_DIRS": []})

        start_ms = timed(start)
        client = app.test_client()
        texts = excerpts(args.writes, seed=11)
        writes = []
        for n, text in enumerate(texts):
            body = report(text, args.reports + n + 1)
            del body["received"], body["record_id"]
            writes.append(timed(lambda: _expect(client.post("/api/v1/feedback", json=body), 201)))
        kept = []
        reads = [timed(lambda: kept.append(len(_expect(client.get("/api/v1/feedback"), 200).get_json()["feedback"])))
                 for _ in range(args.reads)]
        on_disk = sum(p.stat().st_size for p in folder.iterdir() if p.is_file() and not p.name.endswith(("-corrupt",)))

    print(f"store module: {Path(termslens.__file__).parent / 'store.py'}")
    print(f"seeded: {args.reports:,} reports ({seeded / 1e6:.1f} MB of tinydb JSON)")
    print(f"{'':28}{'p50 ms':>10}{'max ms':>10}")
    print(f"{'start (with migration)':28}{start_ms:>10.0f}{'':>10}")
    print(f"{'POST /feedback':28}{statistics.median(writes):>10.1f}{max(writes):>10.1f}   ({len(writes)} writes)")
    print(f"{'GET /feedback':28}{statistics.median(reads):>10.0f}{max(reads):>10.0f}   ({kept[-1]:,} reports)")
    print(f"data folder: {on_disk / 1e6:.1f} MB")


def _expect(response, status: int):
    if response.status_code != status:
        sys.exit(f"error: expected {status}, got {response.status_code}: {response.get_data(as_text=True)[:200]}")
    return response


if __name__ == "__main__":
    main()
