"""Clause records: load record files, validate them against the schema, and hold them as frozen data.

A record file holds one service: its name and domains, the documents its records quote, and the records.
Loading is all-or-nothing: the first problem raises `RecordError` naming the file, the record and the field,
and nothing from that load is used.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import jsonschema

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
    url: str


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
    source_url: str
    source_date: str
    verified: str
    origin: str = field(default="", compare=False)

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
        }


def _load_schema() -> dict[str, Any]:
    text = resources.files("termslens").joinpath("schema/record.schema.json").read_text("utf-8")
    return json.loads(text)


_SURROGATE = re.compile("[\ud800-\udfff]")
_VALIDATOR = jsonschema.Draft202012Validator(_load_schema(), format_checker=jsonschema.FormatChecker())


def _describe(error: jsonschema.ValidationError, data: Any) -> str:
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
        errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    except RecursionError:  # jsonschema recurses per level: arrays nested hundreds deep exhaust the stack
        raise RecordError(f"{origin}: nested too deeply to be a record file") from None
    if errors:
        raise RecordError(f"{origin}: {_describe(errors[0], data)}")
    unencodable = _first_unencodable(data, "")
    if unencodable is not None:
        raise RecordError(f"{origin}: field '{unencodable}': not Unicode text (a lone surrogate such as \\ud800)")
    service = Service(data["service"]["id"], data["service"]["name"], tuple(data["service"]["domains"]))
    documents = {key: Document(key, doc["title"], doc["url"]) for key, doc in data["documents"].items()}
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
        records.append(
            Record(
                id=raw["id"],
                service=service,
                document=documents[raw["document"]],
                category=raw["category"],
                severity=raw["severity"],
                stance=raw["stance"],
                title=raw["title"],
                quote=raw["quote"],
                means=raw["means"],
                matters=raw["matters"],
                actions=tuple(_action(a) for a in raw["actions"]),
                regulations=tuple(raw.get("regulations", ())),
                source_url=raw["source_url"],
                source_date=raw["source_date"],
                verified=raw["verified"],
                origin=origin,
            )
        )
    return records


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
        flow=raw.get("flow"),
    )


def load_record_file(path: Path) -> list[Record]:
    """Records of the record file at `path`; raises `RecordError` naming the file on any problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise RecordError(f"{path}: not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    return parse_record_file(data, origin=str(path))


def record_files(directory: Path) -> list[Path]:
    """The `*.json` record files of a directory, sorted; raises `RecordError` if it is not a directory."""
    if not directory.is_dir():
        raise RecordError(f"{directory}: not a directory")
    return sorted(directory.glob("*.json"))


def load_records(directories: Iterable[Path], *, user_files: Iterable[dict[str, Any]] = ()) -> list[Record]:
    """All records of the record files in `directories`, then of the user's stored record files, in order.

    Record ids must be unique across them all, and a user file may not add to a service that the folders
    define; raises `RecordError` naming both places otherwise.
    """
    records: list[Record] = []
    origin_of: dict[str, str] = {}
    folder_services: dict[str, str] = {}
    domain_owner: dict[str, str] = {}

    def add(loaded: list[Record], origin: str) -> None:
        for record in loaded:
            if record.id in origin_of:
                raise RecordError(f"{origin}: record {record.id}: id already defined in {origin_of[record.id]}")
            origin_of[record.id] = origin
            records.append(record)
            for domain in record.service.domains:
                owner = domain_owner.setdefault(domain, record.service.id)
                if owner != record.service.id:
                    raise RecordError(f"{origin}: field 'service.domains': '{domain}' already belongs to service '{owner}'")

    for directory in directories:
        for path in record_files(Path(directory)):
            loaded = load_record_file(path)
            add(loaded, str(path))
            folder_services.update({record.service.id: str(path) for record in loaded})
    for record_file in user_files:
        service_id = record_file["service"]["id"]
        origin = f"store:{service_id}"
        if service_id in folder_services:
            raise RecordError(f"{origin}: service '{service_id}' is already defined in {folder_services[service_id]}")
        add(parse_record_file(record_file, origin=origin), origin)
    return records


def bundled_records_dir() -> Path:
    """The directory of the records shipped inside the package."""
    return Path(str(resources.files("termslens").joinpath("data/records")))
