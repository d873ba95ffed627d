"""The loaded record set: records by id and service, the quote index, and which service a URL belongs to."""

from __future__ import annotations

import re
from typing import Sequence
from urllib.parse import urlsplit

from termslens import engine
from termslens.peers import Peers, count_peers
from termslens.records import Record, Service


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
        self.peers: dict[str, Peers] = count_peers(self.records)

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

    def page_names(self, service: Service, text: str) -> bool:
        """Whether `text` names `service`: a capitalised word of its name or one of its domains."""
        return bool(self._named[service.id].search(text))


def _name_pattern(service: Service) -> re.Pattern[str]:
    """What a page that names `service` contains: a capitalised word of its name ("Facebook (Meta)": Facebook,
    Meta; one-letter names such as X are too common) or one of its domains."""
    names = [rf"\b{re.escape(word)}\b" for word in re.findall(r"[A-Z]\w+", service.name)]
    domains = [rf"(?i:\b{re.escape(domain)}\b)" for domain in service.domains]
    return re.compile("|".join(names + domains))
