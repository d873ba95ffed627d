"""What changed between two versions of a document, clause by clause (pure: no I/O).

1. The clauses of both versions (`termslens.versions`: the shared segmentation's blocks, hashed on their
   normalised words) are aligned in document order on their hashes (difflib's longest-matching-blocks
   alignment): a clause with the same hash in the same order is unchanged, whatever its formatting.
2. Between two aligned stretches, an old and a new clause are the same clause edited when their words are
   similar enough (`PAIR_CUTOFF`), pairs keeping document order (a heaviest increasing chain of pairs), so a
   lookalike clause elsewhere in the document is never taken for this one. A clause split in two, or two
   merged into one, is paired as a group; a group whose words are the same is a re-flow, not a change.
3. An unpaired old clause whose hash reappears among the unpaired new ones has moved; the others were
   removed or added.
4. Inside an edited clause, a word-level diff says what was taken out and put in, and `termslens.material`
   says whether that changes what the clause means. An added or removed clause is material when it is of a
   known category (a record's or a detected clause type, given as `labels`).
"""

from __future__ import annotations

import difflib
from collections.abc import Container, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from termslens.material import CATEGORY, Passage, Reason, is_dateline, lowercase_words, material_reasons
from termslens.versions import Clause, Version, Words
from termslens.vocabulary import CHANGE_KINDS, WORD_OPS

ADDED, REMOVED, EDITED, MOVED = "added", "removed", "edited", "moved"
assert set(CHANGE_KINDS) == {ADDED, REMOVED, EDITED, MOVED}
assert WORD_OPS == ("equal", "delete", "insert")

# Two clauses between the same unchanged neighbours are one clause edited when fuzz.ratio of their folded
# words is at least this. Chosen by reading pairs sampled from each 5-point band of best-pair scores between
# the changed stretches of the 505 consecutive version pairs of ../shared/versions (`benchmarks/bench_diff.py
# --pairs` prints the bands): from 55 up, clauses of 8 words or more were nearly all the same clause
# rewritten; at 45-55 about half were neighbouring clauses on other matters ("Beta Services means ..." and
# "Services means ..."). A missed pair is shown as a removal and an addition, which says the same thing.
PAIR_CUTOFF = 55.0
# Short clauses (headings, list items) share a large part of their few words by chance ("verification
# process" / "communications preferences" score 57): under this many words, a pair needs SHORT_PAIR_CUTOFF.
SHORT_CLAUSE_WORDS = 8
SHORT_PAIR_CUTOFF = 70.0
# A neighbouring unpaired clause joins a pair (a clause split in two, or two merged) when it raises the
# pair's similarity by at least this much.
GROUP_GAIN = 4.0
# A label (a record or detected clause type) names a clause's category when this share of it lies in it.
LABEL_OVERLAP = 0.5


@dataclass(frozen=True)
class WordOp:
    """One step of a word-level diff: `equal` and `insert` text is the new wording's (`start`/`end` index the
    new text), `delete` text the old wording's (offsets index the old text)."""

    op: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Change:
    """A clause added, removed, edited or moved. `old`/`new` are where it sits in each version (None on the
    side it is absent from); `words` is the word-level diff of an edited clause; `at` is where a removed
    clause used to be, as an offset of the new text."""

    kind: str
    old: Passage | None
    new: Passage | None
    material: bool
    reasons: tuple[Reason, ...]
    category: str | None
    words: tuple[WordOp, ...] = ()
    at: int = 0

    @property
    def position(self) -> int:
        """Where the change sits in the new version (a removed clause: where it used to be)."""
        return self.new.start if self.new is not None else self.at


# (start, end, category) of a labelled stretch of one version's text, e.g. a record's clause.
Label = tuple[int, int, str]


