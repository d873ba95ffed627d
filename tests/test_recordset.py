"""A record folder compiled once and kept on disk: the same content loads from the cache, a changed file
rebuilds, a broken cache is rebuilt, a broken file is never cached; and the record schema's rules for
imported records."""

from __future__ import annotations

import copy
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from termslens import recordset
from termslens.address import canonical_address
from termslens.engine import find_matches, tokenize
from termslens.engine.candidates import find_candidates
from termslens.library import Library, load_library
from termslens.records import RecordError, bundled_records_dir, imported_records_dir, load_record_file, load_records
from tests.support.edits import drift_document


@pytest.fixture
def folder(tmp_path) -> Path:
    folder = tmp_path / "records"
    folder.mkdir()
    for name in ("anthropic.json", "spotify.json"):
        shutil.copy(bundled_records_dir() / name, folder / name)
    return folder


@pytest.fixture(autouse=True)
def fresh_process_memo(monkeypatch):
    """Each test starts as a new process would: nothing compiled in memory."""
    monkeypatch.setattr(recordset, "_PROCESS", recordset.OrderedDict())


def test_a_folder_is_compiled_once_and_then_read_from_disk(folder, tmp_path, monkeypatch, corpus):
    cache = tmp_path / "index"
    first = recordset.compile_folder(folder, cache_dir=cache)
    [compiled] = [p for p in cache.iterdir() if not p.name.startswith(".")]
    assert (compiled / "meta.json").is_file() and (compiled / "records.bin").is_file()

    monkeypatch.setattr(recordset, "_PROCESS", recordset.OrderedDict())
    monkeypatch.setattr(recordset, "parse_record_file", lambda *a, **k: pytest.fail("the record files were parsed again"))
    second = recordset.compile_folder(folder, cache_dir=cache)
    assert _memory_mapped(second.index.arrays.shingle_keys)
    assert list(second.record_ids) == list(first.record_ids)
    assert [r for r in second.records] == load_records([folder])  # every record read back whole
    # The records of a document are found by its address without reading the others.
    terms = next(r for r in load_records([folder]) if not r.imported)
    address = canonical_address(terms.document.url)
    expected = [r.id for r in load_records([folder]) if not r.imported and address in {
        canonical_address(r.document.url), canonical_address(r.source_url)}]
    assert expected and [r.id for r in second.records_at(address)] == [r.id for r in first.records_at(address)] == expected
    assert second.records_at("https://nowhere.example/terms") == []
    text = corpus["Claude-Anthropic/terms"]
    assert [(m.record.id, m.start, m.end) for m in find_matches(text, second.index)] == [
        (m.record.id, m.start, m.end) for m in find_matches(text, first.index)
    ]


def test_a_changed_record_file_is_compiled_again(folder, tmp_path):
    cache = tmp_path / "index"
    before = recordset.compile_folder(folder, cache_dir=cache)
    data = json.loads((folder / "spotify.json").read_text("utf-8"))
    data["records"][0]["title"] = "A new title for this record"
    (folder / "spotify.json").write_text(json.dumps(data), "utf-8")
    after = recordset.compile_folder(folder, cache_dir=cache)
    assert after.content_hash != before.content_hash
    assert next(r for r in after.records if r.id == data["records"][0]["id"]).title == "A new title for this record"
    assert len([p for p in cache.iterdir() if not p.name.startswith(".")]) == 2


def test_a_damaged_cache_is_rebuilt(folder, tmp_path, monkeypatch):
    cache = tmp_path / "index"
    compiled = recordset.compile_folder(folder, cache_dir=cache)
    (cache / compiled.content_hash / "posting_records.npy").write_bytes(b"not an array")
    monkeypatch.setattr(recordset, "_PROCESS", recordset.OrderedDict())
    again = recordset.compile_folder(folder, cache_dir=cache)
    assert list(again.record_ids) == list(compiled.record_ids)


