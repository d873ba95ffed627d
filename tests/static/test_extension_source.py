"""Checks on the extension's source that need no browser: the fixed id, message names in one place, no HTML
parsing of data, and the content script's module list in step with its imports."""

from __future__ import annotations

import json
import re
from fnmatch import fnmatch
from pathlib import Path

from termslens import config
from tests.static.tools import EXTENSION_DIR, EXTENSION_ID

SCRIPTS = sorted(EXTENSION_DIR.rglob("*.js"))
IMPORT = re.compile(r"""^\s*import\s[^;]*?from\s+["']([^"']+)["']""", re.M)


def source(path: Path) -> str:
    """A script without its comments (so prose about innerHTML is not code that uses it)."""
    text = path.read_text("utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$|(?<=[;,{}()\s])//[^\n\"'`]*$", "", text)


def test_the_manifest_key_gives_the_id_the_service_accepts():
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text("utf-8"))
    assert manifest["key"] == config.EXTENSION_PUBLIC_KEY
    assert config.extension_id(manifest["key"]) == EXTENSION_ID
    assert config.EXTENSION_ORIGIN == f"chrome-extension://{EXTENSION_ID}"


def test_message_types_are_named_only_in_messages_js():
    messages = (EXTENSION_DIR / "lib" / "messages.js").read_text("utf-8")
    types = re.findall(r'^\s+[A-Z_]+: "([a-zA-Z]+)",', messages, re.M)
    assert len(types) >= 10
    for path in SCRIPTS:
        if path.name == "messages.js":
            continue
        text = path.read_text("utf-8")
        for name in types:
            assert f'"{name}"' not in text and f"'{name}'" not in text, f"{path.name} spells out message type {name}"


def test_no_script_parses_strings_as_html():
    for path in SCRIPTS:
        code = source(path)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment", "DOMParser"):
            assert sink not in code, f"{path.relative_to(EXTENSION_DIR)} uses {sink}"


def module_graph(entry: Path) -> set[Path]:
    seen: set[Path] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        for target in IMPORT.findall(path.read_text("utf-8")):
            resolved = (path.parent / target).resolve()
            if resolved not in seen:
                seen.add(resolved)
                todo.append(resolved)
    return seen


def test_the_loader_preloads_exactly_the_content_modules():
    loader = (EXTENSION_DIR / "content" / "loader.js").read_text("utf-8")
    listed = re.search(r"const MODULES = \[(.*?)\];", loader, re.S).group(1)
    preloaded = {(EXTENSION_DIR / p).resolve() for p in re.findall(r'"([^"]+\.js)"', listed)}
    assert preloaded == module_graph(EXTENSION_DIR / "content" / "main.js")


def test_every_content_module_is_web_accessible():
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text("utf-8"))
    patterns = [p for entry in manifest["web_accessible_resources"] for p in entry["resources"]]
    for path in module_graph(EXTENSION_DIR / "content" / "main.js") | {(EXTENSION_DIR / "content" / "main.js").resolve()}:
        relative = path.relative_to(EXTENSION_DIR.resolve()).as_posix()
        assert any(fnmatch(relative, p) for p in patterns), relative


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_highlight_colours_keep_text_readable_on_light_and_dark_pages():
    css = re.sub(r"/\*.*?\*/", "", (EXTENSION_DIR / "content" / "highlights.css").read_text("utf-8"), flags=re.S)
    rules = re.findall(r"([^{}]*::highlight\((termslens-\w+)\))\s*\{([^}]*)\}", css)
    light, dark = {}, {}
    for selector, name, body in rules:
        colours = dict(re.findall(r"(background-color|(?<![-\w])color):\s*(#[0-9a-f]{6})", body))
        (dark if "dark" in selector else light)[name] = colours
    assert set(light) == set(dark) == {"termslens-high", "termslens-medium", "termslens-low", "termslens-focus", "termslens-change"}
    for palette in (light, dark):
        for name, colours in palette.items():
            assert contrast(colours["color"], colours["background-color"]) >= 7, name


# Files where vocabulary values may be spelled: the generated module, the words people read for them, and the
# messages module (whose analysis triggers "auto"/"request"/"update" share a word with an action kind).
VOCABULARY_HOMES = {"lib/vocabulary.js", "lib/labels.js", "lib/messages.js"}


def test_vocabulary_values_are_spelled_only_where_the_vocabulary_lives():
    """Severities, stances, action and annotation kinds and category ids come from lib/vocabulary.js (generated
    from the service's schemas and taxonomy): a script that spells one itself would miss a renamed value."""
    from termslens import vocabulary
    from termslens.taxonomy import categories

    values = {*vocabulary.SEVERITIES, *vocabulary.STANCES, *vocabulary.ACTION_KINDS, *vocabulary.ANNOTATION_KINDS, *categories()}
    for path in SCRIPTS:
        relative = path.relative_to(EXTENSION_DIR).as_posix()
        if relative in VOCABULARY_HOMES:
            continue
        spelled = {value for value in values if re.search(rf"""["'`]{re.escape(value)}["'`]""", source(path))}
        assert not spelled, f"{relative} spells vocabulary values {sorted(spelled)}: import them from lib/vocabulary.js"
