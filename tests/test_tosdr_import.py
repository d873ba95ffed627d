"""`termslens records import tosdr`: ToS;DR points become valid record files, whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from termslens.cli import main
from termslens.records import bundled_records_dir, imported_records_dir, load_record_file, load_records
from termslens.taxonomy import categories
from termslens.tosdr_import import TOO_SHORT, UNKNOWN_CASE, UNMAPPED_CASE, clean_quote, document_kind

ARBITRATION_CASE = "This service forces users into binding arbitration in the case of disputes"
SHARING_CASE = "Your personal data is given to third parties"
UNMAPPED = "There is a date of the last update of the terms"
ARBITRATION_QUOTE = (
    "Any dispute arising out of or relating to these Terms or the Services will be resolved by binding "
    "arbitration on an individual basis, rather than in court, except for small claims."
)
SHARING_QUOTE = (
    "We may share information about you with our advertising partners and other third parties so that they "
    "can show you offers that may interest you."
)


def point(point_id, service="acmecloud", *, case=ARBITRATION_CASE, quote=ARBITRATION_QUOTE, url=None,
          doc="Terms of Service", classification="bad", name=None) -> dict:
    return {
        "id": str(point_id), "service": service, "service_name": name or service.title(), "case": case,
        "case_classification": classification, "case_score": 50, "topics": [], "quote_doc": doc,
        "quote_text": quote, "source_document_url": url,
    }


def write_points(path: Path, points: list) -> Path:
    path.write_text("".join((p if isinstance(p, str) else json.dumps(p)) + "\n" for p in points), "utf-8")
    return path


def run_import(runner, points_file: Path, out: Path, *extra: str):
    return runner.invoke(main, ["records", "import", "tosdr", str(points_file), "--out", str(out), *extra])


# --- the real points ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_import(shared_dir, tmp_path_factory):
    """The shared ToS;DR points imported with the command, as a user would."""
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("tosdr") / "records"
    folder = shared_dir / "tosdr"
    result = CliRunner().invoke(main, ["records", "import", "tosdr", str(folder / "points.jsonl"),
                                       "--cases", str(folder / "cases.json"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stdout


def test_the_shared_points_become_valid_record_files_one_per_service(real_import):
    out, stdout = real_import
    files = sorted(out.glob("*.json"))
    records = load_records([bundled_records_dir(), out])  # valid, and no id or domain taken twice
    imported = [r for r in records if r.imported]
    assert len(files) > 400 and len(imported) > 3000
    for path in files:
        loaded = load_record_file(path)
        assert len({r.service.id for r in loaded}) == 1, path
    assert f"wrote {len(imported):,} records of {len(files):,} services" in stdout
    assert (out / "LICENCE.md").read_text("utf-8").count("CC BY-SA 3.0") >= 1


def test_every_imported_record_keeps_its_point_quote_and_attribution(real_import, shared_dir):
    out, _ = real_import
    points = {}
    for line in (shared_dir / "tosdr" / "points.jsonl").read_text("utf-8").splitlines():
        raw = json.loads(line)
        points[raw["id"]] = raw
    for record in load_records([out]):
        if record.service.id == "google":
            continue  # merged into the curated Google service: see the merge test
        raw = points[record.provenance.point_id]
        assert record.id == f"tosdr-{raw['id']}"
        assert record.quote == clean_quote(raw["quote_text"])
        assert record.title == " ".join(raw["case"].split())
        assert record.provenance.project == "ToS;DR" and record.provenance.licence == "CC BY-SA 3.0"
        assert record.provenance.url == f"https://edit.tosdr.org/points/{raw['id']}"
        assert record.provenance.credit == "Curated by ToS;DR volunteers"
        assert record.source_date is None and record.verified is None  # no invented dates
        info = categories()[record.category]
        assert (record.means, record.matters) == (info.means, info.matters)  # our words, from the category
        expected = {"blocker": ("high", "bad"), "bad": ("medium", "bad"), "neutral": ("low", "neutral"), "good": ("low", "good")}
        assert (record.severity, record.stance) == expected[raw["case_classification"]]
        if raw["source_document_url"]:
            assert record.source_url.removeprefix("https://") == raw["source_document_url"].strip().split("://", 1)[1].split("#")[0]


def test_the_shipped_imported_library_is_what_the_command_makes(real_import):
    """The package's records-tosdr folder is exactly the command's output on the shared points: regenerate it
    with `termslens records import tosdr ../shared/tosdr/points.jsonl --cases ../shared/tosdr/cases.json
    --out server/termslens/data/records-tosdr`, never by hand."""
    out, _ = real_import
    shipped = {p.name: p.read_text("utf-8") for p in imported_records_dir().iterdir()}
    made = {p.name: p.read_text("utf-8") for p in out.iterdir()}
    assert shipped.keys() == made.keys()
    assert [name for name in made if made[name] != shipped[name]] == []


def test_the_command_prints_what_it_skipped_and_why(real_import):
    _, stdout = real_import
    for reason in (UNMAPPED_CASE, UNKNOWN_CASE, TOO_SHORT, "no quote"):
        assert reason in stdout
    assert "Merged: blogspot -> google." in stdout


# --- small inputs: every rule on its own -----------------------------------------------------------------------


def test_points_are_skipped_by_reason_and_duplicates_merged(runner, tmp_path):
    points = write_points(tmp_path / "points.jsonl", [
        point(1),
        point(2, quote=ARBITRATION_QUOTE.replace(" ", "  ")),  # the same words: merged into point 1's record
        point(3, quote="You agree to arbitration."),  # 4 words
        point(4, quote=None),
        point(5, case=UNMAPPED),
        point(6, case="A case nobody has heard of"),
        point(7, quote="| 2019 | 2020 | 2021 | 2022 | 2023 | 2024 | 2025 | 2026 | 2027 | 2028 |"),
        point(8, case=SHARING_CASE, quote=SHARING_QUOTE, classification="good"),
    ])
    result = run_import(runner, points, tmp_path / "out")
    assert result.exit_code == 0, result.output
    [record_file] = sorted((tmp_path / "out").glob("*.json"))
    records = load_record_file(record_file)
    assert [r.id for r in records] == ["tosdr-1", "tosdr-8"]
    assert (records[1].category, records[1].stance, records[1].severity) == ("data-sharing", "good", "low")
    for line in ("Read 8 points; wrote 2 records of 1 services", "1  quote too short to anchor", "1  no quote",
                 "1  case left unmapped on purpose", "1  case not in the mapping", "1  quote is not text",
                 "Merged 1 points quoting what another point"):
        assert line in result.stdout, line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "line 2: not valid JSON"),
        ("[1, 2]", "line 2: a point must be a JSON object"),
        (json.dumps({"id": "9", "service": "x"}), "line 2: missing 'case', 'quote_text'"),
        (json.dumps({**point(9), "id": ["9"]}), "line 2: 'id' must be a point id"),
        (json.dumps({**point(9), "quote_text": 7}), "line 2: 'quote_text' must be a string or null"),
        (json.dumps(point(1)), "line 2: point id '1' already on line 1"),
    ],
    ids=["invalid-json", "not-an-object", "missing-keys", "bad-id", "bad-quote", "duplicate-id"],
)
def test_a_malformed_line_is_named_and_nothing_is_written(runner, tmp_path, line, expected):
    points = write_points(tmp_path / "points.jsonl", [point(1), line, point(3)])
    result = run_import(runner, points, tmp_path / "out")
    assert result.exit_code == 1
    [error] = result.stderr.strip().splitlines()
    assert error.startswith("Error: ") and expected in error and "points.jsonl" in error
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["points.jsonl"]  # no temporary folder left behind


def test_a_folder_holding_other_files_is_not_overwritten(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine", "utf-8")
    result = run_import(runner, write_points(tmp_path / "points.jsonl", [point(1)]), out)
    assert result.exit_code == 1 and "holds files other than record files" in result.stderr
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_an_earlier_import_is_replaced_whole(runner, tmp_path):
    out = tmp_path / "out"
    assert run_import(runner, write_points(tmp_path / "a.jsonl", [point(1, service="first")]), out).exit_code == 0
    assert run_import(runner, write_points(tmp_path / "b.jsonl", [point(2, service="second")]), out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["LICENCE.md", "second.json"]


def test_importing_twice_gives_the_same_files(runner, tmp_path):
    points = write_points(tmp_path / "points.jsonl", [point(k, service=f"s{k % 3}", case=c, quote=q)
                                                      for k, (c, q) in enumerate([(ARBITRATION_CASE, ARBITRATION_QUOTE), (SHARING_CASE, SHARING_QUOTE)] * 3)])
    for out in ("one", "two"):
        assert run_import(runner, points, tmp_path / out).exit_code == 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()} == {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}


# --- services and their domains ---------------------------------------------------------------------------------


def test_a_service_on_a_curated_document_address_is_merged_into_it(runner, tmp_path):
    points = write_points(tmp_path / "points.jsonl", [
        point(1, service="claude-tosdr", url="http://www.anthropic.com/legal/consumer-terms"),
    ])
    result = run_import(runner, points, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Merged: claude-tosdr -> anthropic." in result.stdout
    data = json.loads((tmp_path / "out" / "anthropic.json").read_text("utf-8"))
    curated = json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))
    assert data["service"] == curated["service"]
    records = load_records([bundled_records_dir(), tmp_path / "out"])
    assert {r.service.id for r in records if r.imported} == {"anthropic"}


def test_an_address_elsewhere_on_a_curated_domain_claims_no_domain(runner, tmp_path):
    """A small service whose terms sit on Google Groups is not Google, and must not claim google.com."""
    points = write_points(tmp_path / "points.jsonl", [point(1, service="newsreader", url="https://groups.google.com/g/newsreader/terms")])
    result = run_import(runner, points, tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "out" / "newsreader.json").read_text("utf-8"))
    assert data["service"]["domains"] == []
    assert data["records"][0]["source_url"] == "https://groups.google.com/g/newsreader/terms"
    assert "groups.google.com" in result.stdout


def test_domains_come_from_document_addresses_and_a_shared_one_goes_to_the_service_it_names(runner, tmp_path):
    points = write_points(tmp_path / "points.jsonl", [
        point(1, service="fandom", url="https://www.wikia.com/terms"),
        point(2, service="wikia", url="https://www.wikia.com/terms", case=SHARING_CASE, quote=SHARING_QUOTE),
        point(3, service="shopco", url="https://legal.shop-co.co.uk/privacy", doc="Privacy Policy"),
        point(4, service="nameonly", name="Alibaba.com"),
        point(5, service="hostco", url="https://hostco.example.org/terms", name="HostCo"),
        point(6, service="rival", url="https://hostco.example.org/terms", name="Rival", case=SHARING_CASE, quote=SHARING_QUOTE),
    ])
    result = run_import(runner, points, tmp_path / "out")
    assert result.exit_code == 0, result.output
    domains = {p.stem: json.loads(p.read_text("utf-8"))["service"]["domains"] for p in (tmp_path / "out").glob("*.json")}
    assert domains["wikia"] == ["wikia.com"] and domains["fandom"] == []
    assert domains["shopco"] == ["shop-co.co.uk"]
    assert domains["nameonly"] == ["alibaba.com"]
    assert domains["hostco"] == domains["rival"] == []  # example.org names neither: kept by none
    assert "kept by none: example.org" in result.stdout


def test_quotes_lose_their_markup_and_documents_get_their_kind():
    assert clean_quote("<p>We may <strong>share</strong> your data &amp; more.</p><p>Second.</p>") == "We may share your data & more.\nSecond."
    assert [document_kind(t, None) for t in ("Privacy Policy", "Terms of Use", "Cookie Policy", "Code of Conduct")] == [
        "privacy", "terms", "other", "other"
    ]
