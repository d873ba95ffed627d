"""ToS;DR curators' quoted points as training data for the clause types CLAUDETTE does not label.

`../shared/tosdr/points.jsonl` (tosdr.org data, CC BY-SA 3.0) holds about 7,000 passages that curators quoted
from real terms and privacy policies, each under a ToS;DR "case". `termslens.tosdr_cases.case_category` says
which of our categories a case's quotes state (the mapping is data, shared with the ToS;DR import). Here each
distinct quote becomes one labelled passage:

- its categories: those of every point quoting it (a passage two curators filed under two cases has both);
- or none, when every point quoting it sits under a case deliberately left unmapped as "not a clause type"
  (rules of conduct, warranty disclaimers, descriptions of the policy ...): a negative example for every
  category. Quotes of unknown cases, and of cases left unmapped because their quotes are mixed or vague, are
  left out: they may well state a category, and would teach the model that they do not.

Only English passages of 25 to MAX_QUOTE_CHARS characters are kept (markup removed, whitespace collapsed).
Each passage belongs to its service, the unit every measurement splits by.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from termslens.segment import clean_text
from termslens.tosdr_cases import UNMAPPED, case_category

# Longer quotes are whole sections (up to 23,000 characters): too long to say which sentence states the case.
MAX_QUOTE_CHARS = 1500
MIN_QUOTE_CHARS = 25
# A passage is English when at least this share of its words are English function words (English legal prose:
# 35-50%; the Dutch, French and German quotes in the file: under 10%).
ENGLISH_SHARE_CUTOFF = 0.2
# Unmapped cases whose quotes may still state a category: never used as negatives.
_UNCERTAIN = re.compile(r"\b(?:mixed|too vague|mostly something else|about half)\b")
_FUNCTION_WORDS = frozenset(
    "the of and to a in or is that for you your we our be by with any this are as may on not it will from "
    "such have us at an all if can other".split()
)
_WORDS = re.compile(r"[a-z]+")


class PointsError(ValueError):
    """The ToS;DR file is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Quote:
    """A curator-quoted passage: model-ready `text`, the categories its cases map to (empty: a negative
    example), and the service it was quoted from (ToS;DR slug)."""

    text: str
    categories: frozenset[str]
    service: str


def default_points_path(shared: Path) -> Path:
    return shared / "tosdr" / "points.jsonl"


def load_quotes(path: Path) -> list[Quote]:
    """The usable quotes of a ToS;DR points file, one per distinct passage, in file order of first quote.

    Raises `PointsError` when the file is missing or a line is not a JSON object.
    """
    path = Path(path)
    if path.is_dir():
        path = path / "points.jsonl"
    if not path.is_file():
        raise PointsError(f"{path}: not found (pass --tosdr DIR)")
    uncertain = {title.strip() for title, why in UNMAPPED.items() if _UNCERTAIN.search(why)}
    negative_cases = {title.strip() for title in UNMAPPED} - uncertain
    by_text: dict[str, dict] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                point = json.loads(line)
                quote, case, service = point.get("quote_text"), point.get("case"), str(point["service"])
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise PointsError(f"{path}: line {number}: {exc}") from None
            if not quote or not case:
                continue
            text = clean_text(quote)
            if not MIN_QUOTE_CHARS <= len(text) <= MAX_QUOTE_CHARS or not is_english(text):
                continue
            category = case_category(case)
            known = category is not None or case.strip() in negative_cases
            entry = by_text.setdefault(_key(text), {"text": text, "service": service, "categories": set(),
                                                    "usable": True})
            if category is not None:
                entry["categories"].add(category)
            elif not known:
                entry["usable"] = False  # an unknown or uncertain case: may state anything
    return [
        Quote(e["text"], frozenset(e["categories"]), e["service"])
        for e in by_text.values()
        if e["usable"] or e["categories"]
    ]


def is_english(text: str) -> bool:
    """Whether a passage reads as English (by its share of English function words).

    >>> is_english("We may share your data with our partners."), is_english("Wij delen je gegevens nooit met derden.")
    (True, False)
    """
    words = _WORDS.findall(text.lower())
    return bool(words) and sum(w in _FUNCTION_WORDS for w in words) >= ENGLISH_SHARE_CUTOFF * len(words)


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))
