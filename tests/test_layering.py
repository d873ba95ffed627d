"""Imports flow one way: the engine, the segmentation and the analysis pipeline know no HTTP, store or CLI, and
page analysis never loads the training code (scikit-learn, scipy)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loaded_after(code: str, modules: tuple[str, ...]) -> list[str]:
    probe = f"import sys\n{code}\nprint(sorted(m for m in {modules!r} if m in sys.modules))"
    return eval(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)


@pytest.mark.parametrize(
    "module", ["termslens", "termslens.engine", "termslens.segment", "termslens.analysis", "termslens.detector_process"]
)
def test_pure_layers_import_no_web_store_or_cli_code(module):
    assert _loaded_after(f"import {module}", ("flask", "termslens.store", "sqlite3", "click", "werkzeug")) == []


def test_importing_termslens_loads_nothing_but_its_version():
    assert _loaded_after("import termslens", ("termslens.engine", "numpy", "rapidfuzz")) == []


def test_analysing_a_page_never_loads_the_training_code():
    code = (
        "from termslens.analysis import analyze\n"
        "from termslens.library import Library\n"
        "from termslens.records import bundled_records_dir, load_records\n"
        "analyze(Library(load_records([bundled_records_dir()])), 'We may terminate your account at any time.')"
    )
    assert _loaded_after(code, ("sklearn", "scipy", "termslens.detect.train", "termslens.detect.corpus")) == []
