"""Hand-written speed-ups are checked against plain oracles on real sentences and generated text:

- a key phrase's or rule's trigger prefilter never changes what its pattern matches (every pattern is also run
  unfiltered over every sentence of the shared corpus and of CLAUDETTE);
- the hand-written TF-IDF equals scikit-learn's TfidfVectorizer with the same analyzer;
- numpy-only scoring equals the scipy design matrix times the coefficients;
- the patterns rewritten for speed (actor phrases, word tokens) find exactly what their definitions find.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from termslens.detect import features, rules
from termslens.detect import keyphrases as kp
from termslens.detect.corpus import load_claudette
from termslens.detect.features import fit_vocabulary, linear_scores, ngrams, tfidf_matrix, tokens
from termslens.detect.triggers import TriggerIndex
from termslens.segment import _ABBREVIATIONS, _EMPHASIS, _MD_LINK, _ends_sentence, _lines, split_sentences
from termslens.versions import _SPECIAL, _special_matches


@pytest.fixture(scope="module")
def sentences(shared_dir) -> list[str]:
    """Model-ready sentences of every corpus document and of the CLAUDETTE documents (about 37,000)."""
    texts = []
    for entry in json.loads((shared_dir / "corpus" / "index.json").read_text("utf-8")):
        texts += [s.text for s in split_sentences((shared_dir / entry["file"]).read_text("utf-8"))]
    return texts + load_claudette(shared_dir / "claudette-dev").texts


def _unfiltered_keyphrases(texts: list[str]) -> np.ndarray:
    out = np.zeros((len(texts), len(kp.KEY_PHRASES)), dtype=bool)
    for column, (phrase, compiled, original) in enumerate(zip(kp.KEY_PHRASES, kp._COMPILED, kp._ON_ORIGINAL)):
        for row, text in enumerate(texts):
            lowered = text.lower()
            if phrase.actor:
                ends = kp._actor_ends(text)
                out[row, column] = bool(ends) and kp._after_actor(compiled, text, lowered, ends)
            else:
                out[row, column] = bool(compiled.search(text if original else lowered))
    return out


def _mismatches(texts: list[str]) -> dict[str, str]:
    """Key phrase name -> a sentence it matches with its prefilter and not without, or the reverse."""
    filtered = kp.keyphrase_features(texts)[:, : len(kp.KEY_PHRASES)].astype(bool)
    unfiltered = _unfiltered_keyphrases(texts)
    return {kp.KEY_PHRASES[c].name: texts[r][:120] for r, c in zip(*np.nonzero(filtered != unfiltered))}


@pytest.mark.slow
def test_every_key_phrase_matches_the_same_sentences_with_and_without_its_triggers(sentences):
    assert _mismatches(sentences) == {}, "a pattern matches without any of its triggers: fix its triggers"


@pytest.mark.slow
def test_the_trigger_lookup_finds_exactly_the_sentences_holding_each_trigger(sentences):
    """What key phrases and rules rely on (detect_clauses shares one lookup between them): the lookup through
    the page's distinct words gives the same rows as testing every trigger in every sentence."""
    triggers = kp.KEYPHRASE_TRIGGERS | rules.RULE_TRIGGERS | {"’s", "e-mail", "opt-out"}
    lowered = [text.lower() for text in sentences]
    found = TriggerIndex(triggers).rows(lowered)
    wrong = {t: len(found[t] ^ {i for i, text in enumerate(lowered) if t in text}) for t in triggers}
    assert {t: n for t, n in wrong.items() if n} == {}


def _unfiltered_rules(text: str) -> list[str]:
    if any(aside.search(text) for aside in rules._ASIDES_COMPILED):
        return []
    low = text.lower()
    return [
        rule.category
        for _, rule, patterns, exclusions, requires in rules._COMPILED
        if any(p.search(low) for p in patterns)
        and not any(e.search(low) for e in exclusions)
        and (not requires or any(r.search(low) for r in requires))
    ]


@pytest.mark.slow
def test_every_rule_matches_the_same_sentences_with_and_without_its_triggers(sentences):
    filtered = rules.rule_matches(sentences)
    broken = [(text[:120], got) for text, got in zip(sentences, filtered) if got != _unfiltered_rules(text)]
    assert broken == []


