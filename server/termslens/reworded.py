"""Records found on reworded wording of their own document (pure: no I/O).

The matcher places a record where the page's words score MATCH_CUTOFF (84) or more against its quote: at 82
sit similar clauses of other companies, so it cannot go lower for every page. On the record's own document
(the page's address is the record's document address) an older or newer wording of the clause is what the
page most likely holds, and a clause reworded over several revisions scores 70-84. There, and only there, a
record the matcher did not place is placed on its best-scoring span when three things hold:

- the span scores REWORDED_CUTOFF or more against the quote (fuzz.ratio of folded words);
- it holds WORD_RECALL_CUTOFF % of the quote's content words (words of 4 letters or more, each counted once);
- it holds RARE_RECALL_CUTOFF % of the quote's rare words, those the page uses at most RARE_MAX_COUNT times
  (names, numbers, the clause's own terms).

A lookalike clause of the same document (a regional variant, the same rule for another product, a summary)
paraphrases the clause in other words; an older wording keeps its words. When a quote of several sentences
does not pass as a whole, its sentences are placed one by one: the sentences found near-verbatim
(SENTENCE_CUTOFF), next to each other and in the quote's order, holding PRESENT_SHARE of its words, are the
clause; the others are reported absent by the wording check.

The thresholds were chosen on drifted copies of the records' own clauses (tests/support/older.py) and on the
same documents with the clause removed or replaced by another company's clause of the same category
(`benchmarks/bench_reworded.py --calibrate`, seed 1: 900 clauses the matcher misses): the whole-quote rule
(70 / 80 % / 80 %) placed 87 clauses and nothing wrongly; sentence by sentence, a present share of 0.6 placed 7
records wrongly (two of Pinterest's paragraphs share their first sentences), 0.7 none. The figures that count
are measured on fresh copies (seed 2, `bench_reworded.py`). A record never lands on a clause another record
already holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termslens.address import AddressError, canonical_address
from termslens.engine import Match, align_quote
from termslens.engine.tokens import tokenize
from termslens.library import Library
from termslens.records import Record
from termslens.segment import Page

REWORDED_CUTOFF = 70.0
WORD_RECALL_CUTOFF = 80.0
RARE_RECALL_CUTOFF = 80.0
RARE_MAX_COUNT = 3
CONTENT_MIN_LETTERS = 4
# Sentence by sentence: a sentence is present when it scores this against its best span ...
SENTENCE_CUTOFF = 85.0
# ... and the present sentences, adjacent on the page, hold at least this share of the quote's words. At 0.6,
# two of the quote's three sentences were placed on a paragraph of the same document that repeats them
# before saying something else (Pinterest's privacy policy states its model training twice).
PRESENT_SHARE = 0.7
# Present sentences count as adjacent when at most this many words lie between them on the page.
SENTENCE_GAP_WORDS = 3

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def records_of_document(library: Library, url: str) -> list[Record]:
    """The library's own (not imported) records whose document (or source) is at `url`'s canonical address."""
    try:
        address = canonical_address(url)
    except AddressError:
        return []
    return [record for record_set in library.sets for record in record_set.records_at(address)]


def find_reworded(page: Page, library: Library, url: str | None, placed: Sequence[Match]) -> list[Match]:
    """Records of the page's own document that the matcher did not place, found on reworded wording (see the
    module's docstring); none when the page has no address or is not a record's document."""
    if not url:
        return []
    done = {match.record.id for match in placed}
    # The project's own records only: an imported record's quote is another project's excerpt, sometimes
    # shortened, and the evidence rule was chosen on the records TermsLens checked.
    records = [r for r in records_of_document(library, url) if r.id not in done]
    if not records:
        return []
    counts = Counter(page.tokens.words)
    taken = [(m.start, m.end) for m in placed]
    found = []
    for record in records:
        match = _place(page, record, counts)
        if match is not None and not any(_overlap(match.start, match.end, s, e) for s, e in taken):
            found.append(match)
            taken.append((match.start, match.end))
    return found


@dataclass(frozen=True)
class SentenceEvidence:
    """One quote sentence placed on its own: its best span and score, its word count, its content and rare
    words."""

    start: int
    end: int
    words: int
    score: float
    content: frozenset[str]
    rare: frozenset[str]


@dataclass(frozen=True)
class Evidence:
    """What the page says about one record: its best span and how it scores (0-100), the share of the quote's
    content words and rare words in it (0-100), and each quote sentence placed on its own (quotes of two
    sentences or more)."""

    start: int
    end: int
    score: float
    word_recall: float
    rare_recall: float
    sentences: tuple[SentenceEvidence, ...]


def gather_evidence(page: Page, record: Record, counts: Counter, *, sentences: bool = True) -> Evidence | None:
    """The evidence `decide` weighs (gathered once; the calibration weighs it under other thresholds); with
    `sentences` False, the quote's sentences are not placed one by one."""
    span = align_quote(page.text, record.quote, page=page.tokens, joined=page.joined, score_cutoff=0)
    if span is None:
        return None
    content, rare = _vocabulary(tokenize(record.quote).words, counts)
    recall, rare_recall = _recalls(content, rare, _words_between(page, span.start, span.end))
    placed_sentences = []
    parts = [part for part in _SENTENCE_END.split(record.quote) if tokenize(part).words]
    if sentences and len(parts) >= 2:
        for part in parts:
            words = tokenize(part).words
            found = align_quote(page.text, part, page=page.tokens, joined=page.joined, score_cutoff=0)
            s_content, s_rare = _vocabulary(words, counts)
            start, end, score = (found.start, found.end, found.score) if found else (-1, -1, 0.0)
            placed_sentences.append(SentenceEvidence(start, end, len(words), score, s_content, s_rare))
    return Evidence(span.start, span.end, span.score, recall, rare_recall, tuple(placed_sentences))


