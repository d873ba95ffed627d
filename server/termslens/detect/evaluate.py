"""Measurement of the detector that predicts unseen documents: nested, grouped by service.

`nested_evaluation(data, variants)`: the services (CLAUDETTE documents and ToS;DR services, one group per
company) are dealt into OUTER_FOLDS folds. For each fold, every variant (`train.Settings`) is trained on the
other folds only (vectoriser, SVMs, thresholds, calibration: `train.fit`), and scored twice:
- its inner score, from out-of-fold decisions inside those training services (each inner fold's threshold
  chosen on the other inner folds), which alone chooses the variant;
- its outer score on the held-out fold, logged but never used for any choice.
The chosen variant's predictions on the held-out fold make the reported tables, pooled over the folds:
- the 8 CLAUDETTE categories on the sentences of held-out CLAUDETTE documents (precision, recall, F1; and the
  macro-F1 on claudette-dev and claudette-extra apart: the key phrases were written reading claudette-dev, so
  claudette-extra is the cleaner figure);
- the categories learnt from ToS;DR on the quotes of held-out ToS;DR services, with the held-out CLAUDETTE
  sentences as background counted as false alarms (those sentences carry no label for these categories, and
  some do state them: a lower bound on precision; precision among quotes alone is given beside it).

`score_model`: a trained model (the shipped one) on labelled documents it never saw, in the CLAUDETTE format.
Predictions are the model's (categories above their thresholds, on sentences that may carry a clause); the
key-phrase rules cover other categories and are not part of this measurement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from termslens.detect.corpus import Corpus
from termslens.detect.dataset import TrainingSet
from termslens.detect.features import Vocabulary
from termslens.detect.labels import CATEGORIES, CODES
from termslens.detect.model import Model, eligible
from termslens.detect.subjects import subject_mask
from termslens.detect.train import Settings, best_threshold, design, document_partitions, fit, judged_rows, vectoriser

OUTER_FOLDS = 5
OUTER_SEED = 1000  # the outer partition's seed, apart from the inner partitions' seeds (0, 1)


@dataclass(frozen=True)
class CategoryScore:
    category: str
    code: str  # the CLAUDETTE label code, or "" for a category learnt from ToS;DR
    precision: float
    recall: float
    f1: float
    support: int
    predicted: int
    quote_precision: float | None = None  # ToS;DR categories: precision among held-out quotes only
    background_per_1000: float | None = None  # ToS;DR categories: hits per 1,000 held-out CLAUDETTE sentences


@dataclass(frozen=True)
class Evaluation:
    """Pooled held-out results for a set of categories: per category, and their macro averages."""

    scores: tuple[CategoryScore, ...]
    macro_f1: float
    macro_precision: float
    macro_recall: float
    predictions: np.ndarray
    folds: int  # outer folds; 0 for a model scored as given
    documents: int
    description: str = ""

    def score_of(self, category: str) -> CategoryScore:
        return next(s for s in self.scores if s.category == category)


@dataclass(frozen=True)
class VariantRun:
    """One variant trained in one outer fold: its inner score (which chooses) and outer score (logged only),
    each the macro-F1 over the CLAUDETTE categories and over the ToS;DR-learnt ones."""

    fold: int
    variant: str
    inner_claudette: float
    inner_tosdr: float
    outer_claudette: float
    outer_tosdr: float
    chosen: bool = False

    @property
    def inner(self) -> float:
        return _combined(self.inner_claudette, self.inner_tosdr)


@dataclass(frozen=True)
class NestedEvaluation:
    claudette: Evaluation
    claudette_by_origin: dict[str, float]
    tosdr: Evaluation | None
    claudette_recall_on_quotes: dict[str, tuple[float, int]]
    runs: tuple[VariantRun, ...]
    variant_outer: dict[str, tuple[float, float]]  # variant -> pooled outer (CLAUDETTE, ToS;DR) macro-F1
    folds: int
    services: int
    documents: int
    quotes: int
    chosen: tuple[str, ...] = field(default_factory=tuple)


def _combined(claudette: float, tosdr: float) -> float:
    """The choosing score: the CLAUDETTE and ToS;DR macro-F1s weigh alike (either alone when the other is nan)."""
    values = [v for v in (claudette, tosdr) if not np.isnan(v)]
    return float(np.mean(values)) if values else float("nan")


def nested_evaluation(
    data: TrainingSet, variants: Sequence[Settings], *, outer_folds: int = OUTER_FOLDS,
    progress: Callable[[str], None] | None = None,
) -> NestedEvaluation:
    """Nested evaluation grouped by service (see the module docstring).

    Parameters
    ----------
    data : the training set (`dataset.build`), at least `outer_folds` services
    variants : the ways to train among which each outer fold chooses by its inner score
    outer_folds : number of outer folds
    progress : called with a line of text after each variant of each fold
    """
    groups = sorted(set(data.groups))
    if len(groups) < outer_folds:
        raise ValueError(f"nested evaluation needs at least {outer_folds} services")
    (outer,) = _outer_partition(data.groups, outer_folds)
    K = len(data.categories)
    chosen_predictions = np.zeros((len(data.sentences), K), dtype=np.int8)
    by_variant = {v.name: np.zeros((len(data.sentences), K), dtype=np.int8) for v in variants}
    runs: list[VariantRun] = []
    chosen: list[str] = []
    ok = eligible(data.sentences)
    subjects = subject_mask(data.texts, data.categories)  # as analysis keeps a finding (subjects.py)
    for fold, (train_rows, test_rows) in enumerate(outer):
        train_set, test_set = data.subset(train_rows), data.subset(test_rows)
        prepared: dict[bool, Vocabulary] = {}
        fold_runs: list[VariantRun] = []
        fold_predictions: dict[str, np.ndarray] = {}
        for settings in variants:
            if settings.lsa not in prepared:
                prepared[settings.lsa] = vectoriser(train_set, settings)
            vocabulary = prepared[settings.lsa]
            fitted = fit(train_set, settings, prepared=(vocabulary, design(train_set, vocabulary, settings)))
            inner = _inner_predictions(train_set, fitted)
            inner_c, inner_t = _macro_pair(train_set, inner)
            X_test = design(test_set, vocabulary, settings)
            model = fitted.model
            decision = np.asarray(X_test @ model.coef) + model.intercept
            predicted = ((decision > model.thresholds) & ok[test_rows][:, None] & subjects[test_rows]).astype(np.int8)
            outer_c, outer_t = _macro_pair(test_set, predicted)
            fold_predictions[settings.name] = predicted
            by_variant[settings.name][test_rows] = predicted
            run = VariantRun(fold, settings.name, inner_c, inner_t, outer_c, outer_t)
            fold_runs.append(run)
            if progress:
                progress(f"fold {fold + 1}/{outer_folds} {settings.name:<18} inner {inner_c:.3f} / {inner_t:.3f}"
                         f"   outer {outer_c:.3f} / {outer_t:.3f}")
        best = max(range(len(fold_runs)), key=lambda i: (fold_runs[i].inner, -i))
        fold_runs[best] = VariantRun(**{**fold_runs[best].__dict__, "chosen": True})
        chosen.append(fold_runs[best].variant)
        chosen_predictions[test_rows] = fold_predictions[fold_runs[best].variant]
        runs.extend(fold_runs)
    claudette, by_origin, tosdr, recall_on_quotes = _tables(data, chosen_predictions, outer_folds)
    variant_outer = {name: _macro_pair(data, predictions) for name, predictions in by_variant.items()}
    claudette_docs = {(o, d) for d, o in zip(data.docs, data.origins) if o != "tosdr"}
    return NestedEvaluation(
        claudette, by_origin, tosdr, recall_on_quotes, tuple(runs), variant_outer, outer_folds, len(groups),
        len(claudette_docs), int((~data.from_claudette).sum()), tuple(chosen),
    )


def choose_variant(data: TrainingSet, variants: Sequence[Settings],
                   progress: Callable[[str], None] | None = None) -> tuple[Settings, list[VariantRun]]:
    """The variant the inner score chooses on all of `data` (what `train.SHIPPED` records), with every
    variant's score."""
    prepared: dict[bool, Vocabulary] = {}
    runs = []
    for settings in variants:
        if settings.lsa not in prepared:
            prepared[settings.lsa] = vectoriser(data, settings)
        vocabulary = prepared[settings.lsa]
        fitted = fit(data, settings, prepared=(vocabulary, design(data, vocabulary, settings)))
        inner_c, inner_t = _macro_pair(data, _inner_predictions(data, fitted))
        runs.append(VariantRun(-1, settings.name, inner_c, inner_t, float("nan"), float("nan")))
        if progress:
            progress(f"all data {settings.name:<18} inner {inner_c:.3f} / {inner_t:.3f}")
    best = max(range(len(runs)), key=lambda i: (runs[i].inner, -i))
    return variants[best], runs


