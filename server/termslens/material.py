"""When a change of wording changes what a clause means: rules that name what changed.

A word-level difference between two wordings of a clause is **material** when, between the words taken out
and the words put in, one of these differs:

- `number`, `amount`, `duration`, `date`: a number (digits or a number word), with a currency (an amount), a
  unit of time (a duration) or a month or year (a date) beside it or in the change;
- `negation`: "not", "no", "never", "without", "cannot", "-n't", "prohibited" ... added or removed;
- `modality`: what the clause lets or makes someone do: "may"/"can"/"might"/"could" (permission), "will"/
  "shall"/"must"/"required" (commitment), "should" (advice). A word of one group replacing one of another
  ("may" -> "will") is material; "shall" -> "will" is not;
- `party`: who gets or does something: a named company, body or place ("Xandr", "Ireland"), or a kind of
  party (affiliates, service providers, partners, advertisers, third parties, authorities, buyers, the public);
- `data`: a kind of personal data (location, contacts, biometrics, health, payment, identifiers, messages,
  content such as prompts and files, sensitive traits, children's data);
- `data-use`: what is done with data (training AI models, selling, advertising, sharing or disclosing,
  profiling, keeping, deleting, research).

Words are compared by group, not one by one, and over the whole clause: "share" -> "disclose" (both sharing)
and a word moved within the clause are not material; "share" -> "sell" is. Each rule returns where it fired,
on the old and new wording, so a reader sees the very words.

Lines that only date the document ("Last updated: October 23, 2024") change with every version; they are
never material (`is_dateline`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from termslens.versions import Words
from termslens.vocabulary import REASON_KINDS

NUMBER = "number"
AMOUNT = "amount"
DURATION = "duration"
DATE = "date"
NEGATION = "negation"
MODALITY = "modality"
PARTY = "party"
DATA = "data"
DATA_USE = "data-use"
# A clause of a known category (a record's or a detected type) added or removed, or changing category.
CATEGORY = "category"
assert set(REASON_KINDS) == {NUMBER, AMOUNT, DURATION, DATE, NEGATION, MODALITY, PARTY, DATA, DATA_USE, CATEGORY}

_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
    "half twice double triple dozen".split()
)
_CURRENCY_WORDS = frozenset("dollar dollars usd us$ eur euro euros gbp pound pounds sterling cent cents yen inr rupees".split())
_TIME_UNITS = {
    **dict.fromkeys("second seconds".split(), "second"),
    **dict.fromkeys("minute minutes".split(), "minute"),
    **dict.fromkeys("hour hours hourly".split(), "hour"),
    **dict.fromkeys("day days daily".split(), "day"),
    **dict.fromkeys("week weeks weekly fortnight".split(), "week"),
    **dict.fromkeys("month months monthly".split(), "month"),
    **dict.fromkeys("year years yearly annual annually".split(), "year"),
}
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# A number after these words refers to a part of the document ("Section 13"): renumbering is not a change.
_REFERENCES = frozenset("section sections clause clauses article articles paragraph paragraphs part annex schedule exhibit appendix".split())
_YEAR = re.compile(r"(?:19|20)\d\d")

_NEGATIONS = frozenset("not no never neither nor none nothing cannot without prohibited prohibit prohibits forbidden".split())
_CONTRACTED = ("don", "doesn", "didn", "can", "won", "isn", "aren", "wasn", "weren", "shouldn", "wouldn", "couldn", "mustn", "hasn", "haven")
_MODALS = {
    **dict.fromkeys("may might can could".split(), "permission"),
    **dict.fromkeys("will shall must required obligated".split(), "commitment"),
    "should": "advice",
}

# Groups of words (folded; multi-word phrases are matched on consecutive words) naming the same thing.
_PARTIES = {
    "affiliates": "affiliate affiliates subsidiary subsidiaries|group companies|corporate family",
    "service providers": "vendor vendors processor processors subprocessor subprocessors sub-processors contractor "
                         "contractors supplier suppliers|service provider|service providers",
    "partners": "partner partners",
    "advertisers": "advertiser advertisers",
    "third parties": "third-party|third party|third parties",
    "authorities": "government governments authority authorities police regulator regulators|law enforcement",
    "buyers": "acquirer acquirers buyer buyers purchaser purchasers successor successors",
    "the public": "public|other users",
    "data brokers": "broker brokers",
    "researchers": "researcher researchers",
}
_DATA = {
    "location": "location locations geolocation gps",
    "contacts": "contacts|address book",
    "biometrics": "biometric biometrics face faces facial faceprint faceprints fingerprint fingerprints voiceprint",
    "voice": "voice voices audio recording recordings",
    "health": "health medical",
    "payment": "financial payment payments card bank credit",
    "identifiers": "ip identifier identifiers cookie cookies|device id",
    "contact details": "email emails phone telephone",
    "browsing": "browsing|search history",
    "messages": "message messages chat chats conversation conversations communications",
    "your content": "prompt prompts input inputs output outputs upload uploads file files photo photos image images "
                    "video videos",
    "sensitive traits": "race racial ethnic ethnicity religion religious sexual political genetic gender",
    "children's data": "child children minor minors kids",
    "identity documents": "passport passports ssn|social security|government id",
}
_DATA_USES = {
    # "Training" alone is not enough ("security training for employees"): see `_ai_training`.
    "AI training": "|machine learning|fine tune|fine tuning|fine tuned",
    "selling": "sell sells sold sale sales selling",
    "advertising": "advertising ads advertisement advertisements targeted personalized personalised marketing "
                   "promotional",
    "sharing": "share shares shared sharing disclose discloses disclosed disclosure disclosures transfer transfers "
               "transferred",
    "profiling": "profile profiles profiling infer inferences",
    "keeping": "retain retains retained retention store stores stored keep keeps kept",
    "deleting": "delete deletes deleted deletion erase erasure remove removes removed",
    "research": "research",
}
# A name a document uses this many times is its own name for itself or its product ("Anysphere" for "we").
COMMON_NAME_COUNT = 5
MAX_NAME_WORDS = 4
# Capitalised words that are a document's own defined terms or stock words, not names of a party or place.
_NOT_NAMES = frozenset(
    "i you your we our us the a an terms term service services agreement policy policies privacy content account "
    "accounts user users customer customers data information site sites website websites platform software "
    "materials input inputs output outputs section sections effective date updated company app apps application "
    "product products feedback beta personal notice license licence offerings subscription plan plans order form "
    "documentation api apis team enterprise business free pro plus premium help center centre support settings "
    "guidelines usage acceptable use community standards dispute disputes arbitration law laws state states "
    "country agreements eea eu uk us usa gdpr ccpa dpa faq contact this these that if for in of and or by on to "
    "any all each other such ai ml id url urls ip faq llm".split()
)


@dataclass(frozen=True)
class Passage:
    """`text[start:end]` of one of the two wordings (code points)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Reason:
    """Why a change is material: the rule (`kind`), what it found (`what`, e.g. "a duration", "AI training")
    and the words it fired on in the old and the new wording (None on a side that has none)."""

    kind: str
    what: str
    old: Passage | None
    new: Passage | None


