"""What the model sees of a sentence: TF-IDF weighted word 1-2-grams, the key-phrase and section-topic
features, and a normalised LSA projection of the TF-IDF row.

The vectoriser is written out here (not sklearn's) so that the shipped model is plain arrays — a vocabulary,
IDF weights, an LSA projection, coefficients — that load with numpy alone, whatever scikit-learn is
installed, and so that training and page analysis compute exactly the same features. It matches sklearn's
TfidfVectorizer with `ngram_range=(1, 2), min_df=MIN_DF, sublinear_tf=True` (smooth IDF, L2-normalised rows).

Names are normalised before counting: a capitalised word that is not an everyday word of terms documents
("Zoom", "Terravision", "California") becomes "we" (words are lower-cased otherwise). Companies name
themselves ("Zoom may delete any Content") where others write "we may delete", and a place name says nothing
about the clause type; both generalise to documents of other companies only when the name itself is gone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from termslens.detect.keyphrases import FEATURE_NAMES, keyphrase_features

# Bump when the meaning of a column changes (tokens, normalisation, blocks): a model built for another
# version is refused at load (model.ModelError), as one built for other key phrases is.
FEATURES_VERSION = 3
# A word or word pair must occur in at least this many training sentences to get a feature.
MIN_DF = 2
# A word is "everyday" when it occurs in lower case in at least this many training documents; other
# capitalised words are names. Development runs (leave-one-document-out macro-F1, an earlier feature set):
# 3, 5 and 8 gave 0.748, 0.756 and 0.753, against 0.737 without the normalisation; 5 is the middle value.
# With the current thresholds (model.THRESHOLD_REPEATS) 3, 5 and 8 gave 0.753, 0.746 and 0.743; kept at 5,
# as the differences are within the spread that the threshold partition alone causes.
COMMON_WORD_MIN_DOCS = 5
# Weight of each 0/1 key-phrase feature beside the L2-normalised n-gram vector (one n-gram of a 15-word
# sentence weighs about 0.25). Chosen in development between 0.5 and 1.0 (0.5 ranked slightly better).
KEYPHRASE_WEIGHT = 0.5
NAME_PLACEHOLDER = "we"
# Weight of the section-topic features (the heading a sentence sits under names a clause type's topic).
# Development runs (leave-one-document-out macro-F1, current thresholds): 0.5 gave 0.746, 0.25 gave 0.742,
# none 0.736 -- within the spread of about 0.01 that the threshold partition alone causes, but limitation
# of liability gained most (0.67 -> 0.70).
HEADING_WEIGHT = 0.5
# Topics of section headings, one per category (CLAUDETTE order), e.g. "Limitation of Liability".
HEADING_TOPICS = (
    ("A", r"arbitra|dispute"),
    ("CH", r"chang|modif|amend|updat|revision"),
    ("CR", r"content|conduct|post|submission|moderat|takedown|copyright|infring"),
    ("J", r"jurisdiction|venue|forum|court|dispute"),
    ("LAW", r"\blaw|governing|legal"),
    ("LTD", r"liab|warrant|disclaim|indemn|responsib|damage"),
    ("TER", r"terminat|suspen|cancel|account|ending|closing"),
    ("USE", r"accept|agree|terms|introduction|welcome|about"),
)
_TOPICS = tuple(re.compile(pattern, re.IGNORECASE) for _, pattern in HEADING_TOPICS)
# Latent semantic block: the TF-IDF row projected onto the top LSA_COMPONENTS singular vectors of the
# training sentences' TF-IDF matrix, L2-normalised, times LSA_WEIGHT (last columns of the design matrix).
# Development runs (leave-one-document-out macro-F1, paired, same thresholds; SVD also fitted on unlabelled
# corpus sentences unless said): 100 components gave 0.753 against 0.746 (threshold seeds 0-2) and 0.747
# against 0.737 (seeds 3-5); 200 gave 0.753, and 0.753 on training sentences only; weight 1.0 gave 0.745;
# without the normalisation 0.744 and 0.734 (no gain). As shipped (training sentences only, projection
# rounded as below): 0.752 against 0.746 without the block.
LSA_COMPONENTS = 100
LSA_WEIGHT = 0.5
# The projection is stored as float16 rounded to this many mantissa bits (of 10; relative error <= 6%, which
# averages out over a sentence's terms): the shipped artefact is then 2.7 MB instead of 4.4 MB.
LSA_MANTISSA_BITS = 3

_TOKEN = re.compile(r"\b\w\w+\b")  # sklearn's default token_pattern
# The same tokens, faster: without the \b (a run of word characters is always matched whole), and for ASCII text
# with ASCII \w (the same characters there), which Python's re tests twice as fast as Unicode's.
_TOKEN_RUN = re.compile(r"\w\w+")
_TOKEN_ASCII = re.compile(r"\w\w+", re.ASCII)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")


@dataclass(frozen=True)
class Vocabulary:
    """The fitted vectoriser: term -> column, the IDF weight of each column, the everyday words, and the LSA
    projection (one row per term, one column per latent component; float32 values that float16 holds
    exactly, so a saved and reloaded model computes the same features)."""

    index: dict[str, int]
    idf: np.ndarray
    common_words: frozenset[str]
    projection: np.ndarray

    @property
    def size(self) -> int:
        """Number of columns of the design matrix: n-gram, key-phrase, section-topic, then LSA columns."""
        return len(self.index) + len(FEATURE_NAMES) + len(HEADING_TOPICS) + self.projection.shape[1]

    def terms(self) -> list[str]:
        """The n-gram terms in column order."""
        out = [""] * len(self.index)
        for term, column in self.index.items():
            out[column] = term
        return out

    @cached_property
    def _lookup(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """Unigram -> column; and the bigram columns keyed by (first word's column * size + second word's
        column), as a sorted key array and the matching columns. Both words of a kept bigram are kept unigrams
        (a word occurs at least as often as any pair it is in), so bigrams are found by integer search."""
        size = len(self.index)
        unigrams = {term: column for term, column in self.index.items() if " " not in term}
        pairs = []
        for term, column in self.index.items():
            if " " in term:
                first, second = term.split(" ")
                pairs.append((unigrams[first] * size + unigrams[second], column))
        pairs.sort()
        keys = np.array([key for key, _ in pairs], dtype=np.int64)
        columns = np.array([column for _, column in pairs], dtype=np.int64)
        return unigrams, keys, columns


def common_words(texts: Iterable[str], docs: Iterable[str], *, min_docs: int = COMMON_WORD_MIN_DOCS) -> frozenset[str]:
    """Words written in lower case in at least `min_docs` of the documents."""
    seen: dict[str, set[str]] = defaultdict(set)
    for text, doc in zip(texts, docs):
        for word in _WORD.findall(text):
            if word.islower():
                seen[word].add(doc)
    return frozenset(word for word, in_docs in seen.items() if len(in_docs) >= min_docs)


def tokens(text: str, common: frozenset[str]) -> list[str]:
    """Lower-cased word tokens of `text` (sklearn's token pattern), capitalised non-everyday words as "we".

    >>> tokens("Zoom may delete any Content.", frozenset({"content", "may", "delete", "any"}))
    ['we', 'may', 'delete', 'any', 'content']
    """
    return [_normalized(token, common) for token in _token_strings(text)]


def _token_strings(text: str) -> list[str]:
    """`_TOKEN.findall(text)`, computed faster."""
    return (_TOKEN_ASCII if text.isascii() else _TOKEN_RUN).findall(text)


def _normalized(token: str, common: frozenset[str]) -> str:
    low = token.lower()
    return NAME_PLACEHOLDER if "A" <= token[0] <= "Z" and low not in common else low


def ngrams(words: Sequence[str]) -> list[str]:
    """Unigrams and bigrams of a token list, as sklearn's word analyzer makes them."""
    return [*words, *(f"{a} {b}" for a, b in zip(words, words[1:]))]


def fit_vocabulary(texts: Sequence[str], docs: Sequence[str], *, lsa: bool = True) -> Vocabulary:
    """The vectoriser fitted on training sentences (`docs[i]` names the document of `texts[i]`), with the LSA
    block unless `lsa` is false; training only (the LSA projection needs scikit-learn)."""
    common = common_words(texts, docs)
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(ngrams(tokens(text, common))))
    kept = sorted(term for term, count in df.items() if count >= MIN_DF)
    counts = np.array([df[term] for term in kept], dtype=np.float64)
    idf = np.log((1.0 + len(texts)) / (1.0 + counts)) + 1.0
    index = {term: column for column, term in enumerate(kept)}
    without_lsa = Vocabulary(index, idf, common, np.zeros((len(kept), 0), dtype=np.float32))
    if not lsa:
        return without_lsa
    return Vocabulary(index, idf, common, fit_projection(tfidf_matrix(texts, without_lsa)))


