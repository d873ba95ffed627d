"""A version of a document as the change tracker compares it: its clauses, each with its normalised words and a
hash of them, and a content hash of the whole normalised text.

Clauses are the blocks of the shared segmentation (`termslens.segment`: paragraphs, list items, table cells,
headings); nothing here splits text on its own. A clause's words are what a reader reads: folded as the
matcher folds them (case, accents, punctuation, whitespace, Markdown emphasis and link targets, bare URLs
ignored), with HTML tags and entities, invisible format characters and list enumerators such as "(a)" left
out, and currency symbols and percent signs kept on their number ("$30", "5%"), so that "$30" and "€30" differ.
So whitespace, line wrapping, list numbering, quote and dash styles, Markdown and HTML never change a hash.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

from termslens.engine.tokens import Tokens, tokenize
from termslens.segment import Block, Page, segment

# Hex digits kept of a clause's hash: 64 bits, so two different clauses of the 571-version test set (about
# 60,000 distinct clauses) share a hash with probability about 1e-10.
CLAUSE_HASH_DIGITS = 16

_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>|&(?:[A-Za-z]{2,8}|#\d{1,6}|#[xX][0-9a-fA-F]{1,6});")
# Soft hyphen, zero-width spaces and joiners, word joiner, BOM: invisible, often inserted by page templates.
_FORMAT_CHARS = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
# A currency sign before a number, a percent sign after one, or an inline list enumerator: "(a)", "(iv)", "(3)"
# (renumbering a list is not a change of wording; numbers of two digits or more in parentheses are kept:
# "thirty (30) days").
_SPECIAL = re.compile(r"([$€£¥₹])(?=\d)|(?<=\d)(%)|\((?:[a-zA-Z]|[ivxIVX]{1,5}|\d)\)(?=\s)")
# The same, matched only where one of its first characters stands (`_special_matches`): scanning a 100 KB page
# with _SPECIAL, whose second branch opens with a look-behind, took 5 ms.
_SPECIAL_AT = re.compile(r"([$€£¥₹])(?=\d)|(%)(?<=\d%)|\((?:[a-zA-Z]|[ivxIVX]{1,5}|\d)\)(?=\s)")
_SPECIAL_FIRST = "$€£¥₹%("
# Section numbers opening a heading or a bold lead-in, which the segmentation keeps in the block:
# "#### 1.1.2. When you contact us", "**8.2 Fees**".
_LEADING_NUMBER = re.compile(r"[\s*_#>\[]*(?:\d{1,3}(?:\\?\.\d{1,3})+\\?\.?|\d{1,3}\\?[.)])(?=[\s*_\]])")
# Cloudflare's e-mail obfuscation as captured in saved pages: "[email protected]" stands for an address.
# Labels some sites add to links for screen readers, which come and go with the site's template.
_SCREEN_READER_LABEL = re.compile(r"\(?opens in a new (?:window|tab)\)?", re.IGNORECASE)
_OBFUSCATED_EMAIL = re.compile(r"\\?\[?email(?:\s|&nbsp;)+protected\\?\]?", re.IGNORECASE)
# The same in lower-cased text, case-sensitive: a literal start lets it skip ahead, where the case-blind
# pattern costs milliseconds on a 100 KB page that merely says "protected".
_OBFUSCATED_EMAIL_HINT = re.compile(r"email(?:\s|&nbsp;)+protected")


@dataclass(frozen=True)
class Words:
    """Normalised words of a stretch of text, each with its `[start, end)` offsets in that text (code points)."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class Clause:
    """A block of a version: `text[start:end]`, its normalised words (offsets index the whole text) and their
    hash; `heading` when the segmentation reads it as a heading."""

    start: int
    end: int
    heading: bool
    words: Words
    hash: str


@dataclass(frozen=True)
class Version:
    """A document's text and its clauses in document order; `hash` is the SHA-256 of its normalised words, the
    same for two texts that differ only in formatting."""

    text: str
    clauses: tuple[Clause, ...]
    hash: str


