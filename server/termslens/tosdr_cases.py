"""ToS;DR "cases" mapped to our clause categories, for importing ToS;DR points and for training on their quotes.

ToS;DR curators attach each quoted point to a case, a titled practice such as "You waive your right to a class
action". `data/tosdr_cases.json` says which taxonomy category each case's quotes state (`mapped`), and why the
others are deliberately left out (`unmapped`: descriptions of a policy, rules of conduct, warranty disclaimers,
mixed or vague cases); `notes` records the judgement calls. Every case with ten or more quoted points in the
2021 ToS;DR snapshot is in one of the two. The category is the clause type only: the point's own ToS;DR
classification (good/neutral/bad/blocker) still says whether it is good or bad news.

The case titles are ToS;DR's (tosdr.org, CC BY-SA 3.0): keep that attribution with the file and with any data
derived through it. Our category names and explanations are our own (`taxonomy.py`).

>>> case_category("You waive your right to a class action.")
'class-action-waiver'
>>> case_category("There is a date of the last update of the terms") is None
True
"""

from __future__ import annotations

import json
from importlib import resources
from types import MappingProxyType

_DATA = json.loads(resources.files("termslens").joinpath("data/tosdr_cases.json").read_text("utf-8"))

SOURCE: str = _DATA["source"]
MAPPED = MappingProxyType(_DATA["mapped"])  # case title -> category id
UNMAPPED = MappingProxyType(_DATA["unmapped"])  # case title -> why it has no category

# A few ToS;DR titles carry stray leading or trailing spaces; look-ups ignore them.
_BY_TITLE = {title.strip(): category for title, category in MAPPED.items()}


def case_category(title: str) -> str | None:
    """The category id a ToS;DR case maps to, or None if it is unmapped or unknown."""
    return _BY_TITLE.get(title.strip())
