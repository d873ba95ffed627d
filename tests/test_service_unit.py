"""`termslens service install|uninstall`: the start-at-login file, written into a temporary home and read back."""

from __future__ import annotations

import plistlib
import shlex
import sys
from pathlib import Path

import pytest

from termslens.cli import main
from termslens.service_unit import UnsupportedSystem, service_file


def test_install_writes_a_systemd_user_unit_that_runs_this_termslens(runner, tmp_path):
    if not sys.platform.startswith("linux"):
        pytest.skip("the CLI writes the unit of the system it runs on; the macOS agent is tested below")
    result = runner.invoke(main, ["service", "install", "--port", "8799", "--home", str(tmp_path)])
    assert result.exit_code == 0, result.output
    unit = tmp_path / ".config" / "systemd" / "user" / "termslens.service"
    text = unit.read_text()
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    command = shlex.split(exec_start.removeprefix("ExecStart="))
    assert command == [sys.executable, "-m", "termslens.cli", "serve", "--port", "8799"]
    assert Path(command[0]).is_file()
    import subprocess

    ran = subprocess.run([*command[:3], "--version"], capture_output=True, text=True, timeout=60)
    assert ran.returncode == 0 and ran.stdout.startswith("termslens"), ran  # the unit's command really is termslens
    assert "WantedBy=default.target" in text and "Restart=on-failure" in text
    assert str(unit) in result.output
    removed = runner.invoke(main, ["service", "uninstall", "--home", str(tmp_path)])
    assert removed.exit_code == 0 and not unit.exists()
    again = runner.invoke(main, ["service", "uninstall", "--home", str(tmp_path)])
    assert again.exit_code == 1 and again.output.startswith("Error: TermsLens is not set to start at login")


def test_the_macos_agent_is_a_valid_plist_started_at_login(tmp_path):
    agent = service_file("darwin", tmp_path, 8767, python="/Users/me/termslens/.venv/bin/python")
    assert agent.path == tmp_path / "Library" / "LaunchAgents" / "org.termslens.service.plist"
    plist = plistlib.loads(agent.text.encode())
    assert plist["Label"] == "org.termslens.service"
    assert plist["ProgramArguments"] == ["/Users/me/termslens/.venv/bin/python", "-m", "termslens.cli", "serve", "--port", "8767"]
    assert plist["RunAtLoad"] is True
    assert agent.start == (("launchctl", "load", "-w", str(agent.path)),)


def test_a_path_with_spaces_is_quoted_in_the_systemd_unit(tmp_path):
    unit = service_file("linux", tmp_path, 8767, python="/home/me/my tools/.venv/bin/python")
    exec_start = next(line for line in unit.text.splitlines() if line.startswith("ExecStart="))
    assert shlex.split(exec_start.removeprefix("ExecStart="))[0] == "/home/me/my tools/.venv/bin/python"


def test_other_systems_are_told_plainly(tmp_path):
    with pytest.raises(UnsupportedSystem, match="not supported on win32"):
        service_file("win32", tmp_path, 8767)