# An opcode of difflib's SequenceMatcher over two word sequences: (tag, i1, i2, j1, j2).
Opcode = tuple[str, int, int, int, int]


def _phrase_table(groups: dict[str, str]) -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for group, spec in groups.items():
        single, *phrases = spec.split("|")
        for word in single.split():
            table[(word,)] = group
        for phrase in phrases:
            table[tuple(phrase.split())] = group
    return table


_TABLES = {kind: _phrase_table(groups) for kind, groups in ((PARTY, _PARTIES), (DATA, _DATA), (DATA_USE, _DATA_USES))}


_TRAIN = frozenset("train trains trained training retrain retraining".split())
_AI_WORDS = frozenset("model models ai artificial intelligence algorithm algorithms llm llms neural machine generative".split())
# "train" counts as AI training when a word about AI or models stands within this many words of it.
AI_TRAINING_REACH = 6


def _groups_at(words: Sequence[str], lo: int, hi: int, table: dict[tuple[str, ...], str]) -> list[tuple[str, int, int]]:
    """(group, first, stop) of each word or phrase of `table` starting in words[lo:hi] (phrases may run on)."""
    found = []
    ai_training = table is _TABLES.get(DATA_USE)
    starts = _FIRST_WORDS[id(table)]
    for k in range(lo, hi):
        if words[k] not in starts:
            continue
        if ai_training and words[k] in _TRAIN and _AI_WORDS.intersection(
            words[max(0, k - AI_TRAINING_REACH) : k + AI_TRAINING_REACH + 1]
        ):
            found.append(("AI training", k, k + 1))
            continue
        for size in (3, 2, 1):
            group = table.get(tuple(words[k : k + size]))
            if group is not None and k + size <= len(words):
                found.append((group, k, k + size))
                break
    return found


