"""The digest a person reads first: at most seven clause types, the one that matters most first, good news last,
repeats grouped with their count and annotation ids; and `termslens analyze` printing it first."""

from __future__ import annotations

import json
import re

import pytest

from termslens.analysis import analyze
from termslens.annotation import generic_annotation, with_ids
from termslens.cli import main
from termslens.digest import DIGEST_SIZE, digest
from termslens.segment import segment
from termslens.taxonomy import categories

CLAUDE_TERMS_URL = "https://www.anthropic.com/legal/consumer-terms"


def annotated(sentences: list[tuple[str, str]]):
    """A page of one sentence per line, each annotated as the given category (generic), with ids."""
    text = "\n\n".join(s for s, _ in sentences)
    page = segment(text)
    known = categories()
    found, at = [], 0
    for sentence, category in sentences:
        start = text.index(sentence, at)
        found.append(generic_annotation(page, known[category], start, start + len(sentence), 70.0))
        at = start + len(sentence)
    return with_ids(found)


def test_repeats_are_grouped_with_their_count_and_ids_in_page_order():
    found = annotated([
        ("We are not liable for indirect damages of any kind.", "limitation-of-liability"),
        ("Disputes go to binding arbitration.", "arbitration"),
        ("Our total liability is limited to the fees you paid.", "limitation-of-liability"),
        ("We are not responsible for losses caused by third parties.", "limitation-of-liability"),
    ])
    entries = digest(found)
    assert [(e.category, e.count) for e in entries] == [("arbitration", 1), ("limitation-of-liability", 3)]
    liability = entries[1]
    assert liability.annotation_ids == (found[0].id, found[2].id, found[3].id)
    assert liability.title == categories()["limitation-of-liability"].name


def test_order_is_severity_then_stance_with_good_news_last():
    found = annotated([
        ("You can delete your account at any time.", "account-deletion"),  # low, good
        ("These terms are governed by Irish law.", "choice-of-law"),  # low, neutral
        ("We may change these terms at any time.", "unilateral-change"),  # medium, bad
        ("We share your data with partners.", "data-sharing"),  # medium, bad
        ("Your data can train our AI models.", "ai-training"),  # high, bad
        ("Your data is kept for as long as necessary.", "data-retention"),  # medium, neutral
    ])
    order = [e.category for e in digest(found)]
    assert order[0] == "ai-training"
    assert order[-1] == "account-deletion"
    assert order.index("unilateral-change") < order.index("data-retention") < order.index("choice-of-law")


def test_at_most_seven_entries_and_good_news_keeps_a_place():
    bad = ["arbitration", "ai-training", "data-sale", "unilateral-change", "content-removal", "jurisdiction",
           "limitation-of-liability", "unilateral-termination", "tracking"]
    found = annotated([(f"Clause number {i} of this page says something.", c) for i, c in enumerate(bad)]
                      + [("You can delete your account whenever you like.", "account-deletion")])
    entries = digest(found)
    assert len(entries) == DIGEST_SIZE
    assert entries[-1].category == "account-deletion"
    assert [e.severity for e in entries[:3]] == ["high", "high", "high"]


def test_claudes_digest_puts_its_one_high_severity_clause_first(corpus, library):
    analysis = analyze(library, corpus["Claude-Anthropic/terms"], url=CLAUDE_TERMS_URL)
    entries = analysis.digest
    assert 0 < len(entries) <= DIGEST_SIZE
    assert entries[0].severity == "high" and entries[0].category == "ai-training" and entries[0].can_act
    ids = {a.id for a in analysis.annotations}
    assert all(set(e.annotation_ids) <= ids and e.count == len(e.annotation_ids) for e in entries)
    good = [i for i, e in enumerate(entries) if e.stance == "good"]
    assert good and good == list(range(len(entries) - len(good), len(entries)))  # good news last
    severities = [e.severity for e in entries if e.stance != "good"]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)


def test_the_answer_publishes_the_digest(client):
    page = ("We may terminate your account at any time without notice. We may suspend your account for any reason "
            "at all and without notice. Any dispute will be resolved by binding arbitration in San Francisco.")
    body = client.post("/api/v1/analyze", json={"text": page}).get_json()
    assert body["digest"], body
    ids = {a["id"] for a in body["annotations"]}
    for entry in body["digest"]:
        assert entry["count"] == len(entry["annotation_ids"]) and set(entry["annotation_ids"]) <= ids
    assert body["digest"][0]["category"] == "arbitration"


def test_analyze_prints_the_digest_first_and_each_clause_type_once(runner, shared_dir, tmp_path):
    path = tmp_path / "tiktok-terms.md"
    path.write_text((shared_dir / "corpus" / "TikTok" / "terms.md").read_text("utf-8"), "utf-8")
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("What matters most") < out.index("All ")
    digest_lines = re.findall(r"^  \d\. \[(HIGH|MEDIUM|LOW)", out, re.M)
    assert 0 < len(digest_lines) <= DIGEST_SIZE
    explained = re.findall(r"^    What it means: (.*)$", out, re.M)
    generic_means = {c.means[:60] for c in categories().values()}
    repeated = [m for m in explained if m[:60] in generic_means and explained.count(m) > 1]
    assert repeated == [], "a clause type's explanation printed more than once"
    as_json = json.loads(runner.invoke(main, ["analyze", str(path), "--json"]).output)
    grouped = [e for e in as_json["digest"] if e["count"] > 1]
    for entry in grouped:
        assert f"×{entry['count']}" in out


@pytest.mark.parametrize("size", [0, 3])
def test_digest_of_few_clauses_keeps_them_all(size):
    found = annotated([(f"We may terminate account number {i} at any time.", "unilateral-termination")
                       for i in range(size)])
    assert sum(e.count for e in digest(found)) == size


def test_a_group_of_several_clauses_is_titled_by_its_type_and_one_record_by_its_own_title(corpus, library):
    analysis = analyze(library, corpus["Claude-Anthropic/terms"], url=CLAUDE_TERMS_URL)
    by_id = {a.id: a for a in analysis.annotations}
    mixed = single = 0
    for entry in analysis.digest:
        members = [by_id[i] for i in entry.annotation_ids]
        if len({a.subject for a in members}) > 1:
            mixed += 1
            assert entry.title == categories()[entry.category].name
            assert entry.kind == "record" if any(a.record for a in members) else entry.kind == "generic"
        elif members[0].record is not None:
            single += 1
            assert entry.title == members[0].record.title and entry.record_id == members[0].record.id
    assert mixed and single
