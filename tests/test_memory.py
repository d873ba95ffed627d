"""The service asks glibc for fewer malloc arenas (its resident memory is measured by benchmarks/bench_scale.py)."""

from __future__ import annotations

import ctypes
import platform
import subprocess
import sys

import pytest

from termslens import memory


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_takes_the_arena_limit():
    # In a fresh interpreter, as `termslens serve` does before its threads start.
    code = "from termslens.memory import limit_malloc_arenas; print(limit_malloc_arenas())"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "True"


def test_without_glibc_nothing_changes_and_nothing_fails(monkeypatch):
    def missing(*args, **kwargs):
        raise OSError("no such library")

    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert memory.limit_malloc_arenas() is False
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    assert memory.limit_malloc_arenas() is False
