"""Snapshots of `termslens analyze --json` on six real documents, to prove a refactor changes no behaviour.

Each snapshot keeps the answer without its `text` (the document belongs to its publisher; only its SHA-256 is
kept) and without the fields listed in IGNORED_FIELDS. Regenerate deliberately, never to make a test pass:

    .venv/bin/python -m tests.support.snapshots      # rewrites tests/fixtures/snapshots/*.json
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from click.testing import CliRunner

from termslens.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SNAPSHOT_DIR = ROOT / "tests" / "fixtures" / "snapshots"
# (snapshot name, document under ../shared, --url given to the CLI or None)
DOCUMENTS = (
    ("claude-terms", "corpus/Claude-Anthropic/terms.md", "https://www.anthropic.com/legal/consumer-terms"),
    ("claude-privacy", "corpus/Claude-Anthropic/privacy.md", None),
    ("spotify-terms", "corpus/Spotify/terms.md", None),
    ("facebook-terms", "corpus/Facebook/terms.md", "https://www.facebook.com/terms.php"),
    ("google-privacy", "corpus/Google/privacy.md", None),
    ("rovio-claudette", "claudette-dev/docs/Rovio.txt", None),
)
# Fields that were added on purpose after the snapshot was taken (see the README's "Annotation").
IGNORED_FIELDS = ("id", "provenance", "wording")


def analyze_json(relative_path: str, url: str | None) -> dict:
    """The `termslens analyze --json` answer for a shared document, text replaced by its hash."""
    # The snapshots were taken before records were imported: they check the curated library's behaviour (the
    # imported records have tests of their own, tests/test_tosdr_records.py).
    args = ["analyze", str(SHARED / relative_path), "--json", "--no-imported"] + (["--url", url] if url else [])
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    from tests.conftest import assert_valid_analysis

    assert_valid_analysis(answer, from_cli=True)
    text = answer.pop("text")
    answer["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return answer


def comparable(answer: dict) -> dict:
    """The answer without the fields added after the snapshot."""
    out = dict(answer)
    out["annotations"] = [
        {key: value for key, value in annotation.items() if key not in IGNORED_FIELDS}
        for annotation in answer["annotations"]
    ]
    return out


def main_(argv: list[str]) -> None:
    SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for name, path, url in DOCUMENTS:
        answer = comparable(analyze_json(path, url))
        target = SNAPSHOT_DIR / f"{name}.json"
        target.write_text(json.dumps({"document": path, "url": url, "answer": answer}, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"{target.relative_to(ROOT)}: {len(answer['annotations'])} annotations")


if __name__ == "__main__":
    main_(sys.argv[1:])
