"""Clause types found in any terms page, with or without a record that knows the service.

`detect_clauses(page)` scores the page's sentences (the shared segmentation, `termslens.segment`) with the
trained model (`model.py`: a linear SVM per category over word n-grams, key phrases, the section heading and an
LSA block; the 8 CLAUDETTE categories learnt from labelled terms of service, the others from ToS;DR curators'
quotes) and with the key-phrase rules (`rules.py`: class-action waivers, AI training, auto-renewal,
indemnification, targeted advertising, data sale, account deletion, and how to opt out of arbitration), and
returns one `Detection` per (sentence, category) found, in page order. Sentences that only point at clauses
(tables of contents, cross-references, definitions: `noise.py`) are never detections. The model is read once,
on first use, from the artefact shipped in `termslens/data/models/`; nothing is downloaded or trained at run
time, and analysis needs numpy only (scikit-learn is for training).
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from termslens.detect.keyphrases import KEYPHRASE_TRIGGERS, keyphrase_features
from termslens.detect.labels import CATEGORIES
from termslens.detect.model import MODEL_FILENAME, Model, ModelError, eligible, load_model
from termslens.detect.noise import noise
from termslens.detect.rules import RULE_CATEGORIES, RULE_SCORE, RULE_TRIGGERS, excluded, rule_matches
from termslens.detect.subjects import names_subject
from termslens.detect.triggers import TriggerIndex
from termslens.segment import Page, segment

__all__ = ["CATEGORIES", "RULE_CATEGORIES", "TERMS_ONLY_CATEGORIES", "Detection", "bundled_model_path", "detect_clauses",
           "detector_model"]

# Categories the model learnt from terms of service alone (CLAUDETTE) and shows on terms pages only: read on
# the 54 corpus documents, their hits on privacy notices were mostly data-transfer clauses ("the data importer
# shall be liable ...") read as liability or courts, and the user's own rights ("you can request to remove
# content") read as removal or termination (50 of 92 hits right, against 152 of 162 sampled on terms pages).
# Changes to the policy (33 of 42 right) and consent by use (5 of 5) are shown on both, as are the categories
# learnt from ToS;DR quotes, which come from privacy policies as much as from terms.
TERMS_ONLY_CATEGORIES = frozenset(CATEGORIES) - {"unilateral-change", "contract-by-using"}
# Standard contractual clauses and transfer frameworks quoted in privacy notices: their liability, court and
# change clauses bind the data exporter and importer, not the user (16 model hits on the corpus, all wrong).
# They are the very subject of an international transfer, so only the CLAUDETTE categories skip them.
# The key phrases' and the rules' triggers, looked up once per page for both.
_TRIGGER_INDEX = TriggerIndex(KEYPHRASE_TRIGGERS | RULE_TRIGGERS)
_TRANSFER_CLAUSES = re.compile(
    r"\bdata (?:ex|im)porters?\b|\bthese clauses\b|\bdpf\b|\bdata privacy framework\b|\bprivacy shield\b",
    re.IGNORECASE,
)

log = logging.getLogger(__name__)
_lock = threading.Lock()
_loaded: dict[str, Model | None] = {}


@dataclass(frozen=True)
class Detection:
    """A clause type found at `text[start:end]` (code points of the analysed text): `category` is a taxonomy
    id, `score` 0-100 (model categories: 50 at the category's threshold, higher the clearer the sentence is
    above it; key-phrase rules: RULE_SCORE)."""

    start: int
    end: int
    category: str
    score: float


def bundled_model_path() -> Path:
    """Where the shipped model artefact lives inside the package."""
    return Path(str(resources.files("termslens").joinpath("data").joinpath("models").joinpath(MODEL_FILENAME)))


def detector_model() -> Model | None:
    """The shipped model, loaded on first call and cached; None (with one logged warning) if it is unusable."""
    with _lock:
        if "model" not in _loaded:
            try:
                _loaded["model"] = load_model(bundled_model_path())
            except ModelError as exc:
                log.warning("clause-type model unavailable, key-phrase rules only: %s", exc)
                _loaded["model"] = None
        return _loaded["model"]


def detect_clauses(page: Page | str, *, privacy_notice: bool = False) -> list[Detection]:
    """Clause types found in page text, in page order: one Detection per (sentence, category).

    Parameters
    ----------
    page : the page's segmentation (`termslens.segment.segment`), or any page text (plain text or Markdown,
        any line endings) to segment here
    privacy_notice : the page is a privacy notice, where TERMS_ONLY_CATEGORIES are not shown

    Returns
    -------
    list of Detection sorted by (start, end, category); `text[d.start:d.end]` is the sentence, trimmed of
    whitespace, list bullets and enumerators. Headings, fragments under six words, tables of contents,
    cross-references and definitions are never detections.

    Examples
    --------
    >>> page = "Governing law\\n\\nThese Terms are governed by the laws of the State of California."
    >>> [(page[d.start:d.start + 22], d.category) for d in detect_clauses(page)]
    [('These Terms are govern', 'choice-of-law')]
    """
    page = segment(page) if isinstance(page, str) else page
    sentences = page.sentences
    skipped = noise(page)
    candidates = [s for i, (s, ok) in enumerate(zip(sentences, eligible(sentences))) if ok and i not in skipped]
    if not candidates:
        return []
    found: list[Detection] = []
    texts = [s.text for s in candidates]
    lowered = [text.lower() for text in texts]
    holders = _TRIGGER_INDEX.rows(lowered)  # one lookup for key phrases and rules
    model = detector_model()
    if model is not None:
        decision = model.decision(candidates, keyphrase_features(texts, holders, lowered))
        scores = model.score(decision)
        shown = [not (privacy_notice and category in TERMS_ONLY_CATEGORIES) for category in model.categories]
        of_terms = [category in CATEGORIES for category in model.categories]
        rows, columns = (decision > model.thresholds).nonzero()
        for row, column in zip(rows.tolist(), columns.tolist()):
            sentence, category = candidates[row], model.categories[column]
            if not shown[column] or (of_terms[column] and _TRANSFER_CLAUSES.search(sentence.text)):
                continue
            if excluded(sentence.text, category):  # "does not automatically renew": the rule's negations hold
                continue
            if not names_subject(sentence.text, category):  # a ToS;DR-learnt type needs its subject named
                continue
            score = round(float(scores[row, column]), 1)
            found.append(Detection(sentence.start, sentence.end, category, score))
    for sentence, categories in zip(candidates, rule_matches(texts, holders, lowered)):
        found.extend(Detection(sentence.start, sentence.end, category, RULE_SCORE) for category in categories)
    best: dict[tuple[int, int, str], Detection] = {}  # a sentence flagged by the model and a rule: once
    for detection in found:
        key = (detection.start, detection.end, detection.category)
        if key not in best or detection.score > best[key].score:
            best[key] = detection
    return sorted(best.values(), key=lambda d: (d.start, d.end, d.category))
