"""Records on older wordings of their own documents: recall before and after `termslens.reworded`, and wrong
placements (which must stay 0).

    .venv/bin/python benchmarks/bench_reworded.py              # the measurement (fresh seeds)
    .venv/bin/python benchmarks/bench_reworded.py --calibrate  # the thresholds, cross-validated by service

For every bundled record, its source document (../shared/corpus) is changed where the record's clause sits:
- positives, the clause in an older wording (tests/support/older.py): `reworded` (about one word in six, a
  number changed), `sentence-absent` (one of its sentences missing), `sentence-added` (one more sentence);
- negatives, the clause gone: `removed`, or `lookalike` (in its place another service's clause of the same
  category, as that service words it).
Each page is analysed as a user would meet it, with the record's document address. A record found on the
clause's span (overlapping at least half of it, at most twice its size) is right; found only on an untouched
second copy of the same clause elsewhere in the document (some terms repeat a clause per region) is counted
apart, as the page still has the clause there; found anywhere else, or at all on a negative, it is a wrong
placement.

`--calibrate` gathers the evidence `termslens.reworded` weighs for each record the matcher misses, under
another seed, and picks thresholds on half the services to place the most clauses with no wrong placement,
then counts what that choice does on the other half (five random halvings, both ways).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import random
import sys
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "server"), str(ROOT), str(ROOT / "benchmarks")]

from corpus_records import corpus_documents, overlaps  # noqa: E402

from termslens import reworded  # noqa: E402
from termslens.analysis import analyze  # noqa: E402
from termslens.library import Library  # noqa: E402
from termslens.records import bundled_records_dir, load_records  # noqa: E402
from termslens.segment import segment  # noqa: E402
from tests.support.edits import drift  # noqa: E402
from tests.support.older import KINDS, older_wording  # noqa: E402
from tests.test_records import CORPUS_FOLDER  # noqa: E402

NEGATIVES = ("removed", "lookalike")
# A placement outside the changed span on text this close (rapidfuzz ratio) to the original clause is on a
# second copy of it, which the page still has (e.g. Google's terms repeat clauses per region).
COPY_RATIO = 90


def source_text(corpus: dict[str, str], service_id: str, document: str) -> str:
    text = corpus[f"{CORPUS_FOLDER[service_id]}/{document}"]
    return text.split("\nNon-User Privacy Policy\n====", 1)[0]  # as tests/test_records.py reads Anthropic's


def cases(library: Library, corpus: dict[str, str], *, seed: int):
    """(kind, record, page, truth span or None, edit) for every record and kind: `edit` is the span of the page
    that was changed and the original clause's text."""
    by_category = collections.defaultdict(list)
    for record in library.records:
        by_category[record.category].append(record)
    for record in library.records:
        text = source_text(corpus, record.service.id, record.document.id)
        placed = [a for a in analyze(library, text, url=record.document.url, generic=False, reworded=False).annotations
                  if a.record is not None and a.record.id == record.id]
        if not placed:
            continue
        start, end = placed[0].start, placed[0].end
        own_seed = seed * 100_003 + zlib.crc32(record.id.encode())
        for kind in KINDS:
            try:
                older = older_wording(text[start:end], seed=own_seed, kind=kind)
            except ValueError:
                continue
            yield kind, record, text[:start] + older + text[end:], (start, start + len(older)), \
                Edit(start, start + len(older), text[start:end])
        yield "removed", record, text[:start] + text[end:], None, Edit(start, start, text[start:end])
        others = [r for r in by_category[record.category] if r.service.id != record.service.id]
        if others:
            other = random.Random(own_seed).choice(others)
            lookalike = drift(other.quote, seed=own_seed, level=1)
            yield "lookalike", record, text[:start] + lookalike + text[end:], None, \
                Edit(start, start + len(lookalike), text[start:end])


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    clause: str  # the clause's text in the unchanged document


def outcome(analysis, record, truth, edit: Edit) -> str:
    """right (on the changed clause), copy (on an untouched second copy of the same clause elsewhere in the
    document, as some terms repeat a clause per region: the page still has the clause there), wrong, or missed."""
    found = [a for a in analysis.annotations if a.record is not None and a.record.id == record.id]
    if not found:
        return "missed"
    if truth is not None and any(overlaps((a.start, a.end), truth) for a in found):
        return "right"
    untouched = [a for a in found if a.end <= edit.start or a.start >= edit.end]
    if len(untouched) == len(found) and all(fuzz.ratio(a.exact, edit.clause) >= COPY_RATIO for a in untouched):
        return "copy"
    return "wrong"


