"""The `termslens` command as a user runs it: analyze (text, stdin, HTML, --json, --url, --records), records
validate/list, errors, and `serve` as a real process."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from termslens.cli import main
from termslens.records import bundled_records_dir, imported_records_dir

CLAUDE = "Claude-Anthropic"
CLAUDE_TERMS = f"{CLAUDE}/terms"
CLAUDE_PRIVACY = f"{CLAUDE}/privacy"
OPT_OUT_URL = "https://claude.ai/settings/data-privacy-controls"
ANNOTATION_KEYS = {
    "start", "end", "category", "kind", "record_id", "severity", "title", "means", "matters", "actions", "score",
}

# A sentence no real policy contains, for the made-up service of the extra-records tests.
EXAMPLE_QUOTE = (
    "Examplecorp will paint every uploaded photograph a vivid shade of turquoise before storing it "
    "in the orbital archive for ninety-nine lunar cycles."
)


# --- helpers -------------------------------------------------------------------------------------------------


def _bundled_files() -> list[Path]:
    """The record files shipped with TermsLens: the curated ones, then the imported ones (loaded by default)."""
    files = sorted(bundled_records_dir().glob("*.json"))
    assert files, "no bundled record files found"
    imported = sorted(imported_records_dir().glob("*.json"))
    assert imported, "no imported record files found"
    return files + imported


def _bundled_records() -> list[dict]:
    return [record for path in _bundled_files() for record in json.loads(path.read_text("utf-8"))["records"]]


def _anthropic() -> dict:
    return json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))


def _anthropic_record(record_id: str) -> dict:
    return next(record for record in _anthropic()["records"] if record["id"] == record_id)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _plain(markdown: str) -> str:
    """Markdown inline markup removed (links keep their text, emphasis and escapes go), as record quotes are."""
    text = re.sub(r"\[([^\]]*)\]\([^)\s]*\)", r"\1", markdown)
    text = text.replace("**", "").replace("*", "")
    return text.replace("\\", "")


def _corpus_path(shared_dir: Path, key: str) -> Path:
    path = shared_dir / "corpus" / f"{key}.md"
    assert path.is_file(), path
    return path


def _analyze_json(runner: CliRunner, *args: str, **kwargs) -> dict:
    result = runner.invoke(main, ["analyze", "--json", *args], **kwargs)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "Traceback" not in result.output
    return json.loads(result.stdout)


def _one_error_line(result) -> str:
    """The run failed with exit 1, printed nothing on stdout and exactly one `Error:` line on stderr."""
    assert result.exit_code == 1, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error:"), lines
    return lines[0]


def _example_record_dir(directory: Path) -> Path:
    """A folder with one valid record file for a made-up service whose one record quotes EXAMPLE_QUOTE."""
    directory.mkdir(parents=True, exist_ok=True)
    record_file = {
        "schema_version": 1,
        "service": {"id": "examplecorp", "name": "ExampleCorp", "domains": ["example.com"]},
        "documents": {"terms": {"title": "ExampleCorp Terms", "url": "https://example.com/terms"}},
        "records": [
            {
                "id": "examplecorp-terms-turquoise",
                "document": "terms",
                "category": "content-license",
                "severity": "high",
                "stance": "bad",
                "title": "Your photos get painted turquoise",
                "quote": EXAMPLE_QUOTE,
                "means": "Every photo you upload is recoloured.",
                "matters": "You lose your original colours.",
                "actions": [],
                "source_url": "https://example.com/terms",
                "source_date": "2025-01-01",
                "verified": "2025-01-02",
            }
        ],
    }
    (directory / "examplecorp.json").write_text(json.dumps(record_file), "utf-8")
    return directory


def _example_text() -> str:
    return (
        "ExampleCorp Terms of Service\n\n"
        "1. Welcome. These terms govern your use of our photo service.\n\n"
        f"2. Storage. {EXAMPLE_QUOTE} You can download your photos at any time.\n\n"
        "3. Contact. Write to us if you have questions.\n"
    )


# --- analyze: the report -------------------------------------------------------------------------------------


def test_analyze_prints_report_with_service_title_and_opt_out(runner, shared_dir):
    path = _corpus_path(shared_dir, CLAUDE_TERMS)
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 0, (result.output, result.exception)
    out = result.stdout
    anthropic = _anthropic()
    assert anthropic["service"]["name"] == "Claude (Anthropic)"
    assert "Claude (Anthropic)" in out.splitlines()[0]
    assert _anthropic_record("anthropic-terms-model-training")["title"] in out
    assert "What you can do" in out
    assert OPT_OUT_URL in out
    assert "Traceback" not in result.output


def test_analyze_report_says_when_nothing_is_found(runner, tmp_path):
    path = tmp_path / "recipe.txt"
    path.write_text("Mix two cups of flour with one cup of water and knead for ten minutes.\n", "utf-8")
    result = runner.invoke(main, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "No known clauses found." in result.stdout
    assert "unknown service" in result.stdout


def test_analyze_reads_a_privacy_notice_as_such_from_its_file_name_or_title(runner, tmp_path):
    text = ("To the maximum extent permitted by law, we shall not be liable for any indirect, incidental or "
            "consequential damages arising out of your use of the Services.\n")

    def generic(name: str, *options: str) -> list[str]:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        result = runner.invoke(main, ["analyze", str(path), "--json", *options])
        assert result.exit_code == 0, result.output
        return [a["category"] for a in json.loads(result.stdout)["annotations"]]

    assert generic("terms.md") == ["limitation-of-liability"]
    assert generic("privacy.md") == []
    assert generic("page.txt", "--title", "Acme Privacy Notice") == []


# --- analyze --json --------------------------------------------------------------------------------------------


def test_analyze_json_privacy_annotations_match_record_quotes(runner, shared_dir):
    path = _corpus_path(shared_dir, CLAUDE_PRIVACY)
    data = _analyze_json(runner, str(path))

    assert set(data) == {"text", "service", "summary", "digest", "annotations"}
    text, annotations = data["text"], data["annotations"]
    assert annotations
    assert data["summary"]["total"] == len(annotations)
    assert sum(data["summary"]["by_severity"].values()) == len(annotations)
    assert data["service"]["id"] == "anthropic"

    records = {record["id"]: record for record in _bundled_records()}
    for annotation in annotations:
        assert ANNOTATION_KEYS <= set(annotation), ANNOTATION_KEYS - set(annotation)
        if annotation["kind"] == "generic":  # clause types the detector found beside the records
            assert annotation["record_id"] is None and text[annotation["start"]:annotation["end"]] == annotation["exact"]
            continue
        record = records[annotation["record_id"]]
        assert annotation["severity"] == record["severity"]
        assert annotation["title"] == record["title"]
        assert annotation["category"] == record["category"]
        assert 0 <= annotation["start"] < annotation["end"] <= len(text)
        # the span covers the clause in the page's own text, inline Markdown links included; quotes are plain
        found = _collapse(_plain(text[annotation["start"]:annotation["end"]]))
        quote = _collapse(record["quote"])
        assert found == quote or fuzz.ratio(found.lower(), quote.lower()) >= 90, (record["id"], found, quote)

    privacy_ids = {record["id"] for record in _anthropic()["records"] if record["document"] == "privacy"}
    assert privacy_ids, "anthropic.json has no privacy records"
    assert privacy_ids <= {a["record_id"] for a in annotations}


def test_analyze_json_stdout_is_only_json(runner, shared_dir):
    path = _corpus_path(shared_dir, CLAUDE_PRIVACY)
    result = runner.invoke(main, ["analyze", "--json", str(path)])
    assert result.exit_code == 0, result.output
    # click 8.2+ keeps stdout and stderr apart in the result; stdout must be one JSON document, nothing else.
    decoder = json.JSONDecoder()
    obj, end = decoder.raw_decode(result.stdout)
    assert isinstance(obj, dict)
    assert result.stdout[end:].strip() == ""
    assert result.stdout.count("\n") == 1  # one line
    assert json.loads(result.stdout) == obj


def test_analyze_stdin_matches_file(runner, shared_dir, corpus):
    path = _corpus_path(shared_dir, CLAUDE_PRIVACY)
    from_file = _analyze_json(runner, str(path))
    from_stdin = _analyze_json(runner, "-", input=corpus[CLAUDE_PRIVACY])
    assert from_stdin["annotations"]
    assert from_stdin["annotations"] == from_file["annotations"]
    assert from_stdin["text"] == from_file["text"]


def test_analyze_stdin_report_names_standard_input(runner, corpus):
    result = runner.invoke(main, ["analyze", "-"], input=corpus[CLAUDE_TERMS])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "standard input: Claude (Anthropic)"


def test_analyze_html_page_finds_clause_and_drops_boilerplate(runner, tmp_path, corpus):
    lines = corpus[CLAUDE_TERMS].splitlines()

    def paragraph(prefix: str) -> str:
        line = next(line for line in lines if line.startswith(prefix))
        return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line).replace("\\", "")

    materials = next(line for line in lines if line.startswith("**Our use of Materials.**"))
    materials = materials.removeprefix("**Our use of Materials.** ")
    materials_html = materials.replace(
        "account settings", '<a href="https://claude.ai/settings/data-privacy-controls">account settings</a>'
    ).replace("Feedback", "<strong>Feedback</strong>", 1)
    assert materials_html != materials  # the inline markup really is there
    page = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Consumer Terms of Service \\ Anthropic</title></head>
<body>
<header><div class="logo">Zanzibarlogo</div>
<nav><ul><li><a href="/">Quokkahome</a></li><li><a href="/news">Xylophonenews</a></li>
<li><a href="/careers">Marmaladecareers</a></li></ul></nav></header>
<main><article>
<h1>Consumer Terms of Service</h1>
<p>{paragraph("**Generally.**")}</p>
<p>{paragraph("**Rights and Responsibilities.**")}</p>
<p><strong>Our use of Materials.</strong> {materials_html}</p>
<p>{paragraph("**Limitations.**")}</p>
</article></main>
<footer><p>Flibbertigibbet copyright notice</p><a href="/privacy">Snorkelprivacy</a></footer>
</body></html>
"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")

    data = _analyze_json(runner, str(path))
    assert "anthropic-terms-model-training" in {a["record_id"] for a in data["annotations"]}
    text = data["text"]
    assert "<p>" not in text and "<strong>" not in text
    for noise in ("Zanzibarlogo", "Quokkahome", "Xylophonenews", "Marmaladecareers", "Flibbertigibbet",
                  "Snorkelprivacy"):
        assert noise not in text, noise
    annotation = next(a for a in data["annotations"] if a["record_id"] == "anthropic-terms-model-training")
    found = _collapse(text[annotation["start"]:annotation["end"]])
    quote = _collapse(_anthropic_record("anthropic-terms-model-training")["quote"])
    assert fuzz.ratio(found.lower(), quote.lower()) >= 90


def test_analyze_url_picks_service_by_domain(runner, corpus):
    data = _analyze_json(runner, "--url", "https://claude.ai/legal", "-", input=corpus[CLAUDE_TERMS])
    assert data["service"]["id"] == "anthropic"
    assert data["service"]["matched_by"] == "domain"
    # without a URL the service comes from the clauses found
    data = _analyze_json(runner, "-", input=corpus[CLAUDE_TERMS])
    assert data["service"]["matched_by"] == "content"


# --- analyze: errors -----------------------------------------------------------------------------------------


def test_analyze_missing_file(runner, tmp_path):
    missing = tmp_path / "nope" / "terms.md"
    line = _one_error_line(runner.invoke(main, ["analyze", str(missing)]))
    assert str(missing) in line


def test_analyze_empty_file(runner, tmp_path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    line = _one_error_line(runner.invoke(main, ["analyze", str(path)]))
    assert str(path) in line
    assert "empty" in line


def test_analyze_whitespace_only_file_is_empty(runner, tmp_path):
    path = tmp_path / "blank.md"
    path.write_text("  \n\n\t \n", "utf-8")
    line = _one_error_line(runner.invoke(main, ["analyze", str(path)]))
    assert "empty" in line


def test_analyze_binary_file(runner, tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 10)
    line = _one_error_line(runner.invoke(main, ["analyze", str(path)]))
    assert str(path) in line
    assert "UTF-8" in line


def test_analyze_directory(runner, tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    line = _one_error_line(runner.invoke(main, ["analyze", str(folder)]))
    assert str(folder) in line
    assert "folder" in line


def test_analyze_json_error_keeps_stdout_empty(runner, tmp_path):
    line = _one_error_line(runner.invoke(main, ["analyze", "--json", str(tmp_path / "missing.md")]))
    assert "missing.md" in line


# --- records validate / list ---------------------------------------------------------------------------------


def test_records_validate_bundled(runner):
    result = runner.invoke(main, ["records", "validate"])
    assert result.exit_code == 0, result.output
    count = len(_bundled_records())
    assert count > 0
    assert re.search(rf"\b{count} records\b", result.stdout), result.stdout
    assert re.search(rf"\b{len(_bundled_files())} files?\b", result.stdout), result.stdout


def test_records_validate_counts_all_given_folders(runner, tmp_path):
    directory = _example_record_dir(tmp_path / "extra")
    shutil.copy(bundled_records_dir() / "anthropic.json", directory / "anthropic.json")
    result = runner.invoke(main, ["records", "validate", str(directory)])
    assert result.exit_code == 0, result.output
    assert f"{len(_anthropic()['records']) + 1} records in 2 files" in result.stdout


def test_records_validate_missing_quote(runner, tmp_path):
    data = _anthropic()
    del data["records"][2]["quote"]
    path = tmp_path / "records" / "anthropic.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    line = _one_error_line(runner.invoke(main, ["records", "validate", str(path.parent)]))
    assert str(path) in line
    assert "record 3" in line
    assert "quote" in line


def test_records_validate_broken_json(runner, tmp_path):
    directory = tmp_path / "records"
    directory.mkdir()
    text = (bundled_records_dir() / "anthropic.json").read_text("utf-8")
    path = directory / "broken.json"
    path.write_text(text[: len(text) // 2], "utf-8")
    line = _one_error_line(runner.invoke(main, ["records", "validate", str(directory)]))
    assert str(path) in line
    assert "invalid JSON" in line


def test_records_validate_bad_severity(runner, tmp_path):
    data = _anthropic()
    data["records"][0]["severity"] = "extreme"
    directory = tmp_path / "records"
    directory.mkdir()
    path = directory / "anthropic.json"
    path.write_text(json.dumps(data), "utf-8")
    line = _one_error_line(runner.invoke(main, ["records", "validate", str(directory)]))
    assert str(path) in line
    assert "record 1" in line
    assert "severity" in line
    assert "extreme" in line


def test_records_validate_duplicate_id_across_folders(runner, tmp_path):
    directory = tmp_path / "records"
    directory.mkdir()
    shutil.copy(bundled_records_dir() / "anthropic.json", directory / "copy.json")
    result = runner.invoke(main, ["records", "validate", str(bundled_records_dir()), str(directory)])
    line = _one_error_line(result)
    assert "already defined" in line


def test_records_list_one_line_per_record(runner):
    result = runner.invoke(main, ["records", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    ids = [record["id"] for record in _bundled_records()]
    assert [line.split("\t")[0] for line in lines] == ids
    for line, record in zip(lines, _bundled_records()):
        assert record["title"] in line
        assert record["severity"] in line


def test_records_list_includes_extra_folder(runner, tmp_path):
    directory = _example_record_dir(tmp_path / "extra")
    result = runner.invoke(main, ["records", "list", "--records", str(directory)])
    assert result.exit_code == 0, result.output
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert ids[-1] == "examplecorp-terms-turquoise"
    assert len(ids) == len(_bundled_records()) + 1


# --- extra record folders ------------------------------------------------------------------------------------


def test_analyze_with_records_option(runner, tmp_path):
    directory = _example_record_dir(tmp_path / "extra")
    # without the folder the made-up clause is unknown
    without = _analyze_json(runner, "-", input=_example_text())
    assert "examplecorp-terms-turquoise" not in {a["record_id"] for a in without["annotations"]}

    data = _analyze_json(runner, "--records", str(directory), "-", input=_example_text())
    annotation = next(a for a in data["annotations"] if a["record_id"] == "examplecorp-terms-turquoise")
    assert _collapse(data["text"][annotation["start"]:annotation["end"]]) == EXAMPLE_QUOTE

    url = _analyze_json(runner, "--records", str(directory), "--url", "https://www.example.com/terms", "-",
                        input=_example_text())
    assert url["service"]["id"] == "examplecorp"
    assert url["service"]["matched_by"] == "domain"


def test_analyze_with_records_env(runner, tmp_path, monkeypatch):
    directory = _example_record_dir(tmp_path / "extra")
    monkeypatch.setenv("TERMSLENS_RECORDS", str(directory))
    data = _analyze_json(runner, "-", input=_example_text())
    annotation = next(a for a in data["annotations"] if a["record_id"] == "examplecorp-terms-turquoise")
    assert _collapse(data["text"][annotation["start"]:annotation["end"]]) == EXAMPLE_QUOTE


def test_analyze_with_broken_records_folder(runner, tmp_path):
    directory = tmp_path / "extra"
    directory.mkdir()
    (directory / "bad.json").write_text("{", "utf-8")
    line = _one_error_line(runner.invoke(main, ["analyze", "--records", str(directory), "-"], input="some text"))
    assert "bad.json" in line and "invalid JSON" in line


# --- serve (a real process) ----------------------------------------------------------------------------------


def _console_script() -> Path:
    script = Path(sys.executable).with_name("termslens")
    assert script.is_file(), f"console script missing: {script}"
    return script


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["TERMSLENS_DATA_DIR"] = str(tmp_path / "serve-data")
    env.pop("TERMSLENS_RECORDS", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _lines_of(stream) -> queue.Queue:
    lines: queue.Queue = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


def test_serve_answers_health(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [str(_console_script()), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_serve_env(tmp_path),
    )
    try:
        lines = _lines_of(process.stdout)
        expected = f"listening on http://127.0.0.1:{port}"
        seen: list[str] = []
        deadline = time.monotonic() + 20
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no {expected!r} line; saw {seen}"
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            assert line is not None, f"serve exited ({process.poll()}) before listening; saw {seen}"
            seen.append(line)
            if expected in line:
                break

        url = f"http://127.0.0.1:{port}/api/v1/health"
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    status, body = response.status, json.loads(response.read())
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < deadline, "health did not answer within 10 s"
                assert process.poll() is None, "serve exited"
                time.sleep(0.05)  # polling an accept loop; no readiness signal beyond the line above
        assert status == 200
        assert body["status"] == "ok"
        assert body["records"] >= len(_bundled_records())
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            stream.close()


def test_serve_port_in_use(tmp_path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        try:
            result = subprocess.run(
                [str(_console_script()), "serve", "--port", str(port)],
                capture_output=True,
                text=True,
                env=_serve_env(tmp_path),
                timeout=20,
            )
        except subprocess.TimeoutExpired as exc:  # subprocess.run kills the child on timeout
            pytest.fail(f"serve kept running on a port that is in use: {exc.stdout!r} {exc.stderr!r}")
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    assert str(port) in errors[0]
    assert "listening on" not in result.stdout


def test_feedback_lists_the_reports_sent_from_clause_cards(runner, tmp_path):
    from termslens.api import create_app

    client = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "cli-data")}).test_client()
    client.post("/api/v1/feedback", json={"record_id": "anthropic-terms-model-training", "note": "Toggle renamed",
                                          "url": "https://www.anthropic.com/legal/consumer-terms", "exact": "We may use Materials"})
    client.post("/api/v1/feedback", json={"category": "arbitration", "url": "https://shop.example/terms"})
    result = runner.invoke(main, ["feedback"])
    assert result.exit_code == 0
    assert "anthropic-terms-model-training" in result.output and "note: Toggle renamed" in result.output
    assert "clause type arbitration" in result.output and "https://shop.example/terms" in result.output
    as_json = runner.invoke(main, ["feedback", "--json"])
    assert [r["note"] for r in json.loads(as_json.stdout)["feedback"]] == ["Toggle renamed", ""]
