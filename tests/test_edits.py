"""Tests for the deterministic wording-drift helpers in tests/support/edits.py."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.support.edits import (
    DELETABLE_WORDS,
    INSERT_PHRASES,
    SYNONYMS,
    as_list_markup,
    drift,
    drift_document,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Line prefixes of real paragraphs; each test passage is the whole line.
CLAUDE_DEFINITIONS = "In these Terms, when we refer to"  # three sentences
CLAUDE_ACCOUNT_SHARING = "You may not share your Account login information"
CLAUDE_ACCOUNT = "**Your Anthropic Account.**"
CLAUDE_TAKEDOWN_NOTICE = "If you posted the Third-Party Content or own it"  # (a) (b) (c)
CLAUDE_THIRD_PARTY = "If we become aware that any Third-Party Content"  # (1) (2) (3)
CLAUDE_REIMBURSE = "2. If you cancel the Subscription under Section 6(f)(1)"  # one "; "
MICROSOFT_BILLING = "*   c. **Billing.**"  # (i)-(iii) and (a)-(d)
MICROSOFT_SERVICES = "*   b. We strive to keep the Services up and running"


def _document(company: str) -> str:
    path = CORPUS / company / "terms.md"
    if not path.is_file():
        pytest.fail(f"test corpus file missing: {path} (expected /work/shared/corpus checkout)")
    return path.read_text(encoding="utf-8")


def _line(company: str, prefix: str) -> str:
    for line in _document(company).splitlines():
        if line.startswith(prefix):
            return line
    pytest.fail(f"no line starting with {prefix!r} in {company}/terms.md")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _retained(original: str, edited: str) -> float:
    before, after = Counter(_words(original)), Counter(_words(edited))
    return sum((before & after).values()) / sum(before.values())


def _long_paragraphs() -> list[str]:
    paragraphs = [
        line
        for company in ("Claude-Anthropic", "Microsoft")
        for line in _document(company).splitlines()
        if len(_words(line)) >= 20
    ]
    assert len(paragraphs) >= 40, "corpus unexpectedly small"
    return paragraphs[::3]


def test_corpus_directory_present() -> None:
    if not CORPUS.is_dir():
        pytest.fail(f"shared corpus directory not found at {CORPUS}")


@pytest.mark.parametrize("level", [1, 2, 3])
def test_drift_is_deterministic_and_ignores_global_rng(level: int) -> None:
    passage = _line("Claude-Anthropic", CLAUDE_ACCOUNT)
    random.seed(1)
    first = drift(passage, seed=42, level=level)
    random.seed(999)
    random.random()
    assert drift(passage, seed=42, level=level) == first


@pytest.mark.parametrize("level", [1, 2, 3])
def test_different_seeds_give_different_drift(level: int) -> None:
    passage = _line("Claude-Anthropic", CLAUDE_ACCOUNT)
    outputs = [drift(passage, seed=seed, level=level) for seed in range(30)]
    assert drift(passage, seed=1, level=level) != drift(passage, seed=2, level=level)
    assert len(set(outputs)) >= 25


@pytest.mark.parametrize("level", [1, 2, 3])
def test_drift_always_changes_the_text(level: int) -> None:
    for passage in _long_paragraphs():
        for seed in range(8):
            assert drift(passage, seed=seed, level=level) != passage, (passage, seed)
    for short in ("You must be at least 18 years old.", "Fees.", "€100."):
        for seed in range(20):
            assert drift(short, seed=seed, level=level) != short


def test_level_one_only_touches_punctuation_case_and_whitespace() -> None:
    for passage in _long_paragraphs():
        for seed in range(5):
            edited = drift(passage, seed=seed, level=1)
            assert _words(edited) == _words(passage), (passage, seed)


def test_level_two_keeps_most_words_and_changes_some() -> None:
    word_level_changes = 0
    for passage in _long_paragraphs():
        for seed in range(5):
            edited = drift(passage, seed=seed, level=2)
            assert _retained(passage, edited) >= 0.8, (passage, edited)
            word_level_changes += _words(edited) != _words(passage)
    assert word_level_changes > 0


def test_level_three_changes_at_most_about_a_fifth_of_words() -> None:
    for passage in _long_paragraphs():
        for seed in range(5):
            edited = drift(passage, seed=seed, level=3)
            assert _retained(passage, edited) >= 0.8, (passage, edited)


def test_level_three_edits_more_than_level_two() -> None:
    passages = _long_paragraphs()
    lost = {
        level: sum(
            1 - _retained(p, drift(p, seed=s, level=level)) for p in passages for s in range(5)
        )
        for level in (2, 3)
    }
    assert lost[3] > lost[2] > 0


def test_drift_uses_realistic_edit_vocabulary() -> None:
    passage = _line("Claude-Anthropic", CLAUDE_ACCOUNT)
    seen_new: set[str] = set()
    for seed in range(60):
        seen_new |= set(_words(drift(passage, seed=seed, level=3))) - set(_words(passage))
    vocabulary = {
        word
        for phrase in [*INSERT_PHRASES, *(r for reps in SYNONYMS.values() for r in reps)]
        for word in _words(phrase)
    }
    assert seen_new, "level 3 never introduced a new word"
    assert seen_new <= vocabulary
    assert DELETABLE_WORDS & set(_words(passage))


def _sentence_order(passage: str, edited: str) -> list[int]:
    """Order in which the original sentences appear in ``edited``."""
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", passage)
    assert len(sentences) == 3
    anchors = []
    for index, sentence in enumerate(sentences):
        others = {w for j, s in enumerate(sentences) if j != index for w in _words(s)}
        unique = [
            w
            for w in _words(sentence)
            if w not in others and w not in SYNONYMS and w not in DELETABLE_WORDS
            and _words(sentence).count(w) == 1
        ]
        anchors.append(max(unique, key=len))
    lowered = edited.lower()
    positions = [re.search(rf"\b{anchor}\b", lowered) for anchor in anchors]
    assert all(positions), (anchors, edited)
    return sorted(range(3), key=lambda i: positions[i].start())  # type: ignore[union-attr]


def test_level_three_can_move_a_sentence_but_level_two_never_does() -> None:
    passage = _line("Claude-Anthropic", CLAUDE_DEFINITIONS)
    orders = [_sentence_order(passage, drift(passage, seed=s, level=3)) for s in range(40)]
    assert any(order != [0, 1, 2] for order in orders)
    assert all(order in ([0, 1, 2], [1, 0, 2], [0, 2, 1]) for order in orders)
    for seed in range(40):
        assert _sentence_order(passage, drift(passage, seed=seed, level=2)) == [0, 1, 2]


def test_drift_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        drift("Some clause.", seed=0, level=4)
    with pytest.raises(ValueError):
        drift("   ", seed=0)


def test_drift_document_offsets_and_untouched_text() -> None:
    text = _document("Claude-Anthropic")
    passages = [
        _line("Claude-Anthropic", CLAUDE_TAKEDOWN_NOTICE),  # given out of document order
        _line("Claude-Anthropic", CLAUDE_DEFINITIONS),
        _line("Claude-Anthropic", CLAUDE_ACCOUNT_SHARING),
    ]
    new_text, offsets = drift_document(text, passages, seed=7, level=3)

    assert len(offsets) == len(passages)
    rebuilt = new_text
    for index in sorted(range(len(passages)), key=lambda i: offsets[i][0], reverse=True):
        start, end = offsets[index]
        assert new_text[start:end] == drift(passages[index], seed=7 + index, level=3)
        assert new_text[start:end] != passages[index]
        rebuilt = rebuilt[:start] + passages[index] + rebuilt[end:]
    assert rebuilt == text
    assert offsets[1][0] < offsets[2][0] < offsets[0][0]

    again = drift_document(text, passages, seed=7, level=3)
    assert again == (new_text, offsets)


def test_drift_document_adjacent_passages() -> None:
    text = "Alpha clause one applies here. Beta clause two applies there. Rest."
    first, second = "Alpha clause one applies here.", " Beta clause two applies there."
    new_text, offsets = drift_document(text, [second, first], seed=3)
    assert offsets[1][0] == 0 and offsets[1][1] == offsets[0][0]
    assert new_text[offsets[0][1] :] == " Rest."


def test_drift_document_missing_passage_raises() -> None:
    text = _document("Microsoft")
    missing = "This sentence does not appear in the Microsoft terms at all."
    with pytest.raises(ValueError, match="does not appear in the Microsoft"):
        drift_document(text, [_line("Microsoft", MICROSOFT_SERVICES), missing], seed=0)


def test_drift_document_overlapping_passages_raise() -> None:
    passage = _line("Microsoft", MICROSOFT_SERVICES)
    text = _document("Microsoft")
    with pytest.raises(ValueError, match="overlap"):
        drift_document(text, [passage, passage[10:60]], seed=0)


def _item_lines(markup: str, bullet: str) -> list[str]:
    return [line[len(bullet) :] for line in markup.split("\n") if line.startswith(bullet)]


def test_list_markup_splits_letter_enumerators() -> None:
    passage = _line("Claude-Anthropic", CLAUDE_TAKEDOWN_NOTICE)
    markup = as_list_markup(passage)
    items = _item_lines(markup, "* ")
    assert len(items) == 3
    assert items[0].startswith("would breach the law")
    assert items[1].startswith("would compromise an investigation")
    assert items[2].startswith("would cause harm")
    assert not any(re.search(r"\([abc]\)", line) for line in items)
    assert len(_words(markup)) == len(_words(passage)) - 3  # only the labels dropped


def test_list_markup_splits_numbered_enumerators() -> None:
    passage = _line("Claude-Anthropic", CLAUDE_THIRD_PARTY)
    items = _item_lines(as_list_markup(passage), "* ")
    assert [item.split()[0] for item in items] == ["infringes", "is", "may"]


def test_list_markup_picks_longest_enumeration() -> None:
    passage = _line("Microsoft", MICROSOFT_BILLING)
    items = _item_lines(as_list_markup(passage), "* ")
    assert len(items) >= 3
    assert "\n" not in "".join(items)


def test_list_markup_semicolons_and_plain() -> None:
    passage = _line("Claude-Anthropic", CLAUDE_REIMBURSE)
    markup = as_list_markup(passage)
    lines = markup.split("\n")
    assert len(lines) == passage.count("; ") + 1 == 2
    assert all(line.startswith("- ") for line in lines)
    assert lines[1] == "- you will not incur any fees as a result of the reimbursement."

    plain = "You must be at least 18 years old to use the Services."
    assert as_list_markup(plain) == "- " + plain
    assert as_list_markup(plain) == as_list_markup(plain)