# The words a table's phrases start with (and "train" for AI training): the only places worth a look-up.
_FIRST_WORDS = {id(table): frozenset(phrase[0] for phrase in table) | _TRAIN for table in _TABLES.values()}


def is_dateline(text: str) -> bool:
    """Whether a clause only dates the document ("Last updated: October 23, 2024", "Effective: 1 May 2025").

    >>> is_dateline("**Effective:** January 31, 2024 ([previous version](https://example.com))"), is_dateline("We may change fees.")
    (True, False)
    """
    plain = re.sub(r"[*_#>\[\]`]", "", text).strip().lower()
    return bool(
        re.match(r"(?:last\s+)?(?:updated|revised|modified|effective|version|date|published|posted)|更新|生效", plain)
        and len(plain) <= 160
        and (re.search(r"(?:19|20)\d\d", plain) or any(month in plain for month in _MONTHS))
    )


class _Side:
    """One wording's words, and which of them a rule counts, over the words an edit took out or put in."""

    def __init__(self, text: str, words: Words, ranges: Sequence[tuple[int, int]],
                 names_lowercase: Callable[[], Container[str]], capitals: dict[int, bool] | None = None):
        self.text, self.words, self.ranges = text, words, ranges
        self._names_lowercase = names_lowercase
        self._capitals = capitals if capitals is not None else {}

    def passage(self, first: int, stop: int) -> Passage:
        start, end = self.words.starts[first], self.words.ends[stop - 1]
        return Passage(start, end, self.text[start:end])

    def numbers(self) -> list[tuple[str, int, int]]:
        """(kind, first, stop) of each number in the changed words, with the unit or currency beside it."""
        out = []
        w = self.words.words
        for lo, hi in self.ranges:
            for k in range(lo, hi):
                if not _is_number(w[k]) or k > 0 and w[k - 1] in _REFERENCES:
                    continue
                first, stop = k, k + 1
                kind = NUMBER
                before = w[k - 1] if k > 0 else ""
                after = w[k + 1] if k + 1 < len(w) else ""
                if w[k][0] in "$€£¥₹" or before in _CURRENCY_WORDS or after in _CURRENCY_WORDS:
                    kind = AMOUNT
                    stop += after in _CURRENCY_WORDS
                    first -= before in _CURRENCY_WORDS
                elif after in _TIME_UNITS or (k + 2 < len(w) and w[k + 2] in _TIME_UNITS and after in ("business", "calendar", "full")):
                    kind = DURATION
                    stop = k + 2 if after in _TIME_UNITS else k + 3
                elif _YEAR.fullmatch(w[k]) or before in _MONTHS or after in _MONTHS:
                    kind = DATE
                    first -= before in _MONTHS
                    stop += after in _MONTHS
                out.append((kind, first, stop))
        return out

    def units(self) -> list[tuple[str, int, int]]:
        """(unit, first, stop) of each unit of time among the changed words."""
        w = self.words.words
        return [(_TIME_UNITS[w[k]], k, k + 1) for lo, hi in self.ranges for k in range(lo, hi) if w[k] in _TIME_UNITS]

    def negations(self) -> list[tuple[str, int, int]]:
        w = self.words.words
        return [
            ("negation", k, k + 1)
            for lo, hi in self.ranges
            for k in range(lo, hi)
            if (w[k] in _NEGATIONS and not (w[k] == "not" and k >= 2 and w[k - 2 : k] == ["whether", "or"])
                and not self._in_a_title(k))
            or (w[k] == "t" and k > 0 and w[k - 1] in _CONTRACTED)
        ]

    def _in_a_title(self, k: int) -> bool:
        """A capitalised word inside a sentence names something ("as set out in No Limitation above")."""
        w = self.words
        raw = self.text[w.starts[k] : w.ends[k]]
        return raw[:1].isupper() and not raw.isupper() and not _starts_sentence(self.text, w.starts[k], w.ends[k - 1] if k else None)

    def modals(self) -> list[tuple[str, int, int]]:
        w = self.words.words
        return [(_MODALS[w[k]], k, k + 1) for lo, hi in self.ranges for k in range(lo, hi) if w[k] in _MODALS and not _is_month_may(self, k)]

    def groups(self, kind: str) -> list[tuple[str, int, int]]:
        table = _TABLES[kind]
        return [found for lo, hi in self.ranges for found in _groups_at(self.words.words, lo, hi, table)]

    def names(self) -> list[tuple[str, int, int]]:
        """Names among the changed words: runs of capitalised words ("United Kingdom") not opening a sentence,
        not a stock or defined term, never written in lower case in either wording, and not the document's
        own name for itself (a name it uses COMMON_NAME_COUNT times or more)."""
        w = self.words
        text = self.text
        candidates = [k for lo, hi in self.ranges for k in range(lo, hi) if text[w.starts[k]].isupper()]
        if not candidates or self._in_capitals():
            return []
        out: list[tuple[str, int, int]] = []
        skip_to = -1
        for k in candidates:
            if k < skip_to:
                continue
            raw = text[w.starts[k] : w.ends[k]]
            if not _name_word(raw) or w.words[k] in _NOT_NAMES or w.words[k] in _MONTHS or _starts_sentence(
                text, w.starts[k], w.ends[k - 1] if k > 0 else None
            ):
                continue
            if w.words[k] in self._names_lowercase():
                continue
            hi = next(h for lo, h in self.ranges if lo <= k < h)
            stop = k + 1
            while (stop < hi and stop - k < MAX_NAME_WORDS and _name_word(text[w.starts[stop] : w.ends[stop]])
                   and w.words[stop] not in _NOT_NAMES and text[w.ends[stop - 1] : w.starts[stop]] == " "):
                stop += 1
            if text.count(text[w.starts[k] : w.ends[stop - 1]]) < COMMON_NAME_COUNT:
                out.append((" ".join(w.words[k:stop]), k, stop))
            skip_to = stop
        return out

    def _in_capitals(self) -> bool:
        """Whether the clause is set in capitals (then case says nothing about names); asked once per clause."""
        key = id(self.words)
        if key not in self._capitals:
            w = self.words
            upper = sum(self.text[s:e].isupper() for s, e in zip(w.starts, w.ends))
            self._capitals[key] = bool(w.words) and upper > 0.6 * len(w.words)
        return self._capitals[key]


