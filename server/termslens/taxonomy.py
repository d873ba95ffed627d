"""The clause categories: a stable id each, with a default severity and stance and our generic explanation.

Curated records name one of these ids as their `category`; clause types found without a record
(`kind: generic` annotations) take their title, explanation and advice from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    severity: str  # the default: high | medium | low
    stance: str  # the default: bad | neutral | good
    means: str
    matters: str
    advice: tuple[str, ...]  # generic "what you can do", in order
    regulations: tuple[str, ...]
    claudette: str | None = None  # the CLAUDETTE label code this category corresponds to, if any

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "severity": self.severity,
            "stance": self.stance,
            "means": self.means,
            "matters": self.matters,
            "advice": list(self.advice),
            "regulations": list(self.regulations),
        }


@cache
def categories() -> dict[str, Category]:
    """The bundled taxonomy, by id, in the file's order."""
    text = resources.files("termslens").joinpath("data/taxonomy.json").read_text("utf-8")
    return {
        raw["id"]: Category(
            id=raw["id"],
            name=raw["name"],
            severity=raw["severity"],
            stance=raw["stance"],
            means=raw["means"],
            matters=raw["matters"],
            advice=tuple(raw["advice"]),
            regulations=tuple(raw["regulations"]),
            claudette=raw.get("claudette"),
        )
        for raw in json.loads(text)["categories"]
    }


def category(category_id: str) -> Category | None:
    return categories().get(category_id)