def measure(seed: int) -> None:
    library = Library(load_records([bundled_records_dir()]))
    corpus = {d["file"].removeprefix("corpus/").removesuffix(".md"): d["text"] for d in corpus_documents()}
    table = collections.defaultdict(Counter)
    cost = {False: 0.0, True: 0.0}
    for kind, record, page, truth, edit in cases(library, corpus, seed=seed):
        for after in (False, True):
            started = time.perf_counter()
            analysis = analyze(library, page, url=record.document.url, generic=False, reworded=after)
            cost[after] += time.perf_counter() - started
            table[kind][(after, outcome(analysis, record, truth, edit))] += 1
    print(f"Records on older wordings of their own documents (seed {seed}; the machine is shared, times are noisy)\n")
    print(f"{'case':<18} {'n':>5}  {'found before':>12} {'found after':>12}  {'wrong before':>12} {'wrong after':>12}"
          f"  {'on a copy':>9}")
    totals = Counter()
    for kind in (*KINDS, *NEGATIVES):
        counts = table[kind]
        n = sum(v for (after, _), v in counts.items() if not after)
        row = [counts[(False, "right")], counts[(True, "right")], counts[(False, "wrong")], counts[(True, "wrong")]]
        positive = kind in KINDS
        print(f"{kind:<18} {n:>5}  " + (f"{row[0]:>5} {100 * row[0] / n:5.1f}% {row[1]:>5} {100 * row[1] / n:5.1f}%" if positive
                                        else f"{'-':>12} {'-':>12}") + f"  {row[2]:>12} {row[3]:>12}"
              f"  {counts[(False, 'copy')]:>4} {counts[(True, 'copy')]:>4}")
        totals.update({"n_pos" if positive else "n_neg": n, "before": row[0] if positive else 0,
                       "after": row[1] if positive else 0, "wrong_before": row[2], "wrong_after": row[3],
                       "copy_before": counts[(False, "copy")], "copy_after": counts[(True, "copy")]})
    print(f"\nreworded clauses found: {totals['before']}/{totals['n_pos']} ({100 * totals['before'] / totals['n_pos']:.1f}%) before, "
          f"{totals['after']}/{totals['n_pos']} ({100 * totals['after'] / totals['n_pos']:.1f}%) after")
    print(f"wrong placements: {totals['wrong_before']} before, {totals['wrong_after']} after "
          f"(of {totals['n_pos'] + totals['n_neg']} pages)")
    print(f"placed on an untouched second copy of the clause (not wrong: the page still has it there): "
          f"{totals['copy_before']} before, {totals['copy_after']} after")
    pages = sum(sum(v for (a, _), v in c.items() if not a) for c in table.values())
    print(f"analysis time per page (no clause-type detector): {1000 * cost[False] / pages:.0f} ms before, "
          f"{1000 * cost[True] / pages:.0f} ms after")


def calibrate(seed: int, *, dump: str | None = None) -> None:
    library = Library(load_records([bundled_records_dir()]))
    corpus = {d["file"].removeprefix("corpus/").removesuffix(".md"): d["text"] for d in corpus_documents()}
    rows = []
    for kind, record, page_text, truth, edit in cases(library, corpus, seed=seed):
        analysis = analyze(library, page_text, url=record.document.url, generic=False, reworded=False)
        if outcome(analysis, record, truth, edit) != "missed":
            continue
        page = segment(page_text)
        evidence = reworded.gather_evidence(page, record, Counter(page.tokens.words))
        taken = [(a.start, a.end) for a in analysis.annotations if a.record is not None]
        rows.append((kind, record.service.id, page, truth, evidence, taken))
    if dump:
        import pickle

        with open(dump, "wb") as handle:
            pickle.dump([(k, svc, page.text, truth, ev, taken) for k, svc, page, truth, ev, taken in rows], handle)
    grid = list(itertools.product((70, 72, 75, 78), (70, 80, 90), (70, 80, 90), (85, 90, 95), (0.5, 0.6, 0.7, 0.8)))
    services = sorted({row[1] for row in rows})

    def result(params, selected):
        cutoff, words, rare, sentence, share = params
        good = bad = 0
        for _kind, _, page, truth, evidence, taken in selected:
            placed = evidence and reworded.decide(evidence, page, cutoff=cutoff, word_recall=words, rare_recall=rare,
                                                  sentence_cutoff=sentence, present_share=share)
            if not placed or any(min(placed[1], e) > max(placed[0], s) for s, e in taken):
                continue
            if truth is not None and overlaps(placed[:2], truth):
                good += 1
            else:
                bad += 1
        return good, bad

    print(f"{len(rows)} clauses the matcher misses ({Counter(r[0] for r in rows)})\n")
    held_good = held_bad = held_total = 0
    rng = random.Random(seed)
    for round_ in range(5):
        shuffled = services[:]
        rng.shuffle(shuffled)
        half = set(shuffled[: len(shuffled) // 2])
        for train in (half, set(services) - half):
            fit = [r for r in rows if r[1] in train]
            test = [r for r in rows if r[1] not in train]
            scored = [(result(p, fit), p) for p in grid]
            (good, _), best = max(((g, b), p) for (g, b), p in scored if b == 0)
            test_good, test_bad = result(best, test)
            total = sum(1 for r in test if r[0] in KINDS)
            held_good, held_bad, held_total = held_good + test_good, held_bad + test_bad, held_total + total
            print(f"round {round_}: chose cutoff/words/rare/sentence/share = {best} (fit: {good} found, 0 wrong); "
                  f"held out: {test_good}/{total} found, {test_bad} wrong")
    print(f"\nheld out in all: {held_good}/{held_total} found, {held_bad} wrong")
    shipped = (reworded.REWORDED_CUTOFF, reworded.WORD_RECALL_CUTOFF, reworded.RARE_RECALL_CUTOFF,
               reworded.SENTENCE_CUTOFF, reworded.PRESENT_SHARE)
    print(f"shipped {shipped} on all these clauses: {result(shipped, rows)} (found, wrong)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--dump", help="(with --calibrate) keep the gathered evidence in this pickle file")
    args = parser.parse_args()
    if args.calibrate:
        calibrate(args.seed if args.seed is not None else 1, dump=args.dump)
    else:
        measure(args.seed if args.seed is not None else 2)
