"""A library of 1,000 / 10,000 / 50,000 records from real passages: build time, start-up, memory and speed.

    .venv/bin/python benchmarks/bench_scale.py                 # 1,000, 10,000 and 50,000 records
    .venv/bin/python benchmarks/bench_scale.py --sizes 1000    # one size (a smoke run)

For each size the records are written as record files (100 records a service) to a temporary folder, and:
- build: compiling that folder into its on-disk index (validation, tokens, shingle postings, record blob),
  in this process, from nothing;
- first start: `termslens serve --records DIR` with an empty data folder, to its first answer (it builds);
- cold start: a new `termslens serve` over the same data folder (the index is on disk), from the process
  starting to its first answer of POST /api/v1/analyze on a 100 KB page (Python's compiled bytecode kept, as
  for any installed program: the first start wrote it); "1p" is the same for a service started with
  --no-detector-process (on a data folder of its own, started once before);
- RSS: that service's resident memory after it has answered every timed request, its detector process's
  included (the model lives there), and the peak (VmHWM, summed the same way);
- match ms: the service's matching stage (`analysis.locate_records`: the page's words, candidates from the
  index, alignment, one record per clause) on a 100 KB page, median over pages and repeats, on the library
  loaded exactly as the service loads it. "own page" is the page at its service's address, as a reader sees
  it: records of other services the page does not name cannot be shown there, so they are not aligned.
  "unknown page" is the same page with no address, where every candidate record is aligned (a record of
  an unnamed service is shown only on near-identical wording);
- API ms: POST /api/v1/analyze of the same pages to the running service, the whole answer (median); "1 proc"
  is the same answer from a service started with --no-detector-process (clause types detected in the service's
  own process), timed in turn with the first, page by page: the baseline of the detector process;
- recall: planted records placed on their drifted passage, indexed vs naive; naive ms: every record aligned
  over the whole page (rapidfuzz partial_ratio_alignment + the same refinement and cutoff). Above
  --naive-limit records, the naive time of the fillers is measured on a random sample of them and scaled to
  all (marked "~"); the naive recall is always measured on every planted record.
The curated and imported libraries shipped with TermsLens are loaded as well, as in real use.

Pages: four real corpus documents of 90-130 KB, each with 20 clause passages drifted the way publishers
revise them (tests/support/edits.py, levels 2 and 3); the planted records quote the original passages and
belong to the page's own service (the request's URL names it). Fillers are real passages from the corpus
(other services), the CLAUDETTE terms, the latest versions of 66 AI services' documents and ToS;DR quotes the
imported library does not use.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_records import ROOT, claudette_passages, corpus_documents, drifted_page, overlaps, passages  # noqa: E402

from termslens.analysis import locate_records  # noqa: E402
from termslens.engine import align_quote, tokenize  # noqa: E402
from termslens.library import load_library  # noqa: E402
from termslens.records import bundled_records_dir, imported_records_dir  # noqa: E402
from termslens.recordset import compile_folder  # noqa: E402
from termslens.segment import segment  # noqa: E402
from termslens.taxonomy import categories  # noqa: E402
from tests.support.serve import child_pids, free_port  # noqa: E402

SHARED = ROOT.parent / "shared"
PAGES = ("corpus/Microsoft/terms.md", "corpus/Facebook/terms.md", "corpus/PayPal/privacy.md", "corpus/Snapchat/terms.md")
PLANTED_PER_PAGE = 20
RECORDS_PER_FILE = 100
TERMSLENS = Path(sys.executable).with_name("termslens")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


# --- material -------------------------------------------------------------------------------------------------


def material() -> tuple[list[tuple[str, str, list]], list[str]]:
    """The benchmark's pages, as (service id, drifted text, planted passages), and its filler passages; the
    same every run."""
    rng = random.Random(20261202)
    entries = {d["file"]: d for d in corpus_documents()}
    pages = []
    for number, name in enumerate(PAGES):
        entry = entries[name]
        text, planted = drifted_page(entry, rng, planted=PLANTED_PER_PAGE, level=2 + number % 2)
        service_id = "page-" + entry["service"].lower().replace("-", "")
        pages.append((service_id, text, planted))
    fillers = filler_pool({entries[name]["service"] for name in PAGES}, [entries[name]["text"] for name in PAGES])
    return pages, fillers


def filler_pool(excluded_services: set[str], page_texts: list[str]) -> list[str]:
    """Real passages of 150-500 characters from every source but the pages' own services, in a fixed order,
    without repeats (and none a page holds verbatim: that would be the page's own clause)."""
    seen: set[str] = set()
    pool: list[str] = []

    def add(items) -> None:
        for passage in items:
            passage = passage.strip()
            if passage not in seen and not any(passage[:80] in page for page in page_texts):
                seen.add(passage)
                pool.append(passage)

    documents = [d for d in corpus_documents() if d["service"] not in excluded_services]
    add(p for d in documents for p in passages(d["text"], random.Random(d["file"]), 10_000))
    add(claudette_passages())
    versions = json.loads((SHARED / "versions" / "index.json").read_text("utf-8"))
    latest = [(SHARED / "versions" / entry["versions"][-1]["file"]).read_text("utf-8") for entry in versions]
    add(p for text in latest for p in passages(text, random.Random(len(text)), 10_000))
    extra = _claudette_extra()
    add(p for sentences in extra for p in _first_fits(sentences))
    add(_tosdr_quotes_not_imported())
    # Then overlapping windows (one to three sentences from every sentence on) of the same documents, and of
    # older kept versions of each AI service's document (older wording of the same clauses).
    for text in [d["text"] for d in documents] + latest:
        add(_windows(text))
    for path in sorted((SHARED / "claudette-dev" / "docs").glob("*.txt")):
        add(_windows_of([line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]))
    for sentences in extra:
        add(_windows_of(sentences))
    for position in (0, 1 / 2):  # the earliest kept version, then the middle one
        for entry in versions:
            chosen = entry["versions"][int(position * (len(entry["versions"]) - 1))]
            add(_windows((SHARED / "versions" / chosen["file"]).read_text("utf-8")))
    return pool


def _claudette_extra() -> list[list[str]]:
    """The lower-cased, tokenised ToS-100 sentences put back into plain text, by document."""
    path = SHARED / "claudette-extra" / "sentences.jsonl"
    by_doc: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        row = json.loads(line)
        text = row["text"].replace("-lrb-", "(").replace("-rrb-", ")").replace("``", '"').replace("''", '"')
        text = re.sub(r"\s+([.,;:!?)])", r"\1", re.sub(r"\(\s+", "(", text))
        by_doc.setdefault(row["doc"], []).append(text)
    return list(by_doc.values())


def _first_fits(sentences: list[str]) -> list[str]:
    """From every sentence on, the shortest run of one to three sentences of 150-500 characters."""
    out = []
    for start in range(len(sentences)):
        for size in (1, 2, 3):
            passage = " ".join(sentences[start : start + size])
            if 150 <= len(passage) <= 500:
                out.append(passage)
                break
    return out


def _tosdr_quotes_not_imported() -> list[str]:
    imported = {r["quote"] for path in imported_records_dir().glob("*.json")
                for r in json.loads(path.read_text("utf-8"))["records"]}
    out = []
    for line in (SHARED / "tosdr" / "points.jsonl").read_text("utf-8").splitlines():
        quote = json.loads(line)["quote_text"]
        if quote:
            quote = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", quote)).split())
            if 150 <= len(quote) <= 500 and quote not in imported:
                out.append(quote)
    return out


def _windows(text: str) -> list[str]:
    """Every run of one to three sentences of 150-500 characters within a paragraph of `text`."""
    out = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if len(paragraph) >= 150 and "|" not in paragraph and not paragraph.startswith(("#", "<")):
            out += _windows_of(_SENTENCE.split(paragraph))
    return out


def _windows_of(sentences: list[str]) -> list[str]:
    out = []
    for start in range(len(sentences)):
        for size in (1, 2, 3):
            passage = " ".join(sentences[start : start + size])
            if 150 <= len(passage) <= 500:
                out.append(passage)
    return out


def record(record_id: str, quote: str, category: str, url: str) -> dict:
    return {
        "id": record_id, "document": "terms", "category": category, "severity": "medium", "stance": "bad",
        "title": f"Benchmark record {record_id}", "quote": quote,
        "means": "A real clause passage used as a benchmark record.", "matters": "It makes the library large.",
        "actions": [], "source_url": url, "source_date": "2026-01-01", "verified": "2026-01-01",
    }


def write_library(folder: Path, size: int, planted: list[tuple[str, str, list[str]]], fillers: list[str]) -> None:
    """Record files for `size` records: each page's planted records under its own service, then fillers."""
    folder.mkdir(parents=True)
    for service_id, _, quotes in planted:
        url = f"https://{service_id}.example/terms"
        data = {"schema_version": 1, "service": {"id": service_id, "name": service_id, "domains": [f"{service_id}.example"]},
                "documents": {"terms": {"title": "Terms", "url": url}},
                "records": [record(f"{service_id}-{k}", q, "data-sharing", url) for k, q in enumerate(quotes)]}
        (folder / f"{service_id}.json").write_text(json.dumps(data), "utf-8")
    count = size - sum(len(quotes) for _, _, quotes in planted)
    if count > len(fillers):
        sys.exit(f"error: only {len(fillers):,} filler passages for {size:,} records")
    category_ids = list(categories())
    for start in range(0, count, RECORDS_PER_FILE):
        service_id = f"filler-{start // RECORDS_PER_FILE}"
        url = f"https://{service_id}.example/terms"
        records = [record(f"{service_id}-{k}", fillers[start + k], category_ids[(start + k) % len(category_ids)], url)
                   for k in range(min(RECORDS_PER_FILE, count - start))]
        data = {"schema_version": 1, "service": {"id": service_id, "name": f"Filler {start // RECORDS_PER_FILE}", "domains": [f"{service_id}.example"]},
                "documents": {"terms": {"title": "Terms", "url": url}}, "records": records}
        (folder / f"{service_id}.json").write_text(json.dumps(data), "utf-8")


# --- the running service ----------------------------------------------------------------------------------------


def post(port: int, body: dict, timeout: float = 120) -> dict:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/analyze", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def start_to_first_answer(
    data_dir: Path, records: Path, body: dict, *options: str, tree: Path | None = None
) -> tuple[subprocess.Popen, int, float]:
    """Start `termslens serve` (the installed one, or with `tree` the package of that source tree, in this
    environment) and ask until it answers `body`; (process, port, seconds from start)."""
    port = free_port()
    env = {**os.environ, "TERMSLENS_DATA_DIR": str(data_dir)}
    env.pop("TERMSLENS_RECORDS", None)
    # Python keeps modules' compiled bytecode, as on any installed service; a development shell that sets
    # PYTHONDONTWRITEBYTECODE would have the service compile every module of its own at every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [str(TERMSLENS)]
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "server")
        command = [sys.executable, "-c", "from termslens.cli import main; main()"]
    started = time.perf_counter()
    process = subprocess.Popen([*command, "serve", "--port", str(port), "--records", str(records), *options],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        if process.poll() is not None:
            sys.exit(f"error: termslens serve{f' of {tree}' if tree else ''} exited with {process.returncode}")
        try:
            post(port, body)
            return process, port, time.perf_counter() - started
        except OSError:
            time.sleep(0.01)


def memory(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process and its child processes together, in MB."""
    values = {"VmRSS:": 0, "VmHWM:": 0}
    for process in [pid, *child_pids(pid)]:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            if line.startswith(tuple(values)):
                key, value = line.split(None, 1)
                values[key] += int(value.split()[0])
    return values["VmRSS:"] // 1024, values["VmHWM:"] // 1024



def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- measuring ------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per page")
    parser.add_argument("--naive-limit", type=int, default=5_000,
                        help="above this many records, time the naive baseline on a sample of fillers")
    parser.add_argument("--naive-sample", type=int, default=1_000)
    args = parser.parse_args()
    pages, fillers = material()
    print(f"pages: {', '.join(f'{n} ({len(t) // 1000} KB)' for n, (_, t, _) in zip(PAGES, pages))}")
    print(f"filler passages available: {len(fillers):,}; machine: {os.cpu_count()} cores, shared with other work")
    print(f"machine speed: a 10-million-step Python loop takes {loop_seconds():.2f} s (again at the end)")

    rows = []
    for size in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{size}-"))
        try:
            rows.append(measure(size, work, pages, fillers, args, random.Random(size)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print()
    header = (f"{'records':>8} {'+shipped':>8} {'build s':>8} {'1st start s':>11} {'cold start s':>12} {'1p':>5} {'RSS MB':>7} "
              f"{'peak MB':>8} {'match ms':>9} {'unknown ms':>10} {'API ms':>7} {'1 proc':>7} {'naive ms':>9} "
              f"{'recall idx':>10} {'recall naive':>12}")
    print(header)
    for row in rows:
        print(f"{row['size']:>8,} {row['shipped']:>8,} {row['build']:>8.1f} {row['first_start']:>11.1f} {row['cold_start']:>12.2f} "
              f"{row['cold_start_one']:>5.2f} "
              f"{row['rss']:>7} {row['peak']:>8} {row['match_ms']:>9.1f} {row['unknown_ms']:>10.1f} {row['api_ms']:>7.0f} "
              f"{row['api_one_ms']:>7.0f} "
              f"{row['naive_mark']}{row['naive_ms']:>8,.0f} {row['recall']:>9.1f}% {row['naive_recall']:>11.1f}%")
    print("\nmatch ms: on the page at its service's address; unknown ms: the same page with no address.")
    print("match/unknown/API/naive ms: medians over pages (and repeats); ~ naive time scaled from a sample of fillers.")
    print("1p, 1 proc: the cold start and the API answer of a service started with --no-detector-process.")
    print(f"machine speed at the end: {loop_seconds():.2f} s for the 10-million-step loop (the absolute figures above "
          "scale with it; ratios to the one-process service do not)")


def loop_seconds() -> float:
    """A plain Python loop of ten million steps, timed: how fast this (shared) machine runs Python right now."""
    started = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.perf_counter() - started


def measure(size: int, work: Path, pages, fillers: list[str], args, rng: random.Random) -> dict:
    records_dir = work / "records"
    planted = [(service_id, text, [quote for quote, _ in planted]) for service_id, text, planted in pages]
    write_library(records_dir, size, planted, fillers)
    body_of = {service_id: {"text": text, "url": f"https://{service_id}.example/terms", "title": "Terms"}
               for service_id, text, _ in pages}
    print(f"\n{size:,} records ({sum(p.stat().st_size for p in records_dir.iterdir()) // 1_000_000} MB of record files)")

    started = time.perf_counter()
    compile_folder(records_dir, cache_dir=work / "build-cache")
    build = time.perf_counter() - started
    print(f"  build: {build:.1f} s")

    data_dir = work / "data"
    first_body = body_of[pages[0][0]]
    process, _, first_start = start_to_first_answer(data_dir, records_dir, first_body)
    stop(process)
    print(f"  first start (building its index): {first_start:.1f} s")

    one_process = ("--no-detector-process",)
    baseline, _, _ = start_to_first_answer(work / "data-one-process", records_dir, first_body, *one_process)
    stop(baseline)  # it built its index: the next start is a cold one
    baseline, baseline_port, cold_start_one = start_to_first_answer(work / "data-one-process", records_dir,
                                                                    first_body, *one_process)
    process, port, cold_start = start_to_first_answer(data_dir, records_dir, first_body)
    try:
        print(f"  cold start to first answer (index on disk): {cold_start:.2f} s ({cold_start_one:.2f} s in one process)")
        api_times, api_one_times = [], []
        for _ in range(args.repeat):
            for service_id, _, _ in pages:
                for times, to in ((api_times, port), (api_one_times, baseline_port)):
                    started = time.perf_counter()
                    post(to, body_of[service_id])
                    times.append((time.perf_counter() - started) * 1000)
        rss, peak = memory(process.pid)
        rss_one, _ = memory(baseline.pid)
    finally:
        stop(process)
        stop(baseline)
    print(f"  API answer: median {statistics.median(api_times):.0f} ms "
          f"({statistics.median(api_one_times):.0f} ms in one process, ratio "
          f"{statistics.median(api_times) / statistics.median(api_one_times):.2f}); "
          f"RSS {rss} MB with its detector process (peak {peak} MB; {rss_one} MB in one process)")

    library = load_library([bundled_records_dir(), imported_records_dir(), records_dir], cache_dir=data_dir / "index")
    shipped = len(library) - size
    match_times, unknown_times, found, naive_found, total, naive_times = [], [], 0, 0, 0, []
    naive_mark = " "
    for service_id, text, planted_page in pages:
        truth = {f"{service_id}-{k}": span for k, (_, span) in enumerate(planted_page)}
        own_service = library.service_for_url(body_of[service_id]["url"])
        for _ in range(args.repeat):
            page = segment(text)  # a fresh page each time: its words are part of matching
            started = time.perf_counter()
            matches = locate_records(page, library, own_service)
            match_times.append((time.perf_counter() - started) * 1000)
            page = segment(text)
            started = time.perf_counter()
            locate_records(page, library, None)
            unknown_times.append((time.perf_counter() - started) * 1000)
        found += sum(1 for m in matches if m.record.id in truth and overlaps((m.start, m.end), truth[m.record.id]))
        total += len(truth)

        page = tokenize(text)
        started = time.perf_counter()
        for _record_id, (quote, span) in zip(truth, planted_page):
            naive = align_quote(text, quote, page=page)
            naive_found += naive is not None and overlaps((naive.start, naive.end), span)
        planted_seconds = time.perf_counter() - started
        others = [r for r in library.records if r.id not in truth]
        sample = others if len(library) <= args.naive_limit else rng.sample(others, args.naive_sample)
        started = time.perf_counter()
        for other in sample:
            align_quote(text, other.quote, page=page)
        filler_seconds = (time.perf_counter() - started) * len(others) / len(sample)
        naive_mark = "~" if len(sample) < len(others) else " "
        naive_times.append((planted_seconds + filler_seconds) * 1000)
    recall, naive_recall = 100 * found / total, 100 * naive_found / total
    print(f"  match: median {statistics.median(match_times):.1f} ms on the service's own page, "
          f"{statistics.median(unknown_times):.1f} ms with no address; recall {recall:.1f}% (naive {naive_recall:.1f}%, "
          f"{naive_mark}{statistics.median(naive_times):,.0f} ms)")
    return {
        "size": size, "shipped": shipped, "build": build, "first_start": first_start, "cold_start": cold_start,
        "cold_start_one": cold_start_one,
        "rss": rss, "peak": peak, "match_ms": statistics.median(match_times),
        "unknown_ms": statistics.median(unknown_times), "api_ms": statistics.median(api_times),
        "api_one_ms": statistics.median(api_one_times),
        "naive_ms": statistics.median(naive_times), "naive_mark": naive_mark, "recall": recall, "naive_recall": naive_recall,
    }


if __name__ == "__main__":
    main()
