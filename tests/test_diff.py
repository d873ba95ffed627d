"""The clause-level diff: formatting is never a change, planted edits are material on the right words, and on
the real version histories of ../shared/versions the alignment keeps document order."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from termslens.analysis import compare_texts
from termslens.diff import diff_versions
from termslens.versions import normalised_words, read_version, text_hash
from tests.support.planted import reformat, replace_once

CURSOR_TERMS = "Cursor/Terms-of-Service/2025-09-18_dcd180d489.md"


@pytest.fixture(scope="module")
def versions(shared_dir: Path) -> list[dict]:
    """index.json of ../shared/versions: each document with its versions in date order."""
    entries = json.loads((shared_dir / "versions" / "index.json").read_text("utf-8"))
    for entry in entries:
        entry["versions"].sort(key=lambda v: v["date"])
    return entries


def read(shared_dir: Path, file: str) -> str:
    return (shared_dir / "versions" / file).read_text("utf-8")


def consecutive_pairs(versions: list[dict], shared_dir: Path, *, sample: int, seed: int) -> list[tuple[str, str, str]]:
    pairs = [
        (entry["service"] + " " + entry["document"], a["file"], b["file"])
        for entry in versions
        for a, b in zip(entry["versions"], entry["versions"][1:])
    ]
    return random.Random(seed).sample(pairs, sample)


# --- formatting is not a change -------------------------------------------------------------------------

def test_identical_documents_give_no_change(shared_dir):
    text = read(shared_dir, CURSOR_TERMS)
    assert diff_versions(read_version(text), read_version(text)) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("We may share it with “partners” — rarely.", 'We may share it with "partners" - rarely.'),
        ("1. You may cancel.\n2. We keep logs.", "- You may cancel.\n- We keep logs."),
        ("**You may cancel** within 30 days.", "<b>You may cancel</b> within   30\ndays."),
        ("Read (a) this and (b) that.", "Read (i) this and (ii) that."),
        ("Fees & taxes apply.", "Fees &amp; taxes apply."),
        ("See [our policy](https://example.com/a) (opens in a new window).", "See [our policy](https://example.com/b)."),
        ("#### 1.1.2. When you contact us", "#### 1.2.2. When you contact us"),
        ("Contact [[email\u00a0protected]](https://x.example/cdn)", "Contact [[email\u00a0protected]](https://x.example/cdn2)"),
    ],
    ids=["quotes-dashes", "list-numbering", "markup-wrapping", "enumerators", "entities", "links", "section-number", "obfuscated-email"],
)
def test_formatting_is_not_a_change(old, new):
    assert text_hash(old) == text_hash(new)
    assert diff_versions(read_version(old), read_version(new)) == []


def test_a_reformatted_real_document_has_no_material_change(shared_dir, versions):
    for entry in versions[::6]:
        text = read(shared_dir, entry["versions"][-1]["file"])
        changes = diff_versions(read_version(text), read_version(reformat(text)))
        assert [c for c in changes if c.material] == [], entry["service"] + " " + entry["document"]
        assert changes == [], (entry["service"], [(c.kind, (c.old or c.new).text[:80]) for c in changes][:3])


def test_money_and_percent_keep_their_sign():
    assert normalised_words("$30 or 5% of €30").words == ("$30", "or", "5%", "of", "€30")
    [change] = diff_versions(read_version("The cap is $30 a year."), read_version("The cap is €30 a year."))
    assert change.material and [(r.kind, r.old.text, r.new.text) for r in change.reasons] == [("amount", "$30", "€30")]


# --- planted material edits, each reported on the right words -------------------------------------------

PLANTED = [
    # (what, old words, new words, expected reason kind, words the reason names on the old and new side)
    ("a changed number", "You may opt out of arbitration within 30 days of account creation",
     "You may opt out of arbitration within 10 days of account creation", "duration", "30 days", "10 days"),
    ("a changed amount", "IF GREATER, (B) $100.", "IF GREATER, (B) $50.", "amount", "$100", "$50"),
    ("an added not", "You may opt out of promotional emails", "You may not opt out of promotional emails",
     "negation", None, "not"),
    ("a removed not", "ANYSPHERE WILL NOT USE CONTENT TO TRAIN", "ANYSPHERE WILL USE CONTENT TO TRAIN",
     "negation", "NOT", None),
    ("may becomes will", "Anysphere may suspend or terminate access to the Service",
     "Anysphere will suspend or terminate access to the Service", "modality", "may", "will"),
    ("an added AI-training sentence",
     "and keep the Service safe.",
     "and keep the Service safe. We may also use Content to train and improve our AI models.",
     "data-use", None, "train"),
]


@pytest.fixture(scope="module")
def cursor_terms(shared_dir) -> str:
    return read(shared_dir, CURSOR_TERMS)


@pytest.mark.parametrize(("what", "old", "new", "kind", "old_words", "new_words"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_edit_is_material_on_the_right_words(library, cursor_terms, what, old, new, kind, old_words, new_words):
    edited = replace_once(cursor_terms, old, new)
    _, _, changes = compare_texts(library, cursor_terms, edited)
    [change] = changes
    assert change.kind == "edited" and change.material
    reasons = [r for r in change.reasons if r.kind == kind]
    assert reasons, change.reasons
    reason = reasons[0]
    assert (reason.old.text if reason.old else None) == old_words
    assert (reason.new.text if reason.new else None) == new_words
    # The offsets index the texts they belong to.
    if reason.new:
        assert edited[reason.new.start : reason.new.end] == new_words
    assert change.new.text in edited and new in edited[change.new.start : change.new.end]


def test_an_added_ai_training_sentence_is_also_a_new_category(library, cursor_terms):
    sentence = "We may use your Inputs and Suggestions to train and improve our artificial intelligence models."
    edited = replace_once(cursor_terms, "**1.3. Model Training.**", f"{sentence}\n\n**1.3. Model Training.**")
    _, _, changes = compare_texts(library, cursor_terms, edited)
    [change] = changes
    assert (change.kind, change.category, change.material) == ("added", "ai-training", True)
    assert change.new.text == sentence
    assert [(r.kind, r.what) for r in change.reasons] == [("category", "ai-training")]


def test_a_removed_arbitration_clause_is_material(library, cursor_terms):
    start = cursor_terms.index("**16.1. Agreement to Arbitrate.**")
    end = cursor_terms.index("\n", start)
    clause = cursor_terms[start:end]
    edited = cursor_terms[:start] + cursor_terms[end + 1 :]
    _, _, changes = compare_texts(library, cursor_terms, edited)
    [change] = changes
    assert change.kind == "removed" and change.material and change.new is None
    assert change.old.text == clause and change.category == "arbitration"
    assert ("category", "arbitration") in [(r.kind, r.what) for r in change.reasons]


def test_a_synonym_or_a_moved_word_is_not_material():
    old = read_version("We will share your information with service providers to run the service.")
    new = read_version("We will disclose your data with service providers to run the service.")
    [change] = diff_versions(old, new)
    assert change.kind == "edited" and not change.material
    moved = read_version("With service providers, we will share your information to run the service.")
    [change] = diff_versions(old, moved)
    assert not change.material


def test_a_new_named_party_is_material():
    old = read_version("We share device identifiers with advertising partners such as Xandr and Yahoo.")
    new = read_version("We share device identifiers with advertising partners such as Criteo and Yahoo.")
    [change] = diff_versions(old, new)
    assert [(r.kind, r.old.text, r.new.text) for r in change.reasons] == [("party", "Xandr", "Criteo")]


def test_a_document_date_line_is_never_material():
    old = read_version("Last updated: October 23, 2024\n\nWe may change these terms.")
    new = read_version("Last updated: December 11, 2024\n\nWe may change these terms.")
    [change] = diff_versions(old, new)
    assert change.kind == "edited" and not change.material


# --- alignment keeps document order: a lookalike elsewhere is never paired --------------------------------

def test_a_removed_clause_is_not_paired_with_its_lookalike_elsewhere():
    clause = "You may cancel your subscription at any time from your account settings page."
    lookalike = "You may cancel your order at any time from your account settings page."
    body = ["# Terms", "We provide the service.", clause, "Fees are billed monthly.", "## Orders", lookalike, "End."]
    old = read_version("\n\n".join(body))
    new = read_version("\n\n".join(b for b in body if b != clause))
    [change] = diff_versions(old, new)
    assert change.kind == "removed" and change.old.text == clause


def test_an_edited_clause_is_paired_in_place_not_with_a_closer_lookalike():
    a = "You may cancel your subscription at any time from your account settings page."
    a_edited = "You may cancel your order at any time from the settings page of your account."
    lookalike = "You may cancel your order at any time from your account settings page."
    old = read_version("\n\n".join(["Intro.", a, "Middle part of the terms.", "More.", lookalike, "End."]))
    new = read_version("\n\n".join(["Intro.", a_edited, "Middle part of the terms.", "More.", lookalike, "End."]))
    [change] = diff_versions(old, new)
    assert change.kind == "edited" and change.old.text == a and change.new.text == a_edited


def test_a_moved_clause_is_moved():
    paragraphs = [f"Clause number {word} says something of its own about the service." for word in "abcdefg"]
    moved = paragraphs[:1] + paragraphs[2:5] + paragraphs[1:2] + paragraphs[5:]
    changes = diff_versions(read_version("\n\n".join(paragraphs)), read_version("\n\n".join(moved)))
    assert [(c.kind, c.material) for c in changes] == [("moved", False)]


# --- real version pairs -----------------------------------------------------------------------------------

def test_real_version_pairs_diff_in_document_order(shared_dir, versions):
    for name, a, b in consecutive_pairs(versions, shared_dir, sample=60, seed=11):
        old_text, new_text = read(shared_dir, a), read(shared_dir, b)
        changes = diff_versions(read_version(old_text), read_version(new_text))
        positions = [c.position for c in changes]
        assert positions == sorted(positions), name
        edited = [c for c in changes if c.kind == "edited"]
        assert [c.old.start for c in edited] == sorted(c.old.start for c in edited), f"{name}: pairs out of order"
        for change in changes:
            assert change.material == bool(change.reasons)
            if change.old:
                assert old_text[change.old.start : change.old.end] == change.old.text
            if change.new:
                assert new_text[change.new.start : change.new.end] == change.new.text
            for op in change.words:
                assert (old_text if op.op == "delete" else new_text)[op.start : op.end] == op.text


def test_real_edits_are_read_as_people_would(shared_dir):
    # ChatGPT terms, 2025-09 -> 2025-11: the rule on minors' likeness in Visual Capabilities was dropped, and
    # what you share now gives other users rights to remix it; the new "Updated" date is not material.
    old = read(shared_dir, "ChatGPT/Terms-of-Service/2025-09-03_8746990227.md")
    new = read(shared_dir, "ChatGPT/Terms-of-Service/2025-11-01_a4a1b7e47f.md")
    dateline, visual = diff_versions(read_version(old), read_version(new))
    assert not dateline.material and "October 30" in dateline.new.text
    assert visual.material and "anyone under 18" in visual.old.text
    found = {(r.kind, r.old.text if r.old else None, r.new.text if r.new else None) for r in visual.reasons}
    assert ("number", "18", None) in found and ("party", None, "other users") in found
    # OpenAI's data processing addendum names a different contracting entity.
    old = read(shared_dir, "OpenAI/Data-Processor-Agreement/2024-01-20_7e8b1fab6c.md")
    new = read(shared_dir, "OpenAI/Data-Processor-Agreement/2024-02-17_7ccf915af9.md")
    parties = [r for c in diff_versions(read_version(old), read_version(new)) for r in c.reasons if r.kind == "party"]
    assert {"OpCo", "England", "Wales"} <= {r.new.text for r in parties if r.new}


def test_every_version_compared_with_itself_is_unchanged(shared_dir, versions):
    for entry in versions[::3]:
        text = read(shared_dir, entry["versions"][0]["file"])
        version = read_version(text)
        assert diff_versions(version, read_version(text)) == []
        assert version.hash == read_version(reformat(text)).hash, entry["service"] + " " + entry["document"]


def test_a_version_read_back_from_its_kept_clauses_diffs_as_the_text_does(shared_dir, versions):
    from termslens.versions import read_stored_version

    for name, a, b in consecutive_pairs(versions, shared_dir, sample=12, seed=4):
        old_text, new_text = read(shared_dir, a), read(shared_dir, b)
        old = read_version(old_text)
        kept = read_stored_version(old_text, [(c.start, c.end, c.hash, c.heading) for c in old.clauses], old.hash)
        assert diff_versions(kept, read_version(new_text)) == diff_versions(old, read_version(new_text)), name
