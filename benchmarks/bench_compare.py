"""The whole API answer of this checkout against an earlier revision's, both served for real and timed in turn.

    .venv/bin/python benchmarks/bench_compare.py bf25fad                     # 10,000 and 50,000 records
    .venv/bin/python benchmarks/bench_compare.py HEAD~3 --sizes 10000 --rounds 5

The revision is checked out into a temporary git worktree and served from there (`termslens serve` with its
package first on the path, this environment's libraries); the checkout is served from here. For each size the
library of `bench_scale.py` (its four drifted 100 KB pages, its filler passages) is written once; then, round
after round, a fresh service of each side is started on its own data folder, answers each page once unclocked,
then three times clocked (POST /api/v1/analyze, the whole answer), and is stopped. Alternating the two sides in
every round is what makes the ratio hold on a machine whose speed drifts: the absolute times do not.
Prints each round's medians, then the median of the rounds for each side and their ratio (this checkout over
the revision).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scale import material, post, start_to_first_answer, stop, write_library  # noqa: E402
from corpus_records import ROOT  # noqa: E402

TIMED = 3  # clocked answers per page and round
WARM_UP = {"text": "We may terminate your account at any time, for any reason."}  # asked until a service answers


def round_median(tree: Path, data_dir: Path, records: Path, bodies: list[dict]) -> float:
    process, port, _ = start_to_first_answer(data_dir, records, WARM_UP, tree=tree)
    try:
        for body in bodies:
            post(port, body)
        times = []
        for _ in range(TIMED):
            for body in bodies:
                started = time.perf_counter()
                post(port, body)
                times.append((time.perf_counter() - started) * 1000)
    finally:
        stop(process)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the earlier revision (any git revision of this repository)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    base = work / "revision"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(base), args.revision],
                   check=True)
    try:
        pages, fillers = material()
        planted = [(service_id, text, [quote for quote, _ in spots]) for service_id, text, spots in pages]
        bodies = [{"text": text, "url": f"https://{service_id}.example/terms", "title": "Terms"}
                  for service_id, text, _ in pages]
        summary = []
        for size in args.sizes:
            records = work / f"records-{size}"
            write_library(records, size, planted, fillers)
            sides: dict[str, list[float]] = {"revision": [], "checkout": []}
            for number in range(args.rounds):
                for side, tree in (("revision", base), ("checkout", ROOT)):
                    sides[side].append(round_median(tree, work / f"data-{side}-{size}", records, bodies))
                print(f"{size:,} records, round {number + 1}: {args.revision} {sides['revision'][-1]:.1f} ms, "
                      f"this checkout {sides['checkout'][-1]:.1f} ms", flush=True)
            before, after = statistics.median(sides["revision"]), statistics.median(sides["checkout"])
            summary.append(f"{size:>8,} records: {args.revision} {before:.1f} ms, this checkout {after:.1f} ms, "
                           f"ratio {after / before:.2f}")
        print("\nwhole API answer on four 100 KB pages (median of the rounds' medians):")
        print("\n".join(summary))
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=False)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
