"""Behaviour is unchanged by refactors: `termslens analyze --json` on six real documents equals the committed
snapshot (taken before the pipeline refactor), except for fields added on purpose since (IGNORED_FIELDS)."""

from __future__ import annotations

import json

import pytest

from tests.support.snapshots import DOCUMENTS, SNAPSHOT_DIR, analyze_json, comparable


@pytest.mark.parametrize(("name", "path", "url"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_analyze_json_matches_the_snapshot(shared_dir, name, path, url):
    stored = json.loads((SNAPSHOT_DIR / f"{name}.json").read_text("utf-8"))["answer"]
    answer = comparable(analyze_json(path, url))
    assert answer["text_sha256"] == stored["text_sha256"], "the document text itself changed"
    assert answer["service"] == stored["service"]
    assert answer["summary"] == stored["summary"]
    for got, expected in zip(answer["annotations"], stored["annotations"]):
        assert got == expected
    assert len(answer["annotations"]) == len(stored["annotations"])
