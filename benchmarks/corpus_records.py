"""Benchmark material from ../shared/corpus: real clause passages as records, and drifted copies of pages.

Shared by bench_match.py and calibrate_cutoff.py, so both measure the same kind of input.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "server"), str(ROOT)]

from termslens.records import Document, Record, Service  # noqa: E402
from tests.support.edits import drift_document  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def corpus_documents() -> list[dict]:
    """index.json entries with their text loaded under "text"."""
    if not CORPUS.is_dir():
        sys.exit(f"error: {CORPUS} is missing; the benchmarks read the shared corpus beside the project")
    entries = json.loads((CORPUS / "index.json").read_text("utf-8"))
    for entry in entries:
        entry["text"] = (CORPUS.parent / entry["file"]).read_text("utf-8")
    return entries


def passages(text: str, rng: random.Random, count: int) -> list[str]:
    """Up to `count` clause-like passages of `text`: 1-3 whole sentences, 150-500 characters, no tables."""
    pool = []
    for paragraph in text.split("\n"):
        paragraph = paragraph.strip()
        if len(paragraph) < 150 or "|" in paragraph or paragraph.startswith(("#", "<")):
            continue
        sentences = _SENTENCE.split(paragraph)
        for start in range(0, len(sentences)):
            for size in (3, 2, 1):
                passage = " ".join(sentences[start : start + size])
                # A passage the document repeats (or nearly: same opening or ending) has no single true place.
                if 150 <= len(passage) <= 500 and text.count(passage[:80]) == 1 and text.count(passage[-80:]) == 1:
                    pool.append(passage)
                    break
    rng.shuffle(pool)
    chosen: list[str] = []
    taken: list[tuple[int, int]] = []
    for passage in pool:
        start = text.find(passage)
        end = start + len(passage)
        if all(end <= other_start or start >= other_end for other_start, other_end in taken):
            chosen.append(passage)
            taken.append((start, end))
        if len(chosen) == count:
            break
    return chosen


def claudette_passages() -> list[str]:
    """Passages of 1-3 consecutive sentences (150-500 characters) from the CLAUDETTE documents: more real
    terms-of-service text from 25 other services, for filling large record sets."""
    found = []
    for path in sorted((CORPUS.parent / "claudette-dev" / "docs").glob("*.txt")):
        sentences = [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]
        for start in range(len(sentences)):
            for size in (1, 2, 3):
                passage = " ".join(sentences[start : start + size])
                if 150 <= len(passage) <= 500:
                    found.append(passage)
                    break
    return found


def make_record(record_id: str, service: str, quote: str, *, category: str = "benchmark") -> Record:
    """A record carrying a real passage as its quote; the explanation fields are placeholders.

    Give planted and filler records different categories: records of two services that land on the same
    clause of the same category are merged into one annotation (as with Google and YouTube sharing a policy).
    """
    svc = Service(service.lower(), service, (f"{service.lower()}.example",))
    doc = Document("terms", "Terms", f"https://{service.lower()}.example/terms")
    return Record(
        id=record_id, service=svc, document=doc, category=category, severity="medium", stance="neutral",
        title=record_id, quote=quote, means="-", matters="-", actions=(), regulations=(),
        source_url=doc.url, source_date="2026-01-01", verified="2026-01-01",
    )


def drifted_page(entry: dict, rng: random.Random, *, planted: int, level: int) -> tuple[str, list[tuple[str, tuple[int, int]]]]:
    """A copy of a corpus page with `planted` passages drifted; returns it and (original passage, new span)."""
    chosen = passages(entry["text"], rng, planted)
    chosen.sort(key=entry["text"].find)
    text, spans = drift_document(entry["text"], chosen, seed=rng.randrange(10**6), level=level)
    return text, list(zip(chosen, spans))


def overlaps(span: tuple[int, int], truth: tuple[int, int], share: float = 0.5) -> bool:
    """True when `span` covers at least `share` of `truth` and is not more than twice its size."""
    inter = min(span[1], truth[1]) - max(span[0], truth[0])
    size = truth[1] - truth[0]
    return inter >= share * size and (span[1] - span[0]) <= 2 * size
