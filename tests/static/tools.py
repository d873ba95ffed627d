"""Where the extension and the Node tools live, for the checks that need no browser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXTENSION_DIR = ROOT / "extension"
EXTENSION_ID = "ohdbolieedmedmfgdacelnpmjdfmlima"


def node_tool(name: str) -> str:
    """The path of an npm tool of the root package.json (`npm ci` installs them; CI does). A missing tool
    fails the test rather than skipping it, so CI cannot pass without running the check."""
    local = ROOT / "node_modules" / ".bin" / name
    if local.is_file():
        return str(local)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `npm ci` in the project root (CI does)")
    return found


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("node is not installed: the extension's unit tests and linters need Node.js 20+")
    return found