def _name_word(token: str) -> bool:
    """A word that can be (part of) a name: capitalised ("Xandr") or a short acronym ("AAA"); a longer word in
    capitals is shouting ("ANYSPHERE DOES NOT"), not naming."""
    return len(token) >= 2 and token[0].isupper() and (not token.isupper() or len(token) <= 5)


def _holds(words: Sequence[str], phrase: str) -> bool:
    """Whether the words hold `phrase` (words joined by spaces) as consecutive words."""
    return f" {phrase} " in f" {' '.join(words)} "


def _is_number(word: str) -> bool:
    return word[0].isdigit() or word[0] in "$€£¥₹" and len(word) > 1 or word in _NUMBER_WORDS


def _is_month_may(side: _Side, k: int) -> bool:
    """'May' the month ("1 May 2025", "May 2025"), not the modal."""
    w = side.words.words
    return (k > 0 and w[k - 1][:1].isdigit()) or (k + 1 < len(w) and bool(_YEAR.fullmatch(w[k + 1])))


def _starts_sentence(text: str, start: int, previous_end: int | None) -> bool:
    """Whether the word at `start` opens a sentence (or its clause): only punctuation ending a sentence,
    markup or nothing lies between it and the previous word."""
    if previous_end is None:
        return True
    gap = re.sub(r"[\s*_#>\[\]()`\"'“”‘’]", "", text[previous_end:start])
    return gap[-1:] in (".", "!", "?", ":", ";") or "\n" in text[previous_end:start]


def lowercase_words(*texts: str) -> Container[str]:
    """The words written in lower case somewhere in `texts` (common words, not names), looked up one word at
    a time when asked (`word in ...`): a diff asks about a few capitalised words, not the whole vocabulary."""
    return _WrittenLowercase(texts)


class _WrittenLowercase:
    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word not in self.known:
            self.known[word] = any(_has_word(text, word) for text in self.texts)
        return self.known[word]


