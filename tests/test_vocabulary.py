"""One vocabulary: the values of the record schema, the analysis schema, the taxonomy and the extension agree,
and the extension's generated module is current."""

from __future__ import annotations

import json
import re

from termslens import vocabulary
from termslens.taxonomy import categories
from tests.conftest import ROOT


def test_the_extension_vocabulary_module_is_generated_from_the_current_sources():
    current = (ROOT / vocabulary.JS_MODULE).read_text("utf-8")
    assert current == vocabulary.javascript(), "extension/lib/vocabulary.js is stale: run python -m termslens.vocabulary"


def test_the_analysis_contract_allows_exactly_the_record_schemas_values():
    defs = vocabulary.schema("analysis")["$defs"]
    assert tuple(defs["severity"]["enum"]) == vocabulary.SEVERITIES == ("high", "medium", "low")
    assert tuple(defs["stance"]["enum"]) == vocabulary.STANCES
    assert tuple(defs["action_kind"]["enum"]) == vocabulary.ACTION_KINDS


def test_every_category_default_uses_the_vocabulary():
    for info in categories().values():
        assert info.severity in vocabulary.SEVERITIES and info.stance in vocabulary.STANCES


def test_the_generated_module_carries_every_category_with_its_defaults():
    source = vocabulary.javascript()
    body = re.search(r"export const CATEGORIES = deepFreeze\((\{.*?\n\})\);", source, re.S).group(1)
    generated = json.loads(body)
    assert list(generated) == list(categories())
    assert generated["ai-training"]["severity"] == categories()["ai-training"].severity


def test_the_check_mode_fails_on_a_stale_module(tmp_path, capsys):
    (tmp_path / "extension" / "lib").mkdir(parents=True)
    (tmp_path / vocabulary.JS_MODULE).write_text("export const SEVERITIES = [];\n", "utf-8")
    assert vocabulary.main(["--check", str(tmp_path)]) == 1
    assert "stale" in capsys.readouterr().err
    assert vocabulary.main([str(tmp_path)]) == 0
    assert vocabulary.main(["--check", str(tmp_path)]) == 0
