"""The labelled training data: CLAUDETTE terms of service, one sentence per line, labels per sentence.

`../shared/claudette-dev/` and `../shared/claudette-extra/` beside the project root (README there):
`sentences.jsonl` holds `{"doc", "idx", "text", "labels"}` per sentence, in document order. claudette-extra's
text is lower-cased and tokenised as its source published it; such documents are told by their look
(`truecase.looks_tokenised`) and made to read like page text before anything else sees them
(`truecase.readable`, with capitals learnt from real-case text beside the data: the shared corpus and the
ToS;DR quotes, neither of which carries CLAUDETTE labels).

Every sentence belongs to a service (`groups`): the same service's terms appear in both folders in different
versions (Amazon, Dropbox, Endomondo, Groupon, Skype, Tinder and Uber; Skype's two versions share 300 of 463
sentences), so measurement splits by service, never by document.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from termslens.detect.keyphrases import keyphrase_features
from termslens.detect.labels import CATEGORIES, CODES
from termslens.detect.truecase import Casing, looks_tokenised, readable
from termslens.segment import Sentence, claudette_sentences

CLAUDETTE_ENV = "TERMSLENS_CLAUDETTE"
DEFAULT_FOLDERS = ("claudette-dev", "claudette-extra")


class CorpusError(ValueError):
    """The labelled data is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Corpus:
    """Labelled sentences of several documents, in document order.

    `labels[i, k]` is 1 when sentence i carries category `CATEGORIES[k]`; `groups[i]` names its service (the
    unit of every document-disjoint split); `keyphrases` caches `keyphrase_features` of the texts (a pure
    function of them, computed once).
    """

    docs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    labels: np.ndarray
    keyphrases: np.ndarray
    groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.groups:
            object.__setattr__(self, "groups", tuple(service_key(d) for d in self.docs))

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]

    @property
    def document_names(self) -> list[str]:
        """Document names in order of first appearance."""
        return list(dict.fromkeys(self.docs))

    def subset(self, rows: np.ndarray) -> Corpus:
        """The corpus restricted to `rows` (indices, in order)."""
        return Corpus(
            tuple(self.docs[i] for i in rows),
            tuple(self.sentences[i] for i in rows),
            self.labels[rows],
            self.keyphrases[rows],
            tuple(self.groups[i] for i in rows),
        )


def service_key(name: str) -> str:
    """A service's name as a grouping key: lower-case letters and digits ("WorldOfWarcraft" -> "worldofwarcraft",
    "academia-edu" -> "academiaedu")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def default_data_dirs() -> list[Path]:
    """$TERMSLENS_CLAUDETTE (folders separated like PATH), else claudette-dev and claudette-extra in
    `../shared/` beside the project root of this checkout."""
    override = os.environ.get(CLAUDETTE_ENV)
    if override:
        return [Path(p) for p in override.split(os.pathsep) if p]
    return [shared_dir() / name for name in DEFAULT_FOLDERS]


def default_claudette_dir() -> Path:
    """The first of `default_data_dirs()` (claudette-dev unless overridden)."""
    return default_data_dirs()[0]


def shared_dir() -> Path:
    """`../shared/` beside the project root of this checkout."""
    return Path(__file__).resolve().parents[3].parent / "shared"


def load_claudette(directory: Path | None = None) -> Corpus:
    """The CLAUDETTE sentences of one folder with their labels and section headings (tokenised, lower-cased
    documents made readable first).

    Raises `CorpusError` when `sentences.jsonl` is missing or a line is malformed.
    """
    directory = Path(directory) if directory is not None else default_claudette_dir()
    return load_corpus([directory])


def load_corpus(directories: Sequence[Path]) -> Corpus:
    """The sentences of several CLAUDETTE-format folders, one corpus (documents in folder order, then by name)."""
    if not directories:
        raise CorpusError("no labelled data folder given")
    docs: list[str] = []
    sentences: list[Sentence] = []
    labels: list[list[int]] = []
    for directory in directories:
        for doc, rows in _documents(Path(directory)):
            texts = [r["text"] for r in rows]
            if looks_tokenised(texts):
                casing = reference_casing(_casing_source(Path(directory)))
                texts = [readable(t, casing, own_names=[doc]) for t in texts]
            sentences.extend(claudette_sentences(texts))
            docs.extend([doc] * len(rows))
            labels.extend([[int(code in r["labels"]) for code in CODES] for r in rows])
    return Corpus(
        tuple(docs),
        tuple(sentences),
        np.array(labels, dtype=np.int8).reshape(-1, len(CODES)),
        keyphrase_features([s.text for s in sentences]),
    )


def _documents(directory: Path) -> Iterable[tuple[str, list[dict]]]:
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
                row["text"] = str(row["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{path}: line {number}: {exc}") from None
    for doc in sorted(by_doc):
        yield doc, sorted(by_doc[doc], key=lambda r: r["idx"])


def _casing_source(directory: Path) -> Path:
    """Where real-case text is: `../shared/` beside the project, else the labelled folder's parent."""
    shared = shared_dir()
    return shared if (shared / "corpus").is_dir() else directory.resolve().parent


@cache
def reference_casing(shared: Path) -> Casing:
    """Capitals as real documents write them, learnt from the real-case text in `shared` (the corpus's
    Markdown documents and the ToS;DR quotes; whichever is there). Deterministic: files in sorted order."""
    texts: list[str] = []
    corpus = shared / "corpus"
    if corpus.is_dir():
        texts += [p.read_text("utf-8") for p in sorted(corpus.glob("*/*.md"))]
    points = shared / "tosdr" / "points.jsonl"
    if points.is_file():
        with points.open(encoding="utf-8") as lines:
            texts += [json.loads(line).get("quote_text") or "" for line in lines if line.strip()]
    return Casing.learn(texts)


__all__ = ["CATEGORIES", "Corpus", "CorpusError", "load_claudette", "load_corpus", "service_key"]