def normalised_words(text: str, start: int = 0, end: int | None = None) -> Words:
    """The words of `text[start:end]` as the change tracker compares them; offsets index `text`.

    >>> normalised_words("You **may** pay <b>$30</b> (a) within 5% &amp; \u201cthirty (30) days\u201d.").words
    ('you', 'may', 'pay', '$30', 'within', '5%', 'thirty', '30', 'days')
    >>> normalised_words("#### 1.1.2. When you contact us").words
    ('when', 'you', 'contact', 'us')
    """
    end = len(text) if end is None else end
    table = _WordTable(text[start:end])
    words = table.between(0, end - start)
    if not start:
        return words
    return Words(words.words, tuple(s + start for s in words.starts), tuple(e + start for e in words.ends))


class _WordTable:
    """The normalised words of a whole text, computed in one pass; `between` gives a block's."""

    def __init__(self, text: str, tokens: Tokens | None = None):
        self.text = text
        blanked = text
        if "protected" in blanked and _OBFUSCATED_EMAIL_HINT.search(blanked.lower()):
            blanked = _OBFUSCATED_EMAIL.sub(_spaces, blanked)
        if "new window" in blanked or "new tab" in blanked:
            blanked = _SCREEN_READER_LABEL.sub(_spaces, blanked)
        # The analysis has tokenised the page already; its words serve when nothing had to be blanked.
        tokens = tokens if tokens is not None and blanked is text else tokenize(blanked)
        if "<" in text or "&" in text:
            tokens = _outside_markup(text, tokens)
        words, starts, ends = list(tokens.words), list(tokens.starts), list(tokens.ends)
        if _FORMAT_CHARS.search(text):
            words, starts, ends = _join_split_words(text, words, starts, ends)
        dropped: set[int] = set()
        # Only the few places with a currency sign, a percent sign or an inline enumerator need a look.
        for match in _special_matches(text):
            at = match.start()
            if match.group(1):  # "$30": the sign joins the number after it
                k = bisect_left(starts, at + 1)
                if k < len(starts) and starts[k] == at + 1:
                    words[k], starts[k] = text[at] + words[k], at
            elif match.group(2):  # "5%": the sign joins the number before it
                k = bisect_left(ends, at) if at else -1
                if 0 <= k < len(ends) and ends[k] == at:
                    words[k], ends[k] = words[k] + "%", at + 1
            else:  # "(a)": a list enumerator
                k = bisect_left(starts, at + 1)
                if k < len(starts) and starts[k] == at + 1 and ends[k] == match.end() - 1:
                    dropped.add(k)
        self.words, self.starts, self.ends = words, starts, ends
        self.dropped = sorted(dropped)

    def between(self, start: int, end: int) -> Words:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        lead = _LEADING_NUMBER.match(self.text, start, end)
        if lead:  # "1.1.2." or "8.2" opening a heading or a bold lead-in: numbering, not wording
            lo = bisect_left(self.starts, lead.end(), lo, hi)
        d_lo, d_hi = bisect_left(self.dropped, lo), bisect_left(self.dropped, hi)
        if d_lo == d_hi:
            return Words(tuple(self.words[lo:hi]), tuple(self.starts[lo:hi]), tuple(self.ends[lo:hi]))
        keep = [k for k in range(lo, hi) if k not in set(self.dropped[d_lo:d_hi])]
        return Words(tuple(self.words[k] for k in keep), tuple(self.starts[k] for k in keep), tuple(self.ends[k] for k in keep))


def _special_matches(text: str) -> list[re.Match[str]]:
    """`list(_SPECIAL.finditer(text))`: its matches never overlap, and each starts with a character of
    _SPECIAL_FIRST, so it is tried only there (str.find skips ahead far faster than the pattern)."""
    starts = []
    for first in _SPECIAL_FIRST:
        at = text.find(first)
        while at >= 0:
            starts.append(at)
            at = text.find(first, at + 1)
    return [match for match in map(_SPECIAL_AT.match, repeat(text), sorted(starts)) if match is not None]


