"""A source of records compiled for matching and kept on disk: built once, memory-mapped at every later start.

A source is one folder of record files (the curated records, the imported ones, a `--records` folder) or the
user's stored record files. Compiling it validates every file, all-or-nothing as `records.load_records` does,
and keeps only what the library needs at hand: the quote index as plain arrays (`engine.IndexArrays`), each
record's JSON in one blob read back on demand (a page needs a few dozen records, not fifty thousand), the
record ids, the services and what the peers summary counts.

On disk a compiled source is a folder named by a content hash of its inputs: every record file's name and
bytes, the record schema, the taxonomy and the index's format. The same inputs find the same folder and are
not read again beyond hashing them; a changed file, schema or index format makes a new one. Folders are
written under a temporary name and renamed into place, so a crash or a concurrent start never leaves a
half-written index to load. Without a usable cache folder the source is compiled in memory.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, overload

import numpy as np

from termslens.address import AddressError, canonical_address
from termslens.engine import IndexArrays, QuoteIndex, index_from_arrays
from termslens.engine.index import INDEX_FORMAT, IndexBuilder, merge_arrays
from termslens.peers import CONTROL_KINDS
from termslens.records import (
    Document,
    Record,
    RecordChecks,
    RecordError,
    Service,
    file_documents,
    file_service,
    parse_record_file,
    read_record_json,
    record_files,
    record_from_json,
)

# Part of every cache key: bump when the files below change meaning.
CACHE_FORMAT = "recordset-3"
# Compiled sources kept in the cache folder; the least recently used beyond this are removed.
KEEP_CACHED = 12
# Records read back from a blob are kept, up to this many per source: a page's candidates repeat across pages.
RECORD_MEMO = 2048
# Compiled sources kept in this process by content hash (tests build many apps over the same folders).
PROCESS_MEMO = 8


@dataclass(frozen=True)
class SourceFile:
    """One record file of a source: where it came from, its service and its documents."""

    origin: str
    service: int  # index into RecordSet.services
    documents: dict[str, Document]


@dataclass(frozen=True, eq=False)
class RecordSet:
    """One record source, compiled: its records (read on demand), their index, ids and services."""

    origin: str  # the folder, or "store" for the user's files
    content_hash: str
    services: tuple[Service, ...]
    files: tuple[SourceFile, ...]
    records: Sequence[Record]
    record_ids: Sequence[str]
    record_file: np.ndarray  # int32: the file (index into `files`) each record comes from
    index: QuoteIndex
    imported: int  # how many records carry provenance
    # What the peers summary counts, over curated records only: imported points cover a few clauses of each
    # service, so "N of M services have a clause like this" would undercount them.
    curated_services: frozenset[str]  # ids of the services with a curated record
    having: dict[str, frozenset[str]]  # category -> ids of the services with a curated record of it
    controlling: dict[str, frozenset[str]]  # category -> ids of those whose records offer an opt-out or setting
    user: bool = False
    # canonical address -> positions of the curated records whose document (or source) is there
    documents_at: dict[str, tuple[int, ...]] = field(default_factory=dict)
    record_service: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        file_service = np.array([f.service for f in self.files] or [0], dtype=np.int32)
        object.__setattr__(self, "record_service", file_service[self.record_file] if len(self.record_file) else np.empty(0, np.int32))

    def __len__(self) -> int:
        return len(self.record_ids)

    def records_at(self, address: str) -> list[Record]:
        """The curated records whose document or source is at `address` (a canonical address)."""
        return [self.records[k] for k in self.documents_at.get(address, ())]

    def check_into(self, checks: RecordChecks) -> None:
        """Check this source's services and ids against those of the sources before it."""
        for source_file in self.files:
            checks.add_service(self.services[source_file.service], source_file.origin, user=self.user)
        origins = [f.origin for f in self.files]
        checks.add_ids(self.record_ids, [origins[k] for k in self.record_file.tolist()])


