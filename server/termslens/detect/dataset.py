"""One training set for every category the model learns: CLAUDETTE sentences and ToS;DR curators' quotes.

- The 8 CLAUDETTE categories are labelled on the CLAUDETTE sentences (claudette-dev and claudette-extra).
- The categories CLAUDETTE lacks are learnt from ToS;DR quotes (`tosdr.py`) where at least MIN_QUOTES of them
  state it: a quote is positive for its categories and negative for the other ToS;DR-learnt ones. CLAUDETTE
  sentences serve as background, negative for these categories (they are terms of service that mostly say
  something else; some do state such a clause, which is why the background's weight is a training choice,
  `train.Settings.background_weight`, made inside the training folds like any other).
- ToS;DR quotes of a CLAUDETTE category may also count as positives there (`Settings.tosdr_positives`); they
  are never negatives for the CLAUDETTE categories, whose negatives are CLAUDETTE's own judgement.

`labels[i, k]` is 1 (states category k), 0 (does not) or -1 (no judgement). Every row belongs to a service
(`groups`); a ToS;DR service and a CLAUDETTE document of the same company share one group, so no split
ever trains on one and measures on the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from termslens.detect.corpus import Corpus, load_corpus, service_key
from termslens.detect.keyphrases import keyphrase_features
from termslens.detect.labels import CATEGORIES as CLAUDETTE_CATEGORIES
from termslens.detect.tosdr import Quote, load_quotes
from termslens.segment import Sentence
from termslens.taxonomy import categories

# A category CLAUDETTE lacks is learnt when at least this many distinct ToS;DR quotes state it (auto-renewal has
# 21, data-sale 1, AI training none; those two are left to the key-phrase rules).
MIN_QUOTES = 20

CLAUDETTE = "claudette"
TOSDR = "tosdr"


@dataclass(frozen=True)
class TrainingSet:
    """Rows to learn from: sentences (model-ready text and section heading), their service, where they come
    from (`origins`: the CLAUDETTE folder name, or "tosdr"), and their labels for each of `categories`."""

    categories: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    groups: tuple[str, ...]
    origins: tuple[str, ...]
    docs: tuple[str, ...]
    labels: np.ndarray
    keyphrases: np.ndarray

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @property
    def from_claudette(self) -> np.ndarray:
        return np.array([o != TOSDR for o in self.origins], dtype=bool)

    @property
    def claudette_columns(self) -> list[int]:
        return [k for k, c in enumerate(self.categories) if c in CLAUDETTE_CATEGORIES]

    @property
    def tosdr_columns(self) -> list[int]:
        """Columns learnt from ToS;DR quotes (the categories CLAUDETTE lacks)."""
        return [k for k, c in enumerate(self.categories) if c not in CLAUDETTE_CATEGORIES]

    def subset(self, rows: np.ndarray) -> TrainingSet:
        """The rows `rows` (indices, in order)."""
        return TrainingSet(
            self.categories,
            tuple(self.sentences[i] for i in rows),
            tuple(self.groups[i] for i in rows),
            tuple(self.origins[i] for i in rows),
            tuple(self.docs[i] for i in rows),
            self.labels[rows],
            self.keyphrases[rows],
        )


def build(claudette_dirs: Sequence[Path], points: Path | None) -> TrainingSet:
    """The training set from CLAUDETTE-format folders and (optionally) a ToS;DR points file."""
    parts: list[tuple[str, Corpus]] = [(Path(d).name, load_corpus([d])) for d in claudette_dirs]
    quotes = load_quotes(points) if points is not None else []
    counts = Counter(c for q in quotes for c in q.categories)
    learnt = [c for c in categories() if c in CLAUDETTE_CATEGORIES or counts[c] >= MIN_QUOTES]
    column = {c: k for k, c in enumerate(learnt)}
    sentences: list[Sentence] = []
    groups: list[str] = []
    origins: list[str] = []
    docs: list[str] = []
    label_rows: list[np.ndarray] = []
    for origin, corpus in parts:
        block = np.zeros((len(corpus.sentences), len(learnt)), dtype=np.int8)  # background for ToS;DR columns
        for j, category in enumerate(CLAUDETTE_CATEGORIES):
            block[:, column[category]] = corpus.labels[:, j]
        sentences += corpus.sentences
        groups += corpus.groups
        origins += [origin] * len(corpus.sentences)
        docs += corpus.docs
        label_rows.append(block)
    claudette_groups = sorted(set(groups))
    # A quote whose only categories are not learnt (data-sale) says nothing about the learnt ones.
    quotes = [q for q in quotes if not q.categories or q.categories & set(column)]
    for quote in quotes:
        row = np.zeros(len(learnt), dtype=np.int8)
        for category in CLAUDETTE_CATEGORIES:
            row[column[category]] = 1 if category in quote.categories else -1
        for category in quote.categories:
            if category in column:
                row[column[category]] = 1
        sentences.append(Sentence(0, len(quote.text), quote.text))
        groups.append(_group(quote, claudette_groups))
        origins.append(TOSDR)
        docs.append(f"tosdr:{quote.service}")
        label_rows.append(row[None, :])
    labels = np.vstack(label_rows) if label_rows else np.zeros((0, len(learnt)), dtype=np.int8)
    blocks = [c.keyphrases for _, c in parts] + ([keyphrase_features([q.text for q in quotes])] if quotes else [])
    keyphrases = np.vstack(blocks) if blocks else np.zeros((0, 0), dtype=np.float32)
    return TrainingSet(tuple(learnt), tuple(sentences), tuple(groups), tuple(origins), tuple(docs), labels, keyphrases)


def _group(quote: Quote, claudette_groups: Sequence[str]) -> str:
    """The quote's service as a group; the CLAUDETTE document's group when it is the same company (ToS;DR's
    "academia-edu" is CLAUDETTE's "Academia")."""
    key = service_key(quote.service)
    for group in claudette_groups:
        if key == group or (len(group) >= 4 and key.startswith(group)):
            return group
    return f"tosdr:{key}"
