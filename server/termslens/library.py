"""The loaded record set: records by id and service, the quote index, and which service a URL belongs to."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence
from urllib.parse import urlsplit

from termslens import engine
from termslens.clause_actions import actions_from_clause
from termslens.document_kind import is_privacy_notice
from termslens.engine import Annotation
from termslens.generic import GenericAnnotation, generic_annotations
from termslens.peers import Peers, count_peers
from termslens.records import Record, Service

# A record quotes one company's clause and carries that company's settings pages and addresses, but boilerplate
# travels between companies ("You may opt out of this obligation to arbitrate" sits in many terms, with another
# name in it). A record of a service other than the page's is shown only where it plainly applies: the page
# names that service, and if the page's own service is known from its address, the wording is the same (at
# least this score: Google's clauses on YouTube's pages, Meta's on Instagram's). On a page of unknown origin, a
# clause quoted word for word is shown even when its service is not named (a pasted clause).
SHARED_CLAUSE_SCORE = 97


@dataclass(frozen=True)
class Analysis:
    """What a page holds: its service (if known) and the annotations found in it."""

    service: Service | None
    service_matched_by: str | None  # "domain" (from the URL) or "content" (from the clauses found)
    annotations: list[Annotation | GenericAnnotation]  # in page order
    peers: dict[str, Peers] = field(default_factory=dict)  # by category: how the library's services treat it


class Library:
    """An immutable set of records with the index built over them; make a new one to change records."""

    def __init__(self, records: Sequence[Record]):
        self.records: tuple[Record, ...] = tuple(records)
        self._by_id = {record.id: record for record in self.records}
        self.services: dict[str, Service] = {}
        for record in self.records:
            self.services.setdefault(record.service.id, record.service)
        self._by_domain = {domain: service for service in self.services.values() for domain in service.domains}
        self._named = {service.id: _name_pattern(service) for service in self.services.values()}
        self.index = engine.build_index(self.records)
        self.peers = count_peers(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def get(self, record_id: str) -> Record | None:
        return self._by_id.get(record_id)

    def records_of(self, service_id: str) -> list[Record]:
        return [record for record in self.records if record.service.id == service_id]

    def service_for_url(self, url: str | None) -> Service | None:
        """The service whose domain (or a parent domain of it) serves `url`, if any."""
        host = (urlsplit(url).hostname or "") if url else ""
        labels = host.rstrip(".").split(".")
        for i in range(len(labels) - 1):
            service = self._by_domain.get(".".join(labels[i:]))
            if service is not None:
                return service
        return None

    def analyze(self, text: str, *, url: str | None = None, title: str | None = None, generic: bool = True) -> Analysis:
        """Every known clause in `text`, then (with `generic`) the clause types no record covers.

        The URL's service only ranks records that land on the same clause; every record is a candidate. The
        title and URL tell a privacy notice from terms for the clause-type detector.
        """
        service = self.service_for_url(url)
        found = engine.analyze(text, self.index, service_id=service.id if service else None)
        named = {a.record.service.id: bool(self._named[a.record.service.id].search(text)) for a in found}
        curated = [
            _with_clause_actions(annotation)
            for annotation in found
            if _applies_here(annotation, service, named[annotation.record.service.id])
        ]
        annotations: list[Annotation | GenericAnnotation] = list(curated)
        if generic:
            from termslens.detect import detect_clauses  # imported on first use: `records list` needs no model

            detected = detect_clauses(text, privacy_notice=is_privacy_notice(title=title, url=url))
            found = generic_annotations(text, detected, curated)
            annotations += [_with_clause_actions(annotation) for annotation in found]
            annotations.sort(key=lambda a: (a.start, a.end, a.kind))
        matched_by = "domain" if service is not None else None
        if service is None:
            service, matched_by = _service_by_content(curated)
        return Analysis(service, matched_by, annotations, self.peers)


def _name_pattern(service: Service) -> re.Pattern[str]:
    """What a page that names `service` contains: a capitalised word of its name ("Facebook (Meta)": Facebook,
    Meta; one-letter names such as X are too common) or one of its domains."""
    names = [rf"\b{re.escape(word)}\b" for word in re.findall(r"[A-Z]\w+", service.name)]
    domains = [rf"(?i:\b{re.escape(domain)}\b)" for domain in service.domains]
    return re.compile("|".join(names + domains))


def _applies_here(annotation: Annotation, page_service: Service | None, page_names_its_service: bool) -> bool:
    """Whether a record's annotation belongs on a page of `page_service` (see SHARED_CLAUSE_SCORE)."""
    if page_service is not None and annotation.record.service.id == page_service.id:
        return True
    same_wording = annotation.score >= SHARED_CLAUSE_SCORE
    if page_service is None:
        return page_names_its_service or same_wording
    return page_names_its_service and same_wording


def _with_clause_actions(annotation):
    """The annotation plus the opt-out actions its own wording spells out, minus those its record has."""
    record_actions = annotation.record.actions if isinstance(annotation, Annotation) else ()
    known = {target for action in record_actions for target in (action.email, action.url) if target}
    extra = tuple(
        action for action in actions_from_clause(annotation.exact) if not {action.email, action.url} & known
    )
    return replace(annotation, extra_actions=extra) if extra else annotation


def _service_by_content(annotations: Iterable[Annotation]) -> tuple[Service | None, str | None]:
    """The service most of the found clauses belong to, when at least two of them agree."""
    counts = Counter(a.record.service for a in annotations)
    if not counts:
        return None, None
    service, count = counts.most_common(1)[0]
    return (service, "content") if count >= 2 else (None, None)
