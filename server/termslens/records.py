"""Clause records: load record files, validate them against the schema, and hold them as frozen data.

A record file holds one service: its name and domains, the documents its records quote, and the records.
Loading is all-or-nothing: the first problem raises `RecordError` naming the file, the record and the field,
and nothing from that load is used.

Curated records are written by the project against a document it read on `source_date` and checked on
`verified`. Imported records (from a curation project such as ToS;DR) carry `provenance` instead: who curated
the quote, under which licence, and the point's page; TermsLens has not checked them, so they may lack those
dates (and the document's address when the project did not record it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema_rs

from termslens.taxonomy import categories
from termslens.vocabulary import SEVERITIES, STANCES  # noqa: F401  (re-exported: the values records may take)

SCHEMA_VERSION = 1


class RecordError(ValueError):
    """A record file or record that cannot be used; the message names the file, record and field."""


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    domains: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "domains": list(self.domains)}


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    url: str | None  # None only for a document of imported records whose source did not record its address


@dataclass(frozen=True)
class Provenance:
    """Where an imported record comes from (see the record schema's `provenance`)."""

    project: str
    point_id: str
    licence: str
    url: str
    licence_url: str | None = None
    credit: str | None = None
    snapshot: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Action:
    kind: str
    label: str
    url: str | None = None
    email: str | None = None
    steps: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    deadline: str | None = None
    subject: str | None = None  # for an emailed request: the subject line (actions read from a clause)
    # The opt-out flow (record schema `flow`, issue 15), kept as the record file has it: the extension reads it.
    flow: dict[str, Any] | None = field(default=None, compare=False, hash=False)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["steps"], data["caveats"] = list(self.steps), list(self.caveats)
        return {key: value for key, value in data.items() if value is not None}


@dataclass(frozen=True)
class Record:
    """What the project knows about one clause of one service's document."""

    id: str
    service: Service
    document: Document
    category: str
    severity: str
    stance: str
    title: str
    quote: str
    means: str
    matters: str
    actions: tuple[Action, ...]
    regulations: tuple[str, ...]
    source_url: str | None  # None only for an imported record (with provenance) whose source URL is unknown
    source_date: str | None  # None only for an imported record: its quote carries no date
    verified: str | None  # None only for an imported record: TermsLens has not checked it
    origin: str = field(default="", compare=False)
    provenance: Provenance | None = None

    @property
    def imported(self) -> bool:
        """Curated elsewhere (ToS;DR) and imported, rather than written and checked by the project."""
        return self.provenance is not None

    def to_json(self) -> dict[str, Any]:
        """The record as the API and `--json` show it (the public record shape, see README)."""
        return {
            "id": self.id,
            "service": self.service.to_json(),
            "document": {"id": self.document.id, "title": self.document.title, "url": self.document.url},
            "category": self.category,
            "severity": self.severity,
            "stance": self.stance,
            "title": self.title,
            "quote": self.quote,
            "means": self.means,
            "matters": self.matters,
            "actions": [action.to_json() for action in self.actions],
            "regulations": list(self.regulations),
            "source_url": self.source_url,
            "source_date": self.source_date,
            "verified": self.verified,
            "provenance": self.provenance.to_json() if self.provenance is not None else None,
        }


def _load_schema() -> dict[str, Any]:
    text = resources.files("termslens").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_SCHEMA = _load_schema()
# jsonschema-rs (compiled) says yes or no about a hundred times faster than jsonschema, which matters for a
# library of thousands of records; jsonschema is asked only when the answer is no, for its precise message.
_FAST_VALIDATOR = jsonschema_rs.validator_for(_SCHEMA, validate_formats=True)


def _first_error(data: Any) -> str | None:
    """What is wrong with a record file's parsed JSON against the schema, described; None if it is valid."""
    try:
        if _FAST_VALIDATOR.is_valid(data):
            return None
        unreadable = False
    except (UnicodeError, ValueError, OverflowError):  # text the compiled validator cannot take (a lone surrogate)
        unreadable = True
    import jsonschema

    validator = jsonschema.Draft202012Validator(_SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    if errors:
        return _describe(errors[0], data)
    if unreadable:
        return None  # valid by the schema; the checks after it name what is wrong with the text
    fast = next(iter(_FAST_VALIDATOR.iter_errors(data)))  # a format only the compiled validator checks
    path = ".".join(str(part) for part in fast.instance_path)
    return f"field '{path}': {fast.message}" if path else fast.message


def _describe(error: Any, data: Any) -> str:
    """'record 3 (anthropic-x): field 'quote': ...' for an error inside a record, else the JSON path."""
    path = list(error.absolute_path)
    where = ""
    if len(path) >= 2 and path[0] == "records" and isinstance(path[1], int):
        index = path[1]
        record = data["records"][index]
        record_id = record.get("id") if isinstance(record, dict) else None
        where = f"record {index + 1}" + (f" ({record_id})" if isinstance(record_id, str) else "")
        path = path[2:]
    message = error.message
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        path = path + [missing]
        message = "is required"
    field_name = ".".join(str(part) for part in path)
    parts = [part for part in (where, f"field '{field_name}'" if field_name else "") if part]
    return ": ".join(parts + [message])


def parse_record_file(data: Any, *, origin: str) -> list[Record]:
    """Records of one record file's parsed JSON, validated; raises `RecordError` on the first problem.

    Parameters
    ----------
    data : the parsed JSON of a record file
    origin : where it came from (a path, or "store"), used in error messages
    """
    try:
        problem = _first_error(data)
    except RecursionError:  # jsonschema recurses per level: arrays nested hundreds deep exhaust the stack
        raise RecordError(f"{origin}: nested too deeply to be a record file") from None
    if problem is not None:
        raise RecordError(f"{origin}: {problem}")
    unencodable = _first_unencodable(data, "")
    if unencodable is not None:
        raise RecordError(f"{origin}: field '{unencodable}': not Unicode text (a lone surrogate such as \\ud800)")
    service, documents = file_service(data), file_documents(data)
    records: list[Record] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["records"]):
        where = f"{origin}: record {index + 1} ({raw['id']})"
        if raw["id"] in seen:
            raise RecordError(f"{where}: field 'id': duplicate id")
        seen.add(raw["id"])
        if raw["document"] not in documents:
            raise RecordError(f"{where}: field 'document': unknown document '{raw['document']}'")
        if raw["category"] not in categories():
            raise RecordError(f"{where}: field 'category': unknown category '{raw['category']}' (see data/taxonomy.json)")
        if "provenance" not in raw and documents[raw["document"]].url is None:
            raise RecordError(f"{where}: field 'documents.{raw['document']}.url': is required for a curated record "
                              "(only imported records, with provenance, may cite a document without an address)")
        if "provenance" not in raw and not service.domains:
            raise RecordError(f"{origin}: field 'service.domains': is empty, which only a file of imported records "
                              f"(each with provenance) may be; record {index + 1} ({raw['id']}) has none")
        records.append(record_from_json(raw, service, documents[raw["document"]], origin=origin))
    return records


def file_service(data: dict[str, Any]) -> Service:
    """The service of a validated record file."""
    return Service(data["service"]["id"], data["service"]["name"], tuple(data["service"]["domains"]))


def file_documents(data: dict[str, Any]) -> dict[str, Document]:
    """The documents of a validated record file, by key."""
    return {key: Document(key, doc["title"], doc.get("url")) for key, doc in data["documents"].items()}


def record_from_json(raw: dict[str, Any], service: Service, document: Document, *, origin: str) -> Record:
    """The record of a validated record's JSON (one item of a record file's `records`)."""
    provenance = raw.get("provenance")
    return Record(
        id=raw["id"],
        service=service,
        document=document,
        category=raw["category"],
        severity=raw["severity"],
        stance=raw["stance"],
        title=raw["title"],
        quote=raw["quote"],
        means=raw["means"],
        matters=raw["matters"],
        actions=tuple(_action(a) for a in raw["actions"]),
        regulations=tuple(raw.get("regulations", ())),
        source_url=raw.get("source_url"),
        source_date=raw.get("source_date"),
        verified=raw.get("verified"),
        origin=origin,
        provenance=Provenance(**provenance) if provenance is not None else None,
    )


def _first_unencodable(value: Any, path: str) -> str | None:
    """The path of the first string holding a lone surrogate (JSON can carry "\\ud800"; UTF-8 cannot). Called
    on schema-valid data only, whose depth the schema bounds."""
    if isinstance(value, str):
        return path if _SURROGATE.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        where = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and _SURROGATE.search(key):
            return path or "(a key)"
        found = _first_unencodable(item, where)
        if found is not None:
            return found
    return None


def _action(raw: dict[str, Any]) -> Action:
    return Action(
        kind=raw["kind"],
        label=raw["label"],
        url=raw.get("url"),
        email=raw.get("email"),
        steps=tuple(raw.get("steps", ())),
        caveats=tuple(raw.get("caveats", ())),
        deadline=raw.get("deadline"),
        subject=raw.get("subject"),
        flow=raw.get("flow"),
    )


def load_record_file(path: Path) -> list[Record]:
    """Records of the record file at `path`; raises `RecordError` naming the file on any problem."""
    return parse_record_file(read_record_json(path), origin=str(path))


def read_record_json(path: Path) -> Any:
    """The parsed JSON of the file at `path` (not yet validated); raises `RecordError` naming the file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


def record_files(directory: Path) -> list[Path]:
    """The `*.json` record files of a directory, sorted; raises `RecordError` if it is not a directory."""
    if not directory.is_dir():
        raise RecordError(f"{directory}: not a directory")
    return sorted(directory.glob("*.json"))


class RecordChecks:
    """The rules that hold across record files: record ids are unique, a domain belongs to one service, and a
    user file may not add to a service that a folder defines. `add` raises `RecordError` naming both places."""

    def __init__(self) -> None:
        self.origin_of: dict[str, str] = {}
        self.domain_owner: dict[str, str] = {}
        self.folder_services: dict[str, str] = {}

    def add_ids(self, ids: Iterable[str], origin: str | Sequence[str]) -> None:
        """Add record ids, from one origin or each from its own (`origin[k]` for the k-th id)."""
        origin_of = self.origin_of
        for k, record_id in enumerate(ids):
            if record_id in origin_of:
                where = origin if isinstance(origin, str) else origin[k]
                raise RecordError(f"{where}: record {record_id}: id already defined in {origin_of[record_id]}")
            origin_of[record_id] = origin if isinstance(origin, str) else origin[k]

    def add_service(self, service: Service, origin: str, *, user: bool) -> None:
        if user and service.id in self.folder_services:
            raise RecordError(f"{origin}: service '{service.id}' is already defined in {self.folder_services[service.id]}")
        for domain in service.domains:
            owner = self.domain_owner.setdefault(domain, service.id)
            if owner != service.id:
                raise RecordError(f"{origin}: field 'service.domains': '{domain}' already belongs to service '{owner}'")
        if not user:
            self.folder_services.setdefault(service.id, origin)

    def add(self, loaded: list[Record], origin: str, *, user: bool = False) -> None:
        """Check one file's records against those added before."""
        for service in {record.service.id: record.service for record in loaded}.values():
            self.add_service(service, origin, user=user)
        self.add_ids((record.id for record in loaded), origin)


def folder_files(directories: Iterable[Path]) -> Iterator[tuple[str, list[Record]]]:
    """(origin, records) for every record file of `directories`, in order, each validated."""
    for directory in directories:
        for path in record_files(Path(directory)):
            yield str(path), load_record_file(path)


def user_record_files(user_files: Iterable[dict[str, Any]]) -> Iterator[tuple[str, list[Record]]]:
    """(origin, records) for each of the user's stored record files, validated."""
    for record_file in user_files:
        origin = f"store:{record_file['service']['id']}"
        yield origin, parse_record_file(record_file, origin=origin)


def load_records(directories: Iterable[Path], *, user_files: Iterable[dict[str, Any]] = ()) -> list[Record]:
    """All records of the record files in `directories`, then of the user's stored record files, in order.

    Record ids must be unique across them all, and a user file may not add to a service that the folders
    define; raises `RecordError` naming both places otherwise.
    """
    records: list[Record] = []
    checks = RecordChecks()
    for origin, loaded in folder_files(directories):
        checks.add(loaded, origin)
        records += loaded
    for origin, loaded in user_record_files(user_files):
        checks.add(loaded, origin, user=True)
        records += loaded
    return records


def bundled_records_dir() -> Path:
    """The directory of the curated records shipped inside the package."""
    return Path(str(resources.files("termslens").joinpath("data/records")))


def imported_records_dir() -> Path:
    """The directory of the imported records shipped inside the package (ToS;DR points, CC BY-SA 3.0; see its
    LICENCE.md). Loaded after the curated records unless switched off."""
    return Path(str(resources.files("termslens").joinpath("data/records-tosdr")))
