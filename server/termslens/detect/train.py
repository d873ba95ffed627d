"""Training the clause-type model (scikit-learn): the linear SVMs, their thresholds and calibration.

Only `termslens detector train|evaluate|score` and the benchmarks import this module; page analysis never
does (`tests/test_layering.py`), so a running service needs neither scikit-learn nor scipy.

One linear SVM per category over `features.design_matrix`. Each category's decision threshold is chosen
inside `train`, by repeated grouped cross-validation over the training documents only, so an evaluation
that calls `train` on some documents and scores others never tunes anything on the documents it scores.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from termslens.detect.corpus import Corpus
from termslens.detect.features import (
    COMMON_WORD_MIN_DOCS,
    FEATURES_VERSION,
    HEADING_WEIGHT,
    KEYPHRASE_WEIGHT,
    LSA_COMPONENTS,
    LSA_WEIGHT,
    MIN_DF,
    design_matrix,
    fit_vocabulary,
)
from termslens.detect.keyphrases import FEATURE_NAMES, PATTERNS_DIGEST
from termslens.detect.labels import CATEGORIES, CODES
from termslens.detect.model import FORMAT, MIN_CLAUSE_WORDS, Model, eligible

# LinearSVC regularisation. Without class weights the SVM ranked new documents' sentences better than with
# balanced weights (development runs, leave-one-document-out). With thresholds from one 6-fold partition,
# C = 0.5, 1 and 2 gave macro-F1 0.742, 0.756 and 0.739: a swing no larger than that of the partition itself.
SVM_C = 1.0
# Each category's threshold is chosen on out-of-fold scores of the training documents, pooled over
# THRESHOLD_REPEATS seeded partitions of them into THRESHOLD_FOLDS groups. One partition is a coin toss:
# leave-one-document-out macro-F1 was 0.756 with sklearn's GroupKFold partition, 0.743 and 0.742 with its
# 5- and 7-fold ones, 0.736-0.745 with four random ones; pooling 3 partitions gave 0.746 (5 gave 0.743).
THRESHOLD_FOLDS = 6
THRESHOLD_REPEATS = 3

def _svm():
    from sklearn.svm import LinearSVC

    return LinearSVC(C=SVM_C, random_state=0, max_iter=10000)


def document_partitions(docs: Sequence[str], n_folds: int, repeats: int) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """`repeats` seeded partitions of the documents into `n_folds` groups; for each, the (fit rows, score rows)
    of every group. Each row is scored once per partition, never by a model fitted on its own document."""
    names = sorted(set(docs))
    partitions = []
    for seed in range(repeats):
        order = np.random.RandomState(seed).permutation(len(names))
        group_of = {names[j]: i % n_folds for i, j in enumerate(order)}
        group = np.array([group_of[d] for d in docs])
        partitions.append([(np.flatnonzero(group != g), np.flatnonzero(group == g)) for g in range(n_folds)])
    return partitions


def _out_of_fold(X, y: np.ndarray, partitions) -> np.ndarray:
    """Decision values (len(partitions), len(y)) of SVMs fitted without the scored rows' group; NaN where a
    group's complement has one class only."""
    oof = np.full((len(partitions), len(y)), np.nan)
    for r, partition in enumerate(partitions):
        for fit_rows, score_rows in partition:
            if y[fit_rows].min() != y[fit_rows].max():
                oof[r, score_rows] = _svm().fit(X[fit_rows], y[fit_rows]).decision_function(X[score_rows])
    return oof


def _best_threshold(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """(F1, threshold) maximising F1 of `scores > threshold`; the threshold sits midway between two scores."""
    order = np.argsort(-scores, kind="stable")
    ranked, hits = scores[order], labels[order]
    positives = hits.sum()
    if positives == 0:
        return 0.0, (float(ranked[0]) + 1.0 if len(ranked) else 0.0)
    tp = np.cumsum(hits)
    f1 = 2 * tp / (np.arange(1, len(hits) + 1) + positives)
    best = int(np.argmax(f1))
    below = ranked[best + 1] if best + 1 < len(ranked) else ranked[best] - 1.0
    return float(f1[best]), float((ranked[best] + below) / 2)


def _calibrate(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if labels.min() == labels.max():
        return 1.0, -5.0
    fit = LogisticRegression(C=1.0).fit(scores.reshape(-1, 1), labels)
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])


def train(corpus: Corpus) -> Model:
    """A model trained on every sentence of `corpus`, thresholds chosen by repeated grouped CV within it.

    Deterministic: the same corpus gives the same arrays.
    """
    import sklearn

    texts = corpus.texts
    vocabulary = fit_vocabulary(texts, corpus.docs)
    X = design_matrix(texts, [s.heading for s in corpus.sentences], vocabulary, corpus.keyphrases)
    n_folds = min(THRESHOLD_FOLDS, len(set(corpus.docs)))
    partitions = document_partitions(corpus.docs, n_folds, THRESHOLD_REPEATS) if n_folds >= 2 else []
    ok = eligible(corpus.sentences)
    coef = np.zeros((vocabulary.size, len(CATEGORIES)), dtype=np.float64)
    intercept = np.zeros(len(CATEGORIES))
    thresholds = np.zeros(len(CATEGORIES))
    calibration = np.zeros((len(CATEGORIES), 2))
    for k in range(len(CATEGORIES)):
        y = corpus.labels[:, k].astype(int)
        if y.min() == y.max():
            intercept[k], thresholds[k], calibration[k] = -1.0, 0.0, (1.0, -5.0)
            continue
        svm = _svm().fit(X, y)
        coef[:, k], intercept[k] = svm.coef_[0], svm.intercept_[0]
        oof = _out_of_fold(X, y, partitions)
        known = ~np.isnan(oof)
        if not known.any():
            thresholds[k], calibration[k] = 0.0, (1.0, 0.0)
            continue
        labels = np.broadcast_to(y, oof.shape)
        _, thresholds[k] = _best_threshold(oof[known], labels[known])
        usable = known & ok
        calibration[k] = _calibrate(oof[usable], labels[usable])
    meta = {
        "format": FORMAT,
        "categories": list(CATEGORIES),
        "claudette_codes": list(CODES),
        "keyphrase_digest": PATTERNS_DIGEST,
        "features_version": FEATURES_VERSION,
        "keyphrase_features": list(FEATURE_NAMES),
        "settings": {
            "svm_c": SVM_C, "threshold_folds": THRESHOLD_FOLDS, "threshold_repeats": THRESHOLD_REPEATS,
            "min_df": MIN_DF,
            "common_word_min_docs": COMMON_WORD_MIN_DOCS, "keyphrase_weight": KEYPHRASE_WEIGHT,
            "heading_weight": HEADING_WEIGHT, "min_clause_words": MIN_CLAUSE_WORDS,
            "lsa_components": LSA_COMPONENTS, "lsa_weight": LSA_WEIGHT,
        },
        "trained_on": {"documents": len(set(corpus.docs)), "sentences": len(texts),
                       "positives": {c: int(n) for c, n in zip(CATEGORIES, corpus.labels.sum(0))}},
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
    }
    return Model(vocabulary, coef, intercept, thresholds, calibration, meta)