def diff_versions(
    old: Version, new: Version, *, old_labels: Sequence[Label] = (), new_labels: Sequence[Label] = ()
) -> list[Change]:
    """The changes from `old` to `new`, in the new version's order (removed clauses where they used to be).

    Parameters
    ----------
    old, new : `termslens.versions.read_version` of the two texts
    old_labels, new_labels : categories known on each version's text (records placed, clause types
        detected), as (start, end, category); they name a change's category and make an added or removed
        clause of a known category material

    Examples
    --------
    >>> from termslens.versions import read_version
    >>> old = read_version("# Fees\\n\\nYou may cancel within 30 days.\\n\\nWe keep logs.")
    >>> new = read_version("# Fees\\n\\nYou may cancel within *60* days.\\n\\nWe keep logs.\\n\\nWe sell data.")
    >>> sale = new.text.index("We sell")
    >>> changes = diff_versions(old, new, new_labels=[(sale, sale + 13, "data-sale")])
    >>> [(c.kind, c.material, [(r.kind, r.what) for r in c.reasons]) for c in changes]
    [('edited', True, [('duration', 'a duration')]), ('added', True, [('category', 'data-sale')])]
    """
    if old.hash == new.hash:
        return []
    context = _Context(old, new, old_labels, new_labels)
    a = [clause.hash for clause in old.clauses]
    b = [clause.hash for clause in new.clauses]
    changes: list[Change] = []
    removed: list[tuple[int, int]] = []  # (old clause, where it was in the new text)
    added: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        paired_old: set[int] = set()
        paired_new: set[int] = set()
        for (o1, o2), (n1, n2) in _pair_region(old.clauses, new.clauses, i1, i2, j1, j2):
            paired_old.update(range(o1, o2))
            paired_new.update(range(n1, n2))
            change = context.edited(o1, o2, n1, n2)
            if change is not None:
                changes.append(change)
        at = new.clauses[j1].start if j1 < len(new.clauses) else len(new.text)
        removed += [(i, at) for i in range(i1, i2) if i not in paired_old]
        added += [j for j in range(j1, j2) if j not in paired_new]
    changes += context.moved_added_removed(removed, added)
    return sorted(changes, key=lambda c: (c.position, c.old.start if c.old else -1))


def _joined(clause: Clause) -> str:
    return " ".join(clause.words.words)


