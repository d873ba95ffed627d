"""Which sentences of a page contain which trigger substrings, looked up once per page.

Key phrases (`keyphrases.py`) and rules (`rules.py`) each name trigger substrings, at least one of which any
match must contain, so a pattern runs only on the sentences that hold one of its triggers. Testing every
trigger against every sentence costs more than the patterns themselves; instead all the triggers are looked
for at once, in one pass over each sentence, by RE2's set matcher (`re2.Set`: one automaton for every
literal), and `detect_clauses` shares one lookup between key phrases and rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

import re2


class TriggerIndex:
    """A fixed set of lower-case trigger substrings, and where they occur in a page's sentences.

    `rows(lowered)[t]` is exactly `{i for i, text in enumerate(lowered) if t in text}`.

    >>> rows = TriggerIndex(["arbitrat", "at any time", "class"]).rows(["binding arbitration.", "at any time, class"])
    >>> rows["arbitrat"], rows["at any time"], rows["class"]
    ({0}, {1}, {1})
    """

    def __init__(self, triggers: Iterable[str]):
        self.triggers = tuple(sorted(set(triggers)))

    @cached_property
    def _matcher(self) -> re2.Set | None:
        """Every trigger as an escaped literal in one unanchored RE2 set (built on first use)."""
        if not self.triggers:
            return None
        matcher = re2.Set.SearchSet()
        for trigger in self.triggers:
            matcher.Add(re2.escape(trigger))
        matcher.Compile()
        return matcher

    def rows(self, lowered: Sequence[str]) -> dict[str, set[int]]:
        """For every trigger, the sentences (indices into `lowered`, lower-cased texts) that contain it."""
        holders: list[set[int]] = [set() for _ in self.triggers]
        matcher = self._matcher
        if matcher is not None:
            match = matcher.Match
            for row, text in enumerate(lowered):
                # As UTF-8, a lone surrogate (which JSON can carry) kept as its three bytes: a literal's bytes
                # still occur exactly where the literal does.
                found = match(text.encode("utf-8", "surrogatepass"))
                if found:
                    for index in found:
                        holders[index].add(row)
        return dict(zip(self.triggers, holders))