def fit_projection(tfidf) -> np.ndarray:
    """The LSA projection (terms x LSA_COMPONENTS) of a sentences x terms TF-IDF matrix: its top right
    singular vectors (seeded TruncatedSVD), each signed so that its largest-magnitude entry is positive, and
    rounded to LSA_MANTISSA_BITS float16 precision, so that retraining gives the same bytes."""
    from sklearn.decomposition import TruncatedSVD

    components = min(LSA_COMPONENTS, min(tfidf.shape) - 1)
    if components < 1:
        return np.zeros((tfidf.shape[1], 0), dtype=np.float32)
    projection = TruncatedSVD(n_components=components, random_state=0).fit(tfidf).components_.T
    largest = projection[np.argmax(np.abs(projection), axis=0), np.arange(components)]
    signed = projection * np.where(largest < 0, -1.0, 1.0)
    return rounded_float16(signed, LSA_MANTISSA_BITS).astype(np.float32)


def rounded_float16(values: np.ndarray, mantissa_bits: int) -> np.ndarray:
    """`values` as float16 rounded (half up in magnitude) to `mantissa_bits` of the 10 mantissa bits; the
    dropped bits are zero, so the stored array compresses well."""
    dropped = 10 - mantissa_bits
    bits: np.ndarray = values.astype(np.float16).view(np.uint16).astype(np.uint32)
    if dropped > 0:
        bits = (bits + (1 << (dropped - 1))) & (0xFFFF << dropped)
    return bits.astype(np.uint16).view(np.float16)