def _outer_partition(groups: Sequence[str], n_folds: int) -> list[list[tuple[np.ndarray, np.ndarray]]]:
    """The outer partition: services dealt into folds like the inner ones, with its own seed."""
    return document_partitions(groups, n_folds, 1, first_seed=OUTER_SEED)


def _inner_predictions(data: TrainingSet, fitted) -> np.ndarray:
    """0/1 (partitions, rows, categories) inner predictions: each row's out-of-fold decision against a threshold
    chosen on the other inner folds' out-of-fold decisions (so no row's label sets its own threshold)."""
    oof = fitted.oof
    ok = eligible(data.sentences)
    subjects = subject_mask(data.texts, data.categories)
    out = np.zeros(oof.shape, dtype=np.int8)
    for r, partition in enumerate(fitted.partitions):
        for k in range(len(data.categories)):
            judged, weights = judged_rows(data, k, fitted.settings)
            if not len(judged):
                continue
            for _, score_rows in partition:
                in_fold = np.isin(judged, score_rows)
                others = judged[~in_fold]
                scores = oof[r, others, k]
                known = ~np.isnan(scores)
                labels = (data.labels[others, k] == 1).astype(int)
                if not known.any() or labels[known].max() == 0:
                    continue
                threshold = best_threshold(scores[known], labels[known], weights[~in_fold][known])
                rows = score_rows
                values = oof[r, rows, k]
                out[r, rows, k] = (np.nan_to_num(values, nan=-np.inf) > threshold) & ok[rows] & subjects[rows, k]
    return out


