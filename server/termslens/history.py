"""The local history of the documents a person reads: each version once, so TermsLens can say what changed.

Every analysis of a page with an address keeps a version of that document: its canonical address, title and
service, when it was read, the content hash of its normalised text, and its clauses with a hash each (the
blocks of the shared segmentation) and the categories found in them. A version that differs from one already
kept only in formatting has the same hash and is the same version. Texts are kept compressed and
content-addressed in the data folder (`termslens.textstore`: each version a delta of the next newer one,
the newest whole); the metadata in the local store's SQLite database (`termslens.history_index`).

Bounded growth (defaults below, in `HistoryLimits`): at most MAX_VERSIONS versions of a document (the oldest
go first), MAX_DOCUMENTS documents (those seen longest ago go first), MAX_TEXT_BYTES of kept texts on disk
(the oldest versions across documents go first; a document's newest version is always kept).

"Since you last read it": the earlier version of a page is the newest version older than the page's that
the reader had open in the browser. Versions fetched by watching (`termslens.watch`) are kept without being
read. Marking a version as read acknowledges its changes: the page then has no changes until it changes again.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from termslens.address import AddressError, canonical_address  # noqa: F401 (AddressError: re-exported)
from termslens.changes import Earlier
from termslens.diff import Label
from termslens.history_index import DocumentRow, HistoryIndex, VersionRow
from termslens.textstore import TextStore, TextStoreError

# Defaults of the bounds (README "Document history").
MAX_VERSIONS = 20
MAX_DOCUMENTS = 500
MAX_TEXT_BYTES = 50 * 1024 * 1024
# A version is kept as a delta of the next newer one; after this many deltas in a row a version is kept whole,
# so reading an old version never unpacks more than this many deltas.
MAX_DELTA_CHAIN = 16

HISTORY_SETTING = "enabled"

def now_iso() -> str:
    """The current time as the history writes it: ISO 8601, UTC, to the second."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class HistoryLimits:
    max_versions: int = MAX_VERSIONS
    max_documents: int = MAX_DOCUMENTS
    max_text_bytes: int = MAX_TEXT_BYTES


@dataclass(frozen=True)
class KeptVersion:
    """A version as the history lists it."""

    hash: str
    chars: int
    first_seen: str
    last_seen: str
    read_at: str | None
    acknowledged_at: str | None


@dataclass(frozen=True)
class KeptDocument:
    """A document as the history lists it: its versions newest first; `unread` when its newest version has
    changes its reader has not seen (fetched by watching, or not marked as read)."""

    address: str
    title: str | None
    service: str | None
    last_seen: str
    versions: tuple[KeptVersion, ...]
    unread: bool
    watched: bool = False


