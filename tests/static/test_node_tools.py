"""The extension's JavaScript checks, run from the README's one test command: the Node unit tests
(tests/js, Node's own test runner) and eslint (eslint.config.js). Both are npm devDependencies (`npm ci`)."""

from __future__ import annotations

import json
import re
import subprocess

from tests.static.tools import ROOT, node, node_tool

# issue 9 asks for at least 30 unit tests; fewer means files stopped being found, not that tests passed.
MIN_NODE_TESTS = 30


def test_the_javascript_unit_tests_pass():
    result = subprocess.run(
        [node(), "--test", "--test-reporter=tap", "tests/js/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = dict(re.findall(r"^# (tests|pass|fail|cancelled) (\d+)$", result.stdout, re.M))
    failures = "\n".join(line for line in result.stdout.splitlines() if line.lstrip().startswith("not ok"))
    assert result.returncode == 0, f"node --test failed:\n{failures}\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
    assert int(summary.get("fail", "1")) == 0 and int(summary.get("cancelled", "0")) == 0, summary
    assert int(summary.get("pass", "0")) >= MIN_NODE_TESTS, summary


def test_eslint_finds_nothing():
    result = subprocess.run(
        [node_tool("eslint"), "--format", "json", "extension", "tests/js", "eslint.config.js"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    findings = [
        f"{entry['filePath']}:{message.get('line')}: {message['message']} ({message.get('ruleId')})"
        for entry in report
        for message in entry["messages"]
    ]
    assert findings == [], "\n".join(findings)
    assert result.returncode == 0, result.stderr
    linted = {entry["filePath"] for entry in report}
    assert any(path.endswith("content/main.js") for path in linted) and any("tests/js" in path for path in linted)
