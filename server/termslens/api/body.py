"""Reading a JSON request body and its fields, with a precise 4xx for each way it can be wrong.

The body is checked before, while and right after it is parsed, so that nothing later (json, jsonschema, the
store) meets input it cannot handle: nesting deeper than MAX_JSON_DEPTH is refused before `json.loads` sees it,
a number longer than MAX_NUMBER_CHARS while it is parsed (Python refuses to convert integers of over 4,300
digits with a ValueError), and text that cannot be encoded (a lone surrogate, which JSON can carry as
"\\ud800" and neither UTF-8 nor SQLite can store) right after.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import SplitResult, urlsplit

from flask import request

from termslens.api.errors import ApiError

# A record file, the deepest body any route takes, nests 6 levels (file > records > record > actions > action >
# steps). jsonschema spends several stack frames per level, so a few hundred levels exhaust Python's stack.
MAX_JSON_DEPTH = 32
# No field takes a number beyond `schema_version`; 100 characters fit any real number with room to spare.
MAX_NUMBER_CHARS = 100

# A JSON string (its escapes included), then everything that is not a bracket: what is left is the nesting.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(ValueError):
    """Raised from inside json.loads's hooks; the message says what was refused."""


def _too_deep(text: str) -> bool:
    """True when arrays and objects nest more than MAX_JSON_DEPTH levels (brackets inside strings do not count)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    if brackets.count("[") + brackets.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        else:
            depth -= 1
    return False


def _number(kind: type) -> Any:
    def parse(literal: str) -> Any:
        if len(literal) > MAX_NUMBER_CHARS:
            raise _Refused(f"a number of {len(literal):,} characters (the limit is {MAX_NUMBER_CHARS})")
        return kind(literal)

    return parse


def _not_json(literal: str) -> Any:
    raise _Refused(f"{literal} is not a JSON value")


def parse_json(text: str) -> Any:
    """`text` parsed as JSON, within the depth and number limits; raises ApiError 400 `invalid_json`."""
    if _too_deep(text):
        raise ApiError(
            400, "invalid_json", f"Request body is not accepted: it nests more than {MAX_JSON_DEPTH} levels deep."
        )
    try:
        return json.loads(text, parse_int=_number(int), parse_float=_number(float), parse_constant=_not_json)
    except json.JSONDecodeError as exc:
        raise ApiError(
            400, "invalid_json", f"Request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
        ) from None
    except _Refused as exc:
        raise ApiError(400, "invalid_json", f"Request body is not accepted: {exc}.") from None
    except RecursionError:  # unreachable after _too_deep; kept so that no body can ever reach a 500 here
        raise ApiError(400, "invalid_json", "Request body is not valid JSON: nested too deeply.") from None


def _unencodable(value: Any, path: str) -> Iterable[tuple[str, bool]]:
    """(path, is_key) of each string in `value` that holds a lone surrogate. Depth is bounded by MAX_JSON_DEPTH."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            yield path, False
    elif isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(key):
                yield path, True
                continue
            yield from _unencodable(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unencodable(item, f"{path}[{index}]")


def check_encodable(data: Any) -> None:
    """Raise ApiError when a string in `data` cannot be encoded as UTF-8: 422 `invalid_field` naming the field,
    or 400 `invalid_encoding` when it is an object key."""
    for path, is_key in _unencodable(data, ""):
        if is_key:
            where = f" in '{_shorten(path)}'" if path else ""
            raise ApiError(400, "invalid_encoding", f"The request body has a key{where} that is not text {_WHY}.")
        raise ApiError(422, "invalid_field", f"The field '{_shorten(path)}' holds text that is not Unicode {_WHY}.")


_WHY = "(a lone surrogate such as \\ud800, which cannot be stored)"


def _shorten(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_body() -> dict[str, Any]:
    """The request's JSON object; raises ApiError 415/400/422 when it is not a usable one (413 comes from Flask)."""
    if request.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the body as application/json.")
    raw = request.get_data(cache=True)
    if not raw.strip():
        raise ApiError(400, "empty_body", "The request body is empty; send a JSON object.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_encoding", f"The request body is not UTF-8 (byte {exc.start}).") from None
    data = parse_json(text)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_json", "Request body must be a JSON object.")
    check_encodable(data)
    return data


_TYPE_NAMES = {str: "a string", dict: "an object", list: "an array", bool: "true or false"}


def field(data: dict[str, Any], name: str, kind: type, *, required: bool = True, max_chars: int | None = None) -> Any:
    """`data[name]` checked to be of `kind` (and a string at most `max_chars` long); raises ApiError 422 naming
    the field when missing, mistyped or too long."""
    if name not in data or data[name] is None:
        if required:
            raise ApiError(422, "missing_field", f"The field '{name}' is required.")
        return None
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ApiError(422, "invalid_field", f"The field '{name}' must be {_TYPE_NAMES.get(kind, kind.__name__)}.")
    if max_chars is not None and isinstance(value, str | list) and len(value) > max_chars:
        raise ApiError(
            422, "invalid_field", f"The field '{name}' is limited to {max_chars:,} characters; it has {len(value):,}."
        )
    return value


def split_url(value: str) -> SplitResult | None:
    """`urlsplit(value)`, or None for what it cannot split ('http://[', 'https://[zz]/') or a port that is not
    one ('http://x:99999/')."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError:
        return None
    return parts


def is_url(value: str, *, schemes: tuple[str, ...], host: bool = False) -> bool:
    """True when `value` is a URL with one of `schemes` (and, with `host`, a host name)."""
    parts = split_url(value)
    return parts is not None and parts.scheme in schemes and (not host or bool(parts.hostname))


def query_arg(name: str) -> str:
    value = request.args.get(name, "").strip()
    if not value:
        raise ApiError(400, "missing_parameter", f"The query parameter '{name}' is required.")
    return value
