"""Defaults in one place: where the service listens, how much it accepts, whom it answers, where data lives."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

HOST = "127.0.0.1"
DEFAULT_PORT = 8767
# A 300 KB privacy policy as JSON is well under 1 MiB; 4 MiB leaves room for any real page.
MAX_CONTENT_LENGTH = 4 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000

# --- A busy service still answers ---------------------------------------------------------------------------
# An analysis is CPU-bound (up to a second of a core for a large page), so running more at once than there are
# cores only slows each one down: one per core (api/limits.py).
ANALYSIS_SLOTS = max(1, os.cpu_count() or 1)
# Beyond the slots, this many analyses wait, each at most ANALYSIS_WAIT seconds (the extension gives an analysis
# 20 s); the rest get 503 `busy` at once, with Retry-After: ANALYSIS_RETRY_AFTER.
ANALYSIS_QUEUE = 2 * ANALYSIS_SLOTS
ANALYSIS_WAIT = 5.0
ANALYSIS_RETRY_AFTER = 2
# A light request needs Python's GIL at each step (accept, dispatch, answer) and waits for it behind the
# analyses for up to this long each time (Python's default: 5 ms). 1 ms halved /health's median under 50
# clients (benchmarks/bench_load.py: 32 -> 16-20 ms) at no measurable cost to analyses.
GIL_SWITCH_INTERVAL = 0.001
# The service detects a page's clause types in a child process while it places the records in its own, so that
# an analysis uses two cores (termslens.detector_process): on a 2-core machine the answer to a 100 KB page took
# 0.58-0.67 of the time (benchmarks/bench_scale.py, "1 proc", three full runs). The model then lives in the
# child only. One core has nothing to gain from it.
DETECTOR_PROCESS = (os.cpu_count() or 1) > 1
# The user's stored record files: each rebuilds the library when it changes, so keep them to a number a person
# curates (over it, 507 `store_full`).
MAX_USER_RECORD_FILES = 100
# "This looks wrong" reports are for the records' maintainer, and a report log is most useful at its recent end:
# past this many the oldest are dropped, so a flood of reports can neither fill the disk nor stop new ones.
MAX_FEEDBACK_REPORTS = 20_000

# waitress, set on purpose (its defaults suit a public server behind a proxy, not this one):
WAITRESS = {
    # Every analysis that runs or waits holds a thread; four more keep /health, /site, /records, /categories and
    # /feedback answering while they do (with waitress's default 4 threads, /health waited 1.9 s under load).
    "threads": ANALYSIS_SLOTS + ANALYSIS_QUEUE + 4,
    # A connection silent this long is closed (default 120 s: idle keep-alive connections piled up, and a client
    # that announces a body and never sends it held its connection for two minutes). One being answered is not.
    "channel_timeout": 10,
    "cleanup_interval": 2,  # how often that is checked (default 30 s)
    # Open connections at once (default 100, reached by 98 idle ones plus a few); poll() instead of select() so
    # that file descriptors above 1024 work.
    "connection_limit": 250,
    "asyncore_use_poll": True,
    # Request and response bodies stay in memory up to this size: waitress writes larger ones (default 512 KB in,
    # 1 MB out) to an unnamed temporary file, and page text is not to be written to disk. It also refuses larger
    # bodies itself, with a plain-text 413 before reading them; up to it, the app answers its JSON 413 over
    # MAX_CONTENT_LENGTH.
    "inbuf_overflow": MAX_CONTENT_LENGTH + 1024 * 1024,
    "outbuf_overflow": MAX_CONTENT_LENGTH + 1024 * 1024,
    "max_request_body_size": MAX_CONTENT_LENGTH + 1024 * 1024,
}

# The extension's public key, as in the `key` of extension/manifest.json: it fixes the extension id, so the
# service can tell the extension's requests (Origin: chrome-extension://<id>) from any web page's.
EXTENSION_PUBLIC_KEY = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmXs+KxqELSvO7a03VYAOgAUQ9O9I0xCH4zCVOhsbkpRpjfinbrnJgHEptFyt"
    "cdd6HkkoppCUf3VnRHwMmCrAx/u6Dh30b7uIwsq7VfexT8clwsFCQx/xv+Ajw6nUHo1QlKyf79Mj7J3oWRgx+gK8lgJiqVU4pj7/IAX"
    "kpjLv+xJ1U/QFBhsKElJ7Chwmn8bc/XotcojJ62xk2APV77i240Qqz7wHkU+K8Mmj6M0PoT1C5z5N+ItgrbPWpdcbnofI4uexJCnyCVu"
    "EqwgICCZ4R/fXgEWdwfYOA9X2vr2SN2vYIGCanG1iiy+ksq7hA2Y2idItU/rdYFnsgaNAMUiFMwIDAQAB"
)

RECORDS_ENV = "TERMSLENS_RECORDS"  # extra record folders, separated like PATH
IMPORTED_ENV = "TERMSLENS_IMPORTED"  # "0" leaves out the imported (ToS;DR) records shipped with the package
DATA_DIR_ENV = "TERMSLENS_DATA_DIR"
ALLOWED_ORIGINS_ENV = "TERMSLENS_ALLOWED_ORIGINS"  # extra origins, comma-separated (e.g. a Firefox moz-extension://)


def extension_id(public_key_b64: str = EXTENSION_PUBLIC_KEY) -> str:
    """The Chromium extension id a manifest `key` yields: sha256 of the key, first 32 hex digits mapped to a-p."""
    digest = hashlib.sha256(base64.b64decode(public_key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(digit, 16)) for digit in digest)


EXTENSION_ORIGIN = f"chrome-extension://{extension_id()}"


def default_data_dir() -> Path:
    """The per-user data folder (TERMSLENS_DATA_DIR, else the platform's user data dir)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("termslens", appauthor=False)


def env_record_dirs() -> list[Path]:
    """Record folders named in TERMSLENS_RECORDS."""
    value = os.environ.get(RECORDS_ENV, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def env_allowed_origins() -> list[str]:
    value = os.environ.get(ALLOWED_ORIGINS_ENV, "")
    return [part.strip().rstrip("/") for part in value.split(",") if part.strip()]


def env_imported_records() -> bool:
    """Whether the imported records shipped with the package are loaded (TERMSLENS_IMPORTED=0 turns them off)."""
    return os.environ.get(IMPORTED_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def index_cache_dir(data_dir: Path) -> Path:
    """Where compiled record indexes are kept (rebuilt when the record files' content changes)."""
    return data_dir / "index"
