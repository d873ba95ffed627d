"""The labelled training data: CLAUDETTE terms of service, one sentence per line, labels per sentence.

`../shared/claudette-dev/` beside the project root (README there): `sentences.jsonl` holds
`{"doc", "idx", "text", "labels", "tags"}` per sentence, in document order.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from termslens.detect.keyphrases import keyphrase_features
from termslens.detect.labels import CATEGORIES, CODES
from termslens.segment import Sentence, claudette_sentences

CLAUDETTE_ENV = "TERMSLENS_CLAUDETTE"
class CorpusError(ValueError):
    """The labelled data is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Corpus:
    """Labelled sentences of several documents, in document order.

    `labels[i, k]` is 1 when sentence i carries category `CATEGORIES[k]`; `keyphrases` caches
    `keyphrase_features` of the texts (a pure function of them, computed once).
    """

    docs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    labels: np.ndarray
    keyphrases: np.ndarray

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @property
    def document_names(self) -> list[str]:
        """Document names in order of first appearance."""
        return list(dict.fromkeys(self.docs))

    def subset(self, rows: np.ndarray) -> "Corpus":
        """The corpus restricted to `rows` (indices, in order)."""
        return Corpus(
            tuple(self.docs[i] for i in rows),
            tuple(self.sentences[i] for i in rows),
            self.labels[rows],
            self.keyphrases[rows],
        )


def default_claudette_dir() -> Path:
    """$TERMSLENS_CLAUDETTE, else `../shared/claudette-dev` beside the project root of this checkout."""
    override = os.environ.get(CLAUDETTE_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3].parent / "shared" / "claudette-dev"


def load_claudette(directory: Path | None = None) -> Corpus:
    """The CLAUDETTE sentences with their labels and section headings.

    Raises `CorpusError` when `sentences.jsonl` is missing or a line is malformed.
    """
    directory = Path(directory) if directory is not None else default_claudette_dir()
    path = directory / "sentences.jsonl"
    if not path.is_file():
        raise CorpusError(f"{path}: not found (pass --data DIR or set ${CLAUDETTE_ENV})")
    by_doc: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                by_doc.setdefault(str(row["doc"]), []).append(row)
                row["idx"] = int(row["idx"])
                row["labels"] = list(row["labels"])
                str(row["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path}: line {number}: {exc}") from None
    docs: list[str] = []
    sentences: list[Sentence] = []
    labels: list[list[int]] = []
    for doc in sorted(by_doc):
        rows = sorted(by_doc[doc], key=lambda r: r["idx"])
        sentences.extend(claudette_sentences([r["text"] for r in rows]))
        docs.extend([doc] * len(rows))
        labels.extend([[int(code in r["labels"]) for code in CODES] for r in rows])
    return Corpus(
        tuple(docs),
        tuple(sentences),
        np.array(labels, dtype=np.int8).reshape(-1, len(CODES)),
        keyphrase_features([s.text for s in sentences]),
    )