def _has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` as a whole word, written as given (str.find is far faster than a regular
    expression with look-arounds on a 100 KB page)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(word, at + 1)
    return False


# Uses of data that make an added or removed clause material on their own, with no known category: the
# common verbs of privacy notices ("keep", "share", "delete") occur in most of their clauses and would make
# every new paragraph material.
TELLING_DATA_USES = frozenset({"AI training", "selling", "advertising", "profiling"})


def data_uses(text: str, words: Words) -> list[tuple[str, Passage]]:
    """What is done with data, by group, in a whole wording, each with the words that say it (first of each).

    >>> from termslens.versions import normalised_words as nw
    >>> text = "We sell your data and use it to train our AI models."
    >>> [(use, where.text) for use, where in data_uses(text, nw(text))]
    [('selling', 'sell'), ('AI training', 'train')]
    """
    side = _Side(text, words, [(0, len(words))], lambda: ())
    seen: dict[str, Passage] = {}
    for group, first, stop in side.groups(DATA_USE):
        seen.setdefault(group, side.passage(first, stop))
    return list(seen.items())


def material_reasons(
    old_text: str,
    old_words: Words,
    new_text: str,
    new_words: Words,
    opcodes: Iterable[Opcode],
    *,
    names_lowercase: Callable[[], Container[str]] | None = None,
) -> list[Reason]:
    """The material differences between two wordings of one clause, given their word-level opcodes.

    Parameters
    ----------
    old_text, new_text : the texts the two wordings sit in (offsets of the words and the returned passages
        index them)
    old_words, new_words : the wordings' normalised words (`termslens.versions.normalised_words`)
    opcodes : difflib opcodes from `old_words.words` to `new_words.words`
    names_lowercase : the words written in lower case in the documents (so not names); by default those of
        the two texts

    Returns
    -------
    One Reason per rule and edit where a group of words is taken out and not put back, or put in where there
    was none, in the order of the edits.

    Examples
    --------
    >>> from termslens.versions import normalised_words as nw
    >>> import difflib
    >>> old, new = "You may cancel within 30 days.", "You will cancel within 60 days."
    >>> a, b = nw(old), nw(new)
    >>> ops = difflib.SequenceMatcher(None, a.words, b.words, autojunk=False).get_opcodes()
    >>> [(r.kind, r.old.text, r.new.text) for r in material_reasons(old, a, new, b, ops)]
    [('modality', 'may', 'will'), ('duration', '30 days', '60 days')]
    """
    edits = [op for op in opcodes if op[0] != "equal"]
    if not edits:
        return []
    lowercase_cache: list[Container[str]] = []

    def lowercase() -> Container[str]:
        if not lowercase_cache:
            lowercase_cache.append(names_lowercase() if names_lowercase else lowercase_words(old_text, new_text))
        return lowercase_cache[0]

    # First over the whole clause, which groups really differ (a word moved within the clause, taken out of one
    # edit and put into another, does not); then per edit, where they differ.
    capitals: dict[int, bool] = {}
    whole_old = _Side(old_text, old_words, [(i1, i2) for _, i1, i2, _, _ in edits], lowercase, capitals)
    whole_new = _Side(new_text, new_words, [(j1, j2) for _, _, _, j1, j2 in edits], lowercase, capitals)
    differing = {rule: groups for rule, _, groups in _differences(whole_old, whole_new, None)}
    reasons: list[Reason] = []
    for _, i1, i2, j1, j2 in edits:
        old = _Side(old_text, old_words, [(i1, i2)], lowercase, capitals)
        new = _Side(new_text, new_words, [(j1, j2)], lowercase, capitals)
        reasons.extend(reason for _, reason, _ in _differences(old, new, differing))
    return _paired_numbers(reasons, old_text, new_text)


def _paired_numbers(reasons: list[Reason], old_text: str, new_text: str) -> list[Reason]:
    """Number differences cut over two neighbouring edits ("a year's fees or $30" -> "three months' fees":
    "three months" put in by one edit, "$30" taken out by the next) joined into one reason on both sides."""
    out: list[Reason] = []
    for reason in reasons:
        previous = out[-1] if out else None
        if (
            previous is not None and reason.kind in _NUMBER_KINDS and previous.kind in _NUMBER_KINDS
            and (previous.old is None) != (reason.old is None) and (previous.new is None) != (reason.new is None)
        ):
            old = previous.old or reason.old
            new = previous.new or reason.new
            kind = next(k for k in (AMOUNT, DURATION, DATE, NUMBER) if k in (previous.kind, reason.kind))
            out[-1] = Reason(kind, _WHAT[kind], old, new)
            continue
        out.append(reason)
    return out


# The rules: (name, kind, what the finder of one side counts). Numbers are compared by their words.
def _rules(side: _Side) -> list[tuple[str, list[tuple[str, int, int]]]]:
    return [
        ("numbers", [(side.passage(a, b).text.lower(), a, b) for _, a, b in side.numbers()]),
        ("units", side.units()),
        (NEGATION, side.negations()),
        (MODALITY, side.modals()),
        ("party-kinds", side.groups(PARTY)),
        ("party-names", side.names()),
        (DATA, side.groups(DATA)),
        (DATA_USE, side.groups(DATA_USE)),
    ]


def _differences(
    old: _Side, new: _Side, allowed: dict[str, set[str]] | None
) -> list[tuple[str, Reason, set[str]]]:
    """(rule, reason, groups) for each difference the rules find between the two sides (only among `allowed`
    groups when given). Within a rule, the first word of each group taken out is paired with the first of
    each group put in, in order ("30 days" -> "10 days", "Xandr" -> "Criteo"); what is left stands alone."""
    out: list[tuple[str, Reason, set[str]]] = []
    number_kinds = {(a, b): kind for kind, a, b in old.numbers()} | {(-a - 1, -b - 1): kind for kind, a, b in new.numbers()}
    for (rule, old_found), (_, new_found) in zip(_rules(old), _rules(new)):
        old_groups, new_groups = [g for g, _, _ in old_found], [g for g, _, _ in new_found]
        if sorted(old_groups) == sorted(new_groups):  # the same groups as often on both sides: nothing differs
            continue
        old_keys, new_keys = Counter(old_groups), Counter(new_groups)
        groups = set(old_keys - new_keys) | set(new_keys - old_keys)
        if allowed is not None:
            groups &= allowed.get(rule, set())
        if rule == "party-names":
            # A name is new only if the other wording does not have it anywhere (not just among its changed words).
            groups = {g for g in groups if not (_holds(old.words.words, g) and _holds(new.words.words, g))}
        if not groups or rule == "units" and any(r == "numbers" for r, _, _ in out):
            continue
        old_first = _first_of_each(old_found, groups, more=old_keys - new_keys)
        new_first = _first_of_each(new_found, groups, more=new_keys - old_keys)
        for o, n in zip_longest(old_first, new_first):
            old_passage = old.passage(o[1], o[2]) if o else None
            new_passage = new.passage(n[1], n[2]) if n else None
            if rule == "numbers":
                kinds = [number_kinds.get((o[1], o[2])) if o else None, number_kinds.get((-n[1] - 1, -n[2] - 1)) if n else None]
                kind = next((k for k in (AMOUNT, DURATION, DATE) if k in kinds), NUMBER)
                what = _WHAT[kind]
            elif rule == "units":
                kind, what = DURATION, _WHAT[DURATION]
            elif rule == NEGATION:
                kind, what = NEGATION, "a negation"
            elif rule == MODALITY:
                kind, what = MODALITY, "whether something may, will or must happen"
            elif rule == "party-names":
                kind, what = PARTY, "a named party"
            else:
                kind = PARTY if rule == "party-kinds" else rule
                what = " → ".join(x[0] for x in (o, n) if x)
            out.append((rule, Reason(kind, what, old_passage, new_passage), groups))
    return out


def _first_of_each(found: list[tuple[str, int, int]], groups: set[str], *, more: Counter) -> list[tuple[str, int, int]]:
    """The first occurrence of each group among `groups` that this side has more of, in order."""
    seen: set[str] = set()
    out = []
    for group, a, b in found:
        if group in groups and more[group] > 0 and group not in seen:
            seen.add(group)
            out.append((group, a, b))
    return out


_WHAT = {NUMBER: "a number", AMOUNT: "an amount", DURATION: "a duration", DATE: "a date"}
_NUMBER_KINDS = frozenset(_WHAT)


def _cover(side: _Side, spans: Sequence[tuple[int, int]]) -> Passage | None:
    if not spans:
        return None
    return side.passage(min(a for a, _ in spans), max(b for _, b in spans))