def _macro_pair(data: TrainingSet, predictions: np.ndarray) -> tuple[float, float]:
    """(CLAUDETTE macro-F1, ToS;DR macro-F1) of predictions (rows, categories) or (partitions, rows,
    categories), averaged over partitions."""
    if predictions.ndim == 2:
        predictions = predictions[None]
    claudette: list[float] = []
    tosdr: list[float] = []
    for p in predictions:
        c = _claudette_scores(data, p)
        t = _tosdr_scores(data, p)
        claudette.append(float(np.mean([s.f1 for s in c])) if c else np.nan)
        tosdr.append(float(np.mean([s.f1 for s in t])) if t else np.nan)
    return float(np.mean(claudette)), float(np.mean(tosdr))


def _score(category: str, code: str, y: np.ndarray, p: np.ndarray, **extra) -> CategoryScore:
    tp = int((y & p).sum())
    precision = tp / p.sum() if p.sum() else 0.0
    recall = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CategoryScore(category, code, precision, recall, f1, int(y.sum()), int(p.sum()), **extra)


def _claudette_scores(data: TrainingSet, predictions: np.ndarray, rows: np.ndarray | None = None) -> list[CategoryScore]:
    mask = data.from_claudette if rows is None else rows
    if not mask.any():
        return []
    code_of = dict(zip(CATEGORIES, CODES))
    return [
        _score(data.categories[k], code_of[data.categories[k]], data.labels[mask, k] == 1,
               predictions[mask, k].astype(bool))
        for k in data.claudette_columns
    ]


def _tosdr_scores(data: TrainingSet, predictions: np.ndarray) -> list[CategoryScore]:
    quotes, background = ~data.from_claudette, data.from_claudette
    if not quotes.any():
        return []
    out = []
    for k in data.tosdr_columns:
        y = data.labels[:, k] == 1
        p = predictions[:, k].astype(bool)
        if not y[quotes].any():
            continue
        population = quotes | background
        on_quotes = _score(data.categories[k], "", y[quotes], p[quotes])
        hits = int(p[background].sum())
        out.append(_score(
            data.categories[k], "", y[population], p[population],
            quote_precision=on_quotes.precision,
            background_per_1000=1000.0 * hits / background.sum() if background.any() else 0.0,
        ))
    return out


def _tables(data: TrainingSet, predictions: np.ndarray, folds: int):
    claudette_scores = _claudette_scores(data, predictions)
    documents = len({(o, d) for d, o in zip(data.docs, data.origins) if o != "tosdr"})
    claudette = _evaluation(claudette_scores, predictions, folds, documents,
                            f"nested, {folds} outer folds by service, {documents} CLAUDETTE documents")
    by_origin = {}
    for origin in sorted({o for o in data.origins if o != "tosdr"}):
        scores = _claudette_scores(data, predictions, np.array([o == origin for o in data.origins]))
        by_origin[origin] = float(np.mean([s.f1 for s in scores]))
    tosdr_scores = _tosdr_scores(data, predictions)
    tosdr = None
    quotes = ~data.from_claudette
    services = len({d for d, o in zip(data.docs, data.origins) if o == "tosdr"})
    if tosdr_scores:
        tosdr = _evaluation(tosdr_scores, predictions, folds, services,
                            f"nested, {folds} outer folds by service, {int(quotes.sum())} quotes of {services} "
                            "ToS;DR services + held-out CLAUDETTE sentences as background")
    recall_on_quotes = {}
    for k in data.claudette_columns:
        y = quotes & (data.labels[:, k] == 1)
        if y.any():
            recall_on_quotes[data.categories[k]] = (float(predictions[y, k].mean()), int(y.sum()))
    return claudette, by_origin, tosdr, recall_on_quotes


