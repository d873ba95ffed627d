"""Training the clause-type model (scikit-learn; never imported by page analysis).

`train(data, settings)` fits, for every category of the training set (`dataset.py`), a linear SVM over the
features of `features.py`, on the rows labelled for that category; each category's threshold and calibration
come from out-of-fold scores of the training services themselves (grouped partitions: no service is ever
scored by a model that saw it). Everything that is a choice (the SVM's C, whether the LSA block and the
key-phrase columns are used, whether ToS;DR quotes add positives to the CLAUDETTE categories, how much the
CLAUDETTE background counts for the ToS;DR categories) is a `Settings`; `evaluate.nested_evaluation` chooses
among VARIANTS inside each outer training fold and reports how the choice does on the held-out services.
SHIPPED is the variant that the same inner choice makes on all the data (`benchmarks/bench_accuracy.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from termslens.detect.dataset import TrainingSet
from termslens.detect.features import (
    COMMON_WORD_MIN_DOCS,
    FEATURES_VERSION,
    HEADING_TOPICS,
    HEADING_WEIGHT,
    KEYPHRASE_WEIGHT,
    LSA_COMPONENTS,
    LSA_WEIGHT,
    MIN_DF,
    Vocabulary,
    design_matrix,
    fit_vocabulary,
)
from termslens.detect.keyphrases import FEATURE_NAMES, PATTERNS_DIGEST
from termslens.detect.labels import CATEGORIES as CLAUDETTE_CATEGORIES
from termslens.detect.labels import CODES
from termslens.detect.model import FORMAT, MIN_CLAUSE_WORDS, Model, eligible

# Thresholds and calibration come from out-of-fold scores over THRESHOLD_REPEATS seeded partitions of the
# training services into THRESHOLD_FOLDS groups (one partition's luck moved leave-one-document-out macro-F1
# by about 0.01 on claudette-dev; 2 x 5 costs 10 fits per category instead of 18 for 3 x 6).
THRESHOLD_FOLDS = 5
THRESHOLD_REPEATS = 2


@dataclass(frozen=True)
class Settings:
    """One way to train: a variant among which the nested evaluation chooses inside its training folds."""

    name: str
    svm_c: float = 1.0
    lsa: bool = True  # the normalised LSA block (features.LSA_COMPONENTS)
    keyphrases: bool = True  # the key-phrase and section-topic columns
    tosdr_positives: bool = False  # ToS;DR quotes of a CLAUDETTE category are extra positives for it
    background_weight: float = 1.0  # weight of CLAUDETTE sentences as negatives of the ToS;DR-learnt categories


# The variants tried (every one is logged with its inner and outer score by bench_accuracy.py).
VARIANTS: tuple[Settings, ...] = (
    Settings("base"),
    Settings("c0.5", svm_c=0.5),
    Settings("tosdr-positives", tosdr_positives=True),
    Settings("background-0.3", background_weight=0.3),
    Settings("no-lsa", lsa=False),
    Settings("plain-tfidf", lsa=False, keyphrases=False),
)
# What `termslens detector train` ships: the variant the inner choice makes on all 50 documents and the ToS;DR
# services (bench_accuracy.py --choose: inner macro-F1 CLAUDETTE / ToS;DR base 0.730 / 0.585, c0.5 0.738 /
# 0.584, tosdr-positives 0.729 / 0.585, background-0.3 0.730 / 0.601, no-lsa 0.729 / 0.583, plain-tfidf
# 0.700 / 0.556; the choosing score is their mean), as it did in four of the five outer folds.
SHIPPED = VARIANTS[3]


@dataclass(frozen=True)
class Fitted:
    """A trained model and what training saw: `oof[r, i, k]` is row i's out-of-fold decision value for
    category k in partition r (NaN where the row was not used for k), with the partitions themselves."""

    model: Model
    oof: np.ndarray
    partitions: list[list[tuple[np.ndarray, np.ndarray]]]
    settings: Settings


def _svm(c: float):
    from sklearn.svm import LinearSVC

    return LinearSVC(C=c, random_state=0, max_iter=10000)


def document_partitions(
    groups: Sequence[str], n_folds: int, repeats: int, *, first_seed: int = 0
) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """`repeats` seeded partitions of the services (`groups[i]` is row i's) into `n_folds` groups; for each, the
    (fit rows, score rows) of every group. CLAUDETTE services are dealt out first and ToS;DR-only ones
    ("tosdr:...") after, so each fold holds its share of both; no service is ever split."""
    names = sorted(set(groups))
    first = [g for g in names if not g.startswith("tosdr:")]
    second = [g for g in names if g.startswith("tosdr:")]
    partitions = []
    for seed in range(first_seed, first_seed + repeats):
        random = np.random.RandomState(seed)
        order = [first[j] for j in random.permutation(len(first))] + [second[j] for j in random.permutation(len(second))]
        fold_of = {name: i % n_folds for i, name in enumerate(order)}
        fold = np.array([fold_of[g] for g in groups])
        partitions.append([(np.flatnonzero(fold != f), np.flatnonzero(fold == f)) for f in range(n_folds)])
    return partitions


def features(data: TrainingSet, settings: Settings) -> tuple[Vocabulary, Any]:
    """The vectoriser fitted on the training rows and their design matrix (scipy CSR) for these settings."""
    vocabulary = vectoriser(data, settings)
    return vocabulary, design(data, vocabulary, settings)


def vectoriser(data: TrainingSet, settings: Settings) -> Vocabulary:
    """The vectoriser fitted on the training rows (their words only: no label is used)."""
    return fit_vocabulary(data.texts, data.docs, lsa=settings.lsa)


def design(data: TrainingSet, vocabulary: Vocabulary, settings: Settings):
    """The design matrix of `data`'s rows; without `settings.keyphrases` those columns are zero."""
    X = design_matrix(data.texts, [s.heading for s in data.sentences], vocabulary, data.keyphrases)
    if not settings.keyphrases:
        import scipy.sparse as sp

        dense = len(FEATURE_NAMES) + len(HEADING_TOPICS)
        keep = np.ones(X.shape[1])
        keep[len(vocabulary.index) : len(vocabulary.index) + dense] = 0.0
        X = (X @ sp.diags(keep)).tocsr()
    return X


def training_rows(data: TrainingSet, k: int, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The rows category k learns from and their weights."""
    labels = data.labels[:, k]
    claudette = data.from_claudette
    if data.categories[k] in CLAUDETTE_CATEGORIES:
        use = claudette & (labels >= 0)
        if settings.tosdr_positives:
            use |= ~claudette & (labels == 1)
        weights = np.ones(len(labels))
    else:
        use = (~claudette & (labels >= 0)) | (claudette & (settings.background_weight > 0))
        weights = np.where(claudette, settings.background_weight, 1.0)
    rows = np.flatnonzero(use)
    return rows, weights[rows]


def judged_rows(data: TrainingSet, k: int, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The rows a category's threshold and calibration are chosen on, with their weights: for a CLAUDETTE
    category its own sentences (the distribution it is measured on), else all its training rows."""
    rows, weights = training_rows(data, k, settings)
    if data.categories[k] in CLAUDETTE_CATEGORIES:
        keep = data.from_claudette[rows]
        return rows[keep], weights[keep]
    return rows, weights


def fit(
    data: TrainingSet, settings: Settings, *, prepared: tuple[Vocabulary, Any] | None = None,
    partitions: list[list[tuple[np.ndarray, np.ndarray]]] | None = None,
) -> Fitted:
    """A model trained on every row of `data` with `settings`, thresholds from grouped out-of-fold scores.

    `prepared` is `features(data, settings)` when already computed (the evaluation shares it between
    variants with the same features); `partitions` default to THRESHOLD_REPEATS x THRESHOLD_FOLDS.
    Deterministic: the same data and settings give the same arrays.
    """
    import sklearn

    vocabulary, X = prepared if prepared is not None else features(data, settings)
    if partitions is None:
        n_folds = min(THRESHOLD_FOLDS, len(set(data.groups)))
        partitions = document_partitions(data.groups, n_folds, THRESHOLD_REPEATS) if n_folds >= 2 else []
    K = len(data.categories)
    ok = eligible(data.sentences)
    coef = np.zeros((vocabulary.size, K), dtype=np.float64)
    intercept = np.zeros(K)
    thresholds = np.zeros(K)
    calibration = np.zeros((K, 2))
    oof = np.full((len(partitions), len(data.sentences), K), np.nan)
    for k in range(K):
        rows, weights = training_rows(data, k, settings)
        y = data.labels[rows, k].astype(int)
        if len(rows) == 0 or y.min() == y.max():
            intercept[k], thresholds[k], calibration[k] = -1.0, 0.0, (1.0, -5.0)
            continue
        svm = _svm(settings.svm_c).fit(X[rows], y, sample_weight=weights)
        coef[:, k], intercept[k] = svm.coef_[0], svm.intercept_[0]
        in_rows = np.zeros(len(data.sentences), dtype=bool)
        in_rows[rows] = True
        weight_of = np.zeros(len(data.sentences))
        weight_of[rows] = weights
        for r, partition in enumerate(partitions):
            for fit_rows, score_rows in partition:
                fit_rows, score_rows = fit_rows[in_rows[fit_rows]], score_rows[in_rows[score_rows]]
                labels = data.labels[fit_rows, k]
                if len(score_rows) and labels.min() != labels.max():
                    model = _svm(settings.svm_c).fit(X[fit_rows], labels, sample_weight=weight_of[fit_rows])
                    oof[r, score_rows, k] = model.decision_function(X[score_rows])
        judged, judged_weights = judged_rows(data, k, settings)
        scores, labels, w = _pooled(oof[:, judged, k], data.labels[judged, k], judged_weights)
        if not len(scores):
            thresholds[k], calibration[k] = 0.0, (1.0, 0.0)
            continue
        thresholds[k] = best_threshold(scores, labels, w)
        usable = _pooled(oof[:, judged, k], data.labels[judged, k], judged_weights, ok[judged])
        calibration[k] = _calibrate(usable[0], usable[1])
    trained_on = {
        "documents": len({(o, d) for d, o in zip(data.docs, data.origins) if o != "tosdr"}),
        "claudette_sentences": int(data.from_claudette.sum()),
        "tosdr_quotes": int((~data.from_claudette).sum()),
        "tosdr_services": len({d for d, o in zip(data.docs, data.origins) if o == "tosdr"}),
        "positives": {c: int((data.labels[:, k] == 1).sum()) for k, c in enumerate(data.categories)},
    }
    meta = {
        "format": FORMAT,
        "categories": list(data.categories),
        "claudette_codes": dict(zip(CLAUDETTE_CATEGORIES, CODES)),
        "keyphrase_digest": PATTERNS_DIGEST,
        "features_version": FEATURES_VERSION,
        "keyphrase_features": list(FEATURE_NAMES),
        "settings": {
            **asdict(settings), "threshold_folds": THRESHOLD_FOLDS, "threshold_repeats": THRESHOLD_REPEATS,
            "min_df": MIN_DF, "common_word_min_docs": COMMON_WORD_MIN_DOCS, "keyphrase_weight": KEYPHRASE_WEIGHT,
            "heading_weight": HEADING_WEIGHT, "min_clause_words": MIN_CLAUSE_WORDS,
            "lsa_components": LSA_COMPONENTS if settings.lsa else 0, "lsa_weight": LSA_WEIGHT,
        },
        "trained_on": trained_on,
        "licence": "CC BY-SA 3.0 (derived from ToS;DR, tosdr.org); CLAUDETTE corpus CC BY 4.0 (Galassi et al. "
                   "2024); ToS 100 (federicoruggeri/Memnet_ToS) MIT. See data/models/NOTICE.md.",
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
    }
    model = Model(vocabulary, coef, intercept, thresholds, calibration, meta, tuple(data.categories))
    return Fitted(model, oof, partitions, settings)


def train(data: TrainingSet, settings: Settings = SHIPPED) -> Model:
    """The model trained on every row of `data` (see `fit`)."""
    return fit(data, settings).model


def _pooled(oof: np.ndarray, labels: np.ndarray, weights: np.ndarray,
            mask: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The known out-of-fold scores of (partitions, rows), flattened with their labels and weights."""
    known = ~np.isnan(oof)
    if mask is not None:
        known &= mask[None, :]
    shape = oof.shape
    return (oof[known], np.broadcast_to(labels, shape)[known].astype(int),
            np.broadcast_to(weights, shape)[known])


def best_threshold(scores: np.ndarray, labels: np.ndarray, weights: np.ndarray | None = None) -> float:
    """The decision threshold with the best F1 among those where precision is not below recall (a missed clause
    costs a person less than a wrong one); the best F1 overall when none is. It sits midway between two
    scores. Weighted counts when `weights` are given.

    >>> best_threshold(np.array([3.0, 2.0, 1.0, 0.0]), np.array([1, 1, 0, 1]))
    1.5
    """
    weights = np.ones(len(scores)) if weights is None else weights
    order = np.argsort(-scores, kind="stable")
    ranked, hits, w = scores[order], labels[order], weights[order]
    positives = float((hits * w).sum())
    if positives == 0:
        return float(ranked[0]) + 1.0 if len(ranked) else 0.0
    tp = np.cumsum(hits * w)
    predicted = np.cumsum(w)
    precision, recall = tp / predicted, tp / positives
    f1 = 2 * tp / (predicted + positives)
    # Only cut where the next score differs (ties fall on the same side).
    cut = np.append(ranked[1:] != ranked[:-1], True)
    allowed = cut & (precision >= recall)
    best = int(np.argmax(np.where(allowed, f1, -1.0))) if allowed.any() else int(np.argmax(np.where(cut, f1, -1.0)))
    below = ranked[best + 1] if best + 1 < len(ranked) else ranked[best] - 1.0
    return float((ranked[best] + below) / 2)


def _calibrate(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    if len(labels) == 0 or labels.min() == labels.max():
        return 1.0, -5.0
    fit = LogisticRegression(C=1.0).fit(scores.reshape(-1, 1), labels)
    return float(fit.coef_[0, 0]), float(fit.intercept_[0])
