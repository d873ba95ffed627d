"""Place a quote on the page's own words: exact find first, then a fuzzy alignment over folded words.

The fuzzy path compares folded words joined by single spaces, so case, accents, punctuation, whitespace and
markup never cost score; only changed, inserted, removed or moved words do. rapidfuzz's
`partial_ratio_alignment` finds where the quote sits, then the span's word boundaries are moved to where the
whole-span `fuzz.ratio` peaks, so the span covers the page's wording even when words were inserted or removed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Sequence

from rapidfuzz import fuzz

from termslens.engine.tokens import Tokens, tokenize
from termslens.engine.types import Span

# Accept a span only at this score (fuzz.ratio of folded words, 0-100) or above. Calibrated with
# benchmarks/calibrate_cutoff.py on the corpus: drifted copies of real clauses (benchmark edit level 3, about
# one changed word in twelve plus a moved sentence) score 84 and up, while the best passage any record finds
# in another service's documents scores at most 71. 78 sits between the two with room on both sides.
MATCH_CUTOFF = 78.0
# partial_ratio on a window of the quote's length under-scores spans with inserted words, which the
# boundary refinement then recovers; so the first pass lets through candidates this far under the cutoff.
PREFILTER_MARGIN = 15.0
# Sentences are aligned one by one (a moved sentence) only when the quote has several of this many words.
MIN_SENTENCE_WORDS = 4
# Trailing or leading punctuation next to the span joins it when the quote has punctuation there too.
_CLOSING = set(".,;:!?)]}\"'”’»")
_OPENING = set("([{\"'“‘«")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def align_quote(
    text: str,
    quote: str,
    *,
    score_cutoff: float = MATCH_CUTOFF,
    page: Tokens | None = None,
    window: tuple[int, int] | None = None,
) -> Span | None:
    """The span of `text` that reads as `quote`, or None when nothing scores `score_cutoff` or more.

    Parameters
    ----------
    text : the page text; the returned offsets index it (Python string indices)
    quote : the clause excerpt to place
    score_cutoff : minimum score, 0-100
    page : `tokenize(text)`, when the caller already has it
    window : `(token_start, token_end)`, a range of page tokens to search; the whole text when None

    Examples
    --------
    >>> text = "Intro. We MAY use your chats to train our models, unless you opt out. End."
    >>> span = align_quote(text, "We may use your chats to train models unless you opt out.")
    >>> text[span.start:span.end], round(span.score)
    ('We MAY use your chats to train our models, unless you opt out.', 97)
    """
    page = page if page is not None else tokenize(text)
    lo, hi = window if window is not None else (0, len(page))
    if hi <= lo:
        return None
    exact = text.find(quote, page.starts[lo], page.ends[hi - 1] + 1)
    if exact >= 0 and quote:
        return Span(exact, exact + len(quote), 100.0)

    quote_words = tokenize(quote).words
    if not quote_words:
        return None
    words = page.words[lo:hi]
    found = _align_words(quote_words, words, score_cutoff=score_cutoff)
    if found is None or found[2] < score_cutoff:
        moved = _align_sentences(quote, quote_words, words, score_cutoff=score_cutoff)
        if moved is not None and (found is None or moved[2] > found[2]):
            found = moved
    if found is None or found[2] < score_cutoff:
        return None
    first, stop, score = found
    start, end = page.starts[lo + first], page.ends[lo + stop - 1]
    return Span(*_extend_punctuation(text, quote, start, end), score)


def _align_words(
    quote_words: Sequence[str], words: Sequence[str], *, score_cutoff: float
) -> tuple[int, int, float] | None:
    """(first, stop, score): the word range of `words` best matching `quote_words`, or None."""
    if not words:
        return None
    joined_quote = " ".join(quote_words)
    joined_page = " ".join(words)
    rough = fuzz.partial_ratio_alignment(
        joined_quote, joined_page, score_cutoff=max(0.0, score_cutoff - PREFILTER_MARGIN)
    )
    if rough is None:
        return None
    word_starts = [0, *accumulate(len(w) + 1 for w in words)][:-1]
    first = max(0, bisect_right(word_starts, rough.dest_start) - 1)
    stop = max(first + 1, bisect_left(word_starts, rough.dest_end))
    return _refine(joined_quote, words, first, stop, reach=max(3, len(quote_words) // 4))


def _refine(joined_quote: str, words: Sequence[str], first: int, stop: int, *, reach: int) -> tuple[int, int, float]:
    """Move the span's end, then its start, then its end again to where fuzz.ratio with the quote peaks."""

    def score(i: int, j: int) -> float:
        return fuzz.ratio(joined_quote, " ".join(words[i:j]))

    best = (first, stop, score(first, stop))
    for move_end in (True, False, True):
        i, j, _ = best
        if move_end:
            options = ((i, jj) for jj in range(max(i + 1, j - reach), min(len(words), j + reach) + 1))
        else:
            options = ((ii, j) for ii in range(max(0, i - reach), min(j - 1, i + reach) + 1))
        for ii, jj in options:
            value = score(ii, jj)
            if value > best[2]:
                best = (ii, jj, value)
    return best


def _align_sentences(
    quote: str, quote_words: Sequence[str], words: Sequence[str], *, score_cutoff: float
) -> tuple[int, int, float] | None:
    """Like `_align_words` for a quote whose sentences the page has reordered: each sentence is placed on its
    own, and the span runs from the first to the last; the score is their length-weighted mean."""
    sentences = [tokenize(part).words for part in _SENTENCE_END.split(quote)]
    sentences = [s for s in sentences if s]
    if len(sentences) < 2 or min(len(s) for s in sentences) < MIN_SENTENCE_WORDS:
        return None
    placed = []
    for sentence in sentences:
        found = _align_words(sentence, words, score_cutoff=score_cutoff)
        if found is None:
            return None
        placed.append((found, len(sentence)))
    ranges = sorted(found[:2] for found, _ in placed)
    if any(ranges[k][1] > ranges[k + 1][0] for k in range(len(ranges) - 1)):
        return None  # two sentences placed on the same words
    first, stop = ranges[0][0], ranges[-1][1]
    if stop - first > 1.3 * len(quote_words) + 5:
        return None  # the sentences are scattered, not one clause
    total = sum(length for _, length in placed)
    covered = sum(j - i for i, j in ranges) / (stop - first)
    score = covered * sum(found[2] * length for found, length in placed) / total
    return first, stop, score


def _extend_punctuation(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) over the punctuation right beside it when the quote also starts or ends with some."""
    if quote and quote[-1] in _CLOSING:
        limit = min(len(text), end + 2)
        while end < limit and text[end] in _CLOSING:
            end += 1
    if quote and quote[0] in _OPENING:
        limit = max(0, start - 2)
        while start > limit and text[start - 1] in _OPENING:
            start -= 1
    return start, end
