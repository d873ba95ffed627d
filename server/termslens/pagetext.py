"""Text to analyse from what a user hands over: plain text and Markdown as they are, HTML via trafilatura."""

from __future__ import annotations

import re

_HTML_START = re.compile(r"\A\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


class InputError(ValueError):
    """Content that cannot be analysed; the message says why in a user's words."""


def looks_like_html(content: str) -> bool:
    return bool(_HTML_START.match(content))


def page_text(content: str) -> str:
    """The text of a document: the main content of an HTML page, else `content` unchanged.

    Raises `InputError` when nothing readable is left.
    """
    if looks_like_html(content):
        import trafilatura  # heavy import: only when there is HTML to read

        text = trafilatura.extract(
            content, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
        )
        if not text or not text.strip():
            raise InputError("the HTML page has no readable main text")
        return text
    if not content.strip():
        raise InputError("it is empty: there is no text to analyze")
    return content


def decode(raw: bytes) -> str:
    """`raw` as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; raises `InputError` otherwise."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    raise InputError("it is not UTF-8 text (save it as UTF-8, or pass the saved HTML page)")