def tfidf_entries(texts: Sequence[str], vocabulary: Vocabulary) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The non-zero TF-IDF cells of the n-gram columns as (rows, columns, values), sorted by row then column:
    sublinear tf times IDF, each row L2-normalised."""
    unigrams, bigram_keys, bigram_columns = vocabulary._lookup
    size = len(vocabulary.index)
    common = vocabulary.common_words
    words: list[str] = []
    lengths: list[int] = []
    for text in texts:
        found = _token_strings(text)
        words.extend(found)
        lengths.append(len(found))
    # Raw token -> unigram column or -1 (one lookup per distinct token).
    column_of_word = {word: unigrams.get(_normalized(word, common), -1) for word in set(words)}
    ids = np.fromiter(map(column_of_word.__getitem__, words), dtype=np.int64, count=len(words))
    rows = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    # Bigrams: consecutive words of the same sentence, both kept unigrams, whose pair is a kept bigram.
    first, second = ids[:-1], ids[1:]
    pair = (rows[:-1] == rows[1:]) & (first >= 0) & (second >= 0)
    keys = first[pair] * size + second[pair]
    at = np.searchsorted(bigram_keys, keys)
    at[at == len(bigram_keys)] = 0
    known = bigram_keys[at] == keys if len(bigram_keys) else np.zeros(len(keys), dtype=bool)
    unigram = ids >= 0
    entry_rows = np.concatenate([rows[unigram], rows[:-1][pair][known]])
    entry_columns = np.concatenate([ids[unigram], bigram_columns[at[known]]])
    cells, counts = np.unique(entry_rows * size + entry_columns, return_counts=True)
    row_of, column_of = cells // size, cells % size
    values = (1.0 + np.log(counts)) * vocabulary.idf[column_of]
    norms = np.sqrt(np.bincount(row_of, weights=values * values, minlength=len(texts)))
    values /= norms[row_of]
    return row_of, column_of, values


def tfidf_matrix(texts: Sequence[str], vocabulary: Vocabulary):
    """The TF-IDF n-gram columns as a scipy CSR matrix (training; analysis uses `linear_scores`, numpy alone)."""
    import scipy.sparse as sp

    rows, columns, values = tfidf_entries(texts, vocabulary)
    return sp.csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary.index)))


def lsa_features(rows: np.ndarray, columns: np.ndarray, values: np.ndarray, n_rows: int,
                 projection: np.ndarray) -> np.ndarray:
    """LSA_WEIGHT × the L2-normalised projection of each row's TF-IDF entries (`tfidf_entries` output,
    sorted by row) onto the latent components; zero for a row without known terms."""
    out = row_sums(projection, rows, columns, values, n_rows)
    if len(rows) and projection.shape[1]:
        norms = np.sqrt(np.einsum("ij,ij->i", out, out))
        out *= (LSA_WEIGHT / np.where(norms > 0, norms, 1.0))[:, None]
    return out


# How many TF-IDF cells `row_sums` gathers at once: a 100 KB page has about 50,000, and gathering them all
# at once took 20 MB of the LSA projection's rows per analysis (four analyses run at once in the service).
ROW_SUM_CHUNK = 4096


def row_sums(table: np.ndarray, rows: np.ndarray, columns: np.ndarray, values: np.ndarray, n_rows: int) -> np.ndarray:
    """For each row r, the sum over its cells (rows sorted) of table[column] × value: a sparse matrix times
    `table`, gathered a few thousand cells at a time so the memory it takes stays small. The same sums, in
    the same order, as gathering every cell at once."""
    out = np.zeros((n_rows, table.shape[1]), dtype=table.dtype)
    if not len(rows) or not table.shape[1]:
        return out
    present, starts = np.unique(rows, return_index=True)
    bounds = np.append(starts, len(rows))
    first = 0
    while first < len(present):
        last = max(first + 1, int(np.searchsorted(bounds, bounds[first] + ROW_SUM_CHUNK, side="right")) - 1)
        last = min(last, len(present))
        low, high = bounds[first], bounds[last]
        weighted = table[columns[low:high]] * values[low:high].astype(table.dtype)[:, None]
        out[present[first:last]] = np.add.reduceat(weighted, starts[first:last] - low, axis=0)
        first = last
    return out


def heading_features(headings: Sequence[str]) -> np.ndarray:
    """0/1 per (sentence, category): the sentence's section heading names that category's topic."""
    out = np.zeros((len(headings), len(_TOPICS)), dtype=np.float32)
    cache: dict[str, list[float]] = {}
    for row, heading in enumerate(headings):
        if heading:
            if heading not in cache:
                cache[heading] = [1.0 if topic.search(heading) else 0.0 for topic in _TOPICS]
            out[row] = cache[heading]
    return out


def dense_features(
    texts: Sequence[str], headings: Sequence[str], keyphrases: np.ndarray | None = None
) -> np.ndarray:
    """The columns after the n-grams: KEYPHRASE_WEIGHT × key-phrase, then HEADING_WEIGHT × section-topic."""
    if keyphrases is None:
        keyphrases = keyphrase_features(texts)
    return np.hstack([KEYPHRASE_WEIGHT * keyphrases, HEADING_WEIGHT * heading_features(headings)])


def design_matrix(
    texts: Sequence[str], headings: Sequence[str], vocabulary: Vocabulary, keyphrases: np.ndarray | None = None
):
    """The model's input for each sentence as a scipy CSR matrix (for training): n-gram TF-IDF columns, then
    `dense_features`, then `lsa_features`.

    Parameters
    ----------
    texts : model-ready sentence texts
    headings : the section heading of each sentence ("" when none)
    vocabulary : the fitted vectoriser
    keyphrases : `keyphrase_features(texts)` when already computed (training reuses them across folds)
    """
    import scipy.sparse as sp

    rows, columns, values = tfidf_entries(texts, vocabulary)
    tfidf = sp.csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary.index)))
    dense = np.hstack([
        dense_features(texts, headings, keyphrases),
        lsa_features(rows, columns, values, len(texts), vocabulary.projection),
    ])
    return sp.hstack([tfidf, sp.csr_matrix(dense)], format="csr")


def linear_scores(
    texts: Sequence[str], headings: Sequence[str], vocabulary: Vocabulary, coef: np.ndarray,
    keyphrases: np.ndarray | None = None,
) -> np.ndarray:
    """`design_matrix(...) @ coef` computed with numpy alone (analysis needs neither scipy nor scikit-learn).

    `coef` has one row per design-matrix column and one column per output.
    """
    rows, columns, values = tfidf_entries(texts, vocabulary)
    n_grams, lsa_start = len(vocabulary.index), len(coef) - vocabulary.projection.shape[1]
    # einsum, not @: these products are small, and a multi-threaded BLAS call for them costs more than the
    # product itself on a busy machine (11 ms against 0.1 ms for a 100 KB page, measured with bench_detector_cost).
    out = np.einsum("ij,jk->ik", dense_features(texts, headings, keyphrases), coef[n_grams:lsa_start])
    out += np.einsum("ij,jk->ik", lsa_features(rows, columns, values, len(texts), vocabulary.projection),
                     coef[lsa_start:])
    # The n-gram cells' coefficient rows, summed per sentence: a sparse product.
    out += row_sums(coef, rows, columns, values, len(texts))
    return out
