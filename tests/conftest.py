"""Fixtures: an app on a temporary data folder, its client and CLI runner, and the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from flask import request

from termslens import config, vocabulary
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


ANALYSIS_VALIDATOR = jsonschema.Draft202012Validator(vocabulary.schema("analysis"))
DIFF_VALIDATOR = jsonschema.Draft202012Validator(vocabulary.schema("diff"))


def assert_valid_diff(body: object) -> None:
    """`body` is a `termslens diff --json` answer as `schema/diff.schema.json` publishes it."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in DIFF_VALIDATOR.iter_errors(body)]
    assert not errors, "the answer breaks diff.schema.json:\n" + "\n".join(errors[:10])


def assert_valid_analysis(body: object, *, from_cli: bool = False) -> None:
    """`body` is an analysis answer as `schema/analysis.schema.json` publishes it (`text` only from the CLI)."""
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in ANALYSIS_VALIDATOR.iter_errors(body)]
    assert not errors, "the answer breaks analysis.schema.json:\n" + "\n".join(errors[:10])
    assert ("text" in body) is from_cli  # type: ignore[operator]


@pytest.fixture(autouse=True)
def _detect_in_the_test_process(monkeypatch):
    """Apps built in a test detect clause types in the test process, unless the test asks for the detector
    process (tests/test_detector_process.py); a real `termslens serve` (e2e, test_serve) has its own."""
    monkeypatch.setattr(config, "DETECTOR_PROCESS", False)


@pytest.fixture
def app(tmp_path: Path):
    """The app on a temporary data folder; every analysis it answers is checked against the published schema."""
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "RECORD_DIRS": []})
    answers = []

    @app.after_request
    def keep_analysis(response):
        if request.method == "POST" and request.path == "/api/v1/analyze" and response.status_code == 200:
            answers.append(response.get_json())
        return response

    yield app
    for body in answers:
        assert_valid_analysis(body)


class SchemaCheckingRunner(CliRunner):
    """A CLI runner that checks every `termslens analyze --json` and `diff --json` answer against its published
    schema."""

    def invoke(self, cli, args=None, *rest, **kwargs):
        result = super().invoke(cli, args, *rest, **kwargs)
        words = list(args or [])
        if words[:1] == ["analyze"] and "--json" in words and result.exit_code == 0:
            assert_valid_analysis(json.loads(result.stdout), from_cli=True)
        if words[:1] == ["diff"] and "--json" in words and result.exit_code == 0:
            assert_valid_diff(json.loads(result.stdout))
        return result


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(tmp_path: Path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("TERMSLENS_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.delenv("TERMSLENS_RECORDS", raising=False)
    return SchemaCheckingRunner()
