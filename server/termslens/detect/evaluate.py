"""Document-disjoint measurement of the detector.

`cross_validate`: leave-one-document-out. For each document, a model is trained (`model.train`: vectoriser,
SVMs, thresholds, calibration) on the other documents only, then scores the held-out document's sentences.
`score_model`: a trained model (the shipped one) scores labelled documents it never saw, such as a held-out
set in the CLAUDETTE format. Either way the predictions are pooled and compared with the labels: precision,
recall and F1 per category (one-vs-rest, sentence level) and their macro average. Predictions are the
model's (categories above their thresholds, on sentences that may carry a clause); the key-phrase rules
cover other categories and are not part of this measurement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from termslens.detect.corpus import Corpus
from termslens.detect.labels import CATEGORIES, CODES
from termslens.detect.model import Model, eligible
from termslens.detect.train import train


@dataclass(frozen=True)
class CategoryScore:
    category: str
    code: str
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int


@dataclass(frozen=True)
class Evaluation:
    """Pooled out-of-document results: per category, their macro-F1, and the raw predictions."""

    scores: tuple[CategoryScore, ...]
    macro_f1: float
    macro_precision: float
    macro_recall: float
    predictions: np.ndarray
    folds: int  # leave-one-document-out folds; 0 for a model scored as given
    documents: int

    def score_of(self, category: str) -> CategoryScore:
        return next(s for s in self.scores if s.category == category)


def cross_validate(corpus: Corpus, *, progress: Callable[[str], None] | None = None) -> Evaluation:
    """Leave-one-document-out evaluation of `model.train` on `corpus`.

    Parameters
    ----------
    corpus : labelled sentences of at least two documents
    progress : called with each held-out document's name before it is scored

    Returns
    -------
    Evaluation with per-category precision, recall, F1 and support, and the macro-F1 over the categories.
    """
    docs = np.array(corpus.docs)
    names = corpus.document_names
    if len(names) < 2:
        raise ValueError("cross-validation needs at least two documents")
    predictions = np.zeros_like(corpus.labels)
    for name in names:
        if progress:
            progress(name)
        held_out = np.flatnonzero(docs == name)
        model = train(corpus.subset(np.flatnonzero(docs != name)))
        predictions[held_out] = predict(model, corpus.subset(held_out))
    return _summarise(corpus.labels, predictions, folds=len(names), documents=len(names))


def score_model(model: Model, corpus: Corpus) -> Evaluation:
    """`model` as given on the labelled documents of `corpus`: a held-out measurement when the model was
    trained on other documents (the shipped model was trained on claudette-dev)."""
    return _summarise(corpus.labels, predict(model, corpus), folds=0, documents=len(corpus.document_names))


def predict(model: Model, corpus: Corpus) -> np.ndarray:
    """0/1 per (sentence, category): the model's decision above the category's threshold, on eligible sentences."""
    decision = model.decision(corpus.sentences, corpus.keyphrases)
    return ((decision > model.thresholds) & eligible(corpus.sentences)[:, None]).astype(np.int8)


def _summarise(labels: np.ndarray, predictions: np.ndarray, *, folds: int, documents: int) -> Evaluation:
    scores = []
    for k, (category, code) in enumerate(zip(CATEGORIES, CODES)):
        y, p = labels[:, k].astype(bool), predictions[:, k].astype(bool)
        tp = int((y & p).sum())
        precision = tp / p.sum() if p.sum() else 0.0
        recall = tp / y.sum() if y.sum() else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores.append(CategoryScore(category, code, precision, recall, f1, int(y.sum()), int(p.sum())))
    return Evaluation(
        tuple(scores),
        float(np.mean([s.f1 for s in scores])),
        float(np.mean([s.precision for s in scores])),
        float(np.mean([s.recall for s in scores])),
        predictions,
        folds,
        documents,
    )


def format_table(evaluation: Evaluation) -> str:
    """The per-category precision / recall / F1 / support table and the macro line, as plain text."""
    lines = [f"{'category':<26}{'code':<6}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'predicted':>11}"]
    for s in evaluation.scores:
        lines.append(
            f"{s.category:<26}{s.code:<6}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
            f"{s.support:>9}{s.predicted:>11}"
        )
    lines.append(
        f"{'macro average':<32}{evaluation.macro_precision:>10.3f}{evaluation.macro_recall:>8.3f}"
        f"{evaluation.macro_f1:>7.3f}"
    )
    how = (f"leave-one-document-out, {evaluation.folds} folds" if evaluation.folds
           else f"the model as given, on {evaluation.documents} documents")
    lines.append(f"macro-F1 = {evaluation.macro_f1:.3f}  ({how})")
    return "\n".join(lines)
