"""Quality and speed of the clause-type detector (termslens.detect), on the shared data.

    .venv/bin/python benchmarks/bench_accuracy.py            # CV table + timing (about a minute)
    .venv/bin/python benchmarks/bench_accuracy.py --rules    # also print every key-phrase rule hit on the corpus

Quality: leave-one-document-out cross-validation on ../shared/claudette-dev (25 terms of service, 8,808
sentences). For each document a model is trained on the other 24 (vocabulary, SVMs, thresholds chosen by
repeated grouped CV inside those 24) and scores the held-out one; the pooled sentence-level predictions give
precision, recall and F1 per category (one-vs-rest) and the macro-F1 over the 8 categories. The same
function backs `termslens detector evaluate`.

Speed: `detect_clauses` on the corpus documents of 80-320 KB (the "100 KB page" class), with the shipped
model: the first call (which reads the model) is timed apart, then the median of repeated calls per
document, and ms per 100 KB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PAGE_SIZE_RANGE = (80_000, 320_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed calls per document (median reported)")
    parser.add_argument("--rules", action="store_true", help="print every rule hit on the corpus documents")
    parser.add_argument("--skip-cv", action="store_true", help="timing (and --rules) only")
    args = parser.parse_args()

    # Timing first, in a fresh process state: the first call reads the model.
    started = time.perf_counter()
    from termslens.detect import detect_clauses, detector_model

    imported = time.perf_counter()
    detect_clauses("We may terminate your account at any time, for any reason, without notice to you.")
    first = time.perf_counter()
    model = detector_model()
    print(f"import termslens.detect: {1000 * (imported - started):.0f} ms; first call (reads the model): "
          f"{1000 * (first - imported):.0f} ms; model: {'loaded' if model else 'UNAVAILABLE (rules only)'}")

    entries = json.loads((SHARED / "corpus" / "index.json").read_text("utf-8"))
    pages = [e for e in entries if PAGE_SIZE_RANGE[0] <= e["chars"] <= PAGE_SIZE_RANGE[1]]
    print(f"\ndetect_clauses on {len(pages)} corpus documents of {PAGE_SIZE_RANGE[0] // 1000}-"
          f"{PAGE_SIZE_RANGE[1] // 1000} KB (median of {args.repeat} calls):")
    per_100k = []
    for entry in pages:
        text = (SHARED / entry["file"]).read_text("utf-8")
        detect_clauses(text)
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            found = detect_clauses(text)
            times.append(1000 * (time.perf_counter() - t))
        median = statistics.median(times)
        per_100k.append(median * 100_000 / len(text))
        print(f"  {entry['file'].removeprefix('corpus/'):<28}{len(text) // 1000:>5} KB{median:>8.1f} ms"
              f"{per_100k[-1]:>8.1f} ms/100 KB{len(found):>6} detections")
    print(f"  median over documents: {statistics.median(per_100k):.1f} ms per 100 KB "
          f"(max {max(per_100k):.1f})")

    if args.rules:
        _print_rule_hits(entries)

    if not args.skip_cv:
        from termslens.detect.corpus import load_claudette
        from termslens.detect.evaluate import cross_validate, format_table

        print("\nLeave-one-document-out cross-validation on claudette-dev ...", flush=True)
        t = time.perf_counter()
        evaluation = cross_validate(load_claudette(SHARED / "claudette-dev"))
        print(format_table(evaluation))
        print(f"({time.perf_counter() - t:.0f} s)")


def _print_rule_hits(entries: list[dict]) -> None:
    """Every sentence a key-phrase rule flags in the corpus (whatever the model says), then counts per category."""
    from termslens.detect.model import eligible
    from termslens.detect.rules import RULE_CATEGORIES, rule_matches
    from termslens.segment import split_sentences

    counts: Counter[str] = Counter()
    print("\nKey-phrase rule hits on the corpus:")
    for entry in entries:
        text = (SHARED / entry["file"]).read_text("utf-8")
        split = split_sentences(text)
        sentences = [s for s, ok in zip(split, eligible(split)) if ok]
        for sentence, found in zip(sentences, rule_matches([s.text for s in sentences])):
            for category in found:
                counts[category] += 1
                excerpt = " ".join(text[sentence.start : sentence.end].split())
                print(f"  [{category}] {entry['file'].removeprefix('corpus/')}: {excerpt[:200]}")
    print("rule hits per category: " + ", ".join(f"{c} {counts[c]}" for c in RULE_CATEGORIES))


if __name__ == "__main__":
    sys.exit(main())
