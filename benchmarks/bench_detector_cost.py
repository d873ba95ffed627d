"""What the clause-type detector adds to a page's analysis: the same pages analysed with and without it.

    .venv/bin/python benchmarks/bench_detector_cost.py              # median of 9 runs per page and mode
    .venv/bin/python benchmarks/bench_detector_cost.py --repeat 3   # a quicker run
    .venv/bin/python benchmarks/bench_detector_cost.py --cpu        # CPU time, not wall clock (a busy machine)

Both modes run in this one process on the bundled library (the 28 curated services), the way
`POST /api/v1/analyze` does: `analysis.analyze(library, text, title=...)` (the file's name, as `termslens analyze`
gives it) then `analysis_json`. The baseline passes `generic=False` (curated records only); the other mode
adds the detector and its generic annotations. Runs alternate between the modes so that machine noise falls
on both alike. The model's one-time load is timed apart (it happens on the service's first analysis, not on
every page).

Target (issues 4 and 13): a 100 KB document analyses in at most 100 ms more than without the detector.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_records import corpus_documents  # noqa: E402

from termslens.analysis import analyze  # noqa: E402
from termslens.library import Library  # noqa: E402
from termslens.records import bundled_records_dir, load_records  # noqa: E402
from termslens.report import analysis_json  # noqa: E402

PAGE_SIZE_RANGE = (80_000, 320_000)
TARGET_EXTRA_MS_PER_100KB = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per page and mode (median reported)")
    parser.add_argument("--cpu", action="store_true",
                        help="time the process's CPU time instead of the wall clock (steadier on a shared machine)")
    args = parser.parse_args()

    library = Library(load_records([bundled_records_dir()]))
    pages = [d for d in corpus_documents() if PAGE_SIZE_RANGE[0] <= len(d["text"]) <= PAGE_SIZE_RANGE[1]]

    started = time.perf_counter()
    from termslens.detect import detector_model

    detector_model()
    print(f"one-time: import the detector and read its model {1000 * (time.perf_counter() - started):.0f} ms\n")

    clock = time.process_time if args.cpu else time.perf_counter

    def timed(text: str, title: str, generic: bool) -> tuple[float, int]:
        t = clock()
        body = analysis_json(analyze(library, text, title=title, generic=generic))
        return 1000 * (clock() - t), len(body["annotations"])

    print(f"{'page':<26}{'KB':>5}{'curated ms':>12}{'+detector ms':>14}{'extra ms':>10}{'ratio':>7}"
          f"{'extra/100KB':>13}{'annotations':>13}")
    extra_per_100kb, ratios = [], []
    for entry in pages:
        text, title = entry["text"], Path(entry["file"]).name
        for generic in (False, True):  # warm-up: caches, first-use imports
            timed(text, title, generic)
        runs: dict[bool, list[float]] = {False: [], True: []}
        counts = {}
        for _ in range(args.repeat):
            for generic in (False, True):
                ms, counts[generic] = timed(text, title, generic)
                runs[generic].append(ms)
        base, full = statistics.median(runs[False]), statistics.median(runs[True])
        extra = full - base
        extra_per_100kb.append(extra * 100_000 / len(text))
        ratios.append(full / base)
        print(f"{entry['file'].removeprefix('corpus/'):<26}{len(text) // 1000:>5}{base:>12.1f}{full:>14.1f}"
              f"{extra:>10.1f}{full / base:>7.2f}{extra_per_100kb[-1]:>13.1f}{counts[False]:>6} -> {counts[True]}")

    median_extra, worst_extra = statistics.median(extra_per_100kb), max(extra_per_100kb)
    verdict = "meets" if worst_extra <= TARGET_EXTRA_MS_PER_100KB else "MISSES"
    print(f"\n{len(pages)} pages of {PAGE_SIZE_RANGE[0] // 1000}-{PAGE_SIZE_RANGE[1] // 1000} KB: the detector adds "
          f"{median_extra:.1f} ms per 100 KB (median; worst page {worst_extra:.1f}); time with/without it "
          f"median ratio {statistics.median(ratios):.2f}")
    print(f"target: at most {TARGET_EXTRA_MS_PER_100KB:.0f} ms per 100 KB more -> {verdict}"
          f" ({'CPU time of this process' if args.cpu else 'wall clock'})")


if __name__ == "__main__":
    sys.exit(main())