def test_a_broken_record_file_stops_the_load_and_nothing_is_cached(folder, tmp_path):
    data = json.loads((folder / "spotify.json").read_text("utf-8"))
    data["records"][1]["severity"] = "extreme"
    (folder / "spotify.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(RecordError, match=r"spotify.json: record 2 .*'severity'"):
        recordset.compile_folder(folder, cache_dir=tmp_path / "index")
    assert not (tmp_path / "index").exists() or not [p for p in (tmp_path / "index").iterdir()]


def test_an_unwritable_cache_folder_falls_back_to_memory(folder, tmp_path):
    blocker = tmp_path / "index"
    blocker.write_text("a file where the folder would go", "utf-8")
    compiled = recordset.compile_folder(folder, cache_dir=blocker)
    assert len(compiled) == len(load_records([folder]))


def test_the_library_checks_its_sources_against_each_other(folder, tmp_path):
    (tmp_path / "again").mkdir()
    shutil.copy(folder / "spotify.json", tmp_path / "again" / "copy.json")
    with pytest.raises(RecordError, match="already defined in"):
        load_library([folder, tmp_path / "again"], cache_dir=tmp_path / "index")
    user_file = json.loads((folder / "spotify.json").read_text("utf-8"))
    with pytest.raises(RecordError, match="service 'spotify' is already defined"):
        load_library([folder], user_files=[user_file], cache_dir=tmp_path / "index")


def test_a_library_of_sources_answers_like_one_held_in_memory(tmp_path):
    dirs = [bundled_records_dir(), imported_records_dir()]
    compiled = load_library(dirs, cache_dir=tmp_path / "index")
    in_memory = Library(load_records(dirs))
    assert len(compiled) == len(in_memory) and compiled.curated + compiled.imported == len(compiled)
    assert compiled.services.keys() == in_memory.services.keys()
    for service_id in ("google", "couchsurfing", "anthropic"):
        assert compiled.records_of(service_id) == in_memory.records_of(service_id)
    assert compiled.get("tosdr-560") == in_memory.get("tosdr-560") and compiled.get("nope") is None


# --- the record schema: what imported records may leave out, and curated ones may not ---------------------


def imported_file() -> dict:
    return json.loads((imported_records_dir() / "couchsurfing.json").read_text("utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "file.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def test_an_imported_record_loads_without_dates_and_says_where_it_comes_from(tmp_path):
    [record, *_] = load_record_file(write(tmp_path, imported_file()))
    assert record.imported and record.verified is None and record.source_date is None
    assert record.provenance.licence == "CC BY-SA 3.0"
    assert record.to_json()["provenance"]["url"].startswith("https://edit.tosdr.org/points/")


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["records"][0].pop("provenance"), "'source_date'"),
        (lambda d: d["records"][0]["provenance"].update(url="http://edit.tosdr.org/points/1"), "provenance.url"),
        (lambda d: d["records"][0]["provenance"].pop("licence"), "'provenance.licence'"),
    ],
    ids=["curated-needs-dates", "https-point-link", "licence-required"],
)
def test_an_imported_record_keeps_its_provenance_rules(tmp_path, mutate, expected):
    data = copy.deepcopy(imported_file())
    mutate(data)
    with pytest.raises(RecordError, match=expected):
        load_record_file(write(tmp_path, data))


def test_only_imported_records_may_cite_a_document_without_address_or_a_service_without_domain(tmp_path):
    curated = json.loads((bundled_records_dir() / "spotify.json").read_text("utf-8"))
    no_url = copy.deepcopy(curated)
    no_url["documents"]["terms"].pop("url")
    with pytest.raises(RecordError, match=r"documents.terms.url'.*required for a curated record"):
        load_record_file(write(tmp_path, no_url))
    no_domain = copy.deepcopy(curated)
    no_domain["service"]["domains"] = []
    with pytest.raises(RecordError, match=r"'service.domains': is empty"):
        load_record_file(write(tmp_path, no_domain))
    wording_only = copy.deepcopy(imported_file())
    wording_only["service"]["domains"] = []
    for document in wording_only["documents"].values():
        document.pop("url", None)
    for record in wording_only["records"]:
        record.pop("source_url", None)
    assert len(load_record_file(write(tmp_path, wording_only))) == len(wording_only["records"])