class History:
    """The history of one data folder. `enabled` is the reader's setting (on by default). `index` is the
    store's (`Store.history_index()`); without one, the data folder's store is opened here and closed with
    the history."""

    def __init__(self, data_dir: Path, *, limits: HistoryLimits = HistoryLimits(), index: HistoryIndex | None = None):
        self._own_store = None
        if index is None:
            from termslens.store import Store

            self._own_store = Store(Path(data_dir))
            index = self._own_store.history_index()
        self.index = index
        self.texts = TextStore(data_dir)
        self.limits = limits
        self._lock = threading.RLock()
        self._remove_orphans()

    # --- the setting -----------------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return self.index.setting(HISTORY_SETTING) != "off"

    def set_enabled(self, enabled: bool) -> None:
        self.index.set_setting(HISTORY_SETTING, "on" if enabled else "off")

    # --- reading ---------------------------------------------------------------------------------------------

    def earlier(self, url: str, current_hash: str) -> Earlier | None:
        """The version of `url`'s document its reader last read before the one with `current_hash`, when the
        reader has not marked that one as read; None otherwise (or when the history has no such version)."""
        document = self.index.document(canonical_address(url))
        if document is None:
            return None
        versions = self.index.versions(document.id)
        current = next((v for v in versions if v.hash == current_hash), None)
        if current is not None and current.acknowledged_at is not None:
            return None
        older = versions[versions.index(current) + 1 :] if current is not None else versions
        earlier = next((v for v in older if v.read_at is not None), None)
        if earlier is None:
            return None
        try:
            text = self.texts.get(earlier.text)
        except TextStoreError:
            return None  # a damaged text is not an earlier version to compare with
        labels = tuple((int(s), int(e), str(c)) for s, e, c in earlier.labels)
        clauses = tuple((int(c[0]), int(c[1]), str(c[2]), bool(c[3]) if len(c) > 3 else False) for c in earlier.clauses)
        return Earlier(text, labels, earlier.hash, earlier.read_at or earlier.last_seen, clauses)

    def document(self, url: str) -> KeptDocument | None:
        row = self.index.document(canonical_address(url))
        return None if row is None else self._kept(row)

    def documents(self) -> list[KeptDocument]:
        """Every kept document, the most recently seen first."""
        return [self._kept(row) for row in self.index.documents()]

    def _kept(self, row: DocumentRow) -> KeptDocument:
        versions = self.index.versions(row.id)
        newest = versions[0] if versions else None
        unread = (
            newest is not None and newest.acknowledged_at is None and newest.read_at is None
            and any(v.read_at is not None for v in versions[1:])
        )
        return KeptDocument(
            row.address, row.title, row.service, row.last_seen,
            tuple(KeptVersion(v.hash, v.chars, v.first_seen, v.last_seen, v.read_at, v.acknowledged_at) for v in versions),
            unread,
            self.index.watch(row.address) is not None,
        )

    def text_of(self, url: str, version_hash: str) -> str | None:
        """The kept text of a version of `url`'s document, or None."""
        document = self.index.document(canonical_address(url))
        if document is None:
            return None
        version = next((v for v in self.index.versions(document.id) if v.hash == version_hash), None)
        return None if version is None else self.texts.get(version.text)

    # --- keeping ---------------------------------------------------------------------------------------------

    def keep(
        self,
        url: str,
        text: str,
        *,
        version_hash: str,
        clauses: Sequence[tuple[int, int, str] | tuple[int, int, str, bool]],
        labels: Sequence[Label],
        title: str | None = None,
        service: str | None = None,
        read: bool = True,
        now: str | None = None,
    ) -> bool:
        """Keep a version of `url`'s document (`read`: its reader had it open; False for a watched fetch);
        True when it is a new version. The bounds are applied after."""
        address = canonical_address(url)
        now = now or now_iso()
        with self._lock:
            with self.index.transaction():
                document = self.index.upsert_document(address, title=title, service=service, now=now)
                versions = self.index.versions(document)
                same = next((v for v in versions if v.hash == version_hash), None)
                if same is not None:
                    self.index.touch_version(same.id, now=now, read=read)
                    return False
            address_of_text = self._keep_text(text, newer_than=versions[0] if versions else None, chain=versions)
            with self.index.transaction():
                self.index.add_version(
                    document, hash=version_hash, text=address_of_text, clauses=clauses, labels=labels,
                    chars=len(text), now=now, read=read,
                )
            self._bound(document)
        return True

    def _keep_text(self, text: str, *, newer_than: VersionRow | None, chain: Sequence[VersionRow]) -> str:
        """Keep `text` whole and store the previous newest version as a delta of it (reverse deltas: the
        version read most often, the newest, is the one kept whole)."""
        address = self.texts.put(text)
        known, _ = self.index.text_base(address)
        if not known:
            self.index.put_text(address, base=None, bytes_=self.texts.size(address))
        if newer_than is None or newer_than.text == address:
            return address
        previous = newer_than.text
        known, base = self.index.text_base(previous)
        shared = self.index.versions_of_text(previous) > 1  # the same text kept for another document too
        deltas_behind = 0
        for version in chain[1:]:  # older versions of this document, newest first: deltas in a row
            if self.index.text_base(version.text)[1] is None:
                break
            deltas_behind += 1
        if known and base is None and not shared and deltas_behind < MAX_DELTA_CHAIN:
            try:
                self.texts.rewrite(previous, base=address)
            except TextStoreError:
                return address
            self.index.put_text(previous, base=address, bytes_=self.texts.size(previous))
        return address

    def mark_read(self, url: str, version_hash: str | None = None, *, now: str | None = None) -> str | None:
        """Acknowledge the changes of a version of `url`'s document (default: its newest); returns the version's
        hash, or None when the history has no such document or version."""
        document = self.index.document(canonical_address(url))
        if document is None:
            return None
        versions = self.index.versions(document.id)
        version = versions[0] if version_hash is None and versions else next(
            (v for v in versions if v.hash == version_hash), None
        )
        if version is None:
            return None
        with self.index.transaction():
            self.index.acknowledge_version(version.id, now=now or now_iso())
        return version.hash

    # --- bounds and clearing -----------------------------------------------------------------------------------

    def _bound(self, document: int) -> None:
        versions = self.index.versions(document)
        for version in versions[self.limits.max_versions :]:
            self._forget_version(version)
        documents = self.index.documents()
        for row in documents[self.limits.max_documents :]:
            self._forget_document(row.id)
        while self.index.text_bytes() > self.limits.max_text_bytes:
            oldest = self.index.oldest_versions(8)
            if not oldest:
                break
            for version in oldest:
                self._forget_version(version)

    def _forget_document(self, document: int) -> None:
        for version in self.index.versions(document):
            self._forget_version(version)
        with self.index.transaction():
            self.index.delete_document(document)

    def _forget_version(self, version: VersionRow) -> None:
        with self.index.transaction():
            self.index.delete_version(version.id)
        if self.index.versions_of_text(version.text) == 0:
            self._forget_text(version.text)

    def _forget_text(self, address: str) -> None:
        # Texts stored as deltas of this one are kept whole (or as deltas of its own base) first.
        _, base = self.index.text_base(address)
        for dependent in self.index.texts_based_on(address):
            try:
                self.texts.rewrite(dependent, base=base)
            except TextStoreError:
                continue
            self.index.put_text(dependent, base=base, bytes_=self.texts.size(dependent))
        self.texts.delete(address)
        with self.index.transaction():
            self.index.delete_text(address)

    def _remove_orphans(self) -> None:
        """Texts a removal interrupted by a crash left behind: kept but held by no version."""
        with self._lock:
            for address in self.index.unreferenced_texts():
                self._forget_text(address)
            recorded = set(self.index.texts())
            for address in self.texts.addresses():
                if address not in recorded:
                    self.texts.delete(address)

    def clear(self, url: str | None = None) -> int:
        """Forget one document (`url`) or every document; returns how many documents were forgotten."""
        with self._lock:
            if url is not None:
                document = self.index.document(canonical_address(url))
                if document is None:
                    return 0
                self._forget_document(document.id)
                return 1
            count = len(self.index.documents())
            addresses = self.index.texts()
            self.index.clear()
            for address in addresses:
                self.texts.delete(address)
            return count

    def close(self) -> None:
        """Close the store the history opened itself (a store handed in is its owner's to close)."""
        if self._own_store is not None:
            self._own_store.close()
            self._own_store = None
