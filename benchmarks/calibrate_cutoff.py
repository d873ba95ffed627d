"""Where MATCH_CUTOFF should sit: scores of drifted real clauses against scores of clauses that are not there.

    .venv/bin/python benchmarks/calibrate_cutoff.py

Positives: real passages of corpus documents, drifted in place (edit levels 1-3: punctuation and case only,
then about one changed word in 25, then one in 12 with a moved sentence), scored where they now are.
Negatives: each passage's best-scoring span in every document of the other services (the service families
that publish one shared text, Meta's and Google's, are kept apart: for them it is the same clause).
Both use the naive search (whole document, no index), so the figures describe the scorer alone.
"""

from __future__ import annotations

import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_records import corpus_documents, drifted_page, overlaps, passages  # noqa: E402

from termslens.engine import MATCH_CUTOFF, align_quote, tokenize  # noqa: E402

FAMILIES = [{"Facebook", "Instagram", "WhatsApp"}, {"Google", "YouTube"}]
PASSAGES_PER_DOCUMENT = 4
VERBATIM = 99.0  # a score this high means the very same words


def family(service: str) -> frozenset[str]:
    return next((frozenset(f) for f in FAMILIES if service in f), frozenset({service}))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def main() -> None:
    rng = random.Random(7)
    documents = corpus_documents()
    tokens = {d["file"]: tokenize(d["text"]) for d in documents}

    positives: dict[int, list[float]] = {1: [], 2: [], 3: []}
    for level in positives:
        for entry in documents:
            text, planted = drifted_page(entry, rng, planted=PASSAGES_PER_DOCUMENT, level=level)
            page = tokenize(text)
            for quote, truth in planted:
                span = align_quote(text, quote, page=page, score_cutoff=0)
                positives[level].append(span.score if span and overlaps((span.start, span.end), truth) else 0.0)

    negatives: list[tuple[float, str, str]] = []
    sample = [(d["service"], p) for d in documents for p in passages(d["text"], random.Random(d["file"]), 2)]
    for service, quote in sample:
        for other in documents:
            if other["service"] in family(service):
                continue
            span = align_quote(other["text"], quote, page=tokens[other["file"]], score_cutoff=0)
            negatives.append((span.score if span else 0.0, service, other["file"]))

    print(f"MATCH_CUTOFF = {MATCH_CUTOFF}\n")
    print(f"{'set':<28} {'n':>5} {'min':>6} {'p1':>6} {'p5':>6} {'median':>7} {'max':>6}  {'on the wrong side':>17}")
    for level, scores in positives.items():
        missed = sum(s < MATCH_CUTOFF for s in scores)
        print(f"{'drifted clause, level ' + str(level):<28} {len(scores):>5} {min(scores):>6.1f} {percentile(scores, .01):>6.1f} "
              f"{percentile(scores, .05):>6.1f} {statistics.median(scores):>7.1f} {max(scores):>6.1f}  {missed:>8} missed")
    verbatim = [n for n in negatives if n[0] >= VERBATIM]
    negatives = [n for n in negatives if n[0] < VERBATIM]
    scores = [s for s, _, _ in negatives]
    wrong = sum(s >= MATCH_CUTOFF for s in scores)
    print(f"{'clause absent (other docs)':<28} {len(scores):>5} {min(scores):>6.1f} {percentile(scores, .01):>6.1f} "
          f"{percentile(scores, .05):>6.1f} {statistics.median(scores):>7.1f} {max(scores):>6.1f}  {wrong:>8} placed")
    print(f"\n{len(verbatim)} passages occur word for word in another service's document (shared boilerplate, "
          f"e.g. {', '.join(sorted({f'{s} in {f}' for _, s, f in verbatim})[:3])}):\n"
          "no cutoff can or should separate those; they are left out of the absent set above.")
    print("\nhighest-scoring absent clauses:")
    for score, service, file in sorted(negatives, reverse=True)[:5]:
        print(f"  {score:5.1f}  a {service} passage in {file}")


if __name__ == "__main__":
    main()
