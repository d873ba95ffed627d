"""The page's words: a long text is split by classifying every character at once (numpy), a short one with
re.split. Both must give the same words at the same offsets, or a quote would be placed a few characters off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termslens.engine import tokens
from termslens.engine.tokens import VECTOR_MIN_CHARS, tokenize


def split_by_regex(text: str) -> tokens.Tokens:
    """`tokenize` through the re.split path, whatever the text's length."""
    saved = tokens.VECTOR_MIN_CHARS
    tokens.VECTOR_MIN_CHARS = 10**12
    try:
        return tokenize(text)
    finally:
        tokens.VECTOR_MIN_CHARS = saved


def long(text: str) -> str:
    """`text` repeated past the length at which the vectorised path takes over."""
    return (text + "\n") * (VECTOR_MIN_CHARS // (len(text) + 1) + 1)


def test_every_corpus_document_splits_into_the_same_words_at_the_same_offsets(corpus):
    for name, text in corpus.items():
        assert len(text) >= VECTOR_MIN_CHARS, name
        assert tokenize(text) == split_by_regex(text), name


@pytest.mark.parametrize(
    "text",
    [
        "Café CAFÉ cafe\u0301 naïve Ｆｕｌｌｗｉｄｔｈ Straße",  # accents, decomposed accents, compatibility forms
        "İstanbul ﬁle",  # lowercase to two code points: the re.split path keeps the original's offsets
        "snake_case __bold__ *em* 3.14 v2 ½ ٣ 二〇二六 年 emoji 😀 here",
        "see [our center](https://example.com/help-center) or mailto:a@b.example (#anchor) [x](#user-content)",
        "lone surrogate \ud800 between words",
        "tab\tform\x0cfeed\x1cseparators\u2028line\u00a0nbsp",
    ],
)
def test_tricky_text_splits_the_same_either_way(text):
    page = long(text)
    vectorised = tokenize(page)
    assert vectorised == split_by_regex(page)
    assert all(page[s:e] for s, e in zip(vectorised.starts, vectorised.ends))


def test_a_word_runs_exactly_over_its_characters():
    page = long("We  MAY share «your» data—with partners.")
    found = tokenize(page)
    assert found.words[:7] == ["we", "may", "share", "your", "data", "with", "partners"]
    assert [page[s:e] for s, e in zip(found.starts[:3], found.ends[:3])] == ["We", "MAY", "share"]


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_text_splits_the_same_either_way(text):
    page = long(text)
    assert tokenize(page) == split_by_regex(page)
