"""Deterministic, realistic wording drift for clause passages (test support).

Publishers revise terms-of-service pages between versions: a synonym here, an
inserted hedge there, typographic quotes, reflowed whitespace, a moved
sentence. The helpers below simulate that drift reproducibly so matcher tests
and benchmarks can check that known quotes are still found.

Pure standard library; every random choice goes through ``random.Random(seed)``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

__all__ = [
    "DELETABLE_WORDS",
    "INSERT_PHRASES",
    "SYNONYMS",
    "as_list_markup",
    "drift",
    "drift_document",
]

#: Near-synonyms a publisher might swap in (lowercase key -> replacements).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "about": ("regarding",),
    "additional": ("further", "extra"),
    "after": ("following",),
    "agree": ("consent",),
    "allow": ("permit", "let"),
    "appropriate": ("suitable",),
    "applicable": ("relevant",),
    "assist": ("help",),
    "before": ("prior to",),
    "cancel": ("end",),
    "certain": ("some",),
    "change": ("modify",),
    "changes": ("modifications", "updates"),
    "collect": ("gather",),
    "concerning": ("about",),
    "delete": ("remove",),
    "display": ("show",),
    "ensure": ("make sure",),
    "help": ("assist",),
    "immediately": ("promptly", "without delay"),
    "including": ("such as", "for example"),
    "information": ("data", "details"),
    "may": ("can", "might"),
    "modify": ("change", "amend"),
    "must": ("shall", "need to"),
    "notify": ("inform", "tell"),
    "obtain": ("get",),
    "only": ("solely",),
    "permit": ("allow",),
    "person": ("individual",),
    "promptly": ("quickly",),
    "prohibited": ("forbidden", "not allowed"),
    "provide": ("offer", "supply"),
    "provides": ("offers",),
    "purchase": ("buy",),
    "reasonable": ("appropriate",),
    "receive": ("get",),
    "regarding": ("about",),
    "remove": ("delete", "take down"),
    "require": ("need",),
    "required": ("necessary",),
    "responsible": ("liable",),
    "review": ("examine",),
    "share": ("disclose",),
    "shall": ("will", "must"),
    "solely": ("only",),
    "store": ("keep",),
    "terminate": ("end", "cancel"),
    "terminated": ("ended",),
    "use": ("process", "utilise"),
    "we": ("the company",),
    "whether": ("if",),
    "will": ("shall",),
}

#: Short hedges a publisher might insert after a word.
INSERT_PHRASES: tuple[str, ...] = (
    "at any time",
    "where permitted by law",
    "for example",
    "in some cases",
    "as applicable",
    "from time to time",
    "where appropriate",
    "in particular",
    "to the extent permitted by law",
    "generally",
)

#: Short non-initial words a publisher might drop.
DELETABLE_WORDS: frozenset[str] = frozenset(
    {"a", "an", "the", "also", "any", "certain", "all", "such", "just"}
)

_WORD_RE = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_PROTECTED_RE = re.compile(
    r"\[[^\]\n]*\]\([^)\s]*\)"  # Markdown link (text and target)
    r"|https?://\S+|www\.\S+|mailto:\S+"  # bare URLs
    r"|\S+@\S+\.\S+"  # e-mail addresses
    r"|`[^`]*`"  # inline code
)
_BOUNDARY_RE = re.compile(r"[.!?][\"\u201d\u2019)\]*]*(\s+)(?=[\"\u201c(*\[]*[A-Z0-9])")
_TERMINAL_RE = re.compile(r"[.!?][\"\u201d\u2019)\]*]*$")
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "inc", "ltd", "co", "no", "mr", "mrs", "ms", "dr", "st", "vs", "corp"}
)
_SWAP_PROBABILITY = 0.5
_MAX_WORD_EDIT_SHARE = 5  # at most one word-level edit per 5 words (20%)

_Span = tuple[int, int]
_Token = tuple[int, int, str]
_LightEdit = Callable[[str, random.Random], str | None]


def drift(passage: str, *, seed: int, level: int = 2) -> str:
    """Return a realistically edited copy of ``passage``, deterministic per seed.

    Level 1: 1-2 light edits (punctuation, case, whitespace) only.
    Level 2: about one word-level edit per 25 words plus 1-2 light edits.
    Level 3: about one word-level edit per 12 words, 1-3 light edits and,
    for multi-sentence passages, possibly two adjacent sentences swapped.
    The result always differs from ``passage``.
    """
    if level not in (1, 2, 3):
        raise ValueError(f"level must be 1, 2 or 3, got {level!r}")
    if not passage.strip():
        raise ValueError("cannot drift an empty passage")
    rng = random.Random(seed)
    text = passage
    if level >= 3 and rng.random() < _SWAP_PROBABILITY:
        text = _swap_adjacent_sentences(text, rng)
    if level >= 2:
        text = _word_edits(text, rng, words_per_edit=25 if level == 2 else 12)
    light_count = rng.randint(1, 3 if level >= 3 else 2)
    text = _light_edits(text, rng, light_count)
    if text == passage:
        text = _force_change(text, rng)
    return text


def drift_document(
    text: str, passages: list[str], *, seed: int, level: int = 2
) -> tuple[str, list[tuple[int, int]]]:
    """Drift each passage in place; return new text and (start, end) per passage.

    Passage ``i`` is located with ``text.find`` (first occurrence) and replaced
    by ``drift(passage, seed=seed + i, level=level)``. Offsets are half-open,
    in input order. Raises ValueError for a missing, empty or overlapping passage.
    """
    located: list[tuple[int, int, int]] = []
    for index, passage in enumerate(passages):
        if not passage:
            raise ValueError(f"passage {index} is empty")
        start = text.find(passage)
        if start < 0:
            raise ValueError(f"passage not found in text: {_preview(passage)}")
        located.append((start, start + len(passage), index))
    located.sort()
    for (_, prev_end, prev_index), (start, _, index) in zip(located, located[1:]):
        if start < prev_end:
            raise ValueError(
                "passages overlap: "
                f"{_preview(passages[prev_index])} and {_preview(passages[index])}"
            )
    pieces: list[str] = []
    offsets: list[tuple[int, int]] = [(0, 0)] * len(passages)
    cursor = 0
    length = 0
    for start, end, index in located:
        pieces.append(text[cursor:start])
        length += start - cursor
        drifted = drift(passages[index], seed=seed + index, level=level)
        offsets[index] = (length, length + len(drifted))
        pieces.append(drifted)
        length += len(drifted)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces), offsets


def as_list_markup(passage: str) -> str:
    """Render ``passage`` as a Markdown-style list, one enumerated item per line.

    Enumerators ``(1) (2)``, ``(i) (ii)`` or ``(a) (b)`` give ``"* "`` items
    (marker dropped; lead-in and trailing sentences on their own lines);
    otherwise ``"; "`` separators give ``"- "`` items; otherwise ``"- " + passage``.
    """
    markers = _enumerators(passage)
    if len(markers) >= 2:
        lines: list[str] = []
        intro = passage[: markers[0][0]].strip()
        if intro:
            lines.append(intro)
        tail = ""
        for position, (_, item_start) in enumerate(markers):
            is_last = position + 1 == len(markers)
            item_end = len(passage) if is_last else markers[position + 1][0]
            item = passage[item_start:item_end].strip()
            if is_last:
                sentences = _sentence_spans(item)
                if len(sentences) > 1:
                    item, tail = item[: sentences[0][1]], item[sentences[1][0] :].strip()
            lines.append(f"* {item}")
        if tail:
            lines.append(tail)
        return "\n".join(lines)
    parts = [part.strip() for part in passage.split("; ")]
    if len(parts) >= 2 and all(parts):
        return "\n".join(f"- {part}" for part in parts)
    return f"- {passage}"


# --------------------------------------------------------------------------
# Tokens, protected regions and sentences


def _preview(passage: str, limit: int = 80) -> str:
    """Short repr of a passage for error messages."""
    return repr(passage if len(passage) <= limit else passage[:limit] + "...")


def _protected(text: str) -> list[_Span]:
    """Spans (URLs, link targets, e-mails, code) that edits must not touch."""
    return [match.span() for match in _PROTECTED_RE.finditer(text)]


def _inside(position: int, end: int, spans: Sequence[_Span]) -> bool:
    """True if [position, end) overlaps any of ``spans``."""
    return any(start < end and position < stop for start, stop in spans)


def _tokens(text: str) -> list[_Token]:
    """Plain words outside protected spans and not glued to '-', '/', '@', '_'."""
    protected = _protected(text)
    found: list[_Token] = []
    for match in _WORD_RE.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before in "-/@_." or after in "-/@_" or before.isdigit() or after.isdigit():
            continue
        if not _inside(start, end, protected):
            found.append((start, end, match.group()))
    return found


def _sentence_spans(text: str) -> list[_Span]:
    """Half-open spans of sentences (whitespace between them excluded)."""
    spans: list[_Span] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        end = match.start(1)
        last_word = text[start : match.start()].rsplit(None, 1)[-1:] or [""]
        word = last_word[0].lstrip("(*[\"\u201c").lower()
        if re.fullmatch(r"(?:[a-z]\.)*[a-z]", word) or word in _ABBREVIATIONS:
            continue
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


def _match_case(source: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation pattern of ``source``."""
    if len(source) > 1 and source.isupper():
        return replacement.upper()
    if source[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --------------------------------------------------------------------------
# Sentence and word-level edits


def _swap_adjacent_sentences(text: str, rng: random.Random) -> str:
    """Swap two adjacent complete sentences (each of 3+ words), if any."""
    spans = _sentence_spans(text)
    candidates = [
        k
        for k in range(len(spans) - 1)
        if all(
            len(_WORD_RE.findall(text[s:e])) >= 3
            and _TERMINAL_RE.search(text[s:e])
            and text.count("**", s, e) % 2 == 0
            for s, e in (spans[k], spans[k + 1])
        )
    ]
    if not candidates:
        return text
    k = rng.choice(candidates)
    (s1, e1), (s2, e2) = spans[k], spans[k + 1]
    return text[:s1] + text[s2:e2] + text[e1:s2] + text[s1:e1] + text[e2:]


def _word_edits(text: str, rng: random.Random, *, words_per_edit: int) -> str:
    """Apply about one synonym/insert/delete edit per ``words_per_edit`` words."""
    tokens = _tokens(text)
    if not tokens:
        return text
    total = len(_WORD_RE.findall(text))
    count = total // words_per_edit
    if rng.random() < (total % words_per_edit) / words_per_edit:
        count += 1
    count = min(count, max(1, total // _MAX_WORD_EDIT_SHARE))
    synonym = [i for i, (_, _, w) in enumerate(tokens) if w.lower() in SYNONYMS]
    insert = [
        i for i, (_, end, _) in enumerate(tokens) if text[end : end + 1] == " "
    ]
    delete = [
        i
        for i, (start, end, w) in enumerate(tokens)
        if i > 0
        and w.lower() in DELETABLE_WORDS
        and text[start - 1 : start] == " "
        and text[end : end + 1] == " "
    ]
    pools: dict[str, list[int]] = {"synonym": synonym, "insert": insert, "delete": delete}
    weights = {"synonym": 4, "insert": 3, "delete": 3}
    blocked: set[int] = set()  # edited words and their neighbours
    phrases = list(INSERT_PHRASES)
    replacements: list[tuple[int, int, str]] = []
    for _ in range(count):
        kinds = [k for k, pool in pools.items() if any(i not in blocked for i in pool)]
        if not kinds:
            break
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        index = rng.choice([i for i in pools[kind] if i not in blocked])
        blocked.update((index - 1, index, index + 1))
        start, end, word = tokens[index]
        if kind == "synonym":
            choice = rng.choice(SYNONYMS[word.lower()])
            replacements.append((start, end, _match_case(word, choice)))
        elif kind == "delete":
            replacements.append((start, end + 1, ""))
        else:
            phrase = phrases.pop(rng.randrange(len(phrases))) if phrases else "generally"
            following = text[end + 1 : end + 2]
            if following.isalpha() and rng.random() < 0.5:
                replacements.append((end, end, f", {phrase},"))
            else:
                replacements.append((end, end, f" {phrase}"))
    for start, end, new in sorted(replacements, reverse=True):
        text = text[:start] + new + text[end:]
    return text


# --------------------------------------------------------------------------
# Light edits: punctuation, case, whitespace


def _edit_comma_semicolon(text: str, rng: random.Random) -> str | None:
    """Turn one ', ' into '; ' or vice versa."""
    protected = _protected(text)
    spots = [
        m.start()
        for m in re.finditer(r"(?<=[\w)\"\u201d\u2019*])[,;] (?=\S)", text)
        if not _inside(m.start(), m.end(), protected)
    ]
    if not spots:
        return None
    at = rng.choice(spots)
    return text[:at] + ("; " if text[at] == "," else ", ") + text[at + 2 :]


def _edit_quotes(text: str, rng: random.Random) -> str | None:
    """Switch quotes and apostrophes between straight and curly typography."""

    def to_curly(value: str) -> str:
        value = re.sub(r"(?<=[A-Za-z])'(?=[A-Za-z])", "\u2019", value)
        return re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", value)

    def to_straight(value: str) -> str:
        value = re.sub(r"(?<=[A-Za-z])\u2019(?=[A-Za-z])", "'", value)
        return re.sub("\u201c([^\u201d\n]*)\u201d", '"\\1"', value)

    options = [out for out in (to_curly(text), to_straight(text)) if out != text]
    return rng.choice(options) if options else None


def _edit_serial_comma(text: str, rng: random.Random) -> str | None:
    """Add or remove one serial (Oxford) comma before 'and'/'or'."""
    remove = [
        m.start(2) for m in re.finditer(r"(,[^,.;:\n]{1,60})(,)(?= (?:and|or) )", text)
    ]
    add = [
        m.end(1)
        for m in re.finditer(r"(,[^,.;:\n]{0,59}?[\w)][\"\u201d\u2019]?)(?= (?:and|or) )", text)
    ]
    options = [(at, "remove") for at in remove] + [(at, "add") for at in add]
    if not options:
        return None
    at, action = rng.choice(options)
    return text[:at] + text[at + 1 :] if action == "remove" else text[:at] + "," + text[at:]


def _edit_case(text: str, rng: random.Random) -> str | None:
    """Toggle the case of one word's first letter (often a sentence start)."""
    tokens = [
        t for t in _tokens(text) if t[2].islower() or (t[2][0].isupper() and t[2][1:].islower())
    ]
    if not tokens:
        return None
    starts = {s for s, _ in _sentence_spans(text)}
    initial = [t for t in tokens if t[0] in starts]
    start, end, word = rng.choice(initial if initial and rng.random() < 0.4 else tokens)
    toggled = word[0].lower() if word[0].isupper() else word[0].upper()
    return text[:start] + toggled + text[start + 1 :]


def _edit_whitespace(text: str, rng: random.Random) -> str | None:
    """Replace one interior space with a double space, newline, CRLF or NBSP."""
    protected = _protected(text)
    spots = [
        m.start()
        for m in re.finditer(r"(?<=\S) (?=\S)", text)
        if not _inside(m.start(), m.end(), protected)
    ]
    if not spots:
        return None
    at = rng.choice(spots)
    return text[:at] + rng.choice(("  ", "\n", "\r\n", "\u00a0")) + text[at + 1 :]


_LIGHT_EDITS: tuple[tuple[_LightEdit, int], ...] = (
    (_edit_comma_semicolon, 2),
    (_edit_quotes, 1),
    (_edit_serial_comma, 2),
    (_edit_case, 2),
    (_edit_whitespace, 3),
)


def _light_edits(text: str, rng: random.Random, count: int) -> str:
    """Apply ``count`` light edits of distinct kinds (so none undoes another)."""
    available = list(_LIGHT_EDITS)
    applied = 0
    while applied < count and available:
        pick = rng.choices(range(len(available)), weights=[w for _, w in available])[0]
        edit, _ = available.pop(pick)
        result = edit(text, rng)
        if result is not None and result != text:
            text = result
            applied += 1
    return text


def _force_change(text: str, rng: random.Random) -> str:
    """Last resort so the output always differs: whitespace, case or final period."""
    for edit in (_edit_whitespace, _edit_case):
        result = edit(text, rng)
        if result is not None and result != text:
            return result
    stripped = text.rstrip()
    if stripped.endswith("."):
        return stripped[:-1] + text[len(stripped) :]
    return stripped + "." + text[len(stripped) :]


def _enumerators(passage: str) -> list[_Span]:
    """(marker start, item start) of the longest (1)/(i)/(a) sequence, or []."""
    found = [
        (m.start(), m.end(), m.group(1))
        for m in re.finditer(r"(?:^|(?<=\s))\((\d{1,2}|[ivx]{1,5}|[a-z])\)(?=\s)", passage)
    ]
    schemes: tuple[Callable[[int], str], ...] = (str, _roman, lambda k: chr(ord("a") + k - 1))
    best: list[_Span] = []
    for label in schemes:
        run: list[_Span] = []
        for start, end, text in found:
            if text == label(len(run) + 1):
                run.append((start, end))
        if len(run) > len(best) or (len(run) == len(best) and run and run[0] < best[0]):
            best = run
    return best if len(best) >= 2 else []


def _roman(number: int) -> str:
    """Lowercase roman numeral for 1..39."""
    tens, units = divmod(number, 10)
    digits = ("", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix")
    return "x" * tens + digits[units]
