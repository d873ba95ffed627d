"""Sentences that are about the document, not clauses of it: never annotated by type.

A person reading a card expects a clause. The detector's words ("terminate", "arbitration", "licence") also
fill the parts of a page that only point at clauses, and those were flagged as if they were the clause:
- headings (already left out by `model.eligible`) and **tables of contents**: a run of at least TOC_MIN_RUN
  short, one-line entries (section titles, often links: "Dispute Resolution, Arbitration Agreement, Class Action
  Waiver and Jury Trial Waiver");
- **cross-references**: a sentence that only sends the reader elsewhere ("For more information, see ...",
  "Learn more about how we use cookies.", "You can learn more about how to appeal a suspension in our Help
  Center.");
- **definitions only**: "“Content” means any text, images ...", "“Minimum Age” means 16 years old." ("This
  means that ..." explains the clause before it, and is kept).
Each was read on the shared corpus (54 documents; `benchmarks/bench_accuracy.py --noise` lists every
sentence left out and why).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from termslens.segment import Block, Page, Sentence, is_title_like

# A table of contents is at least this many consecutive one-sentence entries (two short lines in a row are
# often a heading and its subtitle).
TOC_MIN_RUN = 3
# An entry has at most this many words (the longest section title read in the corpus has 14).
TOC_ENTRY_MAX_WORDS = 15

TOC = "table of contents"
CROSS_REFERENCE = "cross-reference"
DEFINITION = "definition"

_XREF = re.compile(
    r"^(?:please\s+)?(?:"
    r"see\b(?! (?:if|whether|that|how)\b)|refer to\b|visit\b|learn more\b|to learn more\b|read more\b|find out more\b|"
    r"(?:for|to get|to obtain) (?:more|further|additional|detailed|full) (?:information|details|info)\b|"
    r"(?:more|further|additional) (?:information|details) (?:about|on|regarding|concerning|can be found|is "
    r"available|are available|is set out|are set out|is provided)\b|"
    r"you (?:can|may|will) (?:also )?(?:find|read|learn|get) (?:more|further|additional|out more)\b|"
    r"you (?:can|may) (?:also )?learn about\b|"
    r"(?:read|review) our (?:\w+ ){0,4}(?:policy|notice|article|instructions|page|guide|help)\b"
    r")",
    re.IGNORECASE,
)
# "“Content” means ...", "Voice data means ...", "The term “Services” refers to ..." -- but not "This means ...".
# The defined term is quoted, or is a capitalised phrase of at most four words; "means" then starts the
# definition (not "automated means to access", "other available means of").
_DEFINITION = re.compile(
    r"^(?:[Tt]he (?:term|terms|words?|phrase) )?(?:[“\"'‘][^”\"'’]{1,60}[”\"'’]|"
    r"(?!(?:This|That|It|Which|These|Those|Such|Other)\b)[A-Z][\w’'&/-]*(?: [\w’'&/-]+){0,3}),? "
    r"(?:means|shall mean|refers to|shall refer to|is defined as|has the meaning)\b(?! (?:to|of|by|for|that)\b)(?![(,.;:])"
)
_END_PUNCTUATION = re.compile(r"[.!?;:,]$")
_LINK_ONLY = re.compile(r"^\s*(?:[-*+•]\s+)?(?:\d+(?:\\?\.\d+)*\\?\.?\s+)?\[[^\]]*\]\([^)]*\)\s*$")


def noise(page: Page) -> dict[int, str]:
    """Sentences of the page (indices into `page.sentences`) that no clause type may annotate, with why."""
    out: dict[int, str] = {}
    for index in toc_sentences(page.text, page.blocks, page.sentences):
        out[index] = TOC
    for index, sentence in enumerate(page.sentences):
        if index in out or sentence.is_heading:
            continue
        reason = sentence_noise(sentence.text)
        if reason:
            out[index] = reason
    return out


def sentence_noise(text: str) -> str | None:
    """Why a sentence (model-ready text) is no clause on its own: CROSS_REFERENCE, DEFINITION, or None.

    >>> [sentence_noise(t) for t in ("For more information, see our Cookie Policy.",
    ...  "“Content” means any text or images you post.", "This means we may close your account.",
    ...  "We may terminate your account at any time.")]
    ['cross-reference', 'definition', None, None]
    """
    if _XREF.match(text):
        return CROSS_REFERENCE
    if _DEFINITION.match(text):
        return DEFINITION
    return None


def toc_sentences(text: str, blocks: Sequence[Block], sentences: Sequence[Sentence]) -> list[int]:
    """Sentences in runs of at least TOC_MIN_RUN consecutive table-of-contents entries.

    >>> from termslens.segment import split_page
    >>> page = "Contents\\n\\n1. Our Services\\n\\n2. Dispute Resolution and Arbitration\\n\\n3. Termination\\n\\nWe may end it."
    >>> blocks, sentences = split_page(page)
    >>> [sentences[i].text for i in toc_sentences(page, blocks, sentences)]
    ['Contents', 'Our Services', 'Dispute Resolution and Arbitration', 'Termination']
    """
    out: list[int] = []
    run: list[int] = []
    for block in [*blocks, None]:
        if block is not None and _is_entry(text, block, sentences):
            run.append(block.first_sentence)
            continue
        if len(run) >= TOC_MIN_RUN:
            out.extend(run)
        run = []
    return out


def _is_entry(text: str, block: Block, sentences: Sequence[Sentence]) -> bool:
    """A one-sentence block that reads as a section title: a link of its own, or a short line that is
    title-like or has no sentence punctuation at its end."""
    if block.stop_sentence - block.first_sentence != 1:
        return False
    sentence = sentences[block.first_sentence]
    words = sentence.text.split()
    if not words or len(words) > TOC_ENTRY_MAX_WORDS:
        return False
    raw = text[block.start : block.end]
    return bool(_LINK_ONLY.match(raw)) or is_title_like(sentence.text) or not _END_PUNCTUATION.search(sentence.text)
