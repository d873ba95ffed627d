"""Word tokens of a text with their offsets: the unit the index and the aligner compare.

Matching ignores case, accents, punctuation, whitespace and markup (Markdown emphasis, list markers, HTML
entities left in text), so both the page and the quotes are reduced to folded words. Each word keeps its
half-open `[start, end)` offsets into the original text, counted in Python string indices (code points).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

# Letters and digits; underscores are Markdown emphasis, not word characters.
_WORD_SPLIT = re.compile(r"([^\W_]+)")
# Combining marks are not \w in Python's re, so decomposed text ("e" + U+0301) needs them kept in the word.
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD_SPLIT_COMBINING = re.compile(
    r"((?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])+)"
)
_SEPARATOR = "\x00"
# From this many characters on (a page, not a quote), words are found by classifying every character at once in
# numpy instead of by re.split: three to four times faster on a 100 KB page, the same words and offsets.
VECTOR_MIN_CHARS = 2000
# URLs are addresses, not wording: a Markdown link's target or a bare URL in the text must not count as words
# of the clause. They are blanked to spaces of the same length, so every offset still indexes the original.
# (Case-sensitive on purpose: a literal prefix lets re skip ahead, and schemes in page text are lowercase.)
_URL = re.compile(r"(?:https?://|mailto:)[^\s()<>\[\]\"'“”]+")
# A Markdown link's target, "](…)", whatever it holds: an in-page anchor ("#user-content") or a URL with
# brackets or parentheses inside ("?annotations[0]=…") is an address too.
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")


@dataclass(frozen=True)
class Tokens:
    """Folded words of a text and where each one sits in it.

    `words[i]` is the folded form of `text[starts[i]:ends[i]]`.
    """

    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class JoinedWords:
    """Folded words joined by single spaces, the form the fuzzy scorers compare, with where each word sits:
    word i is `text[starts[i]:ends[i] - 1]` (`ends` counts the space after it)."""

    text: str
    starts: list[int]
    ends: list[int]
    words: Sequence[str]

    def span(self, first: int, stop: int) -> str:
        """Words [first, stop) as one string."""
        return self.text[self.starts[first] : self.ends[stop - 1] - 1]


def join_words(words: Sequence[str]) -> JoinedWords:
    ends = np.cumsum(np.fromiter(map(len, words), np.int64, len(words)) + 1).tolist()
    return JoinedWords(" ".join(words), [0, *ends[:-1]], ends, words)


def word_pairs(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    """The set of adjacent word pairs of `words`."""
    return frozenset(zip(words, words[1:]))


def pair_share(quote_pairs: frozenset[tuple[str, str]], words: Sequence[str]) -> float:
    """Share of a quote's word pairs that occur among `words`: near 1 where the clause's words are (in any
    sentence order), low where a passage merely shares stock phrases with it.

    >>> pair_share(word_pairs(["you", "may", "opt", "out"]), ["opt", "out", "you", "may"])
    0.6666666666666666
    """
    if not quote_pairs:
        return 0.0
    return len(quote_pairs.intersection(zip(words, words[1:]))) / len(quote_pairs)


def fold_word(word: str) -> str:
    """The comparison form of a word: case-folded, accents removed, compatibility forms unified.

    >>> fold_word("Café"), fold_word("ＡＢＣ"), fold_word("Straße")
    ('cafe', 'abc', 'strasse')
    """
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def tokenize(text: str) -> Tokens:
    """The folded words of `text` with their `[start, end)` offsets into `text`.

    >>> t = tokenize("We **may** share it.")
    >>> t.words, t.starts, t.ends
    (['we', 'may', 'share', 'it'], [0, 5, 11, 17], [2, 8, 16, 19])
    >>> tokenize("see [our center](https://example.com/help-center).").words
    ['see', 'our', 'center']
    >>> tokenize('your [User Content](#user-content) and [data](https://x.com/p?a[0]=b "Data page").').words
    ['your', 'user', 'content', 'and', 'data']
    """
    if "](" in text:
        text = _LINK_TARGET.sub(_blank, text)
    if "://" in text or "mailto:" in text:
        text = _URL.sub(_blank, text)
    lowered = text.lower()
    if len(lowered) == len(text) and len(text) >= VECTOR_MIN_CHARS:
        return _tokenize_long(lowered)
    pattern = _WORD_SPLIT_COMBINING if not text.isascii() and _COMBINING.search(text) else _WORD_SPLIT
    if len(lowered) == len(text):
        parts = pattern.split(lowered)
        words = parts[1::2]
    else:  # a few characters lowercase to two code points ("İ"); keep offsets from the original text
        parts = pattern.split(text)
        raw_words = parts[1::2]
        words = _SEPARATOR.join(raw_words).lower().split(_SEPARATOR) if raw_words else []
    # re.split with a capturing group alternates separator, word, separator, ...; cumulative part lengths
    # give every word's offsets without a Python-level loop over match objects (this is the hot path).
    bounds = list(accumulate(map(len, parts)))
    if not lowered.isascii():
        words = [w if w.isascii() else fold_word(w) for w in words]
    return Tokens(words=words, starts=bounds[0::2][: len(words)], ends=bounds[1::2])


def _tokenize_long(lowered: str) -> Tokens:
    """`tokenize` of a long text already lowered (to the same length), every character classified at once:
    the same words and offsets as the `re.split` path (`tests/test_tokens.py` compares them)."""
    codes = np.frombuffer(lowered.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    in_word = _ASCII_WORD[np.minimum(codes, 127)]
    high = codes > 127
    if high.any():
        high_codes = codes[high]
        distinct = np.unique(high_codes).tolist()
        characters = [chr(code) for code in distinct]
        pattern = _WORD_SPLIT_COMBINING if any(map(_COMBINING.fullmatch, characters)) else _WORD_SPLIT
        word_chars = np.array([pattern.fullmatch(ch) is not None for ch in characters], dtype=bool)
        in_word[high] = word_chars[np.searchsorted(distinct, high_codes)]
    edges = np.diff(in_word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    # Every other character becomes a space, so str.split (in C) cuts the words out in one go.
    spaced = np.where(in_word, codes, np.uint32(32)).astype(np.uint32)
    words = spaced.tobytes().decode("utf-32-le", "surrogatepass").split()
    if high.any():  # fold the words holding a non-ASCII character, found by where those characters sit
        for k in np.unique(np.searchsorted(starts, np.flatnonzero(high & in_word), side="right") - 1).tolist():
            words[k] = fold_word(words[k])
    return Tokens(words=words, starts=starts.tolist(), ends=ends.tolist())


# Which ASCII characters are word characters (the same for both word patterns).
_ASCII_WORD = np.array([_WORD_SPLIT.fullmatch(chr(code)) is not None for code in range(128)], dtype=bool)


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())
