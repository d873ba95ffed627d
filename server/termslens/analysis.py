"""One analysis of a page, as a list of named stages.

    segment            the page's blocks, sentences and words, computed once (segment.py)
    detect_types       clause types recognised without a record (`termslens.detect.detect_clauses`; never on
                       headings, tables of contents, cross-references or definitions): `detector.start` first,
                       its `detections()` collected after check_wordings, as the service's detector works in
                       a process of its own meanwhile (`termslens.detector_process`)
    locate_records     where each curated record's clause sits (the matching engine)
    locate_reworded    on the record's own document, its clause in other words (`termslens.reworded`)
    records_that_apply which of those belong on this page
    check_wordings     for each curated clause, whether the page's wording is the one TermsLens verified
    resolve_conflicts  no generic card where a curated one is; at most one per sentence per category family;
                       no contradictions
    merge              one annotation list in page order: curated, then the types no record covers
    add_clause_actions the opt-outs a clause's own wording spells out
    identify           stable ids
    identify_service   the page's service, from its address or else its clauses
    changes_since_read what changed since the reader's earlier version of the document (its caller looks that
                       version up in the history: `with_changes`)
    summarise          the digest: the few clause types that matter most, repeats grouped

Each stage is a function of what the earlier ones gave; `analyze` runs them in order. Nothing here knows HTTP,
files or the store: the API and the CLI call `analyze` and serialise its `Analysis` with `termslens.report`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from termslens import engine
from termslens.annotation import Annotation, generic_annotation, record_annotation, with_ids
from termslens.changes import Changes, Earlier, changes_since, labels
from termslens.clause_actions import actions_from_clause
from termslens.detect import Detection
from termslens.detector_process import IN_PROCESS, Pending
from termslens.diff import Change, diff_versions
from termslens.digest import DigestEntry, digest
from termslens.document_kind import is_privacy_notice
from termslens.engine import Match
from termslens.generic import merge_detections, resolve
from termslens.library import Library
from termslens.peers import Peers
from termslens.records import Record, Service
from termslens.reworded import find_reworded
from termslens.segment import Block, Page, segment
from termslens.taxonomy import categories
from termslens.versions import Version, read_version
from termslens.wording import check_wording

# A record quotes one company's clause and carries that company's settings pages and addresses, but boilerplate
# travels between companies ("You may opt out of this obligation to arbitrate" sits in many terms, with another
# name in it). A record of a service other than the page's is shown only where it plainly applies: the page
# names that service, and if the page's own service is known from its address, the wording is the same (at
# least this score: Google's clauses on YouTube's pages, Meta's on Instagram's). On a page of unknown origin, a
# clause quoted word for word is shown even when its service is not named (a pasted clause).
SHARED_CLAUSE_SCORE = 97


class Detector(Protocol):
    """Where a page's clause types are detected: `start` begins, and its `Pending` gives the detections and
    the page's blocks when asked (the service's `termslens.detector_process.DetectorProcess`, or `IN_PROCESS`)."""

    def start(self, page: Page, *, privacy_notice: bool) -> Pending: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Analysis:
    """What a page holds: its service (if known) and the annotations found in it, in page order."""

    page: Page
    service: Service | None
    service_matched_by: str | None  # "domain" (from the URL) or "content" (from the clauses found)
    annotations: tuple[Annotation, ...]
    peers: Mapping[str, Peers] = field(default_factory=dict)  # by category: how the library's services treat it
    digest: tuple[DigestEntry, ...] = ()  # the few clause types that matter most, most important first
    version: Version | None = None  # the page as a version of its document (`analyze(..., versioned=True)`)
    changes: Changes | None = None  # since the reader's earlier version (`with_changes`)


def analyze(
    library: Library,
    text: str,
    *,
    url: str | None = None,
    title: str | None = None,
    generic: bool = True,
    versioned: bool = False,
    reworded: bool = True,
    detector: Detector = IN_PROCESS,
) -> Analysis:
    """Every known clause in `text`, then (with `generic`) the clause types no record covers; with
    `versioned`, the page as a version of its document too (its clauses and their hashes, for the history);
    `reworded` (on by default) looks for the clauses of the page's own document in other words.

    The URL's service only ranks records that land on the same clause; every record is a candidate. The
    title and URL tell a privacy notice from terms for the clause-type detector, which runs in `detector`
    while the records are placed (the same detections wherever it runs).
    """
    page = segment(text)
    pending = detector.start(page, privacy_notice=is_privacy_notice(title=title, url=url)) if generic else None
    url_service = library.service_for_url(url)
    matches = locate_records(page, library, url_service)
    if reworded:
        matches = sorted([*matches, *locate_reworded(page, library, url, matches)], key=lambda m: (m.start, m.end))
    curated = check_wordings(page, records_that_apply(page, matches, library, url_service))
    version = read_page_version(page, pending.blocks() if pending is not None else None) if versioned else None
    detections = pending.detections() if pending is not None else []
    cards = resolve_conflicts(page, curated, detections)
    annotations = identify(add_clause_actions(merge(page, curated, cards)))
    service, matched_by = identify_service(url_service, curated)
    return Analysis(
        page, service, matched_by, tuple(annotations), library.peers, digest=tuple(summarise(annotations)),
        version=version,
    )


def locate_records(page: Page, library: Library, url_service: Service | None) -> list[Match]:
    """Where each record's clause sits on the page: one record per clause among those that belong on the
    page (see `records_that_apply`), the page's own service first, then a service it names."""
    named: dict[str, bool] = {}
    own = url_service.id if url_service else None

    def names(service: Service) -> bool:
        if service.id not in named:
            named[service.id] = library.page_names(service, page.text)
        return named[service.id]

    def may_show(part: engine.QuoteIndex, positions: np.ndarray) -> np.ndarray:
        """On a known service's page, only its own records and those of services it names (`_least_score`)."""
        services, numbers = library.services_at(positions)  # `part` is the library's one index
        distinct, which = np.unique(numbers, return_inverse=True)
        shown = [services[k].id == own or names(services[k]) for k in distinct.tolist()]
        return np.array(shown, dtype=bool)[which]

    return engine.find_matches(
        page.text,
        library.index,
        tokens=page.tokens,
        joined=page.joined,
        service_id=own,
        named=names,
        least_score=lambda record: _least_score(record, url_service, names(record.service)),
        may_show=may_show if url_service is not None else None,
    )


