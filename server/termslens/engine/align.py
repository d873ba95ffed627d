"""Place a quote on the page's own words: exact find first, then a fuzzy alignment over folded words.

The fuzzy path compares folded words joined by single spaces, so case, accents, punctuation, whitespace and
markup never cost score; only changed, inserted, removed or moved words do. rapidfuzz's
`partial_ratio_alignment` finds where the quote sits, then the span's word boundaries are moved to where the
whole-span `fuzz.ratio` peaks, so the span covers the page's wording even when words were inserted or removed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from termslens.engine.tokens import JoinedWords, Tokens, join_words, pair_share, tokenize, word_pairs
from termslens.engine.types import Span

# Accept a span only at this score (fuzz.ratio of folded words, 0-100) or above. Calibrated with
# benchmarks/calibrate_cutoff.py on the corpus: drifted real clauses score 96.8 median (1st percentile 85.6)
# after a realistic revision (about one word in 25 changed) and 93.0 median after a heavy one (one in 12 plus
# a moved sentence). The best span a passage finds in other services' documents scores 50.6 median; at 82
# sit similar clauses of other companies (a warranty disclaimer, California governing law), which are not
# that record's clause, and at 88-95 the very same boilerplate (EU-US Data Privacy Framework, Cal. Civ. Code
# 1789.3). 84 keeps the first out and realistic revisions in.
MATCH_CUTOFF = 84.0
# A quote of fewer words than this (a link, a heading) is placed only where its words occur unchanged.
MIN_FUZZY_WORDS = 8
# partial_ratio on a window of the quote's length under-scores spans with inserted words, which the
# boundary refinement then recovers; so the first pass lets through candidates this far under the cutoff.
PREFILTER_MARGIN = 15.0
# The first alignment is a window of the quote's length; inserted or removed words move the true boundaries
# by a few words, so refinement tries this many words either way (a sixth of the quote, at least 4).
REFINE_MIN_REACH = 4
REFINE_REACH_DIVISOR = 6
REFINE_ROUNDS = 4
# A span running from the quote's own first words to its own last words near the index's hits is taken as
# it is when it scores this much: the same clause with a few words changed. Under it, a tail may have been
# matched on a later repeat of the quote's last words, so the boundaries are refined instead.
ANCHORED_ACCEPT_SCORE = 95.0
ANCHOR_OPTIONS = 9
# From a hint, the full fuzzy search runs only when refinement ended this close under the cutoff: a clause
# refined to far below it is not there (the benchmark's recall equals the naive baseline's with this margin).
# It never runs for a quote that must read near-identically (a cutoff above MATCH_CUTOFF: another service's
# clause, shown only on the same wording, or a short quote): such wording keeps nearly all of the quote's
# shingles, so the hint brackets it; the search is for drifted clauses whose hits mislead.
HINT_FALLBACK_MARGIN = 20.0
# Sentences are aligned one by one (a moved sentence) only when the quote has several of at least this many
# words and the window holds most of the quote's word pairs (the words are there, in another order).
MIN_SENTENCE_WORDS = 4
MOVED_MIN_PAIR_SHARE = 0.7
# ...and only when the quote as a whole scored under this: a moved sentence costs a whole-quote alignment
# at least this much, while a clause that merely had a few words changed scores above it.
MOVED_TRIGGER_SCORE = 90.0
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
    quote_words: Sequence[str] | None = None,
    hint: tuple[int, int] | None = None,
    joined: JoinedWords | None = None,
) -> Span | None:
    """The span of `text` that reads as `quote`, or None when nothing scores `score_cutoff` or more.

    Parameters
    ----------
    text : the page text; the returned offsets index it (Python string indices)
    quote : the clause excerpt to place
    score_cutoff : minimum score, 0-100
    page : `tokenize(text)`, when the caller already has it
    window : `(token_start, token_end)`, a range of page tokens to search; the whole text when None
    quote_words : `tokenize(quote).words`, when the caller already has them
    hint : `(token_start, token_end)` where the quote most likely sits (from the index's shingle hits); the
        boundaries are refined from there, and the full fuzzy search runs only if that finds nothing
    joined : `join_words(page.words)`, when the caller aligns many quotes on one page

    Examples
    --------
    >>> text = "Intro. We MAY use your chats to train our models, unless you opt out. End."
    >>> span = align_quote(text, "We may use your chats to train models unless you opt out.")
    >>> text[span.start:span.end], round(span.score)
    ('We MAY use your chats to train our models, unless you opt out.', 97)
    """
    page = page if page is not None else tokenize(text)
    lo, hi = window if window is not None else (0, len(page))
    if hi <= lo or not quote:
        return None
    # The same words anywhere the window touches: a window built from shingle hits can start a word or two
    # into the clause (its first words are common ones the index leaves out), so the search reaches a quote's
    # length either side. str.find on that much text costs next to nothing.
    exact = text.find(quote, max(0, page.starts[lo] - len(quote)), page.ends[hi - 1] + 2 + len(quote))
    if exact >= 0 and (window is None or (exact < page.ends[hi - 1] and exact + len(quote) > page.starts[lo])):
        return Span(exact, exact + len(quote), 100.0)

    quote_words = quote_words if quote_words is not None else tokenize(quote).words
    if not quote_words:
        return None
    joined = joined if joined is not None else join_words(page.words)
    if len(quote_words) < MIN_FUZZY_WORDS:
        score_cutoff = 100.0
    area = (joined, lo, hi)
    found = _align_words(quote_words, area, score_cutoff=score_cutoff, hint=hint)
    if (found is None or found[2] < MOVED_TRIGGER_SCORE) and pair_share(
        word_pairs(quote_words), page.words[lo:hi]
    ) >= MOVED_MIN_PAIR_SHARE:
        moved = _align_sentences(quote, quote_words, area, score_cutoff=score_cutoff)
        if moved is not None and (found is None or moved[2] > found[2]):
            found = moved
    if found is None or found[2] < score_cutoff:
        return None
    first, stop, score = _anchor_ends(quote_words, page.words, *found, lo=lo, hi=hi, score_cutoff=score_cutoff)
    start, end = page.starts[first], page.ends[stop - 1]
    return Span(*_extend_punctuation(text, quote, start, end), score)


# The words to align in: the page's joined words and the word range [lo, hi) of them to search.
Area = tuple[JoinedWords, int, int]


def _align_words(
    quote_words: Sequence[str], area: Area, *, score_cutoff: float, hint: tuple[int, int] | None = None
) -> tuple[int, int, float] | None:
    """(first, stop, score): the page word range within `area` best matching `quote_words`, or None."""
    joined, lo, hi = area
    if hi <= lo:
        return None
    joined_quote = " ".join(quote_words)
    starts = joined.starts
    same = joined.text.find(joined_quote, starts[lo], joined.ends[hi - 1] - 1)
    if same >= 0 and (same == 0 or joined.text[same - 1] == " "):
        # Same words, differing only in case, punctuation, spacing or markup: no fuzzy search needed.
        first = bisect_left(starts, same, lo, hi)
        if first < hi and starts[first] == same:
            stop = first + len(quote_words)
            if stop <= hi and joined.span(first, stop) == joined_quote:
                return first, stop, 100.0

    reach = _reach(quote_words)
    if hint is not None:
        hint = (max(lo, hint[0]), min(hi, hint[1]))
    if hint is not None and hint[1] > hint[0]:
        # The shingle hits bracket the clause already. When the quote's own first and last words sit at the
        # ends of the hits, that is the span (one ratio call); otherwise refining from there costs a few
        # dozen ratio calls, a tenth of a partial_ratio_alignment over the window.
        anchored = _anchored(quote_words, joined.words, *hint, lo=lo, hi=hi, reach=reach)
        if anchored:
            _, score, position = process.extractOne(joined_quote, [joined.span(*span) for span in anchored], scorer=fuzz.ratio)
            if score >= max(score_cutoff, ANCHORED_ACCEPT_SCORE):
                return (*anchored[position], score)
        found = _refine(joined_quote, area, hint[0], hint[1], reach=reach)
        if found[2] >= score_cutoff or found[2] < score_cutoff - HINT_FALLBACK_MARGIN or score_cutoff > MATCH_CUTOFF:
            return found  # placed, or so far off that the full search would not place it either
    base = starts[lo]
    rough = fuzz.partial_ratio_alignment(
        joined_quote, joined.span(lo, hi), score_cutoff=max(0.0, score_cutoff - PREFILTER_MARGIN)
    )
    if rough is None:
        return None
    first = max(lo, bisect_right(starts, base + rough.dest_start, lo, hi) - 1)
    stop = max(first + 1, bisect_left(starts, base + rough.dest_end, lo, hi))
    return _refine(joined_quote, area, first, stop, reach=reach)


def _anchored(
    quote_words: Sequence[str], words: Sequence[str], first: int, stop: int, *, lo: int, hi: int, reach: int
) -> list[tuple[int, int]]:
    """Spans [p, q) from an occurrence of the quote's first two words near `first` to one of its last two
    near `stop` (each within `reach` words and [lo, hi)), closest first; at most ANCHOR_OPTIONS."""
    if len(quote_words) < 4:
        return []
    head, tail = tuple(quote_words[:2]), tuple(quote_words[-2:])
    starts = [p for p in range(max(lo, first - reach), min(hi - 1, first + reach + 1)) if tuple(words[p : p + 2]) == head]
    ends = [q for q in range(max(lo + 2, stop - reach), min(hi, stop + reach) + 1) if tuple(words[q - 2 : q]) == tail]
    spans = [(p, q) for p in starts for q in ends if q - p >= len(quote_words) // 2]
    spans.sort(key=lambda span: abs(span[0] - first) + abs(span[1] - stop))
    return spans[:ANCHOR_OPTIONS]


def _reach(quote_words: Sequence[str]) -> int:
    """How many words a boundary may move in one refinement step."""
    return max(REFINE_MIN_REACH, len(quote_words) // REFINE_REACH_DIVISOR)


def _anchor_ends(
    quote_words: Sequence[str], words: Sequence[str], first: int, stop: int, score: float, *,
    lo: int, hi: int, score_cutoff: float,
) -> tuple[int, int, float]:
    """Widen [first, stop) within [lo, hi) to the quote's own first and last two words when they sit just
    outside it.

    fuzz.ratio prefers dropping a clause's first words to including words inserted right after them ("We may
    also, at any time, use" for "We may use"); the page's wording of the clause starts where the quote does.
    """
    head, tail = tuple(quote_words[:2]), tuple(quote_words[-2:])
    reach = 2 * _reach(quote_words)
    new_first, new_stop = first, stop
    if len(head) == 2 and tuple(words[first : first + 2]) != head:
        for p in range(first - 1, max(lo - 1, first - reach - 1), -1):
            if tuple(words[p : p + 2]) == head:
                new_first = p
                break
    if len(tail) == 2 and tuple(words[stop - 2 : stop]) != tail:
        for q in range(stop + 1, min(hi, stop + reach) + 1):
            if tuple(words[q - 2 : q]) == tail:
                new_stop = q
                break
    if (new_first, new_stop) == (first, stop):
        return first, stop, score
    widened = fuzz.ratio(" ".join(quote_words), " ".join(words[new_first:new_stop]))
    return (new_first, new_stop, widened) if widened >= score_cutoff else (first, stop, score)


def _refine(joined_quote: str, area: Area, first: int, stop: int, *, reach: int) -> tuple[int, int, float]:
    """Move the span's end, then its start, in turn, to where fuzz.ratio with the quote peaks, until neither
    moves (at most REFINE_ROUNDS rounds); each move tries `reach` words either way, within the area.

    All options of one move are scored in a single `process.extractOne` call, which caches the quote and
    runs in C.
    """
    joined, lo, hi = area
    text = joined.span
    best = (first, stop, fuzz.ratio(joined_quote, text(first, stop)))
    for _ in range(REFINE_ROUNDS):
        before = best
        for move_end in (True, False):
            i, j, _ = best
            if move_end:
                options = [(i, j)] + [(i, jj) for jj in range(max(i + 1, j - reach), min(hi, j + reach) + 1) if jj != j]
            else:
                options = [(i, j)] + [(ii, j) for ii in range(max(lo, i - reach), min(j - 1, i + reach) + 1) if ii != i]
            _, value, position = process.extractOne(joined_quote, [text(a, b) for a, b in options], scorer=fuzz.ratio)
            if value > best[2]:
                best = (*options[position], value)
        if best == before:
            break
    return best


def _align_sentences(
    quote: str, quote_words: Sequence[str], area: Area, *, score_cutoff: float
) -> tuple[int, int, float] | None:
    """Like `_align_words` for a quote whose sentences the page has reordered: each sentence is placed on its
    own, and the span runs from the first to the last; the score is their length-weighted mean."""
    sentences: list[list[str]] = []
    for part in _SENTENCE_END.split(quote):
        part_words = tokenize(part).words
        if sentences and len(sentences[-1]) < MIN_SENTENCE_WORDS:
            sentences[-1] = sentences[-1] + part_words  # a heading or list label joins what follows it
        elif part_words:
            sentences.append(part_words)
    if len(sentences) >= 2 and len(sentences[-1]) < MIN_SENTENCE_WORDS:
        sentences[-2:] = [sentences[-2] + sentences[-1]]
    if len(sentences) < 2:
        return None
    placed = []
    for sentence in sentences:
        found = _align_words(sentence, area, score_cutoff=score_cutoff, hint=_sentence_hint(sentence, area))
        if found is None:
            return None
        placed.append((found, sentence))
    placed.sort(key=lambda item: item[0][:2])
    for k in range(len(placed) - 1):
        # Neighbouring sentences may share a boundary word or two (each was refined on its own). More is
        # one sentence's refinement reaching into its neighbour ("...make such deductions. e. Processing
        # fees" for the sentence starting at "e."): the shared words go to whichever side loses less, and
        # both must still score the cutoff; otherwise the same words are claimed twice.
        (i, j, _), before = placed[k]
        (i2, j2, _), after = placed[k + 1]
        if j <= i2 + 2:
            continue
        if j >= j2 or i2 <= i:
            return None
        options = [((i, i2), (i2, j2)), ((i, j), (j, j2))]
        scored = [
            ((a, b, _words_ratio(before, area, a, b)), (c, d, _words_ratio(after, area, c, d)))
            for (a, b), (c, d) in options
            if b > a and d > c
        ]
        if not scored:
            return None
        left, right = max(scored, key=lambda pair: pair[0][2] * len(before) + pair[1][2] * len(after))
        if min(left[2], right[2]) < score_cutoff:
            return None
        placed[k], placed[k + 1] = (left, before), (right, after)
    ranges = [found[:2] for found, _ in placed]
    first, stop = ranges[0][0], max(j for _, j in ranges)
    if stop - first > 1.3 * len(quote_words) + 5:
        return None  # the sentences are scattered, not one clause
    total = sum(len(sentence) for _, sentence in placed)
    covered = min(1.0, sum(j - i for i, j in ranges) / (stop - first))
    score = covered * sum(found[2] * len(sentence) for found, sentence in placed) / total
    return first, stop, score


def _words_ratio(words: Sequence[str], area: Area, first: int, stop: int) -> float:
    """fuzz.ratio of `words` and the page words [first, stop)."""
    return fuzz.ratio(" ".join(words), area[0].span(first, stop))


def _sentence_hint(sentence: Sequence[str], area: Area) -> tuple[int, int] | None:
    """Where a sentence's word 3-grams occur in the area, first to last, when they lie close together: the
    same kind of hint the index gives for a whole quote, so the sentence is refined instead of searched."""
    joined, lo, hi = area
    words = joined.words
    grams = set(zip(sentence, sentence[1:], sentence[2:]))
    hits = [p for p, gram in enumerate(zip(words[lo:hi], words[lo + 1 : hi], words[lo + 2 : hi]), lo) if gram in grams]
    if len(hits) < 2 or hits[-1] - hits[0] > 2 * len(sentence):
        return None
    return hits[0], hits[-1] + 3


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
