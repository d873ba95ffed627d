"""Planted edits of real documents for the change tracker's tests (test support).

`reformat(text)` changes only how a document is set: line wrapping, list markers and numbering, quote and
dash styles, Markdown emphasis, HTML tags and entities. `replace_once(text, old, new)` makes one planted edit
and fails loudly when the words to edit are not there exactly once, so a test never passes on a text that
no longer holds what it plants into.
"""

from __future__ import annotations

import re
import textwrap

_ORDERED = re.compile(r"^(\s*)(\d{1,3})\\?\.(\s+)", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[*+](\s+)", re.MULTILINE)


def replace_once(text: str, old: str, new: str) -> str:
    """`text` with its one occurrence of `old` replaced by `new`; raises if `old` is absent or repeated."""
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"{old[:60]!r} occurs {count} times in the document, not once")
    return text.replace(old, new)


def reformat(text: str) -> str:
    """The same document set differently, every word unchanged.

    - paragraphs of plain prose re-wrapped at 60 columns (hard line breaks);
    - bullets "*"/"+" become "-", ordered lists renumbered from 10 (a list renumbered);
    - straight quotes become curly and curly straight; en and em dashes become hyphens and back;
    - bold "**x**" becomes "__x__" and emphasis is added around the first word of long paragraphs;
    - "&" becomes "&amp;" and some words are wrapped in <span> tags.
    """
    text = _BULLET.sub(lambda m: f"{m.group(1)}-{m.group(2)}", text)
    text = _ORDERED.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + 9}.{m.group(3)}", text)
    text = text.translate(str.maketrans({"“": '"', "”": '"', "’": "'", '"': "“", "'": "’", "–": "-", "—": "–"}))
    text = re.sub(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*", r"__\1__", text)
    text = text.replace(" & ", " &amp; ")
    paragraphs = text.split("\n\n")
    out = []
    for number, paragraph in enumerate(paragraphs):
        plain = "\n" not in paragraph and len(paragraph) > 200 and not paragraph.lstrip().startswith(("#", "|", "-", "<", ">"))
        if plain and "](" not in paragraph and "__" not in paragraph and "*" not in paragraph:
            words = paragraph.split(" ")
            words[0] = f"*{words[0]}*" if words[0].isalpha() else words[0]
            if number % 3 == 0 and len(words) > 4 and words[3].isalpha():
                words[3] = f"<span>{words[3]}</span>"
            wrapped = textwrap.fill(" ".join(words), width=60, break_long_words=False, break_on_hyphens=False)
            # A wrapped line that starts like a list item or heading would be one in Markdown: keep those whole.
            if not re.search(r"^(?:[-*+#>|]|\d{1,3}[.)])", wrapped, re.MULTILINE):
                paragraph = wrapped
            else:
                paragraph = " ".join(words)
        out.append(paragraph)
    return "\n\n".join(out)