def locate_reworded(page: Page, library: Library, url: str | None, matches: Sequence[Match]) -> list[Match]:
    """Records of the page's own document (by address) the matcher did not place, found on reworded wording."""
    return find_reworded(page, library, url, matches)


def records_that_apply(
    page: Page, matches: Iterable[Match], library: Library, url_service: Service | None
) -> list[Annotation]:
    """Curated annotations for the matches that belong on this page (see SHARED_CLAUSE_SCORE)."""
    named: dict[str, bool] = {}
    known = categories()
    out = []
    for match in matches:
        owner = match.record.service
        if owner.id not in named:
            named[owner.id] = library.page_names(owner, page.text)
        if _applies_here(match, url_service, named[owner.id]):
            out.append(record_annotation(page, match.record, known[match.record.category], match.start, match.end, match.score))
    return out


def _applies_here(match: Match, page_service: Service | None, page_names_its_service: bool) -> bool:
    least = _least_score(match.record, page_service, page_names_its_service)
    return least is not None and match.score >= least


def _least_score(record: Record, page_service: Service | None, page_names_its_service: bool) -> float | None:
    """The least match score at which `record` is shown on a page of `page_service` (None: an unknown
    service), or None when it is not shown there whatever its wording (see SHARED_CLAUSE_SCORE)."""
    if page_service is not None and record.service.id == page_service.id:
        return 0.0
    if record.imported and not page_names_its_service:
        # ToS;DR quotes are often one stock sentence ("you have the right to withdraw your consent at any
        # time"): the same words on another company's page say nothing about the quoted service.
        return None
    if page_service is None:
        return 0.0 if page_names_its_service else SHARED_CLAUSE_SCORE
    return SHARED_CLAUSE_SCORE if page_names_its_service else None


