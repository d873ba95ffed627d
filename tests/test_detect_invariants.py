"""The detector's hand-written speed-ups are checked against plain oracles on real sentences:

- a key phrase's or rule's trigger prefilter never changes what its pattern matches (every pattern is also run
  unfiltered over every sentence of the shared corpus and of CLAUDETTE);
- the hand-written TF-IDF equals scikit-learn's TfidfVectorizer with the same analyzer;
- numpy-only scoring equals the scipy design matrix times the coefficients.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from termslens.detect import keyphrases as kp
from termslens.detect import rules
from termslens.detect.corpus import load_claudette
from termslens.detect.features import fit_vocabulary, linear_scores, ngrams, tfidf_matrix, tokens
from termslens.detect.triggers import TriggerIndex
from termslens.segment import split_sentences


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
