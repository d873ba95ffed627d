"""Whether a record's clause on the page still reads as TermsLens verified it (pure: no I/O).

Every record carries the hash of the wording it was verified against, derived from its quote (the clause's
words as of `source_date`, checked on `verified`): `verified_hash(record)`. Where a record is placed on a
page, the page's wording of the clause is compared with the quote word by word:

- `same`: the same words (formatting aside);
- `reworded`: other words, none of which changes what the clause means (`termslens.material`);
- `changed`: a material difference: a number, amount, duration or date, a negation or modality, a party or
  kind of data, a use of data that is not the same.

A quote spanning several sentences is compared sentence by sentence: a sentence of the quote whose words are
mostly missing from the page is reported as `absent`. When a material difference touches what the record
claims (its title, explanation and actions name the words that differ, or a negation or modality changed),
`claims_hold` is False and the card must not state the record's claims as fact for this page.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from termslens.diff import WordOp
from termslens.engine.tokens import tokenize
from termslens.material import (
    AMOUNT,
    DATE,
    DURATION,
    MODALITY,
    NEGATION,
    NUMBER,
    Reason,
    lowercase_words,
    material_reasons,
)
from termslens.records import Record
from termslens.segment import split_sentences
from termslens.versions import Words, normalised_words, words_hash
from termslens.vocabulary import WORDING_STATUSES

SAME, REWORDED, CHANGED = "same", "reworded", "changed"
assert set(WORDING_STATUSES) == {SAME, REWORDED, CHANGED}
# A sentence of the quote is absent from the page when under this share of its words are found, in order,
# in the page's wording (a reworded sentence keeps most of its words; a missing one keeps stock words only).
ABSENT_SHARE = 0.5
# Rules whose difference always bears on what a record claims: "may" -> "will", "not" added or removed
# reverse or reshape the clause whatever it is about.
_ALWAYS_TOUCHING = {NEGATION, MODALITY}
_NUMBERS = {NUMBER, AMOUNT, DURATION, DATE}
_STOPWORDS = frozenset(
    "the a an and or of to in on for by with from at as is are be may will your you we our us it its this that "
    "any all such other not".split()
)


@dataclass(frozen=True)
class Wording:
    """How the page's wording of a record's clause compares with the wording TermsLens verified.

    `diff` goes from the verified wording to the page's: `delete` steps index the record's quote, `equal` and
    `insert` steps the page text. `material` names the material differences (old side: the quote). `absent`
    lists the quote's sentences the page does not have."""

    status: str
    verified_hash: str
    verified: str | None  # None for an imported record, which TermsLens has not checked
    diff: tuple[WordOp, ...]
    material: tuple[Reason, ...]
    absent: tuple[str, ...]
    claims_hold: bool


def verified_hash(record: Record) -> str:
    """The hash of the wording the record was verified against (its quote's normalised words)."""
    return _quote_words(record.quote)[1]


@lru_cache(maxsize=8192)
def _quote_words(quote: str) -> tuple[Words, str]:
    words = normalised_words(quote)
    return words, words_hash(words.words)


def check_wording(text: str, start: int, end: int, record: Record) -> Wording:
    """The wording check of `record` placed at `text[start:end]`.

    Examples
    --------
    >>> from termslens.records import Document, Record, Service
    >>> svc = Service("x", "X", ("x.example",)); doc = Document("terms", "Terms", "https://x.example/terms")
    >>> rec = Record("x-cap", svc, doc, "limitation-of-liability", "high", "bad", "We owe you at most $30",
    ...              "Our liability is capped at a year's fees or $30, whichever is more.", "-", "-", (), (),
    ...              doc.url, "2025-01-01", "2025-02-01")
    >>> page = "Our liability is capped at three months' fees, whichever is more."
    >>> w = check_wording(page, 0, len(page), rec)
    >>> w.status, [(r.kind, r.old.text, r.new and r.new.text) for r in w.material], w.claims_hold
    ('changed', [('amount', '$30', 'three months')], False)
    """
    quote_words, quote_hash = _quote_words(record.quote)
    page_words = normalised_words(text, start, end)
    if "".join(quote_words.words) == "".join(page_words.words):
        return Wording(SAME, quote_hash, record.verified, (), (), (), True)
    opcodes = difflib.SequenceMatcher(None, quote_words.words, page_words.words, autojunk=False).get_opcodes()
    diff = tuple(_steps(record.quote, quote_words, text, page_words, opcodes))
    reasons = tuple(material_reasons(
        record.quote, quote_words, text, page_words, opcodes,
        names_lowercase=lambda: lowercase_words(record.quote, text[max(0, start - 2000) : end + 2000]),
    ))
    absent = tuple(_absent_sentences(record.quote, quote_words, opcodes))
    claims = _claim_words(record)
    holds = not any(_touches(reason, claims) for reason in reasons)
    return Wording(CHANGED if reasons else REWORDED, quote_hash, record.verified, diff, reasons, absent, holds)


def _steps(quote: str, quote_words: Words, text: str, page_words: Words, opcodes) -> Iterable[WordOp]:
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("delete", "replace"):
            s, e = quote_words.starts[i1], quote_words.ends[i2 - 1]
            yield WordOp("delete", quote[s:e], s, e)
        if tag in ("equal", "insert", "replace"):
            s, e = page_words.starts[j1], page_words.ends[j2 - 1]
            yield WordOp("equal" if tag == "equal" else "insert", text[s:e], s, e)


def _absent_sentences(quote: str, quote_words: Words, opcodes) -> Iterable[str]:
    """The quote's sentences (as the shared segmentation cuts them) whose words are mostly not on the page."""
    found = [False] * len(quote_words)
    for tag, i1, i2, _, _ in opcodes:
        if tag == "equal":
            found[i1:i2] = [True] * (i2 - i1)
    sentences = split_sentences(quote)
    if len(sentences) < 2:
        return
    for sentence in sentences:
        inside = [k for k, s in enumerate(quote_words.starts) if sentence.start <= s < sentence.end]
        if inside and sum(found[k] for k in inside) < ABSENT_SHARE * len(inside):
            yield quote[sentence.start : sentence.end]


def _claim_words(record: Record) -> frozenset[str]:
    """The folded words of what the record claims: its title, explanation, actions and caveats."""
    parts = [record.title, record.means, record.matters]
    for action in record.actions:
        parts += [action.label, *action.steps, *action.caveats]
    return frozenset(tokenize(" ".join(parts)).words)


def _touches(reason: Reason, claims: frozenset[str]) -> bool:
    """Whether a material difference bears on the record's claims."""
    if reason.kind in _ALWAYS_TOUCHING:
        return True
    if reason.kind in _NUMBERS:
        # A number that differs matters to claims that state a number ("at most $30", "30 days").
        return any(word[:1].isdigit() or word in _NUMBER_WORDS for word in claims)
    verified_side = reason.old.text if reason.old is not None else ""
    words = [w for w in tokenize(verified_side).words if w not in _STOPWORDS and len(w) > 2]
    return any(word in claims for word in words)


_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten twelve thirty sixty ninety hundred year years month months".split())