def _pair_region(
    old: Sequence[Clause], new: Sequence[Clause], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Old and new clause ranges of the region that are the same clause (edited, split or merged), in order."""
    if i1 == i2 or j1 == j2:
        return []
    if "".join(w for c in old[i1:i2] for w in c.words.words) == "".join(w for c in new[j1:j2] for w in c.words.words):
        return [((i1, i2), (j1, j2))]  # the same words cut into other blocks (or a space lost between two)
    old_text = [_joined(c) for c in old[i1:i2]]
    new_text = [_joined(c) for c in new[j1:j2]]
    scores = process.cdist(old_text, new_text, scorer=fuzz.ratio, score_cutoff=PAIR_CUTOFF, workers=1)
    rows, columns = scores.nonzero()
    candidates = [
        (int(r), int(c), float(scores[r, c]))
        for r, c in zip(rows, columns)
        if scores[r, c] >= SHORT_PAIR_CUTOFF
        or min(len(old[i1 + r].words), len(new[j1 + c].words)) >= SHORT_CLAUSE_WORDS
    ]
    chain = _heaviest_chain(candidates)
    groups = [[[i, i + 1], [j, j + 1]] for i, j in chain]
    taken_old = {i for i, _ in chain}
    taken_new = {j for _, j in chain}
    for k, ((o1, o2), (n1, n2)) in enumerate(groups):
        # Grow each pair over unpaired neighbours while that makes the two sides more alike (a split or merge).
        best = float(scores[o1, n1])
        grew = True
        while grew:
            grew = False
            options = []
            lo_old = groups[k - 1][0][1] if k else 0
            hi_old = groups[k + 1][0][0] if k + 1 < len(groups) else i2 - i1
            lo_new = groups[k - 1][1][1] if k else 0
            hi_new = groups[k + 1][1][0] if k + 1 < len(groups) else j2 - j1
            if o1 - 1 >= lo_old and o1 - 1 not in taken_old:
                options.append(((o1 - 1, o2), (n1, n2)))
            if o2 < hi_old and o2 not in taken_old:
                options.append(((o1, o2 + 1), (n1, n2)))
            if n1 - 1 >= lo_new and n1 - 1 not in taken_new:
                options.append(((o1, o2), (n1 - 1, n2)))
            if n2 < hi_new and n2 not in taken_new:
                options.append(((o1, o2), (n1, n2 + 1)))
            for (p1, p2), (q1, q2) in options:
                score = fuzz.ratio(" ".join(old_text[p1:p2]), " ".join(new_text[q1:q2]))
                if score >= best + GROUP_GAIN:
                    best, (o1, o2), (n1, n2), grew = score, (p1, p2), (q1, q2), True
                    taken_old.update(range(p1, p2))
                    taken_new.update(range(q1, q2))
                    break
        groups[k] = [[o1, o2], [n1, n2]]
    return [((i1 + o1, i1 + o2), (j1 + n1, j1 + n2)) for (o1, o2), (n1, n2) in groups]


def _heaviest_chain(pairs: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The pairs (i, j, weight) forming the heaviest chain increasing in both i and j (each i and j once).

    >>> _heaviest_chain([(0, 1, 90.0), (1, 0, 80.0), (1, 2, 60.0), (2, 2, 95.0)])
    [(0, 1), (2, 2)]
    """
    if not pairs:
        return []
    # Process by i; within one i by descending j, so a chain never takes two pairs of the same i. A Fenwick
    # tree over j keeps the best chain ending at or before each j.
    pairs.sort(key=lambda p: (p[0], -p[1]))
    size = max(j for _, j, _ in pairs) + 2
    tree_value = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    total = [0.0] * len(pairs)
    previous = [-1] * len(pairs)
    for k, (_, j, weight) in enumerate(pairs):
        best, best_k = 0.0, -1
        position = j  # chains ending at a column < j: Fenwick positions 1..j
        while position > 0:
            if tree_value[position] > best:
                best, best_k = tree_value[position], tree_index[position]
            position -= position & -position
        total[k], previous[k] = best + weight, best_k
        position = j + 1
        while position <= size:
            if total[k] > tree_value[position]:
                tree_value[position], tree_index[position] = total[k], k
            position += position & -position
    k = max(range(len(pairs)), key=total.__getitem__)
    chain = []
    while k >= 0:
        chain.append((pairs[k][0], pairs[k][1]))
        k = previous[k]
    return chain[::-1]


class _Context:
    """The two versions, their labels and what the rules need of them, shared by every change of one diff."""

    def __init__(self, old: Version, new: Version, old_labels: Sequence[Label], new_labels: Sequence[Label]):
        self.old, self.new = old, new
        self.old_labels = sorted(old_labels)
        self.new_labels = sorted(new_labels)
        self._lowercase: Container[str] | None = None

    def lowercase(self) -> Container[str]:
        if self._lowercase is None:
            self._lowercase = lowercase_words(self.old.text, self.new.text)
        return self._lowercase

    def edited(self, o1: int, o2: int, n1: int, n2: int) -> Change | None:
        old_clauses, new_clauses = self.old.clauses[o1:o2], self.new.clauses[n1:n2]
        old_words, new_words = _merged(old_clauses), _merged(new_clauses)
        if "".join(old_words.words) == "".join(new_words.words):
            return None
        old_span = Passage(old_clauses[0].start, old_clauses[-1].end, self.old.text[old_clauses[0].start : old_clauses[-1].end])
        new_span = Passage(new_clauses[0].start, new_clauses[-1].end, self.new.text[new_clauses[0].start : new_clauses[-1].end])
        opcodes = _opcodes(old_words.words, new_words.words)
        words = tuple(_word_ops(self.old.text, old_words, self.new.text, new_words, opcodes))
        old_categories = _categories(self.old_labels, old_span.start, old_span.end)
        new_categories = _categories(self.new_labels, new_span.start, new_span.end)
        if is_dateline(old_span.text) and is_dateline(new_span.text):
            reasons: list[Reason] = []
        else:
            reasons = material_reasons(
                self.old.text, old_words, self.new.text, new_words, opcodes, names_lowercase=self.lowercase
            )
            reasons = _distinct(reasons)
            for changed in sorted(set(old_categories) ^ set(new_categories)):
                on_old = changed in old_categories
                label = _label_passage(self.old_labels if on_old else self.new_labels,
                                       self.old.text if on_old else self.new.text,
                                       (old_span if on_old else new_span), changed)
                reasons.append(Reason(CATEGORY, changed, label if on_old else None, None if on_old else label))
        category = next(iter(new_categories or old_categories), None)
        return Change(EDITED, old_span, new_span, bool(reasons), tuple(reasons), category, words)

    def moved_added_removed(self, removed: list[tuple[int, int]], added: list[int]) -> list[Change]:
        """Unpaired clauses: moved when an old one's hash reappears among the new ones, else removed or added."""
        by_hash: dict[str, list[int]] = {}
        for i, _ in removed:
            by_hash.setdefault(self.old.clauses[i].hash, []).append(i)
        out = []
        moved_old: set[int] = set()
        for j in added:
            clause = self.new.clauses[j]
            same = by_hash.get(clause.hash)
            if same:
                i = same.pop(0)
                moved_old.add(i)
                out.append(Change(MOVED, self._passage(self.old, self.old.clauses[i]), self._passage(self.new, clause),
                                  False, (), next(iter(_categories(self.new_labels, clause.start, clause.end)), None)))
            else:
                out.append(self._one_sided(ADDED, self.new, self.new_labels, clause))
        for i, at in removed:
            if i not in moved_old:
                out.append(self._one_sided(REMOVED, self.old, self.old_labels, self.old.clauses[i], at=at))
        return out

    @staticmethod
    def _passage(version: Version, clause: Clause) -> Passage:
        return Passage(clause.start, clause.end, version.text[clause.start : clause.end])

    def _one_sided(self, kind: str, version: Version, labels: Sequence[Label], clause: Clause, *, at: int = 0) -> Change:
        passage = self._passage(version, clause)
        categories = _categories(labels, clause.start, clause.end)
        reasons: tuple[Reason, ...] = ()
        if not clause.heading and not is_dateline(passage.text):
            reasons = tuple(
                Reason(CATEGORY, category, *((passage, None) if kind == REMOVED else (None, passage)))
                for category in categories
            )
        return Change(kind, passage if kind == REMOVED else None, passage if kind == ADDED else None,
                      bool(reasons), reasons, categories[0] if categories else None, (), at)


def _opcodes(old: Sequence[str], new: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's word-level opcodes, with a replacement of the same letters ("with our" -> "withour", a space
    lost in a captured page) counted as equal."""
    out: list[tuple[str, int, int, int, int]] = []
    for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        tag, i1, i2, j1, j2 = op
        if tag == "replace" and "".join(old[i1:i2]) == "".join(new[j1:j2]):
            op = ("equal", i1, i2, j1, j2)
        if out and out[-1][0] == op[0] == "equal":
            op = ("equal", out[-1][1], i2, out[-1][3], j2)
            out.pop()
        out.append(op)
    return out


def _distinct(reasons: Sequence[Reason]) -> list[Reason]:
    """The reasons without repeats of one rule finding the same thing (a renamed term used ten times)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for reason in reasons:
        key = (reason.kind, reason.what, *(p.text.lower() if p else "" for p in (reason.old, reason.new)))
        if key not in seen:
            seen.add(key)
            out.append(reason)
    return out


def _merged(clauses: Sequence[Clause]) -> Words:
    if len(clauses) == 1:
        return clauses[0].words
    return Words(
        tuple(w for c in clauses for w in c.words.words),
        tuple(s for c in clauses for s in c.words.starts),
        tuple(e for c in clauses for e in c.words.ends),
    )


def _word_ops(old_text: str, old: Words, new_text: str, new: Words, opcodes) -> list[WordOp]:
    """The word-level diff as equal / delete / insert steps (a replacement is a delete, then an insert)."""
    out = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag in ("delete", "replace"):
            out.append(WordOp("delete", old_text[old.starts[i1] : old.ends[i2 - 1]], old.starts[i1], old.ends[i2 - 1]))
        if tag in ("equal", "insert", "replace"):
            op = "equal" if tag == "equal" else "insert"
            out.append(WordOp(op, new_text[new.starts[j1] : new.ends[j2 - 1]], new.starts[j1], new.ends[j2 - 1]))
    return out


def _categories(labels: Sequence[Label], start: int, end: int) -> list[str]:
    """Categories of the labels lying mostly within [start, end), the longest overlap first."""
    found: dict[str, int] = {}
    for l_start, l_end, category in labels:
        if l_start >= end:
            break
        overlap = min(end, l_end) - max(start, l_start)
        if overlap > 0 and overlap >= LABEL_OVERLAP * (l_end - l_start):
            found[category] = max(found.get(category, 0), overlap)
    return sorted(found, key=lambda c: -found[c])


def _label_passage(labels: Sequence[Label], text: str, within: Passage, category: str) -> Passage:
    """The stretch a label of `category` covers inside `within` (clipped to it)."""
    for l_start, l_end, l_category in labels:
        if l_category == category and min(within.end, l_end) > max(within.start, l_start):
            start, end = max(within.start, l_start), min(within.end, l_end)
            return Passage(start, end, text[start:end])
    return within