def test_the_trigger_oracle_notices_a_pattern_that_matches_without_its_trigger(monkeypatch):
    """Guards the test above: a trigger list that misses what its pattern matches is caught."""
    phrase = kp.KeyPhrase("J.residence", r"in your home", ("country",))
    monkeypatch.setattr(kp, "KEY_PHRASES", (phrase,))
    monkeypatch.setattr(kp, "_COMPILED", (re.compile(phrase.pattern),))
    monkeypatch.setattr(kp, "_ON_ORIGINAL", (False,))
    monkeypatch.setattr(kp, "_TRIGGER_INDEX", TriggerIndex(phrase.triggers))
    assert _mismatches(["You can sue in your home courts.", "Courts of your country decide."]) == {
        "J.residence": "You can sue in your home courts."
    }


def test_the_hand_written_tfidf_equals_scikit_learns(shared_dir):
    from sklearn.feature_extraction.text import TfidfVectorizer

    corpus = load_claudette(shared_dir / "claudette-dev")
    rows = np.flatnonzero(np.isin(np.array(corpus.docs), ["Zoom", "Uber", "Tinder", "Skype"]))
    texts = [corpus.texts[i] for i in rows]
    docs = [corpus.docs[i] for i in rows]
    vocabulary = fit_vocabulary(texts, docs)
    ours = tfidf_matrix(texts, vocabulary)
    reference = TfidfVectorizer(
        analyzer=lambda text: ngrams(tokens(text, vocabulary.common_words)), min_df=2, sublinear_tf=True
    )
    theirs = reference.fit_transform(texts)
    assert reference.vocabulary_ == vocabulary.index
    np.testing.assert_allclose(reference.idf_, vocabulary.idf, rtol=1e-12)
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), atol=1e-12)


def test_numpy_scoring_equals_the_design_matrix_product(shared_dir):
    from termslens.detect import detector_model
    from termslens.detect.features import design_matrix

    model = detector_model()
    corpus = load_claudette(shared_dir / "claudette-dev")
    sample = list(range(0, len(corpus.sentences), 37))
    texts = [corpus.texts[i] for i in sample]
    headings = [corpus.sentences[i].heading for i in sample]
    fast = linear_scores(texts, headings, model.vocabulary, model.coef)
    slow = design_matrix(texts, headings, model.vocabulary) @ model.coef
    np.testing.assert_allclose(fast, slow, rtol=1e-5, atol=1e-6)


def _defined_actor_ends(text: str) -> list[int]:
    """Where the actor phrases end, by their defining patterns (those the patterns digest is made of)."""
    ends = [m.end() for m in kp._ACTOR_WORDS.finditer(text)]
    ends.extend(m.end() for m in kp._ACTOR_NAMES.finditer(text) if not m.group().lower().endswith(kp._NOT_ACTOR_ENDINGS))
    return ends


_TRICKY = st.text(alphabet=st.sampled_from(list("weusthWEUSTH ACme&'’.-_0aé\u017f\u212aİ\n")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=40)))
@example("We may. Us, THE COMPANY, the operator; awe, usual, Acme's O'Neil e.g. ACME-X.")
@example("Acme-You may; AT&T's Inc. YOUR Ifx IF Anyone ThE Such-Acme O’Neil-This x.Y")  # names refused by ending
@example("Weſ uſ \u212aelvin we")  # long s and the Kelvin sign fold to s and k under re.IGNORECASE
def test_the_fast_actor_patterns_end_where_their_definitions_do(text):
    assert kp._actor_ends(text) == _defined_actor_ends(text)
    assert kp._actor_ends(text, text.lower()) == _defined_actor_ends(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, st.text(max_size=40)))
@example("a_b 12 x y__ é1 ab-cd")
def test_the_fast_token_pattern_finds_sklearns_tokens(text):
    assert features._token_strings(text) == features._TOKEN.findall(text)


