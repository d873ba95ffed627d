"""Starting the service at login: a systemd user unit on Linux, a launchd agent on macOS.

`termslens service install` writes the file for the current user (no root) and asks the system to start it;
`termslens service uninstall` stops it and removes the file. Windows and other systems are not supported:
there, start `termslens serve` yourself (or from a login script).

The unit runs the very `termslens` this Python environment installed (`sys.executable -m termslens.cli`), so it
keeps working when the shell's PATH differs at login.
"""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

LABEL = "org.termslens.service"  # launchd's label
SYSTEMD_UNIT = "termslens.service"


class UnsupportedSystem(RuntimeError):
    """This system has no user service manager TermsLens knows how to use."""


@dataclass(frozen=True)
class ServiceFile:
    """What `termslens service install` writes: where, what, and the commands that start and stop it."""

    path: Path
    text: str
    start: tuple[tuple[str, ...], ...]
    stop: tuple[tuple[str, ...], ...]


def serve_command(port: int, *, python: str | None = None) -> list[str]:
    """The command the unit runs: this environment's Python running `termslens serve --port PORT`."""
    return [python or sys.executable, "-m", "termslens.cli", "serve", "--port", str(port)]


def systemd_unit(home: Path, port: int, *, python: str | None = None) -> ServiceFile:
    """A systemd user unit (~/.config/systemd/user/termslens.service), started with the user's session."""
    command = " ".join(shlex.quote(part) for part in serve_command(port, python=python))
    text = f"""[Unit]
Description=TermsLens: explains the clauses that matter on terms pages (local service for the browser extension)
After=default.target

[Service]
Type=simple
ExecStart={command}
Restart=on-failure
RestartSec=5

[Install]
WantedBy=default.target
"""
    return ServiceFile(
        path=home / ".config" / "systemd" / "user" / SYSTEMD_UNIT,
        text=text,
        start=(("systemctl", "--user", "daemon-reload"), ("systemctl", "--user", "enable", "--now", SYSTEMD_UNIT)),
        stop=(("systemctl", "--user", "disable", "--now", SYSTEMD_UNIT), ("systemctl", "--user", "daemon-reload")),
    )


def launchd_agent(home: Path, port: int, *, python: str | None = None) -> ServiceFile:
    """A launchd agent (~/Library/LaunchAgents/org.termslens.service.plist), started at login."""
    arguments = "\n".join(f"    <string>{escape(part)}</string>" for part in serve_command(port, python=python))
    logs = home / "Library" / "Logs" / "termslens.log"
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>{LABEL}</string>
  <key>ProgramArguments</key>
  <array>
{arguments}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>StandardOutPath</key>
  <string>{escape(str(logs))}</string>
  <key>StandardErrorPath</key>
  <string>{escape(str(logs))}</string>
</dict>
</plist>
"""
    path = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
    return ServiceFile(
        path=path,
        text=text,
        start=(("launchctl", "load", "-w", str(path)),),
        stop=(("launchctl", "unload", "-w", str(path)),),
    )


def service_file(platform: str, home: Path, port: int, *, python: str | None = None) -> ServiceFile:
    """The start-at-login file for `platform` (sys.platform); raises UnsupportedSystem elsewhere."""
    if platform.startswith("linux"):
        return systemd_unit(home, port, python=python)
    if platform == "darwin":
        return launchd_agent(home, port, python=python)
    raise UnsupportedSystem(
        f"starting at login is not supported on {platform}: run `termslens serve` yourself "
        "(systemd user units on Linux and launchd agents on macOS are)"
    )