def resolve_conflicts(page: Page, curated: Sequence[Annotation], detections: Iterable[Detection]) -> list[Detection]:
    """The detections that get a card: none on a sentence a curated clause covers, one per sentence per
    family, and none that contradicts what the sentence says (`generic.resolve`)."""
    return resolve(page.text, detections, curated)


def merge(page: Page, curated: Sequence[Annotation], detections: Iterable[Detection]) -> list[Annotation]:
    """Curated annotations and generic ones for the (resolved) detections, in page order.

    Detections of one category in consecutive sentences become one clause.
    """
    known = categories()
    generic = [
        generic_annotation(page, known[d.category], d.start, d.end, d.score)
        for d in merge_detections(page.text, detections)
        if d.category in known
    ]
    return sorted([*curated, *generic], key=lambda a: (a.start, a.end, a.kind))


def add_clause_actions(annotations: Iterable[Annotation]) -> list[Annotation]:
    """Each annotation plus the opt-out actions its own wording spells out, minus those its record has."""
    out = []
    for annotation in annotations:
        known = {target for action in annotation.actions for target in (action.email, action.url) if target}
        extra = tuple(
            action for action in actions_from_clause(annotation.exact) if not {action.email, action.url} & known
        )
        out.append(replace(annotation, actions=annotation.actions + extra) if extra else annotation)
    return out


def identify(annotations: Sequence[Annotation]) -> list[Annotation]:
    """The annotations with their stable ids (`termslens.identity`)."""
    return with_ids(annotations)


def identify_service(url_service: Service | None, curated: Iterable[Annotation]) -> tuple[Service | None, str | None]:
    """The page's service and how it was told: from its address, else the service most of its curated
    clauses belong to (when at least two agree)."""
    if url_service is not None:
        return url_service, "domain"
    counts = Counter(a.record.service for a in curated if a.record is not None)
    if not counts:
        return None, None
    service, count = counts.most_common(1)[0]
    return (service, "content") if count >= 2 else (None, None)


def check_wordings(page: Page, annotations: Iterable[Annotation]) -> list[Annotation]:
    """Each curated annotation with its wording check (`termslens.wording`): same, reworded or changed since
    TermsLens verified its record, with the word diff and the material differences."""
    return [
        replace(a, wording=check_wording(page.text, a.start, a.end, a.record)) if a.record is not None else a
        for a in annotations
    ]


def read_page_version(page: Page, blocks: Sequence[Block] | None = None) -> Version:
    """The page as a version of its document: its blocks (`page.blocks` unless given) as clauses, each with the
    hash of its wording."""
    return read_version(page.text, page=page, blocks=blocks)


def changes_since_read(analysis: Analysis, earlier: Earlier | None) -> Changes | None:
    """What changed from the reader's earlier version of the document to this page (None when there is no
    earlier version or nothing changed); the page's annotations name the categories of its clauses."""
    version = analysis.version if analysis.version is not None else read_page_version(analysis.page)
    return changes_since(version, analysis.annotations, earlier)


def with_changes(analysis: Analysis, earlier: Earlier | None) -> Analysis:
    """The analysis with its `changes` since `earlier` (looked up by the caller in the history)."""
    return replace(analysis, changes=changes_since_read(analysis, earlier))


def compare_texts(
    library: Library, old_text: str, new_text: str, *, url: str | None = None, title: str | None = None,
    detector: Detector = IN_PROCESS,
) -> tuple[Analysis, Analysis, list[Change]]:
    """Both texts analysed (for the categories of their clauses) and the changes from the first to the second."""
    old = analyze(library, old_text, url=url, title=title, versioned=True, detector=detector)
    new = analyze(library, new_text, url=url, title=title, versioned=True, detector=detector)
    assert old.version is not None and new.version is not None
    changes = diff_versions(old.version, new.version, old_labels=labels(old.annotations), new_labels=labels(new.annotations))
    return old, new, changes


def summarise(annotations: Sequence[Annotation]) -> list[DigestEntry]:
    """The digest stage: at most `digest.DIGEST_SIZE` clause types, most important first, repeats grouped
    with the ids of their annotations (`termslens.digest`)."""
    return digest(annotations)
