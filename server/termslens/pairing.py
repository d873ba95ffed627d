"""Pairing a Firefox install with the service: which `moz-extension://` origins it answers.

Chromium fixes the extension's id with the manifest's `key`, so the service knows its origin in advance
(config.EXTENSION_ORIGIN). Firefox gives every install a random `moz-extension://<uuid>` origin, so the
service learns it once, with the person's say-so:

1. The extension (unpaired, so refused elsewhere) asks `POST /api/v1/pairing`; the service keeps a request
   for that exact origin with a one-time code and answers the code, which the extension's settings show.
2. The person runs `termslens pair CODE` in a terminal. The command writes the data folder directly, so
   whoever can confirm is whoever can write the person's own files: no web page and no other extension can.
3. From then on the service answers that exact origin (api/guard.py), until `termslens pair --forget`.

A web page cannot even ask (its Origin is not `moz-extension://`); another Firefox extension can ask, but
gets its own code, which nobody types. `termslens pair` prints the origin it trusts, and the extension's
settings show theirs, so the two can be compared.

This module is pure: the pairing state is a plain dict `{"paired": [...], "requests": [...]}` that the store
(store.py) loads and saves in one transaction around these functions.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any

# A Firefox extension's origin, exactly: moz-extension:// and a lower-case UUID, nothing after it.
FIREFOX_ORIGIN = re.compile(r"moz-extension://[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Codes are read off a screen and typed: no 0/O, 1/I/L. 8 symbols of 31 ≈ 40 bits, shown as XXXX-XXXX.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
# Long enough to open a terminal and type the command, short enough that a code seen once is soon useless.
REQUEST_LIFETIME = timedelta(minutes=15)
# Pending requests kept at once (the oldest goes first): another extension asking in a loop fills no disk.
MAX_REQUESTS = 8


def is_firefox_origin(origin: str) -> bool:
    """True for 'moz-extension://<uuid>' exactly (no trailing slash, no path)."""
    return FIREFOX_ORIGIN.fullmatch(origin) is not None


def normalize_code(code: str) -> str:
    """The code as stored: upper case, without spaces or dashes ('k7qm-4xpa' → 'K7QM4XPA')."""
    return re.sub(r"[\s-]", "", code).upper()


def format_code(code: str) -> str:
    """'K7QM4XPA' → 'K7QM-4XPA', as the settings page shows it."""
    return f"{code[:4]}-{code[4:]}"


def empty_state() -> dict[str, list[dict[str, Any]]]:
    return {"paired": [], "requests": []}


def _when(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _live(requests: list[dict[str, Any]], now: datetime) -> list[dict[str, Any]]:
    return [r for r in requests if _when(r["created"]) + REQUEST_LIFETIME > now]


def paired_origins(state: dict[str, Any]) -> frozenset[str]:
    """The origins the person confirmed."""
    return frozenset(entry["origin"] for entry in state.get("paired", []))


def request_code(state: dict[str, Any], origin: str, *, now: datetime) -> tuple[dict[str, Any], str, int]:
    """The pending code for `origin` (a new one if it has none that is still valid).

    Returns the new state, the code and the seconds it stays valid. Raises ValueError for an origin that is
    not a Firefox extension's.
    """
    if not is_firefox_origin(origin):
        raise ValueError(f"not a Firefox extension origin: {origin!r}")
    requests = _live(state.get("requests", []), now)
    mine = next((r for r in requests if r["origin"] == origin), None)
    if mine is None:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        mine = {"origin": origin, "code": code, "created": now.isoformat()}
        requests = [*requests, mine][-MAX_REQUESTS:]
    left = int((_when(mine["created"]) + REQUEST_LIFETIME - now).total_seconds())
    return {**state, "requests": requests}, mine["code"], left


def confirm(state: dict[str, Any], code: str, *, now: datetime) -> tuple[dict[str, Any], str | None]:
    """Pair the origin whose pending request has `code`; the new state and that origin (None: no such code)."""
    wanted = normalize_code(code)
    requests = _live(state.get("requests", []), now)
    match = next((r for r in requests if secrets.compare_digest(r["code"], wanted)), None)
    if match is None:
        return {**state, "requests": requests}, None
    paired = [p for p in state.get("paired", []) if p["origin"] != match["origin"]]
    paired.append({"origin": match["origin"], "paired": now.isoformat()})
    rest = [r for r in requests if r["origin"] != match["origin"]]
    return {"paired": paired, "requests": rest}, match["origin"]


def forget(state: dict[str, Any], origin: str) -> tuple[dict[str, Any], bool]:
    """Stop answering `origin`; the new state and whether it was paired."""
    kept = [p for p in state.get("paired", []) if p["origin"] != origin.rstrip("/")]
    return {**state, "paired": kept}, len(kept) != len(state.get("paired", []))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