class IndexedRecords(Sequence[Record]):
    """A sequence of records read one at a time by position (`_record`); indexing and slicing as a list's."""

    @overload
    def __getitem__(self, i: int) -> Record: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Record]: ...

    def __getitem__(self, i: int | slice) -> Record | Sequence[Record]:
        if isinstance(i, slice):
            return [self._record(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._record(i)

    def _record(self, i: int) -> Record:
        """The record at position `i`, 0 <= i < len(self)."""
        raise NotImplementedError


class RecordTable(IndexedRecords):
    """The records of a compiled source, parsed from their JSON in one blob when first asked for."""

    def __init__(self, blob: bytes | mmap.mmap, offsets: np.ndarray, record_file: np.ndarray,
                 files: Sequence[SourceFile], services: Sequence[Service]):
        self._blob, self._offsets, self._record_file = blob, offsets, record_file
        self._files, self._services = files, services
        self._memo: OrderedDict[int, Record] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _record(self, i: int) -> Record:
        with self._lock:
            record = self._memo.get(i)
            if record is not None:
                self._memo.move_to_end(i)
                return record
        raw = json.loads(self._blob[int(self._offsets[i]) : int(self._offsets[i + 1])])
        source_file = self._files[int(self._record_file[i])]
        record = record_from_json(raw, self._services[source_file.service], source_file.documents[raw["document"]],
                                  origin=source_file.origin)
        with self._lock:
            self._memo[i] = record
            if len(self._memo) > RECORD_MEMO:
                self._memo.popitem(last=False)
        return record

    def __iter__(self) -> Iterator[Record]:
        for i in range(len(self)):
            yield self._record(i)


# --- compiling ---------------------------------------------------------------------------------------------


class _Compiler:
    """Takes validated record files one at a time and keeps only the compact form of each."""

    def __init__(self, *, user: bool):
        self.user = user
        self.checks = RecordChecks()
        self.services: list[Service] = []
        self.service_index: dict[str, int] = {}
        self.files: list[SourceFile] = []
        self.blob = bytearray()
        self.offsets = [0]
        self.record_file: list[int] = []
        self.ids: list[str] = []
        self.builder = IndexBuilder()
        self._arrays: IndexArrays | None = None
        self.imported = 0
        self.curated_services: set[str] = set()
        self.having: dict[str, set[str]] = {}
        self.controlling: dict[str, set[str]] = {}
        self.addresses = DocumentAddresses()

    def add(self, data: dict[str, Any], origin: str) -> None:
        loaded = parse_record_file(data, origin=origin)
        self.checks.add(loaded, origin, user=self.user)
        service = file_service(data)
        if service.id not in self.service_index:
            self.service_index[service.id] = len(self.services)
            self.services.append(service)
        file_number = len(self.files)
        self.files.append(SourceFile(origin, self.service_index[service.id], file_documents(data)))
        for raw, record in zip(data["records"], loaded):
            self.blob += json.dumps(raw, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            self.offsets.append(len(self.blob))
            self.record_file.append(file_number)
            self.ids.append(record.id)
            self.builder.add(record.quote)
            self.addresses.add(record, len(self.ids) - 1)
            self.imported += record.imported
            if not record.imported:
                self.curated_services.add(service.id)
                self.having.setdefault(record.category, set()).add(service.id)
                if any(action.kind in CONTROL_KINDS for action in record.actions):
                    self.controlling.setdefault(record.category, set()).add(service.id)

    def arrays(self) -> IndexArrays:
        if self._arrays is None:
            self._arrays = self.builder.arrays()
        return self._arrays

    def result(self, origin: str, content_hash: str) -> RecordSet:
        """The compiled source, held in memory."""
        offsets = np.array(self.offsets, dtype=np.int64)
        record_file = np.array(self.record_file, dtype=np.int32)
        files = tuple(self.files)
        table = RecordTable(bytes(self.blob), offsets, record_file, files, self.services)
        return RecordSet(
            origin=origin, content_hash=content_hash, services=tuple(self.services), files=files,
            records=table, record_ids=self.ids, record_file=record_file,
            index=index_from_arrays(table, self.arrays()), imported=self.imported,
            curated_services=frozenset(self.curated_services), having={k: frozenset(v) for k, v in self.having.items()},
            controlling={k: frozenset(v) for k, v in self.controlling.items()}, user=self.user,
            documents_at=self.addresses.positions(),
        )


class DocumentAddresses:
    """Where each curated record's document is: canonical address -> record positions, built as records are
    added, so finding the records of the page's own document reads no record (`termslens.reworded`)."""

    def __init__(self) -> None:
        self._positions: dict[str, list[int]] = {}
        self._canonical: dict[str, str | None] = {}  # many records share a document address

    def add(self, record: Record, position: int) -> None:
        if record.imported:  # another project's excerpts: the reworded search uses TermsLens's own records only
            return
        for address in {self._address(record.document.url), self._address(record.source_url)}:
            if address is not None:
                self._positions.setdefault(address, []).append(position)

    def _address(self, url: str | None) -> str | None:
        if not url:
            return None
        if url not in self._canonical:
            try:
                self._canonical[url] = canonical_address(url)
            except AddressError:
                self._canonical[url] = None
        return self._canonical[url]

    def positions(self) -> dict[str, tuple[int, ...]]:
        return {address: tuple(positions) for address, positions in self._positions.items()}


def compile_records(records: Sequence[Record], *, origin: str = "memory") -> RecordSet:
    """A source of records already in memory (tests, small libraries): nothing is read or written."""
    services: dict[str, int] = {}
    files: dict[tuple[str, str], int] = {}
    file_list: list[SourceFile] = []
    record_file = []
    having: dict[str, set[str]] = {}
    controlling: dict[str, set[str]] = {}
    for record in records:
        service_number = services.setdefault(record.service.id, len(services))
        key = (record.origin, record.service.id)
        if key not in files:
            files[key] = len(file_list)
            file_list.append(SourceFile(record.origin or origin, service_number, {}))
        record_file.append(files[key])
        if record.imported:
            continue
        having.setdefault(record.category, set()).add(record.service.id)
        if any(action.kind in CONTROL_KINDS for action in record.actions):
            controlling.setdefault(record.category, set()).add(record.service.id)
    unique_services = {record.service.id: record.service for record in records}
    builder = IndexBuilder()
    addresses = DocumentAddresses()
    for position, record in enumerate(records):
        builder.add(record.quote)
        addresses.add(record, position)
    records = tuple(records)
    return RecordSet(
        origin=origin, content_hash="", services=tuple(unique_services.values()), files=tuple(file_list),
        records=records, record_ids=[record.id for record in records], record_file=np.array(record_file, np.int32),
        index=index_from_arrays(records, builder.arrays()), imported=sum(record.imported for record in records),
        curated_services=frozenset(r.service.id for r in records if not r.imported), having={k: frozenset(v) for k, v in having.items()}, controlling={k: frozenset(v) for k, v in controlling.items()},
        documents_at=addresses.positions(),
    )


def compile_folder(directory: Path, *, cache_dir: Path | None = None) -> RecordSet:
    """The records of the record files in `directory`, compiled (from the cache when its content is known).

    Raises `RecordError` naming the file, record and field of the first problem; nothing is cached then.
    """
    directory = Path(directory)
    paths = record_files(directory)
    content_hash = _hash_inputs((path.name, _read(path)) for path in paths)

    def build() -> _Compiler:
        compiler = _Compiler(user=False)
        for path in paths:
            compiler.add(read_record_json(path), str(path))
        return compiler

    return _compiled(str(directory), content_hash, build, cache_dir=cache_dir, base=directory)


def compile_user_files(record_files: Sequence[dict[str, Any]], *, cache_dir: Path | None = None) -> RecordSet:
    """The user's stored record files, compiled (each file's origin is `store:<service id>`)."""
    content_hash = _hash_inputs(
        (f"store:{data['service']['id']}", json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        for data in record_files
    )

    def build() -> _Compiler:
        compiler = _Compiler(user=True)
        for data in record_files:
            compiler.add(data, f"store:{data['service']['id']}")
        return compiler

    return _compiled("store", content_hash, build, cache_dir=cache_dir, base=None, user=True)


# --- the cache ---------------------------------------------------------------------------------------------

_PROCESS: OrderedDict[str, RecordSet] = OrderedDict()
_PROCESS_LOCK = threading.Lock()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RecordError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _hash_inputs(named: Iterable[tuple[str, bytes]]) -> str:
    """A content hash of the inputs and of everything that decides how they compile."""
    digest = hashlib.sha256()
    package = resources.files("termslens")
    for part in (CACHE_FORMAT, INDEX_FORMAT):
        digest.update(part.encode() + b"\0")
    for resource in ("schema/record.schema.json", "data/taxonomy.json"):
        digest.update(package.joinpath(resource).read_bytes() + b"\0")
    for name, data in named:
        digest.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()[:32]


def _compiled(origin: str, content_hash: str, build, *, cache_dir: Path | None, base: Path | None,
              user: bool = False) -> RecordSet:
    """The compiled source of that content: from this process, else from the cache folder, else built (and
    written to the cache folder when there is one)."""
    memo_key = f"{content_hash}:{origin}"
    with _PROCESS_LOCK:
        found = _PROCESS.get(memo_key)
        if found is not None:
            _PROCESS.move_to_end(memo_key)
            return found
    loaded = None
    if cache_dir is not None:
        folder = Path(cache_dir) / content_hash
        if (folder / "meta.json").is_file():
            try:
                loaded = _load(folder, origin=origin, base=base, content_hash=content_hash)
            except (OSError, ValueError, KeyError, TypeError):
                loaded = None  # damaged, or of an older layout: built again below, in its place
                shutil.rmtree(folder, ignore_errors=True)
    if loaded is None:
        compiler = build()
        written = _write(compiler, Path(cache_dir), content_hash, base=base) if cache_dir is not None else None
        if written is not None:
            try:
                loaded = _load(written, origin=origin, base=base, content_hash=content_hash)
            except (OSError, ValueError, KeyError, TypeError):
                loaded = None  # written but unreadable (a full disk, another process's damage): keep it in memory
        if loaded is None:
            loaded = compiler.result(origin, content_hash)
        del compiler  # the blob and word lists it held are not needed once written or wrapped
    with _PROCESS_LOCK:
        _PROCESS[memo_key] = loaded
        while len(_PROCESS) > PROCESS_MEMO:
            _PROCESS.popitem(last=False)
    return loaded


def _write(compiler: _Compiler, cache_dir: Path, content_hash: str, *, base: Path | None) -> Path | None:
    """Write a compiled source under `cache_dir/<hash>`; None if it cannot be written."""

    def fill(folder: Path) -> None:
        _save_arrays(folder, compiler.arrays())
        np.save(folder / "record_offsets.npy", np.array(compiler.offsets, dtype=np.int64), allow_pickle=False)
        np.save(folder / "record_file.npy", np.array(compiler.record_file, dtype=np.int32), allow_pickle=False)
        (folder / "records.bin").write_bytes(compiler.blob)
        (folder / "record_ids.txt").write_text("\n".join(compiler.ids), "utf-8")
        meta = {
            "format": CACHE_FORMAT,
            "index_format": INDEX_FORMAT,
            "user": compiler.user,
            "imported": compiler.imported,
            "curated_services": sorted(compiler.curated_services),
            "services": [service.to_json() for service in compiler.services],
            "files": [
                {
                    "origin": _relative(source_file.origin, base),
                    "service": source_file.service,
                    "documents": {key: {"title": d.title, "url": d.url} for key, d in source_file.documents.items()},
                }
                for source_file in compiler.files
            ],
            "having": {k: sorted(v) for k, v in compiler.having.items()},
            "controlling": {k: sorted(v) for k, v in compiler.controlling.items()},
            "documents_at": compiler.addresses.positions(),
        }
        (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")  # written last

    return _publish(cache_dir, content_hash, fill)


def _publish(cache_dir: Path, name: str, fill: Callable[[Path], None]) -> Path | None:
    """The cache folder `cache_dir/<name>`, written by `fill` into a temporary folder (meta.json last) and
    renamed into place, so no reader ever sees half of it; None if it cannot be written. When another process
    published the same content first, theirs is kept."""
    final = cache_dir / name
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=".building-", dir=cache_dir))
    except OSError:
        return None
    try:
        fill(temporary)
        try:
            os.rename(temporary, final)
        except OSError:
            shutil.rmtree(temporary, ignore_errors=True)  # another process wrote the same content first
            if not (final / "meta.json").is_file():
                return None
        _prune(cache_dir, keep=final)
        return final
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
        return None


def _load(folder: Path, *, origin: str, base: Path | None, content_hash: str) -> RecordSet:
    """A compiled source from its cache folder: arrays and the record blob memory-mapped, the rest read."""
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    if meta.get("format") != CACHE_FORMAT or meta.get("index_format") != INDEX_FORMAT:
        raise ValueError("cache of another format")
    os.utime(folder / "meta.json")  # marks it as recently used (see _prune)
    arrays = _load_arrays(folder)
    offsets = _mapped(folder / "record_offsets.npy")
    record_file = np.asarray(np.load(folder / "record_file.npy", allow_pickle=False))
    ids_text = (folder / "record_ids.txt").read_text("utf-8")
    record_ids = ids_text.split("\n") if ids_text else []
    with open(folder / "records.bin", "rb") as handle:
        blob: bytes | mmap.mmap = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(handle.fileno()).st_size else b""
    services = tuple(Service(s["id"], s["name"], tuple(s["domains"])) for s in meta["services"])
    files = tuple(
        SourceFile(
            _absolute(f["origin"], base),
            f["service"],
            {key: Document(key, d["title"], d.get("url")) for key, d in f["documents"].items()},
        )
        for f in meta["files"]
    )
    table = RecordTable(blob, offsets, record_file, files, services)
    index = index_from_arrays(table, arrays)
    if len(record_ids) != len(table):
        raise ValueError("inconsistent cache")
    return RecordSet(
        origin=origin, content_hash=content_hash, services=services, files=files, records=table,
        record_ids=record_ids, record_file=record_file, index=index, imported=meta["imported"],
        curated_services=frozenset(meta["curated_services"]),
        having={k: frozenset(v) for k, v in meta["having"].items()},
        controlling={k: frozenset(v) for k, v in meta["controlling"].items()}, user=meta["user"],
        documents_at={address: tuple(positions) for address, positions in meta["documents_at"].items()},
    )


def _save_arrays(folder: Path, arrays: IndexArrays) -> None:
    for name in IndexArrays.array_names():
        np.save(folder / f"{name}.npy", getattr(arrays, name), allow_pickle=False)
    (folder / "vocabulary.txt").write_text("\n".join(arrays.vocabulary), "utf-8")


def _load_arrays(folder: Path) -> IndexArrays:
    """Index arrays written by `_save_arrays`, memory-mapped (plain ndarray views: indexing an np.memmap goes
    through a Python-level __getitem__)."""
    arrays = {name: _mapped(folder / f"{name}.npy") for name in IndexArrays.array_names()}
    return IndexArrays((folder / "vocabulary.txt").read_text("utf-8").split("\n"), **arrays)


# --- one index over several sources ---------------------------------------------------------------------------

# Part of a merged index's cache key, beside its sources' hashes.
MERGED_FORMAT = "merged-1"
_MERGED: OrderedDict[str, IndexArrays] = OrderedDict()


def merged_index(sets: Sequence[RecordSet], records: Sequence[Record], *, cache_dir: Path | None = None) -> QuoteIndex:
    """One quote index over several compiled sources, whose records (`records`) are theirs one source after
    another: a page is looked up once, not once per source (a lookup costs some 5 ms on a 100 KB page
    whatever the source's size). Merging takes up to half a second at 50,000 records, so the merged arrays are
    kept in `cache_dir` like a source, under a hash of the sources' own hashes, and memory-mapped after."""
    if len(sets) == 1:
        return sets[0].index
    hashes = [record_set.content_hash for record_set in sets]
    key = hashlib.sha256("\0".join([MERGED_FORMAT, INDEX_FORMAT, *hashes]).encode()).hexdigest()[:32] if all(hashes) else None
    with _PROCESS_LOCK:
        arrays = _MERGED.get(key) if key else None
    if arrays is None and key and cache_dir is not None:
        arrays = _load_merged(Path(cache_dir) / key)
    if arrays is None:
        arrays = merge_arrays([record_set.index.arrays for record_set in sets])
        if key and cache_dir is not None:
            arrays = _write_merged(arrays, Path(cache_dir), key) or arrays
    if key:
        with _PROCESS_LOCK:
            _MERGED[key] = arrays
            while len(_MERGED) > PROCESS_MEMO:
                _MERGED.popitem(last=False)
    return index_from_arrays(records, arrays)


def _load_merged(folder: Path) -> IndexArrays | None:
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8"))
        if meta.get("format") != MERGED_FORMAT or meta.get("index_format") != INDEX_FORMAT:
            raise ValueError("cache of another format")
        arrays = _load_arrays(folder)
        os.utime(folder / "meta.json")  # marks it as recently used (see _prune)
        return arrays
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(folder, ignore_errors=True)  # damaged: merged again
        return None


def _write_merged(arrays: IndexArrays, cache_dir: Path, key: str) -> IndexArrays | None:
    """Write merged arrays under `cache_dir/<key>` and map them back; None if that cannot be done (they are
    then kept in memory)."""

    def fill(folder: Path) -> None:
        _save_arrays(folder, arrays)
        meta = {"format": MERGED_FORMAT, "index_format": INDEX_FORMAT}
        (folder / "meta.json").write_text(json.dumps(meta), "utf-8")  # written last

    written = _publish(cache_dir, key, fill)
    return _load_merged(written) if written is not None else None


def _relative(origin: str, base: Path | None) -> str:
    """A file's origin as kept in the cache: its name within the folder, so a moved folder still names it."""
    if base is not None and Path(origin).parent == base:
        return Path(origin).name
    return origin


def _absolute(origin: str, base: Path | None) -> str:
    return str(base / origin) if base is not None and "/" not in origin and not origin.startswith("store:") else origin


def _prune(cache_dir: Path, *, keep: Path) -> None:
    """Remove compiled sources beyond the KEEP_CACHED most recently used (never `keep`)."""
    try:
        folders = [p for p in cache_dir.iterdir() if p.is_dir() and not p.name.startswith(".")]
        folders.sort(key=lambda p: (p / "meta.json").stat().st_mtime if (p / "meta.json").exists() else 0, reverse=True)
        for folder in folders[KEEP_CACHED:]:
            if folder != keep:
                shutil.rmtree(folder, ignore_errors=True)
    except OSError:
        pass


def _mapped(path: Path) -> np.ndarray:
    """The array of a .npy file, memory-mapped, as a plain ndarray (the map stays open through its base)."""
    return np.load(path, mmap_mode="r", allow_pickle=False).view(np.ndarray)
