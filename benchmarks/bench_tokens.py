"""A page's words: the vectorised split (numpy) against re.split, on every corpus document of 50 KB or more.

    .venv/bin/python benchmarks/bench_tokens.py

Both paths are timed in turn on each document (best of --repeat runs each), so the ratio compares them on the
same machine at the same moment; the words and offsets are checked equal first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_records import corpus_documents  # noqa: E402

from termslens.engine import tokens  # noqa: E402


def best_of(repeat: int, function, *args) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def by_regex(text: str) -> tokens.Tokens:
    saved, tokens.VECTOR_MIN_CHARS = tokens.VECTOR_MIN_CHARS, 10**12
    try:
        return tokens.tokenize(text)
    finally:
        tokens.VECTOR_MIN_CHARS = saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    pages = [entry["text"] for entry in corpus_documents() if len(entry["text"]) >= 50_000]
    vectorised, regex = [], []
    for text in pages:
        if tokens.tokenize(text) != by_regex(text):
            sys.exit("error: the two paths disagree")
        vectorised.append(best_of(args.repeat, tokens.tokenize, text))
        regex.append(best_of(args.repeat, by_regex, text))
    ratios = [v / r for v, r in zip(vectorised, regex)]
    print(f"{len(pages)} corpus documents of 50 KB or more (median {statistics.median(map(len, pages)) / 1000:.0f} KB)")
    print(f"vectorised: median {statistics.median(vectorised):.1f} ms; re.split: median {statistics.median(regex):.1f} ms")
    print(f"ratio vectorised / re.split: median {statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f})")


if __name__ == "__main__":
    main()