def _outside_markup(text: str, tokens: Tokens) -> Tokens:
    """`tokens` without the words inside HTML tags and entities. A tag or entity starts and ends on a character
    that is not a word character, so each word lies wholly inside one or wholly outside all."""
    inside = [match.span() for match in _MARKUP.finditer(text)]
    if not inside:
        return tokens
    starts = tokens.starts
    words: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    previous = 0
    for begin, end in inside:
        lo, hi = bisect_left(starts, begin), bisect_left(starts, end)
        words += tokens.words[previous:lo]
        new_starts += starts[previous:lo]
        new_ends += tokens.ends[previous:lo]
        previous = max(previous, hi)
    words += tokens.words[previous:]
    new_starts += starts[previous:]
    new_ends += tokens.ends[previous:]
    return Tokens(words, new_starts, new_ends)


def _join_split_words(
    text: str, words: list[str], starts: list[int], ends: list[int]
) -> tuple[list[str], list[int], list[int]]:
    """Words that an invisible format character cut in two ("opt\u2060out"), joined again (in place)."""
    gaps = set()
    for match in _FORMAT_CHARS.finditer(text):
        k = bisect_right(starts, match.start())  # the gap before word k holds it, if it lies between words
        if 0 < k < len(words) and ends[k - 1] <= match.start() and not _FORMAT_CHARS.sub("", text[ends[k - 1] : starts[k]]):
            gaps.add(k)
    for k in sorted(gaps, reverse=True):  # from the end, so a word cut twice is joined whole
        words[k - 1] += words[k]
        ends[k - 1] = ends[k]
        del words[k], starts[k], ends[k]
    return words, starts, ends


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def words_hash(words: Sequence[str], *, digits: int = CLAUSE_HASH_DIGITS) -> str:
    """The hash of a sequence of normalised words (hex, `digits` long). Words are hashed without separators, so
    a space lost or gained between two words ("with our" / "withour", "1,000" / "1000"), as captured pages
    often have, does not change it.

    >>> words_hash(normalised_words("We may *share* it.").words) == words_hash(normalised_words("we MAY share it").words)
    True
    """
    return hashlib.sha256("".join(words).encode("utf-8")).hexdigest()[:digits]


def text_hash(text: str) -> str:
    """The clause hash of a text (a record's quote, a passage): the same for the same wording, however set
    (its blocks' words, so list markers and numbering are left out as in a version)."""
    return words_hash([word for clause in read_version(text).clauses for word in clause.words.words])


def read_version(text: str, *, page: Page | None = None, blocks: Sequence[Block] | None = None) -> Version:
    """The version of a document `text` is: its clauses (`blocks`, else those of `page`, segmented here when
    not given)."""
    given = page is not None
    page = page if page is not None else segment(text)
    table = _WordTable(text, page.tokens if given else None)
    clauses = []
    for block in page.blocks if blocks is None else blocks:
        words = table.between(block.start, block.end)
        if words:
            clauses.append(Clause(block.start, block.end, block.is_heading, words, words_hash(words.words)))
    everything = [word for clause in clauses for word in clause.words.words]
    return Version(text, tuple(clauses), words_hash(everything, digits=64))


def read_stored_version(text: str, clauses: Sequence[Sequence], version_hash: str) -> Version:
    """A version kept in the history, from its text and its clauses' `(start, end, hash[, heading])`: no
    segmentation, the words read again only (the clause hashes are checked against them)."""
    table = _WordTable(text)
    out = []
    for clause in clauses:
        start, end, clause_hash = int(clause[0]), int(clause[1]), str(clause[2])
        heading = bool(clause[3]) if len(clause) > 3 else False
        words = table.between(start, end)
        if words_hash(words.words) != clause_hash:
            return read_version(text)  # kept by another version of TermsLens: read it afresh
        out.append(Clause(start, end, heading, words, clause_hash))
    return Version(text, tuple(out), version_hash)