def _evaluation(scores: Sequence[CategoryScore], predictions: np.ndarray, folds: int, documents: int,
                description: str) -> Evaluation:
    return Evaluation(
        tuple(scores),
        float(np.mean([s.f1 for s in scores])) if scores else 0.0,
        float(np.mean([s.precision for s in scores])) if scores else 0.0,
        float(np.mean([s.recall for s in scores])) if scores else 0.0,
        predictions,
        folds,
        documents,
        description,
    )


def score_model(model: Model, corpus: Corpus) -> Evaluation:
    """`model` as given on the labelled documents of `corpus` (the 8 CLAUDETTE categories): a held-out
    measurement when the model was trained on other documents."""
    predicted = predict(model, corpus)
    scores = [
        _score(category, code, corpus.labels[:, j] == 1, predicted[:, j].astype(bool))
        for j, (category, code) in enumerate(zip(CATEGORIES, CODES))
    ]
    documents = len(corpus.document_names)
    return _evaluation(scores, predicted, 0, documents, f"the model as given, on {documents} documents")


def predict(model: Model, corpus: Corpus) -> np.ndarray:
    """0/1 per (sentence, CLAUDETTE category): the model's decision above the category's threshold, on
    eligible sentences (a CLAUDETTE category the model lacks is never predicted)."""
    decision = model.decision(corpus.sentences, corpus.keyphrases)
    above = (decision > model.thresholds) & eligible(corpus.sentences)[:, None]
    out = np.zeros((len(corpus.sentences), len(CATEGORIES)), dtype=np.int8)
    for j, category in enumerate(CATEGORIES):
        if category in model.categories:
            out[:, j] = above[:, model.categories.index(category)]
    return out


def format_table(evaluation: Evaluation) -> str:
    """The per-category precision / recall / F1 / support table and the macro line, as plain text."""
    tosdr = any(s.quote_precision is not None for s in evaluation.scores)
    head = f"{'category':<26}{'code':<6}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'predicted':>11}"
    if tosdr:
        head += f"{'P quotes':>10}{'bg/1000':>9}"
    lines = [head]
    for s in evaluation.scores:
        line = (f"{s.category:<26}{s.code:<6}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}"
                f"{s.support:>9}{s.predicted:>11}")
        if tosdr:
            line += f"{s.quote_precision or 0:>10.3f}{s.background_per_1000 or 0:>9.1f}"
        lines.append(line)
    lines.append(
        f"{'macro average':<32}{evaluation.macro_precision:>10.3f}{evaluation.macro_recall:>8.3f}"
        f"{evaluation.macro_f1:>7.3f}"
    )
    lines.append(f"macro-F1 = {evaluation.macro_f1:.3f}  ({evaluation.description})")
    return "\n".join(lines)


def format_nested(result: NestedEvaluation) -> str:
    """Both held-out tables, the macro-F1 by CLAUDETTE folder, and the variant log, as plain text."""
    out = ["CLAUDETTE categories, held-out services:", format_table(result.claudette)]
    out.append("  macro-F1 by folder: " + ", ".join(f"{o} {v:.3f}" for o, v in result.claudette_by_origin.items()))
    if result.claudette_recall_on_quotes:
        out.append("  recall on held-out ToS;DR quotes of these categories: " + ", ".join(
            f"{c} {r:.2f} ({n})" for c, (r, n) in result.claudette_recall_on_quotes.items()))
    if result.tosdr is not None:
        out += ["", "Categories learnt from ToS;DR quotes, held-out services:", format_table(result.tosdr)]
    out += ["", "Variants (macro-F1 CLAUDETTE / ToS;DR; inner chooses, outer is only logged):",
            f"{'fold':<6}{'variant':<20}{'inner':>16}{'outer':>16}"]
    for run in result.runs:
        mark = "  <- chosen" if run.chosen else ""
        out.append(f"{run.fold + 1:<6}{run.variant:<20}{run.inner_claudette:>8.3f}{run.inner_tosdr:>8.3f}"
                   f"{run.outer_claudette:>8.3f}{run.outer_tosdr:>8.3f}{mark}")
    out.append("pooled outer macro-F1 per variant (had it been kept in every fold): " + ", ".join(
        f"{name} {c:.3f} / {t:.3f}" for name, (c, t) in result.variant_outer.items()))
    out.append("chosen per fold: " + ", ".join(result.chosen))
    return "\n".join(out)
