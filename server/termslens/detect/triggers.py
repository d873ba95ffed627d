"""Which sentences of a page contain which trigger substrings, looked up once per page.

Key phrases (`keyphrases.py`) and rules (`rules.py`) each name trigger substrings, at least one of which any
match must contain, so a pattern runs only on the sentences that hold one of its triggers. Testing every
trigger against every sentence costs more than the patterns themselves; instead the triggers are looked up in
the page's distinct words, once per page, and `detect_clauses` shares one lookup between key phrases and rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

_RUN = re.compile(r"[a-z0-9]+")


class TriggerIndex:
    """A fixed set of lower-case trigger substrings, and where they occur in a page's sentences.

    `rows(lowered)[t]` is exactly `{i for i, text in enumerate(lowered) if t in text}`.

    >>> rows = TriggerIndex(["arbitrat", "at any time", "class"]).rows(["binding arbitration.", "at any time, class"])
    >>> rows["arbitrat"], rows["at any time"], rows["class"]
    ({0}, {1}, {1})
    """

    def __init__(self, triggers: Iterable[str]):
        self.triggers = tuple(sorted(set(triggers)))
        # A trigger made of letters and digits only occurs inside one run of them, so it is looked for in the
        # page's distinct words (a few thousand, a third of the text) rather than in the whole text. Another
        # trigger ("by ", "at any time") is looked for through its longest run ("time"), then checked in each
        # sentence found; one with no run at all, in every sentence.
        words = tuple(t for t in self.triggers if _RUN.fullmatch(t))
        self._phrases = {t: max(_RUN.findall(t), key=len) for t in self.triggers if not _RUN.fullmatch(t) and _RUN.search(t)}
        self._bare = tuple(t for t in self.triggers if not _RUN.search(t))
        # Only word triggers containing no other word trigger are searched; "terminated" is found among "terminat".
        self._searched = tuple(
            sorted({t for t in (*words, *self._phrases.values()) if not any(o != t and o in t for o in words)})
        )
        self._contained_in = {
            t: next(o for o in self._searched if o in t) for t in {*words, *self._phrases.values()} if t not in self._searched
        }

    def rows(self, lowered: Sequence[str]) -> dict[str, set[int]]:
        """For every trigger, the sentences (indices into `lowered`, lower-cased texts) that contain it."""
        rows_of_word: dict[str, list[int]] = {}
        for row, text in enumerate(lowered):
            for word in set(_RUN.findall(text)):
                found = rows_of_word.get(word)
                if found is None:
                    rows_of_word[word] = [row]
                else:
                    found.append(row)
        words = list(rows_of_word)
        blob = "\n".join(words)  # ASCII, so str.find runs at full speed
        word_starts = np.cumsum([0] + [len(w) + 1 for w in words[:-1]]) if words else np.zeros(0, dtype=np.int64)
        holders: dict[str, set[int]] = {}
        for trigger in self._searched:
            positions = []
            at = blob.find(trigger)
            while at >= 0:
                positions.append(at)
                end = blob.find("\n", at)  # one hit per word is enough
                at = blob.find(trigger, end) if end >= 0 else -1
            rows: set[int] = set()
            for index in np.searchsorted(word_starts, positions, side="right").tolist():
                rows.update(rows_of_word[words[index - 1]])
            holders[trigger] = rows
        for trigger, container in self._contained_in.items():
            holders[trigger] = {row for row in holders[container] if trigger in lowered[row]}
        for trigger, run in self._phrases.items():
            holders[trigger] = {row for row in holders[run] if trigger in lowered[row]}
        for trigger in self._bare:
            holders[trigger] = {row for row, text in enumerate(lowered) if trigger in text}
        return holders