def _memory_mapped(array) -> bool:
    """Whether the array's memory is a map of its file (it may be a plain view of the np.memmap)."""
    import mmap

    import numpy as np

    while array is not None:
        if isinstance(array, (np.memmap, mmap.mmap)):
            return True
        array = getattr(array, "base", None)
    return False


# --- one index over several sources ---------------------------------------------------------------------------


@pytest.fixture
def shipped_pair(tmp_path, monkeypatch):
    """The curated and the imported libraries, compiled into a fresh cache, with nothing merged in memory."""
    monkeypatch.setattr(recordset, "_MERGED", recordset.OrderedDict())
    cache = tmp_path / "index"
    return load_library([bundled_records_dir(), imported_records_dir()], cache_dir=cache), cache


def test_the_merged_index_finds_each_record_where_its_own_source_does(shipped_pair, corpus):
    """The oracle: on real and drifted pages, the merged index gives every record the same candidate
    stretches as its own source's index, and the same matches."""
    library, _ = shipped_pair
    offsets = [0]
    for record_set in library.sets:
        offsets.append(offsets[-1] + len(record_set))
    names = ["Facebook/terms", "Spotify/privacy", "Claude-Anthropic/terms", "PayPal/privacy", "Snapchat/terms"]
    pages = [corpus[name] for name in names] + [drifted(corpus[name]) for name in names[:2]]
    compared = 0
    for text in pages:
        page = tokenize(text)
        merged = set(find_candidates(page, library.index))
        in_parts = {
            replace(c, record_index=c.record_index + offset)
            for record_set, offset in zip(library.sets, offsets)
            for c in find_candidates(page, record_set.index)
        }
        assert merged == in_parts
        compared += len(merged)
        assert [(m.record.id, m.start, m.end, m.score) for m in find_matches(text, library.index)] == [
            (m.record.id, m.start, m.end, m.score) for m in find_matches(text, [s.index for s in library.sets])
        ]
    assert compared > 50  # the pages did turn up candidates of both sources


def drifted(text: str) -> str:
    """`text` with its first 20 long paragraphs revised (tests/support/edits.py, level 3)."""
    paragraphs = [p for p in text.split("\n") if len(p) > 200][:20]
    return drift_document(text, paragraphs, seed=7, level=3)[0]


def test_the_merged_index_is_kept_on_disk_and_rebuilt_when_damaged(shipped_pair, monkeypatch, corpus):
    library, cache = shipped_pair
    [merged_folder] = [p for p in cache.iterdir() if (p / "meta.json").is_file() and "merged" in (p / "meta.json").read_text()]
    text = corpus["Facebook/terms"]
    expected = [(m.record.id, m.start, m.end) for m in find_matches(text, library.index)]
    assert expected

    monkeypatch.setattr(recordset, "_MERGED", recordset.OrderedDict())
    monkeypatch.setattr(recordset, "merge_arrays", lambda parts: pytest.fail("merged again"))
    again = load_library([bundled_records_dir(), imported_records_dir()], cache_dir=cache)
    assert _memory_mapped(again.index.arrays.posting_records)
    assert [(m.record.id, m.start, m.end) for m in find_matches(text, again.index)] == expected

    monkeypatch.undo()
    monkeypatch.setattr(recordset, "_MERGED", recordset.OrderedDict())
    (merged_folder / "posting_records.npy").write_bytes(b"not an array")
    rebuilt = load_library([bundled_records_dir(), imported_records_dir()], cache_dir=cache)
    assert [(m.record.id, m.start, m.end) for m in find_matches(text, rebuilt.index)] == expected
    assert (merged_folder / "meta.json").is_file()