def decide(evidence: Evidence, page: Page, *, cutoff: float = REWORDED_CUTOFF, word_recall: float = WORD_RECALL_CUTOFF,
           rare_recall: float = RARE_RECALL_CUTOFF, sentence_cutoff: float = SENTENCE_CUTOFF,
           present_share: float = PRESENT_SHARE) -> tuple[int, int, float] | None:
    """(start, end, score) where the record's clause is, or None (thresholds: the module's constants)."""
    if evidence.score >= cutoff and evidence.word_recall >= word_recall and evidence.rare_recall >= rare_recall:
        return evidence.start, evidence.end, evidence.score
    present = [s for s in evidence.sentences if s.score >= sentence_cutoff]
    total = sum(s.words for s in evidence.sentences)
    if not present or sum(s.words for s in present) < present_share * total:
        return None
    if [s.start for s in present] != sorted(s.start for s in present):
        return None  # not in the quote's order
    for before, after in zip(present, present[1:]):
        if after.start < before.end or len(tokenize(page.text[before.end : after.start]).words) > SENTENCE_GAP_WORDS:
            return None  # overlapping, or apart: not one clause
    start, end = present[0].start, present[-1].end
    content = frozenset().union(*(s.content for s in present))
    rare = frozenset().union(*(s.rare for s in present))
    kept, kept_rare = _recalls(content, rare, _words_between(page, start, end))
    if kept < word_recall or kept_rare < rare_recall:
        return None
    score = sum(s.words * s.score for s in present) / total  # absent sentences count as 0
    return start, end, score


def _place(page: Page, record: Record, counts: Counter) -> Match | None:
    # The whole quote first (one alignment); its sentences one by one only when that does not place it.
    evidence = gather_evidence(page, record, counts, sentences=False)
    placed = decide(evidence, page) if evidence is not None else None
    if placed is None and evidence is not None and len(_SENTENCE_END.split(record.quote)) >= 2:
        evidence = gather_evidence(page, record, counts)
        placed = decide(evidence, page) if evidence is not None else None
    return Match(record, *placed) if placed is not None else None


def _words_between(page: Page, start: int, end: int) -> list[str]:
    tokens = page.tokens
    lo, hi = bisect_left(tokens.starts, start), bisect_left(tokens.starts, end)
    return tokens.words[lo:hi]


def _vocabulary(words: Sequence[str], counts: Counter) -> tuple[frozenset[str], frozenset[str]]:
    """(content, rare): the words of 4 letters or more, and those of them the page uses at most RARE_MAX_COUNT
    times."""
    content = frozenset(w for w in words if len(w) >= CONTENT_MIN_LETTERS)
    return content, frozenset(w for w in content if counts[w] <= RARE_MAX_COUNT)


def _recalls(content: frozenset[str], rare: frozenset[str], span_words: Iterable[str]) -> tuple[float, float]:
    """The share (0-100) of the content words, and of the rare words, that the span holds; 100 when none."""
    here = set(span_words)
    return (
        100 * len(content & here) / len(content) if content else 100.0,
        100 * len(rare & here) / len(rare) if rare else 100.0,
    )


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return min(a_end, b_end) > max(a_start, b_start)
