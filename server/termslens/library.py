"""The loaded record set: records by id and service, the quote index, and which service a URL belongs to.

A library is made of compiled sources (`termslens.recordset`): the curated records, the imported ones, any
`--records` folders and the user's own files, in that order. Each keeps its own index, searched together;
records are read from their source only when asked for, so fifty thousand of them cost their index arrays
and ids, not fifty thousand objects.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from termslens.engine import QuoteIndex
from termslens.peers import Peers
from termslens.records import Record, RecordChecks, Service
from termslens.recordset import (
    IndexedRecords,
    RecordSet,
    compile_folder,
    compile_records,
    compile_user_files,
    merged_index,
)
from termslens.taxonomy import categories


class Library:
    """An immutable set of records with the index built over them; make a new one to change records."""

    def __init__(
        self, records: Sequence[Record] = (), *, sets: Sequence[RecordSet] | None = None, cache_dir: Path | None = None
    ):
        """A library of `records` held in memory, or (with `sets`) of compiled sources, checked against each
        other (ids unique, a domain owned by one service, user files adding to no folder's service); their
        indexes are searched as one, merged once and kept in `cache_dir` (`recordset.merged_index`)."""
        self.sets: tuple[RecordSet, ...] = tuple(sets) if sets is not None else (compile_records(records),)
        checks = RecordChecks()
        for record_set in self.sets:
            record_set.check_into(checks)
        self._by_id = {record_id: k for k, record_id in enumerate(id_ for s in self.sets for id_ in s.record_ids)}
        self.records: Sequence[Record] = _Chain([s.records for s in self.sets])
        self.index: QuoteIndex = merged_index(self.sets, self.records, cache_dir=cache_dir)
        # Every source's services one after another, and each record's among them (without reading it).
        self._all_services = tuple(service for record_set in self.sets for service in record_set.services)
        service_offsets = accumulate((len(record_set.services) for record_set in self.sets), initial=0)
        self._record_service = np.concatenate(
            [np.empty(0, np.int64)] + [record_set.record_service + offset for record_set, offset in zip(self.sets, service_offsets)]
        )
        self.services: dict[str, Service] = {}
        for record_set in self.sets:
            for service in record_set.services:
                self.services.setdefault(service.id, service)
        self._by_domain = {domain: service for service in self.services.values() for domain in service.domains}
        self._named: dict[str, NamePattern] = {}
        self._lowered: tuple[str, str] = ("", "")  # the last page text asked about, and its lower case
        self.peers: dict[str, Peers] = _peers(self.sets)
        self.imported = sum(s.imported for s in self.sets)

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def curated(self) -> int:
        """How many records the project wrote and checked (the rest are imported, with provenance)."""
        return len(self) - self.imported

    def get(self, record_id: str) -> Record | None:
        position = self._by_id.get(record_id)
        return None if position is None else self.records[position]

    def records_of(self, service_id: str) -> list[Record]:
        """The service's records, curated first, in file order."""
        out: list[Record] = []
        for record_set in self.sets:
            numbers = [k for k, service in enumerate(record_set.services) if service.id == service_id]
            if numbers:
                positions = (record_set.record_service == numbers[0]).nonzero()[0]
                out += [record_set.records[int(k)] for k in positions]
        return out

    def services_at(self, positions: np.ndarray) -> tuple[Sequence[Service], np.ndarray]:
        """Whose records sit at `positions` (of `self.records` and `self.index`), without reading them: the
        services of every source, and for each position the number of its service among them."""
        return self._all_services, self._record_service[positions]

    def service_for_url(self, url: str | None) -> Service | None:
        """The service whose domain (or a parent domain of it) serves `url`, if any."""
        host = (urlsplit(url).hostname or "") if url else ""
        labels = host.rstrip(".").split(".")
        for i in range(len(labels) - 1):
            service = self._by_domain.get(".".join(labels[i:]))
            if service is not None:
                return service
        return None

    def page_names(self, service: Service, text: str) -> bool:
        """Whether `text` names `service`: its name (or a part of it in brackets) as written, or one of its
        domains."""
        if service.id not in self._named:
            self._named[service.id] = name_patterns(service)
        names = self._named[service.id]
        if names.as_written.found_in(text):
            return True
        if not names.in_any_case.literals:
            return False
        # A case-blind regular expression cannot skip ahead on a literal prefix and costs milliseconds on a
        # 100 KB page; the page is lowered once (per page, for every service asked about) instead.
        if self._lowered[0] is not text:
            self._lowered = (text, text.lower())
        return names.in_any_case.found_in(self._lowered[1])


def load_library(
    directories: Iterable[Path], *, user_files: Sequence[dict[str, Any]] = (), cache_dir: Path | None = None
) -> Library:
    """The records of the record folders, in order, then of the user's stored record files, each folder
    compiled once and kept under `cache_dir` (see `termslens.recordset`). Raises `RecordError` on any problem."""
    sets = [compile_folder(Path(directory), cache_dir=cache_dir) for directory in directories]
    if user_files:
        sets.append(compile_user_files(user_files, cache_dir=cache_dir))
    return Library(sets=sets, cache_dir=cache_dir)


@dataclass(frozen=True)
class Words:
    """Literal words to find as whole words: a regular expression, screened by plain substring search (a
    pattern starting with a word-boundary check cannot skip ahead and costs milliseconds on a 100 KB page;
    `in` costs microseconds, and most pages hold none of a given service's names)."""

    literals: tuple[str, ...]
    pattern: re.Pattern[str] | None

    def found_in(self, text: str) -> bool:
        return self.pattern is not None and any(literal in text for literal in self.literals) and bool(self.pattern.search(text))


@dataclass(frozen=True)
class NamePattern:
    """What a page naming a service holds: words as written, and words to find in the page's lower case."""

    as_written: Words
    in_any_case: Words


def name_patterns(service: Service) -> NamePattern:
    """What a page that names `service` contains: the words of its name as written, and those to look for in
    the page's lower case.

    Each part of the name ("Facebook (Meta)": Facebook, Meta; "X (formerly Twitter)": Twitter) is looked for
    as written, from its first capitalised word to its last ("Archive of Our Own" as a whole, never just
    "Our"); one-letter names such as X are too common. A name written all in lower case ("couchsurfing")
    is looked for in any case; so are the service's domains.
    """
    alternatives, lowered, literals, lowered_literals = [], [], [], []
    for part in re.split(r"[()/]|,|\bformerly\b|\bincl\.", service.name):
        words = part.split()
        # Words written with a capital or a digit anywhere: "Meta", "eBay", "edX", "500px".
        capitalised = [k for k, word in enumerate(words) if any(ch.isupper() or ch.isdigit() for ch in word)]
        if capitalised:
            phrase = " ".join(words[capitalised[0] : capitalised[-1] + 1])
            if len(re.sub(r"\W", "", phrase)) > 1:
                alternatives.append(rf"(?<!\w){re.escape(phrase)}(?!\w)")
                literals.append(phrase)
        elif len(words) == 1 and len(core := re.sub(r"\W", "", words[0])) >= 3:
            lowered.append(rf"\b{re.escape(core.lower())}\b")  # "couchsurfing", "npm", "osu!"
            lowered_literals.append(core.lower())
    lowered += [rf"\b{re.escape(domain.lower())}\b" for domain in service.domains]
    lowered_literals += [domain.lower() for domain in service.domains]
    return NamePattern(
        Words(tuple(literals), re.compile("|".join(alternatives)) if alternatives else None),
        Words(tuple(lowered_literals), re.compile("|".join(lowered)) if lowered else None),
    )


def _peers(sets: Sequence[RecordSet]) -> dict[str, Peers]:
    """Peers for every taxonomy category (and any other category the records use), over the curated records
    of all sources: imported points quote a few clauses of each service, so counting their services would
    say "few services have this" of clauses nobody looked for."""
    services = len(set().union(*(s.curated_services for s in sets)))
    having: dict[str, set[str]] = {}
    controlling: dict[str, set[str]] = {}
    for record_set in sets:
        for category, ids in record_set.having.items():
            having.setdefault(category, set()).update(ids)
        for category, ids in record_set.controlling.items():
            controlling.setdefault(category, set()).update(ids)
    return {
        category: Peers(category, services, len(having.get(category, ())), len(controlling.get(category, ())))
        for category in [*categories(), *having]
    }


class _Chain(IndexedRecords):
    """Several record sequences read as one."""

    def __init__(self, parts: Sequence[Sequence[Record]]):
        self._parts = parts
        self._starts = [0, *accumulate(len(part) for part in parts)]

    def __len__(self) -> int:
        return self._starts[-1]

    def _record(self, i: int) -> Record:
        part = bisect_right(self._starts, i) - 1
        return self._parts[part][i - self._starts[part]]

    def __iter__(self) -> Iterator[Record]:
        for part in self._parts:
            yield from part