@pytest.mark.slow
def test_the_fast_patterns_agree_with_their_definitions_on_real_sentences(sentences):
    assert [s for s in sentences if kp._actor_ends(s, s.lower()) != _defined_actor_ends(s)] == []
    assert [s for s in sentences if features._token_strings(s) != features._TOKEN.findall(s)] == []


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet=st.sampled_from(list("12.3 ABCaz;Wwe've have added revıſed ſ\u0130details")), max_size=60),
                 st.text(max_size=60)))
@example("12 Changes to Pricing; 14 Term and Termination; 27 Dispute Resolution; and more")
@example("We've UPDATED the details of this policy.")
@example("We have revıſed the details.")  # dotless i and long s match "i" and "s" under re.IGNORECASE
def test_an_aside_is_found_with_or_without_its_prefilter(text):
    assert rules.is_aside(text, text.lower()) == any(a.search(text) is not None for a in rules._ASIDES_COMPILED)


def _lines_by_pattern(text: str) -> list[tuple[int, int]]:
    """Each line's content span, as the segmentation once found them: one regular expression per line."""
    out = []
    for match in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", text):
        if not match.group():
            break
        out.append((match.start(), match.start() + len(match.group().rstrip("\r\n"))))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", " ", "\r", "\n", "\u2028", "\x0b"]), max_size=30))
@example("a\r\r\nb\n\n")
def test_lines_are_cut_at_the_same_breaks_as_before(text):
    assert list(_lines(text)) == _lines_by_pattern(text)


_TRIGGERS = ("arbitrat", "at any time", "by ", "’s", "e-mail", "opt-out", "ü", "class")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet=st.sampled_from(list("arbitrat any time by ’s e-mailopt-outü\ud800")),
                                  max_size=30), st.text(max_size=30)), max_size=6))
@example(["binding arbitration", "at any time, by e-mail", "the user’s opt-out \ud800 class", ""])
def test_the_trigger_lookup_finds_exactly_the_texts_holding_each_trigger(texts):
    found = TriggerIndex(_TRIGGERS).rows(texts)
    assert found == {t: {i for i, text in enumerate(texts) if t in text} for t in _TRIGGERS}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("$€£¥₹%() \t\naAiv1x9")), max_size=40))
@example("a (b) 5% $3 x(y) (iv)\t(%) 3%% ((a) €(1) \n(ii)")
def test_the_special_signs_are_found_where_their_pattern_finds_them(text):
    assert [(m.span(), m.groups()) for m in _special_matches(text)] == [
        (m.span(), m.groups()) for m in _SPECIAL.finditer(text)
    ]


def _ends_sentence_by_definition(unit: str, dot: int) -> bool:
    """Whether the stop at `dot` ends a sentence, with the word before it found by searching the whole unit."""
    if unit[dot] != ".":
        return True
    word_start = max(unit.rfind(" ", 0, dot), unit.rfind("\n", 0, dot), unit.rfind("\t", 0, dot)) + 1
    if word_start >= dot:
        return True
    token = unit[word_start:dot].lstrip("(\"'“‘*_[").lower()
    if token in _ABBREVIATIONS or len(token) == 1 and token.isalpha():
        return False
    return not (token.replace(".", "").isdigit() and word_start == 0)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a1. \n\t(eg")), min_size=1, max_size=160))
@example("1" * 70 + ". Next")
@example("x " + "1" * 70 + ". Next")
def test_a_stop_ends_a_sentence_as_by_its_definition(unit):
    for dot, char in enumerate(unit):
        if char in ".!?":
            assert _ends_sentence(unit, dot) == _ends_sentence_by_definition(unit, dot)


_PLAIN_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_PLAIN_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w)|`+|~~)")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("![]()a _*`~\"x\n")), max_size=40))
@example('See ![logo](a.png) and [our policy](https://x.example/p_(1) "Title") (https://x) **bold** _it_ snake_case.')
def test_link_and_emphasis_patterns_remove_what_their_plain_forms_remove(text):
    assert _MD_LINK.sub(r"\1", text) == _PLAIN_MD_LINK.sub(r"\1", text)
    assert _EMPHASIS.sub("", text) == _PLAIN_EMPHASIS.sub("", text)
