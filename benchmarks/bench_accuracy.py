"""Quality and speed of the clause-type detector (termslens.detect), on the shared data.

    .venv/bin/python benchmarks/bench_accuracy.py            # nested evaluation of every variant + timing (about an hour)
    .venv/bin/python benchmarks/bench_accuracy.py --variants shipped   # the shipped settings only (about 10 minutes)
    .venv/bin/python benchmarks/bench_accuracy.py --choose   # also the variant the inner score picks on all data
    .venv/bin/python benchmarks/bench_accuracy.py --rules    # also print every key-phrase rule hit on the corpus
    .venv/bin/python benchmarks/bench_accuracy.py --noise    # also print every sentence left out as noise, and why
    .venv/bin/python benchmarks/bench_accuracy.py --skip-eval   # timing and corpus counts only

Quality: nested evaluation grouped by service (`termslens.detect.evaluate.nested_evaluation`) on
../shared/claudette-dev and claudette-extra (50 labelled terms of service of 43 services) and the ToS;DR quotes
(../shared/tosdr, 548 services). Services are dealt into 5 outer folds; in each, every training variant
(`train.VARIANTS`: C, LSA block, key phrases, ToS;DR positives, background weight) is trained on the other
folds and scored by inner cross-validation inside them, which alone chooses the variant; the chosen one's
predictions on the held-out fold make the tables. Every variant's inner and outer score is logged. The same
function backs `termslens detector evaluate`.

Corpus: on the 54 shared corpus documents, which categories the detector finds (model and rules, as an
analysis shows them: privacy notices told by their file name).

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
    parser.add_argument("--variants", choices=["all", "shipped"], default="all")
    parser.add_argument("--choose", action="store_true", help="also run the inner choice on all the data")
    parser.add_argument("--rules", action="store_true", help="print every rule hit on the corpus documents")
    parser.add_argument("--noise", action="store_true", help="print every corpus sentence left out as noise")
    parser.add_argument("--skip-eval", action="store_true", help="timing and corpus counts only")
    args = parser.parse_args()

    # Timing first, in a fresh process state: the first call reads the model.
    started = time.perf_counter()
    from termslens.detect import detect_clauses, detector_model

    imported = time.perf_counter()
    detect_clauses("We may terminate your account at any time, for any reason, without notice to you.")
    first = time.perf_counter()
    model = detector_model()
    print(f"import termslens.detect: {1000 * (imported - started):.0f} ms; first call (reads the model): "
          f"{1000 * (first - imported):.0f} ms; model: "
          f"{f'{len(model.categories)} categories' if model else 'UNAVAILABLE (rules only)'}")

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

    _print_corpus_categories(entries)
    if args.rules:
        _print_rule_hits(entries)
    if args.noise:
        _print_noise(entries)

    if not args.skip_eval:
        from termslens.detect.corpus import default_data_dirs
        from termslens.detect.dataset import build
        from termslens.detect.evaluate import choose_variant, format_nested, nested_evaluation
        from termslens.detect.train import SHIPPED, VARIANTS

        data = build(default_data_dirs(), SHARED / "tosdr")
        variants = VARIANTS if args.variants == "all" else (SHIPPED,)
        print(f"\nNested evaluation: {len(variants)} variant(s), {len(set(data.groups))} services ...", flush=True)
        t = time.perf_counter()
        result = nested_evaluation(data, variants, progress=lambda line: print("  " + line, flush=True))
        print(format_nested(result))
        print(f"({time.perf_counter() - t:.0f} s)")
        if args.choose:
            chosen, runs = choose_variant(data, variants, progress=lambda line: print("  " + line, flush=True))
            print(f"chosen on all data (what train.SHIPPED should be): {chosen.name}"
                  f"{'' if chosen == SHIPPED else f'  -- SHIPPED is {SHIPPED.name}: update it'}")


def _analysed(entries: list[dict]):
    """(entry, page, detections) for every corpus document, privacy notices told by the file name."""
    from termslens.detect import detect_clauses
    from termslens.document_kind import is_privacy_notice
    from termslens.segment import segment

    for entry in entries:
        page = segment((SHARED / entry["file"]).read_text("utf-8"))
        privacy = is_privacy_notice(title=Path(entry["file"]).name, url=None)
        yield entry, page, detect_clauses(page, privacy_notice=privacy)


def _print_corpus_categories(entries: list[dict]) -> None:
    from termslens.taxonomy import categories

    hits: Counter[str] = Counter()
    documents: dict[str, set[str]] = {}
    for entry, _, detections in _analysed(entries):
        for d in detections:
            hits[d.category] += 1
            documents.setdefault(d.category, set()).add(entry["file"])
    found = [c for c in categories() if hits[c]]
    print(f"\nCategories the detector finds on the {len(entries)} corpus documents: {len(found)} of "
          f"{len(categories())}")
    print("  " + ", ".join(f"{c} {hits[c]} ({len(documents.get(c, ()))} docs)" for c in categories()))
    missing = [c for c in categories() if not hits[c]]
    print(f"  never: {', '.join(missing) or 'none'}")


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


def _print_noise(entries: list[dict]) -> None:
    """Every eligible corpus sentence the noise filter leaves out, with why."""
    from termslens.detect.model import eligible
    from termslens.detect.noise import noise

    counts: Counter[str] = Counter()
    print("\nSentences left out as noise (eligible by length, not headings):")
    for entry, page, _ in _analysed(entries):
        ok = eligible(page.sentences)
        for index, why in sorted(noise(page).items()):
            if ok[index]:
                counts[why] += 1
                sentence = page.sentences[index]
                print(f"  [{why}] {entry['file'].removeprefix('corpus/')}: {sentence.text[:160]}")
    print("left out: " + ", ".join(f"{why} {n}" for why, n in counts.items()))


if __name__ == "__main__":
    sys.exit(main())
