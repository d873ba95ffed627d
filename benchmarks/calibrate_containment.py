"""What the candidate filter's word-pair containment lets through, and what aligning it costs.

    .venv/bin/python benchmarks/calibrate_containment.py

Every candidate the index finds (with the containment filter off) on four 100 KB-class corpus pages that
bench_scale.py does not use, each with 20 clause passages drifted at levels 2 and 3, among 10,000 records of
real passages. For each containment bucket it prints how many candidates were placed (a span at
MATCH_CUTOFF or above), how many were not, and the time spent aligning those that were not: the work a
higher CANDIDATE_MIN_CONTAINMENT would save, and the matches it would lose.
"""

from __future__ import annotations

import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_records import claudette_passages, corpus_documents, drifted_page, make_record, overlaps, passages  # noqa: E402

from termslens.engine import align_quote, build_index  # noqa: E402
from termslens.engine import candidates as candidate_module  # noqa: E402
from termslens.engine.candidates import find_candidates  # noqa: E402
from termslens.engine.tokens import pair_share, word_pairs  # noqa: E402
from termslens.segment import segment  # noqa: E402

PAGES = ("corpus/Google/privacy.md", "corpus/Instagram/privacy.md", "corpus/Zoom/terms.md", "corpus/Tinder/terms.md")
RECORDS = 10_000


def main() -> None:
    rng = random.Random(7)
    documents = {d["file"]: d for d in corpus_documents()}
    filler = [(d["service"], p) for d in documents.values() for p in passages(d["text"], random.Random(d["file"]), 400)]
    filler += [("claudette", p) for p in claudette_passages()]
    rng.shuffle(filler)
    candidate_module.CANDIDATE_MIN_CONTAINMENT = 0.0  # see everything the index finds
    buckets: dict[float, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    planted_shares = []
    for level in (2, 3):
        for name in PAGES:
            entry = documents[name]
            text, planted = drifted_page(entry, rng, planted=20, level=level)
            records = [make_record(f"planted-{i}", entry["service"], q, category="planted") for i, (q, _) in enumerate(planted)]
            others = [q for service, q in filler if service != entry["service"] and q not in entry["text"]]
            records += [make_record(f"filler-{i}", "Other", q, category="filler") for i, q in enumerate(others[: RECORDS - len(records)])]
            truth = {f"planted-{i}": span for i, (_, span) in enumerate(planted)}
            index = build_index(records)
            page = segment(text)
            for candidate in find_candidates(page.tokens, index):
                record = index.records[candidate.record_index]
                words = index.quote_words(candidate.record_index)
                share = pair_share(word_pairs(words), page.tokens.words[candidate.token_start : candidate.token_end])
                started = time.perf_counter()
                span = align_quote(text, record.quote, page=page.tokens, window=(candidate.token_start, candidate.token_end),
                                   quote_words=words, hint=(candidate.hit_start, candidate.hit_end), joined=page.joined)
                seconds = time.perf_counter() - started
                bucket = buckets[int(share * 20) / 20]
                if span is None:
                    bucket["missed"] += 1
                    bucket["missed_ms"] += seconds * 1000
                else:
                    bucket["placed"] += 1
                    if record.id in truth and overlaps((span.start, span.end), truth[record.id]):
                        planted_shares.append(share)
                        bucket["planted"] += 1
    print(f"{'containment':>12} {'placed':>7} {'planted':>8} {'not placed':>11} {'ms on those':>12}")
    for share in sorted(buckets):
        b = buckets[share]
        print(f"{share:>5.2f}-{share + 0.05:<6.2f} {int(b['placed']):>7} {int(b['planted']):>8} {int(b['missed']):>11} {b['missed_ms']:>12.0f}")
    planted_shares.sort()
    print(f"\nplanted clauses placed: {len(planted_shares)}; lowest containment among them: "
          f"{', '.join(f'{s:.2f}' for s in planted_shares[:5])}")


if __name__ == "__main__":
    main()
