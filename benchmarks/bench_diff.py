"""The clause-level diff's speed on 100 KB version pairs, and the storage all 571 versions of ../shared/versions
take in the document history.

    .venv/bin/python benchmarks/bench_diff.py            # speed and storage
    .venv/bin/python benchmarks/bench_diff.py --pairs    # best-pair scores between changed stretches (PAIR_CUTOFF)

Speed, on two kinds of 100 KB pairs, each timed as the median CPU time of 5 runs (the process's own time: on a
machine shared with other jobs, wall time mostly measures them):
- real: consecutive versions of the largest documents of ../shared/versions (Llama API's privacy policy,
  190 KB, cut to its first 100 KB on a paragraph break; Speechify's terms, 80 KB, whole);
- planted: the first 100 KB of the longest corpus documents and a copy with 25 passages reworded
  (tests/support/edits.py, level 3), one paragraph removed and one added.
"from texts" is `termslens diff` without its analyses: both texts segmented, their words normalised and hashed,
then aligned. "in the service" is what `POST /analyze` adds: the page is already segmented by the analysis and
the earlier version's clause boundaries and hashes come from the history, so only its words are read again.

Storage: every version kept through `termslens.history.History.keep`, document by document in date order, as
the service keeps what a reader reads; the figures are the texts' bytes on disk and the metadata database.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "server"), str(ROOT), str(ROOT / "benchmarks")]

from corpus_records import corpus_documents, passages  # noqa: E402

from termslens.diff import diff_versions  # noqa: E402
from termslens.history import History  # noqa: E402
from termslens.segment import segment  # noqa: E402
from termslens.versions import read_stored_version, read_version  # noqa: E402
from tests.support.edits import drift_document  # noqa: E402

VERSIONS = ROOT.parent / "shared" / "versions"
SIZE = 100_000
RUNS = 5


def index() -> list[dict]:
    if not (VERSIONS / "index.json").is_file():
        sys.exit(f"error: {VERSIONS} is missing; the benchmarks read the shared versions beside the project")
    entries = json.loads((VERSIONS / "index.json").read_text("utf-8"))
    for entry in entries:
        entry["versions"].sort(key=lambda v: v["date"])
    return entries


def cut(text: str, size: int = SIZE) -> str:
    """The first `size` characters of `text`, ending at a paragraph break."""
    if len(text) <= size:
        return text
    end = text.rfind("\n\n", 0, size)
    return text[: end if end > size // 2 else size]


def real_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for entry in index():
        if entry["service"] in ("Llama API", "Speechify") and entry["document"] in ("Privacy Policy", "Terms of Service"):
            files = [v["file"] for v in entry["versions"] if v["chars"] >= 75_000]
            for a, b in list(zip(files, files[1:]))[-4:]:
                old, new = ((VERSIONS / f).read_text("utf-8") for f in (a, b))
                pairs.append((f"{entry['service']} {entry['document']} {b[-24:-3]}", cut(old), cut(new)))
    return pairs


def planted_pairs() -> list[tuple[str, str, str]]:
    rng = random.Random(5)
    pairs = []
    for entry in sorted(corpus_documents(), key=lambda d: -len(d["text"]))[:6]:
        old = cut(entry["text"])
        chosen = sorted(passages(old, rng, 25), key=old.find)
        new, _ = drift_document(old, chosen, seed=rng.randrange(1000), level=3)
        paragraphs = new.split("\n\n")
        del paragraphs[len(paragraphs) // 3]
        paragraphs.insert(2 * len(paragraphs) // 3, "We may also use your content to train our artificial intelligence models.")
        pairs.append((entry["file"].removeprefix("corpus/"), old, "\n\n".join(paragraphs)))
    return pairs


def timed(function) -> tuple[float, object]:
    """The median CPU time of this process over RUNS calls (on a shared machine, wall time mostly measures the
    other processes), and the last result."""
    times, result = [], None
    for _ in range(RUNS):
        started = time.process_time()
        result = function()
        times.append(time.process_time() - started)
    return statistics.median(times), result


def speed() -> None:
    print(f"Diff of two 100 KB versions: median CPU time of {RUNS} runs (the machine is shared; CPU time, not wall time)\n")
    print(f"{'pair':<46} {'KB':>4} {'changes':>8} {'material':>8} {'read both':>10} {'align+rules':>11} "
          f"{'from texts':>10} {'in service':>10}")
    worst = {"from texts": 0.0, "in service": 0.0, "align": 0.0}
    for kind, pairs in (("real", real_pairs()), ("planted", planted_pairs())):
        for name, old, new in pairs:
            read, (old_version, new_version) = timed(lambda: (read_version(old), read_version(new)))
            align, changes = timed(lambda: diff_versions(old_version, new_version))
            full, _ = timed(lambda: diff_versions(read_version(old), read_version(new)))
            stored = [(c.start, c.end, c.hash, c.heading) for c in old_version.clauses]
            new_page = segment(new)
            new_page.tokens  # the analysis has segmented and tokenised the page already
            new_page.blocks

            def in_service():
                # As `changes.changes_since`: nothing to read when the kept version is the page's.
                version = read_version(new, page=new_page)
                if version.hash == old_version.hash:
                    return []
                return diff_versions(read_stored_version(old, stored, old_version.hash), version)

            service, _ = timed(in_service)
            worst["from texts"] = max(worst["from texts"], full)
            worst["in service"] = max(worst["in service"], service)
            worst["align"] = max(worst["align"], align)
            material = sum(c.material for c in changes)
            print(f"{kind + ': ' + name:<46.46} {(len(old) + len(new)) // 2000:>4} {len(changes):>8} {material:>8} "
                  f"{1000 * read:>8.0f}ms {1000 * align:>9.0f}ms {1000 * full:>8.0f}ms {1000 * service:>8.0f}ms")
    print(f"\nslowest: {1000 * worst['from texts']:.0f} ms from texts, {1000 * worst['in service']:.0f} ms in the service, "
          f"{1000 * worst['align']:.0f} ms aligning two read versions (target: 100 ms)")


def storage() -> None:
    entries = index()
    files = [v["file"] for e in entries for v in e["versions"]]
    raw = sum(len((VERSIONS / f).read_bytes()) for f in files)
    distinct = {(VERSIONS / f).read_bytes() for f in files}
    whole = sum(len(lzma.compress(b)) for b in distinct)
    with tempfile.TemporaryDirectory() as folder:
        history = History(Path(folder))
        started = time.perf_counter()
        for number, entry in enumerate(entries):
            url = f"https://documents.example/{number}"
            for v in entry["versions"]:
                text = (VERSIONS / v["file"]).read_text("utf-8")
                version = read_version(text)
                history.keep(url, text, version_hash=version.hash, clauses=[(c.start, c.end, c.hash, c.heading) for c in version.clauses],
                             labels=[], now=v["date"][:19] + "Z")
        elapsed = time.perf_counter() - started
        kept = sum(len(d.versions) for d in history.documents())
        history.close()  # the last connection out folds the write-ahead log into the database
        texts = list((Path(folder) / "texts").glob("*/*.xz"))
        text_bytes = sum(p.stat().st_size for p in texts)
        blocks = sum(-(-p.stat().st_size // 4096) * 4096 for p in texts)
        database = sum(p.stat().st_size for p in Path(folder).glob("store.sqlite3*"))
    print(f"\nStorage of all {len(files)} versions of {len(entries)} documents (../shared/versions)\n")
    print(f"  texts as published:                {raw / 1e6:8.2f} MB ({len(distinct)} distinct texts)")
    print(f"  versions kept:                     {kept:8d} (the others differ from the one before only in formatting)")
    print(f"  each distinct text lzma-compressed: {whole / 1e6:7.2f} MB (for comparison)")
    print(f"  kept texts (reverse deltas, lzma): {text_bytes / 1e6:8.2f} MB in {len(texts)} files "
          f"({blocks / 1e6:.2f} MB in 4 KB blocks)")
    print(f"  metadata (the store, store.sqlite3): {database / 1e6:6.2f} MB")
    print(f"  total: {(text_bytes + database) / 1e6:.2f} MB, {raw / (text_bytes + database):.0f}x smaller than the "
          f"texts; keeping them all took {elapsed:.1f} s ({1000 * elapsed / len(files):.0f} ms a version)")


def pair_scores() -> None:
    """Best-pair fuzz.ratio between the changed stretches of consecutive versions, by 5-point band (what
    PAIR_CUTOFF was chosen from, reading samples of each band)."""
    import difflib
    from collections import Counter

    from rapidfuzz import fuzz, process

    bands: Counter[int] = Counter()
    for entry in index():
        texts = [read_version((VERSIONS / v["file"]).read_text("utf-8")) for v in entry["versions"]]
        for a, b in zip(texts, texts[1:]):
            matcher = difflib.SequenceMatcher(None, [c.hash for c in a.clauses], [c.hash for c in b.clauses], autojunk=False)
            for tag, i1, i2, j1, j2 in matcher.get_opcodes():
                if tag != "replace":
                    continue
                old = [" ".join(c.words.words) for c in a.clauses[i1:i2]]
                new = [" ".join(c.words.words) for c in b.clauses[j1:j2]]
                for row in process.cdist(old, new, scorer=fuzz.ratio):
                    bands[int(row.max() // 5 * 5)] += 1
    for band in sorted(bands):
        print(f"  {band:3d}-{band + 5:<3d} {bands[band]:6d}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", action="store_true", help="print the best-pair score bands")
    args = parser.parse_args()
    if args.pairs:
        pair_scores()
    else:
        speed()
        storage()
