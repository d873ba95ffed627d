"""One segmentation of a page, shared by every stage of an analysis: blocks, sentences and words.

`segment(text)` cuts page text once into the units later stages use, so none of them re-derives its own:
- **blocks**: paragraphs, list items, table cells and headings (`Block`), the clause-sized units a document's
  versions are compared by;
- **sentences** of those blocks, each with the section heading it sits under (`Sentence`), what the
  clause-type detector scores;
- **words** with their offsets (`termslens.engine.tokens`), what the record matcher compares;
- the code-point -> UTF-16 offset map the browser needs.

The sentence splitter was written for the detector's model, trained on CLAUDETTE documents that hold one
sentence per line with headings on lines of their own. It cuts any page text (plain text, Markdown, text
extracted from HTML) into pieces that look like those lines: headings apart, list bullets and enumerators
outside the sentence, one sentence per piece. All offsets are half-open code-point offsets into the page text.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from termslens.engine.tokens import JoinedWords, Tokens, join_words, tokenize

# A "sentence" longer than this (a run-on line with no sentence punctuation, a table flattened into one line)
# is cut at semicolons, then at spaces, so the model never scores a whole page as one sentence. The longest
# CLAUDETTE sentence has 1,673 characters (and is labelled).
MAX_SENTENCE_CHARS = 2000
# Title-like lines (headings without Markdown markup): at most this many words ...
HEADING_MAX_WORDS = 8
# ... or this many when the line is in capitals ("LIMITATION OF LIABILITY AND DISCLAIMERS").
CAPS_HEADING_MAX_WORDS = 12
# A line at least this long that ends without sentence punctuation is a hard-wrapped line of a paragraph
# (plain-text documents wrapped at 72-80 columns), not a heading: it is joined with the next line.
WRAPPED_LINE_MIN_CHARS = 50


@dataclass(frozen=True)
class Block:
    """A paragraph, list item, table cell or heading of page text: `page[start:end]` (lead markup such as bullets
    trimmed), holding `sentences[first_sentence:stop_sentence]`; a heading when all its sentences are."""

    start: int
    end: int
    is_heading: bool
    first_sentence: int
    stop_sentence: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of page text: `page[start:end]`, its model-ready `text` (markup removed, whitespace
    collapsed), the `heading` of the section it sits in (model-ready, "" before the first heading), and
    whether it is itself a heading."""

    start: int
    end: int
    text: str
    heading: str = ""
    is_heading: bool = False


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_TABLE_ROW = re.compile(r"^ {0,3}\|")
# What separates table cells, and parts of a cell (<br> line breaks).
_CELL_EDGE = re.compile(r"\||<br\s*/?>", re.IGNORECASE)
_TABLE_RULE = re.compile(r"^:?-{2,}:?$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# Bullets, blockquote marks and enumerators before a line's text: "*   ", "- ", "> ", "1\. ", "1.2.3 ",
# "(a) ", "iv. ", "a) ". Kept out of the sentence, as CLAUDETTE keeps them on lines of their own.
_LEAD = re.compile(
    r"^[ \t]*(?:(?:[-*+•·▪◦‣–][ \t]+|>[ \t]*)+)?"
    r"(?:(?:\(?(?:\d{1,3}(?:\\?\.\d{1,3})*|[a-zA-Z]|[ivxIVX]{1,5})(?:\\?[.)]|\))[ \t]+"
    r"|\d{1,3}(?:\.\d{1,3})+[ \t]+)(?=\S))?"
)
# Where a sentence ends: ., ! or ? (then a Markdown link's target when the stop ends the link text, closing
# quotes, brackets or emphasis) and whitespace, before what can start a sentence. Whether the full stop really
# ends one is decided by `_ends_sentence`.
_BOUNDARY = re.compile(r"[.!?](?:\]\([^()\s]*\))?[\"'”’)\]*_]*\s+(?=[\"'“‘(\[*_]*[A-Z0-9¿¡])")
# Abbreviations after which a full stop does not end a sentence (compared lower-case, without the stop).
_ABBREVIATIONS = frozenset(
    "e.g i.e etc inc ltd co corp llc plc no nos vs v mr mrs ms dr st art arts sec secs para paras cf approx "
    "incl jan feb mar apr jun jul aug sep sept oct nov dec p pp ch fig op u.s u.k e.u u.s.a s.a s.l b.v n.v "
    "gmbh ag pty a.m p.m".split()
)
# Markdown links and images, and emphasis marks, written so that each branch opens with a literal, which Python's
# re skips ahead to, and a link's target is read a run at a time ("](" then the target's characters, with one
# level of parentheses); tests/test_detect_invariants.py checks them against the plain forms.
_MD_LINK = re.compile(r"(?:!\[|\[)([^\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)")
_BARE_URL_PARENS = re.compile(r"\s*[(<]\s*(?:https?://|mailto:|www\.)[^\s)>]*\s*[)>]")
_URL = re.compile(r"(?:https?://|mailto:|www\.)[^\s)>\]]+")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_(?<!\w_)|_(?!\w)|`+|~~)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_TAGS = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_ENUMERATOR_ONLY = re.compile(r"^\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxIVX]{1,5})[.)]?$")
_LETTER = re.compile(r"[^\W\d_]")


def clean_text(raw: str) -> str:
    """Sentence text as the model reads it: Markdown links as their text, URLs, emphasis, escapes and HTML tags
    removed, entities decoded, whitespace collapsed.

    >>> clean_text("**Your Content.** See [our policy](https://example.com/p) (https://example.com/p).")
    'Your Content. See our policy.'
    """
    text = raw
    # Each substitution runs only when its marker occurs: most sentences carry no markup at all.
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL.sub("", _BARE_URL_PARENS.sub("", text))
    if "<" in text:
        text = _TAGS.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def is_title_like(text: str) -> bool:
    """Whether a line of clean text reads as a heading: short, capitalised, not a sentence.

    >>> [is_title_like(t) for t in ("Governing Law", "No Refunds.", "LIMITATION OF LIABILITY", "Your Stuff is yours.")]
    [True, True, True, False]
    """
    s = text.strip().strip("*#").strip()
    if not s or _ENUMERATOR_ONLY.match(s) or "@" in s or "://" in s:
        return False
    lead = _LEAD.match(s)  # "c. Subscription term and automatic renewal." is titled by what follows "c."
    if lead and 0 < lead.end() < len(s):
        s = s[lead.end() :]
    words = s.split()
    if len(words) > CAPS_HEADING_MAX_WORDS or not _LETTER.search(s):
        return False
    if s.isupper() and len(_LETTER.findall(s)) >= 3:
        return True
    if len(words) > HEADING_MAX_WORDS or not s[0].isupper() and not s[0].isdigit():
        return False
    if s[-1] in ",;":
        return False
    if s[-1] in ".!?:":
        # A short title-cased lead-in ("No Refunds.", "Changes.") heads a section; a short sentence does not.
        capitalised = sum(1 for w in words if w[:1].isupper())
        return len(words) <= 4 and capitalised >= max(1, len(words) - 1)
    return True


def claudette_sentences(lines: Iterable[str]) -> list[Sentence]:
    """Sentences of a CLAUDETTE document (one sentence per line), with the same heading tracking as pages.

    Offsets index the lines joined with "\\n".
    """
    out: list[Sentence] = []
    heading = ""
    offset = 0
    for line in lines:
        lead = _LEAD.match(line)
        # Bullets and enumerators are kept out of page sentences, so they are kept out of training ones too.
        text = clean_text(line[lead.end() :] if lead and lead.end() < len(line.rstrip()) else line)
        title = is_title_like(text)
        out.append(Sentence(offset, offset + len(line), text, heading, title))
        if title:
            heading = text
        offset += len(line) + 1
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of page text in page order, each with the heading of the section it sits in.

    Parameters
    ----------
    text : page text: plain text or Markdown, any line endings

    Returns
    -------
    list of Sentence; `text[s.start:s.end]` is the sentence, trimmed of whitespace, bullets and enumerators.
    Enumerator-only pieces ("1.", "(a)") and pieces with no letters are left out.

    Examples
    --------
    >>> page = "## Governing law\\r\\n\\n* These Terms are governed by Irish law. You may sue us."
    >>> [(page[s.start:s.end], s.heading) for s in split_sentences(page)]  # doctest: +NORMALIZE_WHITESPACE
    [('Governing law', ''), ('These Terms are governed by Irish law.', 'Governing law'),
     ('You may sue us.', 'Governing law')]
    """
    return split_page(text)[1]


def split_page(text: str) -> tuple[list[Block], list[Sentence]]:
    """The blocks of page text and their sentences, in page order, from one pass (see `split_sentences`).

    >>> blocks, sentences = split_page("# Fees\\n\\nWe bill monthly. Fees may change.\\n\\n- You can cancel.")
    >>> [(b.is_heading, [sentences[i].text for i in range(b.first_sentence, b.stop_sentence)]) for b in blocks]
    [(True, ['Fees']), (False, ['We bill monthly.', 'Fees may change.']), (False, ['You can cancel.'])]
    """
    blocks: list[Block] = []
    out: list[Sentence] = []
    heading = ""
    for start, end, structural in _units(text):
        pieces = list(_split_unit(text, start, end))
        first = len(out)
        for number, (s_start, s_end) in enumerate(pieces):
            raw = text[s_start:s_end]
            clean = clean_text(raw)
            if not _LETTER.search(clean):
                continue
            if structural:
                title = True
            elif number == 0:
                # The first sentence of a block heads a section when it is title-like and stands alone, or when it
                # is a short lead-in set in bold ("**Billing.** We'll bill you ...", "**c. Renewal terms.**").
                bold = raw.startswith(("**", "__")) and raw.endswith(("**", "__"))
                title = (
                    (len(pieces) == 1 or bold) and is_title_like(clean)
                    or bold and len(clean.split()) <= HEADING_MAX_WORDS
                )
            else:
                title = False
            out.append(Sentence(s_start, s_end, clean, heading, title))
            if title:
                heading = clean
        if len(out) > first:
            own = out[first:]
            blocks.append(Block(own[0].start, own[-1].end, all(s.is_heading for s in own), first, len(out)))
    return blocks, out


class Page:
    """A page text and its units, each computed once on first use and shared by every stage of an analysis.

    `blocks` and `sentences` come from `split_page`; `tokens` are the matcher's folded words with offsets and
    `joined` the same words as one string; `to_utf16(offset)` maps a code-point offset to UTF-16 code units.
    """

    def __init__(self, text: str):
        self.text = text

    @cached_property
    def _split(self) -> tuple[list[Block], list[Sentence]]:
        return split_page(self.text)

    @property
    def blocks(self) -> list[Block]:
        return self._split[0]

    @property
    def sentences(self) -> list[Sentence]:
        return self._split[1]

    @cached_property
    def tokens(self) -> Tokens:
        return tokenize(self.text)

    @cached_property
    def joined(self) -> JoinedWords:
        return join_words(self.tokens.words)

    @cached_property
    def to_utf16(self) -> Callable[[int], int]:
        return utf16_offsets(self.text)


def segment(text: str) -> Page:
    """The page's shared segmentation (units are computed lazily, each at most once)."""
    return Page(text)


# Characters outside the Basic Multilingual Plane take two UTF-16 code units (emoji, some CJK).
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_offsets(text: str) -> Callable[[int], int]:
    """A function from a code-point offset of `text` to the UTF-16 code-unit offset the browser uses: the
    offset plus the number of astral characters (two code units each) before it.

    >>> utf16_offsets("a\U0001F600b")(2)
    3
    """
    astral = [] if text.isascii() else [match.start() for match in _ASTRAL.finditer(text)]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect_left(astral, offset)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's content, without its line break (\r\n, \r or \n)."""
    start = 0
    for match in _LINE_BREAK.finditer(text):
        yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _units(text: str) -> Iterator[tuple[int, int, bool]]:
    """Blocks to split into sentences: (start, end, is_structural_heading), with lead markup trimmed."""
    lines = list(_lines(text))
    block: tuple[int, int] | None = None
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        following = text[lines[i + 1][0] : lines[i + 1][1]] if i + 1 < len(lines) else ""
        if not line.strip() or _RULE.match(line) and not (block and _SETEXT.match(line)):
            if block:
                yield (*block, False)
                block = None
            continue
        if _SETEXT.match(line) and block:
            yield (*block, True)  # the block just read was a setext heading
            block = None
            continue
        if _TABLE_ROW.match(line):
            # A table row: each cell (and each <br>-separated part of one) is a block of its own; the
            # delimiter row (| --- | --- |) and empty cells are skipped.
            if block:
                yield (*block, False)
                block = None
            edges = [0, *(x for m in _CELL_EDGE.finditer(line) for x in m.span()), len(line)]
            for c_from, c_to in zip(edges[::2], edges[1::2]):
                stripped = line[c_from:c_to].strip()
                if stripped and not _TABLE_RULE.match(stripped):
                    c_start = start + c_from + line[c_from:c_to].index(stripped[0])
                    yield c_start, c_start + len(stripped), _is_bold_line(stripped)
            continue
        atx = _ATX.match(line)
        if atx:
            if block:
                yield (*block, False)
                block = None
            if atx.group(2).strip():
                h_start = start + atx.start(2)
                yield h_start, h_start + len(atx.group(2)), True
            continue
        lead = _LEAD.match(line)
        c_start = start + (lead.end() if lead else 0)
        if c_start >= end:
            continue
        starts_item = bool(lead and lead.end() > 0 and line[: lead.end()].strip())
        bold = _is_bold_line(text[c_start:end])
        if block and (starts_item or bold or not _continues(text[block[0] : block[1]], line)):
            yield (*block, False)
            block = None
        if bold:
            yield c_start, end, True
        elif _SETEXT.match(following) and not starts_item and block is None:
            block = (c_start, end)
        else:
            block = (block[0], end) if block else (c_start, end)
    if block:
        yield (*block, False)


def _continues(previous: str, line: str) -> bool:
    """Whether `line` continues the paragraph whose text so far is `previous` (a hard-wrapped line)."""
    prev = previous.rstrip()
    if not prev or prev[-1] in ".!?:;" or prev.endswith((".\"", ".”", ".)", ".*", ".**")):
        return False
    nxt = line.lstrip()
    if nxt[:1].islower():
        return True
    last_line = prev.rsplit("\n", 1)[-1]
    if last_line.isupper() and not nxt.isupper():
        return False
    return len(last_line) >= WRAPPED_LINE_MIN_CHARS


def _is_bold_line(line: str) -> bool:
    s = line.strip()
    return (
        len(s) > 4 and s.startswith(("**", "__")) and s.endswith(("**", "__"))
        and s.count("**") + s.count("__") == 2 and len(s.split()) <= CAPS_HEADING_MAX_WORDS
    )


def _split_unit(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans of `text[start:end]`, trimmed."""
    unit = text[start:end]
    begin = 0
    for match in _BOUNDARY.finditer(unit):
        if not _ends_sentence(unit, match.start()):
            continue
        stop = match.end() - len(match.group()) + len(match.group().rstrip())
        yield from _bounded(text, start + begin, start + stop)
        begin = match.end()
    yield from _bounded(text, start + begin, end)


def _after_last_space(unit: str, start: int, end: int) -> int:
    """Where the text after the last space, line break or tab of `unit[start:end]` begins (0: there is none)."""
    return max(unit.rfind(" ", start, end), unit.rfind("\n", start, end), unit.rfind("\t", start, end)) + 1


def _ends_sentence(unit: str, dot: int) -> bool:
    if unit[dot] != ".":
        return True
    # The word before the dot starts after the last space, line break or tab; looked for near the dot first, as a
    # search from the unit's start (a long paragraph has no tab) made cutting a page quadratic in its paragraphs.
    near = max(0, dot - 64)
    word_start = _after_last_space(unit, near, dot) or _after_last_space(unit, 0, near)
    if word_start >= dot:
        return True
    token = unit[word_start:dot].lstrip("(\"'“‘*_[").lower()
    if token in _ABBREVIATIONS:
        return False
    # Initials and single letters ("J. Smith", "section 4(a). ") and enumerators ("1.", "1.2.") stay attached:
    # a lone letter is an initial; a number alone at the start of the unit is an enumerator.
    if len(token) == 1 and token.isalpha():
        return False
    return not (token.replace(".", "").isdigit() and word_start == 0)


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """`text[start:end]` trimmed, cut into pieces of at most MAX_SENTENCE_CHARS."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        window = text[start : start + MAX_SENTENCE_CHARS]
        cut = window.rfind("; ")
        cut = cut + 1 if cut > MAX_SENTENCE_CHARS // 4 else window.rfind(" ")
        if cut <= 0:
            cut = MAX_SENTENCE_CHARS
        yield start, start + len(text[start : start + cut].rstrip())
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end
