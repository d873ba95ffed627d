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
