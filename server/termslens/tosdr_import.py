"""Record files from ToS;DR points: the curators' quotes, put on the page they came from, in our categories.

ToS;DR (tosdr.org) volunteers quote clauses of hundreds of services and attach each quote ("point") to a
case such as "You waive your right to a class action" classified good, neutral, bad or blocker. Each point
with a quote that can anchor on a page becomes a record:

- the quote, verbatim but for markup (HTML tags and entities, which a page's text does not show);
- its document (terms, privacy or other, from the document's name and address) and the document's address
  when the point gives it (http addresses are given as https: the extension opens only https links);
- the case's category from the reviewed mapping (`termslens.tosdr_cases`); severity and stance from the
  case's classification (blocker: high, bad: medium, neutral and good: low);
- the case title as the record's title (ToS;DR's words, credited by the record's provenance); what it
  means, why it matters and the regulations from our taxonomy category (our words); any opt-out the
  clause itself spells out (`clause_actions`);
- provenance: "Curated by ToS;DR volunteers", the point id and page, CC BY-SA 3.0, the 2021 snapshot.
  The points carry no dates and TermsLens has not checked them, so `source_date` and `verified` are left
  out rather than invented.

A service's domains come from its documents' addresses (the registrable domain, from the Public Suffix
List) or from a name that is itself a domain ("Alibaba.com"). A service whose document sits on a curated
service's own document address or main site is merged into that service (Blogspot's privacy policy is
Google's); an address elsewhere on a curated service's domain (a Google Groups page) gives no domain, so
that no second service ever claims a curated domain. A domain that several imported services give is kept
only by the one its name matches. Points are skipped, and counted by reason, when they have no quote, no
case, a case the mapping leaves out on purpose or does not know, a quote that is not text or too short to
anchor (under 8 words); the same quote twice in one service and category is one record.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from termslens.clause_actions import actions_from_clause
from termslens.engine import tokenize
from termslens.records import Record, RecordError, load_records
from termslens.taxonomy import categories
from termslens.tosdr_cases import UNMAPPED, case_category

PROJECT = "ToS;DR"
LICENCE = "CC BY-SA 3.0"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/3.0/"
CREDIT = "Curated by ToS;DR volunteers"
SNAPSHOT = "2021"  # the archived snapshot of the tosdr.org data the shared points come from
POINT_URL = "https://edit.tosdr.org/points/{point_id}"

# A quote of fewer words than this cannot be placed on reworded text (engine.align.MIN_FUZZY_WORDS): too
# short to anchor.
MIN_QUOTE_WORDS = 8
MIN_QUOTE_CHARS = 40  # the record schema's minimum
MAX_QUOTE_CHARS = 4000  # and its maximum
# A quote whose visible characters are less than this share letters is a table, code or an address: not text.
MIN_LETTER_SHARE = 0.5
MAX_TITLE_CHARS = 160

SEVERITY = {"blocker": "high", "bad": "medium", "neutral": "low", "good": "low"}
STANCE = {"blocker": "bad", "bad": "bad", "neutral": "neutral", "good": "good"}
REQUIRED_KEYS = ("id", "service", "case", "quote_text")

# Why a point was left out, as the command prints it.
NO_QUOTE = "no quote"
NO_CASE = "no case"
UNMAPPED_CASE = "case left unmapped on purpose"
UNKNOWN_CASE = "case not in the mapping"
NO_CLASSIFICATION = "case without a good/neutral/bad/blocker classification"
NOT_TEXT = "quote is not text"
TOO_SHORT = f"quote too short to anchor (under {MIN_QUOTE_WORDS} words)"
TOO_LONG = f"quote too long (over {MAX_QUOTE_CHARS:,} characters)"
DUPLICATE = "duplicate of another point's quote (merged)"
NO_NAME = "service without a usable name"

_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_DOMAIN = re.compile(r"^([a-z0-9-]+\.)+[a-z]{2,}$")
_PRIVACY_DOC = re.compile(r"privacy|privacidad|privacidade|datenschutz|données|data (?:use|protection|policy)", re.IGNORECASE)
_TERMS_DOC = re.compile(r"terms|conditions|agreement|\beula\b|licen[cs]e|\btos\b|rules|legal|condiciones|conditions|nutzungsbedingungen|\bagb\b", re.IGNORECASE)


class TosdrImportError(ValueError):
    """Input that cannot be imported; the message names the file and line."""


@dataclass(frozen=True)
class Point:
    """One ToS;DR point, as read from its line."""

    line: int
    id: str
    service: str
    service_name: str
    case: str | None
    classification: str | None
    quote: str | None
    quote_doc: str | None
    url: str | None


@dataclass
class ImportReport:
    """What an import did: how many records and services it wrote, and what it left out and why."""

    points: int = 0
    records: int = 0
    services: int = 0
    merged_services: dict[str, str] = field(default_factory=dict)  # ToS;DR slug -> curated service id
    same_name_services: dict[str, str] = field(default_factory=dict)  # ToS;DR slug -> the slug of the same name
    skipped: Counter[str] = field(default_factory=Counter)
    services_without_domain: int = 0
    contested_domains: list[str] = field(default_factory=list)
    domains_of_other_services: list[str] = field(default_factory=list)  # hosts on a curated service's domain


# --- reading -------------------------------------------------------------------------------------------------


def read_points(path: Path) -> list[Point]:
    """The points of a ToS;DR points.jsonl file; raises TosdrImportError naming the line of the first bad one."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise TosdrImportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    points: list[Point] = []
    seen: dict[str, int] = {}
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                point = _point(line, number, path)
                if point.id in seen:
                    raise TosdrImportError(f"{path}: line {number}: point id {point.id!r} already on line {seen[point.id]}")
                seen[point.id] = number
                points.append(point)
        except UnicodeDecodeError:
            raise TosdrImportError(f"{path}: line {len(points) + 1}: not UTF-8 text") from None
    if not points:
        raise TosdrImportError(f"{path}: no points in the file")
    return points


