"""Corpus Markdown as the HTML a site would serve: headings, paragraphs, nested lists, tables, and inline
bold/italic/links/code, so clauses cross element boundaries as they do on real pages. Standard library only.

Handles what the Open Terms Archive Markdown uses: ATX and setext headings, `*`/`-`/`1.` lists nested by
indentation, pipe tables (with `<br>` inside cells), backslash escapes, `**bold**`, `_em_`/`*em*`,
`[text](url)` and `` `code` ``.
"""

from __future__ import annotations

import html
import re

_SETEXT = re.compile(r"^(=+|-+)\s*$")
_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)([*+-]|\d+[.)])\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_EM = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w])_(?!\s)(.+?)(?<!\s)_(?![\w])")
_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> str:
    """One line of Markdown as inline HTML (text escaped first, then markup applied)."""
    escapes: list[str] = []

    def keep(match: re.Match) -> str:
        escapes.append(html.escape(match.group(1)))
        return f"\x00{len(escapes) - 1}\x00"

    text = _ESCAPE.sub(keep, text)
    text = html.escape(text, quote=False)
    text = _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", text)
    text = _LINK.sub(lambda m: f'<a href="{html.escape(m.group(2))}">{m.group(1)}</a>', text)
    text = _BOLD.sub(lambda m: f"<strong>{m.group(1) or m.group(2)}</strong>", text)
    text = _EM.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: escapes[int(m.group(1))], text)


def _cell(text: str) -> str:
    parts = [part.strip() for part in re.split(r"<br\s*/?>", text.strip())]
    lines = []
    for part in parts:
        item = _ITEM.match(part)
        lines.append(("• " + inline(item.group(3))) if item else inline(part))
    return "<br>".join(line for line in lines if line)


def _table(rows: list[str]) -> str:
    cells = [[c for c in re.split(r"(?<!\\)\|", row.strip().strip("|"))] for row in rows if not _TABLE_RULE.match(row)]
    if not cells:
        return ""
    head, *body = cells
    out = ["<div class=\"table-wrap\"><table>", "<thead><tr>"]
    out += [f"<th>{_cell(c)}</th>" for c in head]
    out.append("</tr></thead><tbody>")
    for row in body:
        out.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _list(lines: list[str]) -> str:
    """Nested <ul>/<ol> from list lines (continuation lines already joined)."""
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (indent, tag)
    for line in lines:
        match = _ITEM.match(line)
        indent = len(match.group(1).expandtabs(4))
        tag = "ol" if match.group(2)[0].isdigit() else "ul"
        while stack and indent < stack[-1][0]:
            out.append(f"</li></{stack.pop()[1]}>")
        if not stack or indent > stack[-1][0]:
            out.append(f"<{tag}><li>")
            stack.append((indent, tag))
        else:
            out.append("</li><li>")
        out.append(inline(match.group(3)))
    while stack:
        out.append(f"</li></{stack.pop()[1]}>")
    return "".join(out)


def markdown_to_html(markdown: str) -> str:
    """The body HTML of a Markdown document."""
    lines = markdown.replace("\r\n", "\n").split("\n")
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    table: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(f"<p>{inline(' '.join(s.strip() for s in paragraph))}</p>")
            paragraph.clear()
        if items:
            blocks.append(_list(items))
            items.clear()
        if table:
            blocks.append(_table(table))
            table.clear()

    for i, line in enumerate(lines):
        stripped = line.strip()
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not stripped:
            flush()
            continue
        if not paragraph and not items and _SETEXT.match(following.strip()) and not _ITEM.match(line) and not stripped.startswith("|"):
            flush()
            level = 1 if following.strip().startswith("=") else 2
            blocks.append(f"<h{level}>{inline(stripped)}</h{level}>")
            lines[i + 1] = ""  # the underline is consumed
            continue
        heading = _ATX.match(stripped)
        if heading:
            flush()
            level = len(heading.group(1))
            blocks.append(f"<h{level}>{inline(heading.group(2))}</h{level}>")
            continue
        if stripped.startswith("|"):
            if not table:
                flush()
            table.append(stripped)
            continue
        if _ITEM.match(line):
            if paragraph:
                flush()
            items.append(line)
            continue
        if items and (line.startswith("  ") or not paragraph):
            # A continuation of the last list item.
            items[-1] = items[-1].rstrip() + " " + stripped
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
        paragraph.append(stripped)
    flush()
    return "\n".join(blocks)
