"""`termslens diff OLD NEW [--json]` as a user runs it: a readable change list (what matters first), the
published JSON shape with offsets into the texts it returns, saved HTML read like `analyze` reads it, and one
`Error:` line for bad input."""

from __future__ import annotations

import json

from termslens import vocabulary
from termslens.cli import main
from tests.support.planted import replace_once

CURSOR = "versions/Cursor/Terms-of-Service/2025-09-18_dcd180d489.md"


def write_pair(tmp_path, shared_dir, old_words: str, new_words: str):
    text = (shared_dir / CURSOR).read_text("utf-8")
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(text, "utf-8")
    new.write_text(replace_once(text, old_words, new_words), "utf-8")
    return old, new


def test_json_gives_the_published_shape_with_offsets_into_both_texts(runner, tmp_path, shared_dir):
    old, new = write_pair(tmp_path, shared_dir, "within 30 days of account creation", "within 10 days of account creation")
    result = runner.invoke(main, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)  # the runner validates it against schema/diff.schema.json
    assert body["summary"] == {"total": 1, "material": 1, "added": 0, "removed": 0, "edited": 1, "moved": 0}
    [change] = body["changes"]
    assert change["kind"] == "edited" and change["material"] and change["category"] == "arbitration"
    [reason] = [r for r in change["reasons"] if r["kind"] == "duration"]
    assert body["old_text"][reason["old"]["start"] : reason["old"]["end"]] == "30 days"
    assert body["new_text"][reason["new"]["start"] : reason["new"]["end"]] == "10 days"
    deleted = [op for op in change["diff"] if op["op"] == "delete"]
    assert [body["old_text"][op["start"] : op["end"]] for op in deleted] == ["30"]


def test_the_change_list_puts_what_matters_first(runner, tmp_path, shared_dir):
    text = (shared_dir / CURSOR).read_text("utf-8")
    edited = replace_once(text, "Anysphere may suspend or terminate", "Anysphere will suspend or terminate")
    edited = replace_once(edited, "Last Updated: June 13, 2025", "Last Updated: July 1, 2025")
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(text, "utf-8")
    new.write_text(edited, "utf-8")
    result = runner.invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2 changes (2 edited); 1 that matter" in out
    assert out.index("Changes that matter") < out.index("modality") < out.index("Other changes") < out.index("July 1")
    assert "[-may-] {+will+}" in out


def test_identical_and_reformatted_files_have_no_changes(runner, tmp_path, shared_dir):
    text = (shared_dir / CURSOR).read_text("utf-8")
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(text, "utf-8")
    new.write_text(text.replace("“", '"').replace("”", '"').replace("**", "__"), "utf-8")
    result = runner.invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 0 and "No changes (formatting aside)." in result.output
    result = runner.invoke(main, ["diff", str(old), str(new), "--json"])
    assert json.loads(result.stdout)["changes"] == []


def test_saved_html_is_compared_by_its_main_text(runner, tmp_path):
    page = "<!doctype html><html><body><nav>Menu</nav><main><h1>Terms</h1><p>You may cancel within {} days of purchase for a full refund of the fees you paid.</p><p>We keep your order history for accounting.</p></main></body></html>"
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text(page.format(30), "utf-8")
    new.write_text(page.format(14), "utf-8")
    result = runner.invoke(main, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert "<p>" not in body["new_text"]
    [change] = body["changes"]
    assert [(r["old"]["text"], r["new"]["text"]) for r in change["reasons"]] == [("30 days", "14 days")]


def test_bad_input_gives_one_error_line(runner, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("Some terms.", "utf-8")
    for args, message in (
        (["diff", str(tmp_path / "missing.md"), str(good)], "cannot read"),
        (["diff", str(good), str(tmp_path)], "it is a folder"),
        (["diff", "-", "-"], "only one of OLD and NEW"),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: ") and message in result.stderr and len(result.stderr.splitlines()) == 1
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"\xff\xfe\x00\xd8")
    result = runner.invoke(main, ["diff", str(binary), str(good)])
    assert result.exit_code == 1 and "Error: cannot read" in result.stderr


def test_the_analysis_schema_holds_the_diff_schemas_change_definitions():
    diff_defs = vocabulary.schema("diff")["$defs"]
    analysis_defs = vocabulary.schema("analysis")["$defs"]
    for name, definition in diff_defs.items():
        assert analysis_defs[name] == definition, name
