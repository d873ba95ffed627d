"""Opt-out flows in the record schema (issue 15): every flow of the library validates, a broken one stops the
load naming the field, a later version is kept for a newer extension, and each flow names its saved settings
page (the flows' self-test against those pages is tests/js/flows.test.mjs)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from termslens.records import RecordError, bundled_records_dir, load_records, parse_record_file

FIXTURES = Path(__file__).resolve().parent / "e2e" / "fixtures" / "settings"


def anthropic_file() -> dict:
    return json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))


def first_flow(data: dict) -> dict:
    return next(a["flow"] for r in data["records"] for a in r["actions"] if "flow" in a)


def test_every_flow_in_the_library_loads_and_names_an_existing_fixture():
    flows = [(r.id, a.label, a.flow) for r in load_records([bundled_records_dir()]) for a in r.actions if a.flow]
    assert len(flows) >= 9
    assert {f["fixture"] for _, _, f in flows} <= {p.stem for p in FIXTURES.glob("*.html")}
    for record_id, label, flow in flows:
        assert flow["version"] == 1, record_id
        assert any("want" in step for step in flow["steps"]), f"{record_id} / {label}: no step sets a state"


def test_the_api_passes_the_flow_on_with_the_action(client):
    record = client.get("/api/v1/records/anthropic-terms-model-training").get_json()
    flow = next(a["flow"] for a in record["actions"] if a["kind"] == "opt-out")
    assert flow["page"]["url"] == "https://claude.ai/settings/data-privacy-controls"
    assert flow["steps"][1]["control"]["name"] == ["Help improve Claude"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda f: f.pop("verify"), "flow.verify"),
        (lambda f: f["steps"][1].pop("control"), "flow.steps.1"),
        (lambda f: f["steps"][1].update(want="sideways"), "flow.steps.1.want"),
        (lambda f: f["page"].update(url="http://claude.ai/settings"), "flow.page.url"),
        (lambda f: f["steps"][1]["control"].update(role=["slider"]), "flow.steps.1.control.role.0"),
        (lambda f: f["steps"][1].update(press=True), "flow.steps.1"),
    ],
)
def test_a_broken_version_1_flow_stops_the_load_naming_the_field(change, field):
    data = anthropic_file()
    change(first_flow(data))
    with pytest.raises(RecordError, match=f"field 'actions.0.{field}"):
        parse_record_file(data, origin="anthropic.json")


def test_a_flow_of_a_later_version_is_kept_for_an_extension_that_knows_it():
    data = anthropic_file()
    flow = first_flow(data)
    flow.clear()
    flow.update({"version": 2, "something": "new"})
    records = parse_record_file(copy.deepcopy(data), origin="anthropic.json")
    kept = next(a.flow for r in records for a in r.actions if a.flow)
    assert kept == {"version": 2, "something": "new"}
