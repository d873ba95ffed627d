"""The published output contract: analysis.schema.json describes what the API and CLI answer, the schema check
the other tests rely on rejects what breaks it, and annotation ids are unique and stable."""

from __future__ import annotations

import copy

import pytest

from termslens.analysis import analyze
from tests.conftest import assert_valid_analysis

CLAUDE_TERMS_URL = "https://www.anthropic.com/legal/consumer-terms"


@pytest.fixture(scope="module")
def claude_terms(corpus) -> str:
    return corpus["Claude-Anthropic/terms"]


@pytest.fixture(scope="module")
def answer(library, claude_terms) -> dict:
    from termslens.report import analysis_json

    return analysis_json(analyze(library, claude_terms, url=CLAUDE_TERMS_URL))


def test_a_real_answer_validates_and_has_both_kinds(answer):
    assert_valid_analysis(answer)
    assert {a["kind"] for a in answer["annotations"]} == {"record", "generic"}


@pytest.mark.parametrize(
    "breakage",
    [
        lambda a: a["annotations"][0].pop("id"),
        lambda a: a["annotations"][0].update(severity="critical"),
        lambda a: a["annotations"][0].update(surprise="an undocumented field"),
        lambda a: a["annotations"][-1].update(record_id="made-up"),  # a generic annotation with a record id
        lambda a: a["summary"]["by_kind"].pop("generic"),
        lambda a: a.update(text="only the CLI sends the text"),
    ],
    ids=["no-id", "unknown-severity", "extra-field", "generic-with-record", "summary-kind", "text-from-api"],
)
def test_the_schema_check_rejects_an_answer_that_breaks_the_contract(answer, breakage):
    broken = copy.deepcopy(answer)
    answer_generic_last = sorted(broken["annotations"], key=lambda a: a["kind"] == "generic")
    broken["annotations"] = answer_generic_last
    breakage(broken)
    with pytest.raises(AssertionError):
        assert_valid_analysis(broken)


def test_ids_are_unique_within_a_page_and_the_same_across_runs(library, claude_terms, answer):
    ids = [a["id"] for a in answer["annotations"]]
    assert len(ids) == len(set(ids))
    again = [a.id for a in analyze(library, claude_terms, url=CLAUDE_TERMS_URL).annotations]
    assert again == ids


def test_ids_survive_edits_elsewhere_on_the_page(library, claude_terms):
    annotations = analyze(library, claude_terms, url=CLAUDE_TERMS_URL).annotations
    before = {a.id: a.exact for a in annotations}
    # A new paragraph at the top, and one clause that overlaps no other removed: everything else keeps its id.
    last = next(
        a for a in reversed(annotations)
        if not any(o is not a and o.start < a.end and a.start < o.end for o in annotations)
    )
    edited = "Notice: we updated this page's layout.\n\n" + claude_terms[: last.start] + claude_terms[last.end :]
    after = {a.id: a.exact for a in analyze(library, edited, url=CLAUDE_TERMS_URL).annotations}
    assert last.id not in after
    kept = {id_ for id_ in before if id_ != last.id}
    assert kept <= set(after), sorted(kept - set(after))


def test_a_sentence_repeated_word_for_word_gets_numbered_ids(library):
    clause = "We may terminate your account at any time for any reason without notice to you."
    text = f"Terms of Service\n\n{clause}\n\nOther things happen here in between.\n\n{clause}\n"
    ids = [a.id for a in analyze(library, text).annotations if a.exact == clause]
    assert len(ids) == 2 and ids[1] == ids[0] + "~2"
