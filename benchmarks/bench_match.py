"""Speed and recall of the indexed matcher against the naive baseline, on real 100 KB-class corpus pages.

    .venv/bin/python benchmarks/bench_match.py            # 1,000 and 10,000 records
    .venv/bin/python benchmarks/bench_match.py --quick    # 1,000 records, fewer pages (a smoke run)

Each page is a real corpus document in which 20 clause passages were drifted the way publishers revise them
(synonyms, inserted and dropped words, punctuation, case, whitespace, at edit levels 2 and 3). The record set
holds those 20 originals per page plus real passages of every other service's documents and of the CLAUDETTE
terms (25 more services) up to N records.
Naive baseline: every record aligned over the whole page (rapidfuzz partial_ratio_alignment + the same
boundary refinement and cutoff). Indexed: `engine.find_matches` with the index built once. Recall counts planted
records placed on their drifted passage (at least half of it covered).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_records import claudette_passages, corpus_documents, drifted_page, make_record, overlaps, passages  # noqa: E402

from termslens.engine import align_quote, build_index, find_matches, tokenize  # noqa: E402

PLANTED_PER_PAGE = 20
PAGE_SIZE_RANGE = (80_000, 160_000)  # the "100 KB page" of the target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 records and 2 pages only")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of the indexed path per page")
    args = parser.parse_args()
    rng = random.Random(20261122)
    documents = corpus_documents()
    pages = [d for d in documents if PAGE_SIZE_RANGE[0] <= len(d["text"]) <= PAGE_SIZE_RANGE[1]]
    pages = pages[:2] if args.quick else pages[:4]
    sizes = [1_000] if args.quick else [1_000, 10_000]

    # Filler pool: real passages from every document, tagged by service so a page never gets its own.
    filler = [(d["service"], p) for d in documents for p in passages(d["text"], random.Random(d["file"]), 400)]
    filler += [("claudette", p) for p in claudette_passages()]
    rng.shuffle(filler)
    sizes_kb = ", ".join(f"{p['file']} ({len(p['text']) // 1000} KB)" for p in pages)
    print(f"pages: {sizes_kb}")
    print(f"filler passages available: {len(filler)}")

    prepared = []
    for number, entry in enumerate(pages):
        text, planted = drifted_page(entry, rng, planted=PLANTED_PER_PAGE, level=2 + number % 2)
        prepared.append((entry, text, planted))

    print()
    header = f"{'records':>8} {'page':<34} {'naive ms':>10} {'indexed ms':>11} {'speed-up':>9} {'recall naive':>13} {'recall indexed':>15}"
    for size in sizes:
        print(header)
        fast_times, naive_times, found_fast, found_naive, total = [], [], 0, 0, 0
        index_seconds = []
        for entry, text, planted in prepared:
            records = [make_record(f"planted-{i}", entry["service"], quote, category="planted") for i, (quote, _) in enumerate(planted)]
            # Other services' passages; one the page holds verbatim (YouTube serves Google's privacy policy)
            # is this page's own clause, not another's, so it is left out rather than counted as a miss.
            others = [q for service, q in filler if service != entry["service"] and q not in entry["text"]]
            if len(others) < size - len(records):
                sys.exit(f"error: only {len(others)} filler passages for {size} records")
            records += [make_record(f"filler-{i}", "Other", q, category="filler") for i, q in enumerate(others[: size - len(records)])]
            truth = {f"planted-{i}": span for i, (_, span) in enumerate(planted)}

            started = time.perf_counter()
            index = build_index(records)
            index_seconds.append(time.perf_counter() - started)
            runs = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                annotations = find_matches(text, index)
                runs.append(time.perf_counter() - started)
            fast_ms = statistics.median(runs) * 1000
            hit_fast = sum(1 for a in annotations if a.record.id in truth and overlaps((a.start, a.end), truth[a.record.id]))

            page = tokenize(text)
            started = time.perf_counter()
            naive_spans = {r.id: align_quote(text, r.quote, page=page) for r in records}
            naive_ms = (time.perf_counter() - started) * 1000
            hit_naive = sum(1 for rid, span in naive_spans.items() if rid in truth and span and overlaps((span.start, span.end), truth[rid]))

            fast_times.append(fast_ms)
            naive_times.append(naive_ms)
            found_fast += hit_fast
            found_naive += hit_naive
            total += len(truth)
            print(f"{size:>8,} {entry['file']:<34} {naive_ms:>10.0f} {fast_ms:>11.1f} {naive_ms / fast_ms:>8.0f}x "
                  f"{hit_naive:>9}/{len(truth):<3} {hit_fast:>11}/{len(truth):<3}")
        naive_median, fast_median = statistics.median(naive_times), statistics.median(fast_times)
        print(f"{size:>8,} {'MEDIAN over pages':<34} {naive_median:>10.0f} {fast_median:>11.1f} "
              f"{naive_median / fast_median:>8.0f}x {100 * found_naive / total:>12.1f}% {100 * found_fast / total:>14.1f}%")
        print(f"         index build (once per record set): median {statistics.median(index_seconds) * 1000:.0f} ms\n")


if __name__ == "__main__":
    main()
