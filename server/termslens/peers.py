"""How the services in the library treat each clause category: "12 of 28 services have …; 5 let you opt out"."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from termslens.records import Record
from termslens.taxonomy import categories

# Action kinds that let a person switch a practice off or change it (not just read or contact).
CONTROL_KINDS = frozenset({"opt-out", "setting", "request"})


@dataclass(frozen=True)
class Peers:
    category: str
    services: int  # services in the library
    with_category: int  # services with at least one record of this category
    with_control: int  # of those, services whose records of this category offer an opt-out, setting or request

    def summary(self) -> str:
        """One plain sentence for the clause card."""
        total = f"{self.services} service{'s' if self.services != 1 else ''}"
        if self.with_category == 0:
            return f"None of the {total} in the TermsLens library has a clause like this on record."
        info = categories().get(self.category)
        sentence = f"{self.with_category} of the {total} in the TermsLens library have a clause like this"
        if info is not None and info.stance == "good":
            return sentence + "."
        if self.with_control == 0:
            return sentence + "; none of them lets you opt out."
        let = "lets" if self.with_control == 1 else "let"
        return sentence + f"; {self.with_control} of them {let} you opt out or change it."

    def to_json(self) -> dict[str, Any]:
        return {
            "services": self.services,
            "with_category": self.with_category,
            "with_control": self.with_control,
            "summary": self.summary(),
        }


def count_peers(records: Iterable[Record]) -> dict[str, Peers]:
    """Peers for every taxonomy category (and any other category the records use)."""
    records = list(records)
    services = {record.service.id for record in records}
    having: dict[str, set[str]] = {}
    controlling: dict[str, set[str]] = {}
    for record in records:
        having.setdefault(record.category, set()).add(record.service.id)
        if any(action.kind in CONTROL_KINDS for action in record.actions):
            controlling.setdefault(record.category, set()).add(record.service.id)
    return {
        category: Peers(category, len(services), len(having.get(category, ())), len(controlling.get(category, ())))
        for category in [*categories(), *having]
    }
