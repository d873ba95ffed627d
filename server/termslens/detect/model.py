"""The clause-type model as page analysis uses it: the trained arrays, saved and loaded, scoring sentences.

Training lives in `train.py` (scikit-learn), which analysis never imports.

The artefact is a compressed `.npz` of plain arrays (vocabulary, IDF, float16 LSA projection, coefficients,
thresholds, calibration) plus JSON metadata, read with `allow_pickle=False`: it loads with numpy alone,
whatever scikit-learn is installed (scikit-learn is needed to train, never to analyse), and loading it
cannot run code. Its metadata records the key-phrase digest and the features version; an artefact built
for other features is refused (`ModelError`), and the detector then falls back to its key-phrase rules
with one logged warning.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from termslens.detect.features import FEATURES_VERSION, Vocabulary, linear_scores
from termslens.detect.keyphrases import PATTERNS_DIGEST
from termslens.detect.labels import CATEGORIES
from termslens.segment import Sentence

FORMAT = "termslens-detector/1"
MODEL_FILENAME = "detector.npz"
# Headings and sentences shorter than this are never clauses: no CLAUDETTE sentence under 6 words carries
# a label (2,059 such sentences in 25 documents), and scoring them only adds false positives.
MIN_CLAUSE_WORDS = 6


class ModelError(ValueError):
    """The model artefact cannot be used (missing, corrupt, or built for other features)."""


@dataclass(frozen=True)
class Model:
    """A trained detector. `coef[:, k]`, `intercept[k]` score category `categories[k]` (taxonomy ids: the
    CLAUDETTE ones and those learnt from ToS;DR quotes); a sentence has the category when its decision value
    exceeds `thresholds[k]`; `calibration[k] = (a, b)` maps the decision value m to a probability
    1 / (1 + exp(-(a m + b))) fitted on out-of-fold scores (Platt scaling)."""

    vocabulary: Vocabulary
    coef: np.ndarray
    intercept: np.ndarray
    thresholds: np.ndarray
    calibration: np.ndarray
    meta: dict = field(default_factory=dict)
    categories: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.categories:
            object.__setattr__(self, "categories", tuple(self.meta.get("categories", CATEGORIES)))

    def decision(self, sentences: Sequence[Sentence], keyphrases: np.ndarray | None = None) -> np.ndarray:
        """Decision values (len(sentences), len(categories)) of each sentence for each category."""
        if not sentences:
            return np.zeros((0, len(self.categories)))
        texts, headings = [s.text for s in sentences], [s.heading for s in sentences]
        return linear_scores(texts, headings, self.vocabulary, self.coef, keyphrases) + self.intercept

    def probability(self, decision: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for decision values (same shape)."""
        a, b = self.calibration[:, 0], self.calibration[:, 1]
        return 1.0 / (1.0 + np.exp(-(a * decision + b)))

    def score(self, decision: np.ndarray) -> np.ndarray:
        """0-100 scores for decision values: 50 at each category's threshold, rising with the margin above it
        at the calibrated slope (a sentence one calibrated log-odds unit above the threshold scores 73)."""
        a = self.calibration[:, 0]
        return 100.0 / (1.0 + np.exp(-a * (decision - self.thresholds)))


def eligible(sentences: Sequence[Sentence]) -> np.ndarray:
    """Which sentences may carry a clause: not headings, at least MIN_CLAUSE_WORDS words."""
    return np.array(
        [not s.is_heading and s.text.count(" ") + 1 >= MIN_CLAUSE_WORDS for s in sentences], dtype=bool
    ).reshape(len(sentences))


def save_model(model: Model, path: Path) -> Path:
    """Write `model` to `path` (a `.npz`); returns the path. The write goes to a temporary file first."""
    import os

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    terms = model.vocabulary.terms()
    arrays: dict[str, Any] = {
        "meta": np.array(json.dumps({**model.meta, "categories": list(model.categories)}, sort_keys=True)),
        "terms": np.array("\n".join(terms)),
        "common_words": np.array("\n".join(sorted(model.vocabulary.common_words))),
        "idf": model.vocabulary.idf.astype(np.float32),
        "projection": model.vocabulary.projection.astype(np.float16),
        "coef": model.coef.astype(np.float32),
        "intercept": model.intercept.astype(np.float32),
        "thresholds": model.thresholds.astype(np.float32),
        "calibration": model.calibration.astype(np.float32),
    }
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as out:
        np.savez_compressed(out, **arrays)
    os.replace(temporary, path)
    return path


def load_model(path: Path) -> Model:
    """The model stored at `path`.

    Raises `ModelError` when the file is missing or unreadable, or was built for other key phrases.
    """
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as stored:
            meta = json.loads(str(stored["meta"]))
            terms = str(stored["terms"]).split("\n") if str(stored["terms"]) else []
            common = frozenset(str(stored["common_words"]).split("\n"))
            idf = stored["idf"].astype(np.float64)
            # Absent from artefacts of features version 2 (refused below with the version message).
            projection = stored["projection"] if "projection" in stored.files else np.zeros((len(terms), 0))
            projection = projection.astype(np.float32)
            # Kept as stored, float32: the products below run on float32 features, and mixing in float64
            # makes numpy cast on every call (3 ms against 13 ms for a 100 KB page's dense columns).
            coef = stored["coef"].astype(np.float32)
            intercept = stored["intercept"].astype(np.float64)
            thresholds = stored["thresholds"].astype(np.float64)
            calibration = stored["calibration"].astype(np.float64)
    except FileNotFoundError:
        raise ModelError(f"{path}: not found (run `termslens detector train`)") from None
    except KeyError as exc:
        raise ModelError(f"{path}: not a detector model (it has no {exc} array)") from None
    except (OSError, ValueError):  # numpy's own message for other files suggests loading pickles: never
        raise ModelError(f"{path}: not a detector model (not a readable .npz archive of plain arrays)") from None
    if meta.get("format") != FORMAT:
        raise ModelError(f"{path}: format {meta.get('format')!r}, expected {FORMAT!r}")
    if meta.get("keyphrase_digest") != PATTERNS_DIGEST:
        raise ModelError(
            f"{path}: trained with other key phrases ({meta.get('keyphrase_digest')} != {PATTERNS_DIGEST}); "
            "retrain with `termslens detector train`"
        )
    if meta.get("features_version") != FEATURES_VERSION:
        raise ModelError(
            f"{path}: built for features version {meta.get('features_version')}, this code computes version "
            f"{FEATURES_VERSION}; retrain with `termslens detector train`"
        )
    vocabulary = Vocabulary({term: i for i, term in enumerate(terms)}, idf, common, projection)
    categories = tuple(meta.get("categories", ()))
    if coef.shape != (vocabulary.size, len(categories)) or not len(idf) == len(projection) == len(terms):
        raise ModelError(f"{path}: array shapes do not fit together")
    return Model(vocabulary, coef, intercept, thresholds, calibration, meta, categories)