def _point(line: str, number: int, path: Path) -> Point:
    where = f"{path}: line {number}"
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise TosdrImportError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(raw, dict):
        raise TosdrImportError(f"{where}: a point must be a JSON object, not {type(raw).__name__}")
    missing = [key for key in REQUIRED_KEYS if key not in raw]
    if missing:
        raise TosdrImportError(f"{where}: missing {', '.join(repr(key) for key in missing)}")
    for key in ("service_name", "case", "case_classification", "quote_text", "quote_doc", "source_document_url"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            raise TosdrImportError(f"{where}: {key!r} must be a string or null, not {type(raw[key]).__name__}")
    point_id = raw["id"]
    if isinstance(point_id, int) and not isinstance(point_id, bool):
        point_id = str(point_id)
    if not isinstance(point_id, str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,80}", point_id):
        raise TosdrImportError(f"{where}: 'id' must be a point id (letters, digits, - _ .), not {raw['id']!r}")
    if not isinstance(raw["service"], str) or not raw["service"].strip():
        raise TosdrImportError(f"{where}: 'service' must be a non-empty string")
    return Point(
        line=number, id=point_id, service=raw["service"].strip(),
        service_name=(raw.get("service_name") or "").strip() or raw["service"].strip(),
        case=raw.get("case"), classification=raw.get("case_classification"), quote=raw.get("quote_text"),
        quote_doc=(raw.get("quote_doc") or "").strip() or None, url=(raw.get("source_document_url") or "").strip() or None,
    )


def read_case_classifications(path: Path) -> dict[str, str]:
    """Case title -> classification from ToS;DR's cases.json; raises TosdrImportError if it is not that file."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise TosdrImportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TosdrImportError(f"{path}: not a JSON file ({exc})") from None
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, list):
        raise TosdrImportError(f"{path}: expected {{\"cases\": [...]}} as in ToS;DR's cases.json")
    out = {}
    for number, case in enumerate(cases, 1):
        if not isinstance(case, dict) or not isinstance(case.get("title"), str):
            raise TosdrImportError(f"{path}: case {number}: needs a 'title'")
        if isinstance(case.get("classification"), str):
            out[case["title"].strip()] = case["classification"]
    return out


# --- converting ----------------------------------------------------------------------------------------------


def clean_quote(quote: str) -> str:
    """The quote as a page shows it: HTML tags and entities resolved, spaces and blank lines collapsed.

    >>> clean_quote("<p>You agree to the&nbsp;<strong>Terms</strong>.</p>\\n")
    'You agree to the Terms.'
    """
    text = _BLOCK_TAG.sub("\n", quote)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = _SPACES.sub(" ", text)
    return _BLANK_LINES.sub("\n", text).strip()


def skip_reason(quote: str) -> str | None:
    """Why a cleaned quote cannot be a record's quote, or None."""
    visible = [ch for ch in quote if not ch.isspace()]
    if not visible or sum(ch.isalpha() for ch in visible) < MIN_LETTER_SHARE * len(visible):
        return NOT_TEXT
    if len(tokenize(quote).words) < MIN_QUOTE_WORDS or len(quote) < MIN_QUOTE_CHARS:
        return TOO_SHORT
    if len(quote) > MAX_QUOTE_CHARS:
        return TOO_LONG
    return None


def document_kind(title: str | None, url: str | None) -> str:
    """terms, privacy or other (a cookie policy, a code of conduct), from the document's name, else its address.

    >>> document_kind("Privacy and Cookies Policy", None), document_kind("Cookie Policy", None)
    ('privacy', 'other')
    >>> document_kind(None, "https://example.com/legal/terms-of-use")
    'terms'
    """
    for name in (title, urlsplit(url).path if url else None):
        if not name:
            continue
        if _PRIVACY_DOC.search(name):
            return "privacy"
        if _TERMS_DOC.search(name):
            return "terms"
    return "other"


def https_url(url: str | None) -> str | None:
    """`url` as an https address (http upgraded, fragment dropped), or None if it is not a web address."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url.strip()):
        return None
    return urlunsplit(("https", parts.netloc, parts.path, parts.query, ""))


def registrable_domain(host: str) -> str | None:
    """The domain a person registers, from the Public Suffix List (which knows "co.uk" and "github.io").

    >>> registrable_domain("www.blablacar.co.uk"), registrable_domain("about.couchsurfing.com")
    ('blablacar.co.uk', 'couchsurfing.com')
    >>> registrable_domain("127.0.0.1") is None
    True
    """
    host = host.lower().rstrip(".")
    if re.fullmatch(r"[\d.]+|\[.*\]", host):
        return None
    domain = _public_suffixes().privatesuffix(host)
    return domain if domain and _DOMAIN.match(domain) else None


@cache
def _public_suffixes() -> Any:
    # publicsuffixlist ships the list in the package (no download), so imports are reproducible offline.
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def slug(text: str) -> str:
    """A record-schema slug of `text` ("Atlassian (incl. Trello)" -> "atlassian-incl-trello")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


@dataclass
class _Service:
    """An imported service being assembled."""

    slug: str
    name: str
    points: list[tuple[Point, str, str, str]] = field(default_factory=list)  # point, quote, category, classification
    hosts: set[str] = field(default_factory=set)
    domains: list[str] = field(default_factory=list)
    merged_into: Record | None = None  # a record of the curated service it joins


def convert(points: Iterable[Point], *, known: Sequence[Record], classifications: dict[str, str] | None = None
            ) -> tuple[dict[str, dict[str, Any]], ImportReport]:
    """Record files (by file name) from `points`, and what was imported, skipped and merged.

    `known` are the library's records: a service they know by address is merged into, never duplicated.
    """
    report = ImportReport()
    services: dict[str, _Service] = {}
    for point in points:
        report.points += 1
        reason, quote, category, classification = _accept(point, classifications or {})
        if reason is not None:
            report.skipped[reason] += 1
            continue
        service = services.setdefault(point.service, _Service(point.service, point.service_name))
        service.points.append((point, quote, category, classification))
        url = https_url(point.url)
        if url:
            service.hosts.add(urlsplit(url).hostname or "")
    _merge_same_names(services, report)
    _assign_domains(services, known, report)
    files = _record_files(services, known, report)
    return files, report


def _merge_same_names(services: dict[str, _Service], report: ImportReport) -> None:
    """One service per name: ToS;DR lists some services twice ("wikia" and "fandom", both named Fandom); the
    one with more points takes the other's. A service whose name has no letter or digit cannot be named on a
    page, nor told apart: its points are skipped."""
    by_name: dict[str, list[_Service]] = {}
    for service in list(services.values()):
        key = re.sub(r"[^a-z0-9]", "", service.name.lower())
        if not key:
            report.skipped[NO_NAME] += len(service.points)
            del services[service.slug]
            continue
        by_name.setdefault(key, []).append(service)
    for group in by_name.values():
        if len(group) < 2:
            continue
        keep = max(group, key=lambda s: (len(s.points), [-ord(ch) for ch in s.slug]))
        for other in group:
            if other is not keep:
                keep.points += other.points
                keep.hosts |= other.hosts
                report.same_name_services[other.slug] = keep.slug
                del services[other.slug]


def _accept(point: Point, classifications: dict[str, str]) -> tuple[str | None, str, str, str]:
    if not point.quote or not point.quote.strip():
        return NO_QUOTE, "", "", ""
    if not point.case or not point.case.strip():
        return NO_CASE, "", "", ""
    category = case_category(point.case)
    if category is None:
        unmapped = point.case.strip() in {title.strip() for title in UNMAPPED}
        return (UNMAPPED_CASE if unmapped else UNKNOWN_CASE), "", "", ""
    classification = classifications.get(point.case.strip()) or point.classification
    if classification not in SEVERITY:
        return NO_CLASSIFICATION, "", "", ""
    quote = clean_quote(point.quote)
    reason = skip_reason(quote)
    return reason, quote, category, classification


def _assign_domains(services: dict[str, _Service], known: Sequence[Record], report: ImportReport) -> None:
    """Each service's domains, merging into curated services and never claiming another service's domain."""
    curated_domain = {domain: record for record in known for domain in record.service.domains}
    curated_hosts = {urlsplit(url).hostname: record for record in known
                     for url in (record.document.url, record.source_url) if url}
    claims: dict[str, list[_Service]] = {}
    for service in services.values():
        for host in sorted(service.hosts):
            domain = registrable_domain(host)
            if domain is None:
                continue
            if host in curated_hosts or (domain in curated_domain and host in (domain, f"www.{domain}")):
                service.merged_into = curated_hosts.get(host) or curated_domain[domain]
            elif _owner(domain, curated_domain) is not None:
                report.domains_of_other_services.append(f"{service.slug}: {host}")
            else:
                claims.setdefault(domain, []).append(service)
        named = service.name.strip().lower()
        if _DOMAIN.match(named) and _owner(named, curated_domain) is None:
            claims.setdefault(named, []).append(service)
    for domain, claimants in sorted(claims.items()):
        unique = list({id(s): s for s in claimants}.values())
        if len(unique) > 1:
            label = domain.split(".")[0]
            unique = [s for s in unique if label in slug(s.slug).replace("-", "") or label in slug(s.name).replace("-", "")]
            if len(unique) != 1:
                report.contested_domains.append(domain)
                continue
        if unique[0].merged_into is None:
            unique[0].domains.append(domain)


def _owner(domain: str, curated_domain: dict[str, Record]) -> Record | None:
    """The curated record whose service owns `domain` or a parent domain of it."""
    labels = domain.split(".")
    for i in range(len(labels) - 1):
        record = curated_domain.get(".".join(labels[i:]))
        if record is not None:
            return record
    return None


def _record_files(services: dict[str, _Service], known: Sequence[Record], report: ImportReport) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    taken_ids = {record.service.id for record in known}
    used_slugs: set[str] = set()
    known_categories = categories()
    for service in sorted(services.values(), key=lambda s: s.slug):
        if not service.points:
            continue
        if service.merged_into is not None:
            curated = service.merged_into.service
            report.merged_services[service.slug] = curated.id
            file = files.setdefault(f"{curated.id}.json", {
                "schema_version": 1,
                "service": curated.to_json(),
                "documents": {},
                "records": [],
            })
        else:
            service_id = slug(service.slug) or f"service-{slug(service.name) or 'unnamed'}"
            if service_id in taken_ids:
                service_id = f"{service_id}-tosdr"
            base, number = service_id, 2
            while service_id in used_slugs:
                service_id, number = f"{base}-{number}", number + 1
            used_slugs.add(service_id)
            file = files[f"{service_id}.json"] = {
                "schema_version": 1,
                "service": {"id": service_id, "name": service.name, "domains": sorted(service.domains)},
                "documents": {},
                "records": [],
            }
            if not service.domains:
                report.services_without_domain += 1
        _add_records(file, service, known_categories, report)
    for name in [name for name, file in files.items() if not file["records"]]:
        del files[name]
    report.services = len(files)
    report.records = sum(len(file["records"]) for file in files.values())
    return files


def _add_records(file: dict[str, Any], service: _Service, known_categories, report: ImportReport) -> None:
    documents: dict[str, dict[str, str]] = file["documents"]
    by_title_url: dict[tuple[str, str | None], str] = {
        (doc["title"], doc.get("url")): key for key, doc in documents.items()
    }
    # A point without an address borrows it from a point of the same document (same service, same title).
    url_of_title: dict[str, set[str]] = {}
    for point, *_ in service.points:
        url = https_url(point.url)
        if url and point.quote_doc:
            url_of_title.setdefault(point.quote_doc, set()).add(url)
    seen = {(tuple(tokenize(r["quote"]).words), r["category"]) for r in file["records"]}
    for point, quote, category, classification in sorted(service.points, key=lambda p: _point_order(p[0].id)):
        key = (tuple(tokenize(quote).words), category)
        if key in seen:
            report.skipped[DUPLICATE] += 1
            continue
        seen.add(key)
        url = https_url(point.url)
        if url is None and point.quote_doc and len(url_of_title.get(point.quote_doc, ())) == 1:
            url = next(iter(url_of_title[point.quote_doc]))
        title = point.quote_doc or {"terms": "Terms", "privacy": "Privacy policy"}.get(document_kind(None, url), "Document")
        doc_key = by_title_url.get((title, url))
        if doc_key is None:
            kind = document_kind(point.quote_doc, url)
            doc_key, number = kind, 2
            while doc_key in documents:
                doc_key, number = f"{kind}-{number}", number + 1
            documents[doc_key] = {"title": title[:4000]} | ({"url": url} if url else {})
            by_title_url[(title, url)] = doc_key
        info = known_categories[category]
        record: dict[str, Any] = {
            "id": f"tosdr-{slug(point.id)}",
            "document": doc_key,
            "category": category,
            "severity": SEVERITY[classification],
            "stance": STANCE[classification],
            "title": _title(point.case or ""),
            "quote": quote,
            "means": info.means,
            "matters": info.matters,
            "actions": [action.to_json() for action in actions_from_clause(quote)],
            "regulations": list(info.regulations),
        }
        if url:
            record["source_url"] = url
        record["provenance"] = {
            "project": PROJECT,
            "point_id": point.id,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "url": POINT_URL.format(point_id=point.id),
            "credit": CREDIT,
            "snapshot": SNAPSHOT,
        }
        file["records"].append(record)


def _point_order(point_id: str) -> tuple[int, str]:
    return (int(point_id), "") if point_id.isdigit() else (1 << 62, point_id)


def _title(case: str) -> str:
    title = " ".join(case.split())
    if len(title) <= MAX_TITLE_CHARS:
        return title
    return title[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


# --- writing -------------------------------------------------------------------------------------------------

LICENCE_TEXT = """# Imported records: ToS;DR points

The record files in this folder are derived from the data of ToS;DR ("Terms of Service; Didn't Read",
https://tosdr.org), an archived 2021 snapshot of tosdr/tosdr.org: the quotes ("points") that ToS;DR
volunteers took from the services' documents, and the titles of the cases they attached them to.

Licence: Creative Commons Attribution-ShareAlike 3.0 Unported (CC BY-SA 3.0),
https://creativecommons.org/licenses/by-sa/3.0/ . These files are shared under the same licence.
Attribution: ToS;DR (tosdr.org) and its contributors; each record names its point under `provenance`.

What TermsLens added: the category of each case (`termslens/data/tosdr_cases.json`), and, from our own
taxonomy, what each clause type means, why it matters and the regulations that bear on it (our words).
The quotes are as ToS;DR recorded them (HTML markup removed); TermsLens has not checked them against the
documents as they read today, so the records carry no `verified` date.

Generated by `termslens records import tosdr {points} --out <folder>`.
{summary}
"""


def summary_lines(report: ImportReport) -> list[str]:
    """What an import did, in plain lines (the command prints them; LICENCE.md keeps them)."""
    lines = [
        f"Read {report.points:,} points; wrote {report.records:,} records of {report.services:,} services "
        f"({len(set(report.merged_services.values()))} of them curated services the points were merged into, "
        f"{report.services_without_domain:,} found by their wording only: their addresses were not recorded).",
    ]
    if report.merged_services:
        merged = ", ".join(f"{slug_} -> {target}" for slug_, target in sorted(report.merged_services.items()))
        lines.append(f"Merged: {merged}.")
    if report.same_name_services:
        same = ", ".join(f"{slug_} -> {target}" for slug_, target in sorted(report.same_name_services.items()))
        lines.append(f"Listed twice under one name, merged: {same}.")
    skipped = sum(n for reason, n in report.skipped.items() if reason != DUPLICATE)
    lines.append(f"Skipped {skipped:,} points:")
    lines += [f"  {n:>6,}  {reason}" for reason, n in report.skipped.most_common() if reason != DUPLICATE]
    if report.skipped[DUPLICATE]:
        lines.append(f"Merged {report.skipped[DUPLICATE]:,} points quoting what another point of the same service and category quotes.")
    if report.contested_domains:
        lines.append(f"Domains given by several services and kept by none: {', '.join(report.contested_domains)}.")
    if report.domains_of_other_services:
        lines.append(f"Addresses on a curated service's domain, not claimed: {', '.join(report.domains_of_other_services)}.")
    return lines


def write_import(files: dict[str, dict[str, Any]], out: Path, *, known_dirs: Sequence[Path], points_name: str,
                 report: ImportReport) -> None:
    """Write the record files to `out` whole or not at all: into a temporary folder beside it, checked by
    loading them with the library's folders, then moved into place (replacing an earlier import there)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise TosdrImportError(f"{out}: exists and is not a folder")
    if out.is_dir() and any(p.suffix != ".json" and p.name != "LICENCE.md" for p in out.iterdir()):
        raise TosdrImportError(f"{out}: holds files other than record files; choose an empty or new folder")
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=parent))
    except OSError as exc:
        raise TosdrImportError(f"{out}: cannot write there: {exc.strerror or exc}") from None
    try:
        for name, data in sorted(files.items()):
            (temporary / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
        (temporary / "LICENCE.md").write_text(
            LICENCE_TEXT.format(points=points_name, summary="\n".join(summary_lines(report))), "utf-8"
        )
        try:
            load_records([*known_dirs, temporary])  # every file valid, no id or domain taken twice
        except RecordError as exc:
            raise TosdrImportError(f"the imported records do not load: {exc}") from None
        previous = None
        if out.exists():
            previous = parent / f".{out.name}-previous-{os.getpid()}"
            os.rename(out, previous)
        os.rename(temporary, out)
        if previous is not None:
            shutil.rmtree(previous, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(temporary, ignore_errors=True)
        raise TosdrImportError(f"{out}: cannot write there: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def import_tosdr(points_path: Path, out: Path, *, known_dirs: Sequence[Path], cases_path: Path | None = None
                 ) -> ImportReport:
    """Read ToS;DR points (and optionally its cases.json), convert them, write them to `out`."""
    points = read_points(Path(points_path))
    classifications = read_case_classifications(Path(cases_path)) if cases_path else None
    try:
        known = load_records(known_dirs)
    except RecordError as exc:
        raise TosdrImportError(str(exc)) from None
    files, report = convert(points, known=known, classifications=classifications)
    write_import(files, out, known_dirs=known_dirs, points_name=Path(points_path).name, report=report)
    return report
