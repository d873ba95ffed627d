"""Older wordings of real clauses (test support): what a record written for today's wording meets on an older
version of its document.

Compared with today's wording, an older version of a clause is typically reworded more than one revision's
drift (`edits.drift` level 3 is one changed word in 12): several revisions apart, about one word in six
differs; or it lacks a sentence that was added later ("... including for AI training"); or it has a sentence
that was dropped since. `older_wording` makes each kind, deterministically per seed, from the clause as it
stands in the document. Added sentences are written in our own words.
"""

from __future__ import annotations

import random
import re

from tests.support.edits import _sentence_spans, drift

REWORDED, SENTENCE_ABSENT, SENTENCE_ADDED = "reworded", "sentence-absent", "sentence-added"
KINDS = (REWORDED, SENTENCE_ABSENT, SENTENCE_ADDED)

# Sentences an older version may carry where today's has none (our own words, generic legal register).
ADDED_SENTENCES = (
    "This applies only to the extent permitted by the law of the country where you live.",
    "We will explain any such change in plain language before it takes effect.",
    "Nothing in this section limits the rights you have as a consumer.",
    "You can ask us at any time for more details about how this works in practice.",
    "These rules also apply to any features we add to the services later.",
)
_NUMBER = re.compile(r"\b\d{1,4}\b")


def sentences_of(passage: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a passage, as the edit helpers cut them."""
    return _sentence_spans(passage)


def older_wording(passage: str, *, seed: int, kind: str) -> str:
    """An older wording of `passage` of the given kind (see the module's docstring).

    - `reworded`: two rounds of level-3 drift (about one word in six changed, sentences possibly swapped),
      and a number in it changed when it has one;
    - `sentence-absent`: one sentence of a passage of two or more left out (never all but one of two short
      ones), then level-2 drift;
    - `sentence-added`: one sentence inserted after one of the passage's, then level-2 drift.
    Raises ValueError when the passage cannot take that kind of edit (a single sentence cannot lose one).
    """
    rng = random.Random(seed)
    if kind == REWORDED:
        text = drift(drift(passage, seed=seed, level=3), seed=seed + 7919, level=3)
        numbers = list(_NUMBER.finditer(text))
        if numbers:
            match = rng.choice(numbers)
            text = text[: match.start()] + str(int(match.group()) + rng.choice((1, 2, 5, 10))) + text[match.end() :]
        return text
    spans = sentences_of(passage)
    if kind == SENTENCE_ABSENT:
        if len(spans) < 2:
            raise ValueError("a passage of one sentence cannot lose one")
        k = rng.randrange(len(spans))
        start = spans[k][0]
        end = spans[k + 1][0] if k + 1 < len(spans) else spans[k][1]
        if k + 1 == len(spans):  # the last sentence: cut from the end of the one before
            start = spans[k - 1][1]
        text = passage[:start] + passage[end:]
        return drift(text, seed=seed, level=2)
    if kind == SENTENCE_ADDED:
        k = rng.randrange(len(spans))
        end = spans[k][1]
        text = passage[:end] + " " + rng.choice(ADDED_SENTENCES) + passage[end:]
        return drift(text, seed=seed, level=2)
    raise ValueError(f"unknown kind {kind!r}")
