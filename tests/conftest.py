"""Fixtures: an app on a temporary data folder, its client and CLI runner, and the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from termslens.api import create_app
from termslens.library import Library
from termslens.records import bundled_records_dir, load_records

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXTENSION_ORIGIN = "chrome-extension://ohdbolieedmedmfgdacelnpmjdfmlima"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the project; it exists on every developer machine and in CI, so it is never skipped."""
    if not (SHARED / "corpus" / "index.json").is_file():
        pytest.fail(f"{SHARED} is missing: the tests read the shared corpus beside the project root")
    return SHARED


@pytest.fixture(scope="session")
def corpus(shared_dir: Path) -> dict[str, str]:
    """Corpus texts by "Service/document" ("Claude-Anthropic/terms")."""
    entries = json.loads((shared_dir / "corpus" / "index.json").read_text("utf-8"))
    return {
        entry["file"].removeprefix("corpus/").removesuffix(".md"): (shared_dir / entry["file"]).read_text("utf-8")
        for entry in entries
    }


@pytest.fixture(scope="session")
def library() -> Library:
    return Library(load_records([bundled_records_dir()]))


@pytest.fixture
def app(tmp_path: Path):
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "RECORD_DIRS": []})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(tmp_path: Path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("TERMSLENS_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.delenv("TERMSLENS_RECORDS", raising=False)
    return CliRunner()
