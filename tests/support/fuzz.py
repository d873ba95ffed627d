"""Hypothesis strategies for requests to every route of the API, as an attacker or a broken client sends them:
bodies (valid-looking, mutated, raw junk, huge numbers, deep nesting, lone surrogates), headers (Host, Origin,
Sec-Fetch-Site, Content-Type, Expect) and paths and query strings. Used by tests/test_fuzz.py (Flask's test
client, bounded) and benchmarks/fuzz_serve.py (a real `termslens serve`, at least 10,000 requests).

`check_response` is the property: never a 5xx, and every error in the documented shape.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import quote

from hypothesis import strategies as st

EXTENSION_ORIGIN = "chrome-extension://ohdbolieedmedmfgdacelnpmjdfmlima"
RECORD_ID = "anthropic-terms-model-training"


@dataclass(frozen=True)
class FuzzRequest:
    method: str
    path: str  # with its query string, percent-encoded ASCII
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def route(self) -> str:
        """The route it aims at, for counting: "POST /analyze", "GET /records/<id>", "PATCH (other path)"."""
        parts = self.path.split("?")[0].split("/")
        if parts[1:3] != ["api", "v1"] or len(parts) < 4:
            return f"{self.method} (other path)"
        name = f"{parts[3]}/<id>" if len(parts) > 4 else parts[3]
        return f"{self.method} /{name}"


def _record_file() -> dict:
    return {
        "schema_version": 1,
        "service": {"id": "fuzzcorp", "name": "Fuzz Corp", "domains": ["fuzzcorp.test"]},
        "documents": {"terms": {"title": "Terms", "url": "https://fuzzcorp.test/terms"}},
        "records": [{
            "id": "fuzzcorp-sells-data", "document": "terms", "category": "data-sale", "severity": "high",
            "stance": "bad", "title": "Sells your data",
            "quote": "Fuzz Corp may sell everything you tell it to anyone.",
            "means": "Your data can be sold.", "matters": "Anyone may buy it.", "actions": [],
            "source_url": "https://fuzzcorp.test/terms", "source_date": "2026-01-01", "verified": "2026-11-22",
        }],
    }


# --- values ----------------------------------------------------------------------------------------------------

SURROGATES = st.characters(categories=["Cs"])
# Text as pages, people and attackers write it: any code point, lone surrogates included now and then.
TEXT = st.one_of(
    st.text(max_size=60),
    st.text(st.one_of(st.characters(), SURROGATES), max_size=20),
    st.sampled_from(["", " ", "\u0000", "\ud800", "x\udfffy", "😀", "<b>x</b>", "arbitration", "ai-training",
                     "We may change these terms at any time without notice.", "a" * 2049]),
)
URLS = st.one_of(
    st.sampled_from(["http://[", "https://[zz]/", "http://[::1", "https://a]b/", "http://x.example:99999/",
                     "http://x.example:port/", "https://claude.ai/settings", "https://www.anthropic.com/legal",
                     "file:///tmp/terms.html", "javascript:alert(1)", "ftp://x", "//claude.ai", "https://",
                     "https://" + "a" * 3000 + ".example/", "http://127.0.0.1:8767/"]),
    st.builds(lambda scheme, host, rest: f"{scheme}://{host}/{rest}",
              st.sampled_from(["http", "https", "file", "HTTPS", "data"]),
              st.one_of(st.text(max_size=12), st.sampled_from(["[::1]", "[zz]", "[", "]", "x:0", "x:-1"])),
              st.text(max_size=12)),
    TEXT,
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT, URLS)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)


def _dumps(value) -> bytes:
    """JSON as a client sends it: lone surrogates escaped (as JavaScript's JSON.stringify does), NaN written out."""
    return json.dumps(value, ensure_ascii=True).encode("ascii")


@st.composite
def _field_values(draw, fields: dict) -> dict:
    """`fields` with some values replaced, dropped, or joined by unknown ones."""
    data = dict(fields)
    for name in list(data):
        choice = draw(st.sampled_from(["keep", "keep", "keep", "replace", "drop"]))
        if choice == "drop":
            del data[name]
        elif choice == "replace":
            data[name] = draw(st.one_of(URLS, TEXT) if name == "url" else JSON)
    if draw(st.booleans()):
        data.update(draw(st.dictionaries(TEXT, JSON, max_size=2)))
    return data


@st.composite
def _record_file_variant(draw) -> dict:
    """A valid user record file with one or two things changed: a field, a nesting, a surrogate, a domain."""
    data = _record_file()
    for _ in range(draw(st.integers(0, 2))):
        target = draw(st.sampled_from(["service", "record", "documents", "top", "domains"]))
        value = draw(JSON)
        if target == "service":
            data["service"][draw(st.sampled_from(["id", "name", "domains", "other"]))] = value
        elif target == "record":
            data["records"][0][draw(st.sampled_from(["id", "quote", "title", "category", "actions", "url"]))] = value
        elif target == "documents":
            data["documents"] = value
        elif target == "domains":
            nested = draw(st.sampled_from(["fuzzcorp.test", "claude.ai", "anthropic.com"]))
            for _ in range(draw(st.integers(0, 600))):
                nested = [nested]
            data["service"]["domains"] = [nested]
        else:
            data[draw(TEXT)] = value
    return data


def _wrap_deep(depth: int) -> bytes:
    return b'{"text": ' + b"[" * depth + b'"x"' + b"]" * depth + b"}"


@st.composite
def _raw_bodies(draw) -> bytes:
    """Bytes no well-behaved client sends."""
    kind = draw(st.sampled_from(["junk", "truncated", "deep", "number", "surrogate-key", "utf8-surrogate", "empty"]))
    if kind == "junk":
        return draw(st.binary(max_size=200))
    if kind == "truncated":
        text = _dumps(draw(JSON))
        return text[: draw(st.integers(0, max(0, len(text) - 1)))]
    if kind == "deep":
        return _wrap_deep(draw(st.integers(20, 120_000)))
    if kind == "number":
        number = draw(st.sampled_from(["", "-", "0."])) + "9" * draw(st.integers(1, 20_000))
        return ('{"text": "x", "category": "arbitration", "n": %s}' % number).encode()
    if kind == "surrogate-key":
        return b'{"\\ud800": 1, "category": "arbitration"}'
    if kind == "utf8-surrogate":
        return b'{"text": "\xed\xa0\x80"}'  # a surrogate encoded as UTF-8 bytes: not UTF-8
    return draw(st.sampled_from([b"", b"   ", b"null", b"[]", b'""', b"0"]))


def _body_for(route: str):
    if route == "analyze":
        fields = {"text": "We may change these terms at any time without notice.", "url": "https://claude.ai/",
                  "title": "Terms"}
    elif route == "feedback":
        fields = {"record_id": RECORD_ID, "category": "ai-training", "url": "https://claude.ai/", "exact": "x",
                  "note": "y"}
    elif route == "history-read":
        fields = {"url": "https://claude.ai/legal", "hash": "0" * 64}
    elif route == "history-settings":
        fields = {"enabled": False}
    elif route == "watch":
        fields = {"url": "https://claude.ai/legal"}
    elif route == "optout":
        fields = {"record_id": "anthropic-terms-model-training", "action": "opt-out:1a2b3c4d", "setting": "Model training",
                  "state": "off", "page_url": "https://claude.ai/settings/data-privacy-controls", "date": "2026-12-02",
                  "outcome": "verified"}
    elif route == "pairing":
        fields = {}
    else:
        return st.one_of(_record_file_variant().map(_dumps), _raw_bodies())
    return st.one_of(_field_values(fields).map(_dumps), st.builds(_dumps, JSON), _raw_bodies())


# --- paths and headers -------------------------------------------------------------------------------------------

SEGMENTS = st.one_of(st.text(max_size=30), st.sampled_from(
    [RECORD_ID, "fuzzcorp", "anthropic", "..", "%2e%2e", "\ud800", "a" * 500, "", " "]))


def _segment(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@st.composite
def _target(draw) -> tuple[str, str, str | None]:
    """(method, path with query, body kind or None)."""
    route = draw(st.sampled_from(["analyze", "site", "records", "record", "categories", "feedback", "user-records",
                                  "user-record", "health", "history", "watch", "optouts", "pairing",
                                  "anything"]))
    base = "/api/v1"
    if route == "analyze":
        return draw(st.sampled_from(["POST"] * 6 + ["GET", "PUT"])), f"{base}/analyze", "analyze"
    if route == "site":
        query = draw(st.one_of(URLS.map(lambda u: "?url=" + _segment(u)), st.sampled_from(["", "?url=", "?x=1"])))
        return "GET", f"{base}/site{query}", None
    if route in ("records", "categories", "health"):
        return draw(st.sampled_from(["GET"] * 5 + ["POST", "DELETE", "HEAD", "OPTIONS"])), f"{base}/{route}", None
    if route == "record":
        return "GET", f"{base}/records/{_segment(draw(SEGMENTS))}", None
    if route == "feedback":
        method = draw(st.sampled_from(["POST", "POST", "GET"]))
        return method, f"{base}/feedback", "feedback" if method == "POST" else None
    if route == "user-records":
        return "GET", f"{base}/user-records", None
    if route == "user-record":
        method = draw(st.sampled_from(["PUT", "PUT", "DELETE", "GET"]))
        service = draw(st.one_of(st.just("fuzzcorp"), SEGMENTS))
        return method, f"{base}/user-records/{_segment(service)}", "record-file" if method == "PUT" else None
    if route == "history":  # the document history (issue 11)
        query = draw(st.one_of(URLS.map(lambda u: "?url=" + _segment(u)), st.sampled_from(["", "?url=", "?x=1"])))
        target = draw(st.sampled_from(["list", "list", "read", "read", "settings", "clear"]))
        if target == "read":
            return draw(st.sampled_from(["POST", "POST", "GET"])), f"{base}/history/read", "history-read"
        if target == "settings":
            return draw(st.sampled_from(["PUT", "PUT", "POST"])), f"{base}/history/settings", "history-settings"
        return ("DELETE" if target == "clear" else "GET"), f"{base}/history{query}", None
    if route == "watch":  # watching documents (issue 11): adding one fetches nothing
        method = draw(st.sampled_from(["POST", "POST", "GET", "DELETE"]))
        query = draw(st.one_of(URLS.map(lambda u: "?url=" + _segment(u)), st.sampled_from(["", "?url="])))
        return method, f"{base}/watch" + (query if method == "DELETE" else ""), "watch" if method == "POST" else None
    if route == "optouts":  # completed opt-outs (issue 15)
        method = draw(st.sampled_from(["POST", "POST", "GET", "DELETE"]))
        if method == "GET":
            return method, f"{base}/optouts" + draw(st.sampled_from(["", "?service=anthropic", "?service="])), None
        if method == "DELETE":
            return method, f"{base}/optouts/{_segment(draw(SEGMENTS))}/{_segment(draw(SEGMENTS))}", None
        return method, f"{base}/optouts", "optout"
    if route == "pairing":  # Firefox pairing (issue 14): only a moz-extension:// origin may ask
        return draw(st.sampled_from(["POST", "POST", "GET"])), f"{base}/pairing", "pairing"
    path = "/" + "/".join(_segment(s) for s in draw(st.lists(SEGMENTS, max_size=4)))
    if path.startswith("//"):  # "//host/..." would name another host (a test client reads it so), not a path
        path = "/x" + path
    return draw(st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"])), path, draw(
        st.sampled_from([None, "analyze"]))


HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"), max_size=40)


def _weighted(draw, usual: list, unusual: list, junk_share: int = 1, unusual_share: int = 3, out_of: int = 20):
    """Mostly a usual value, sometimes an unusual one, now and then any text: most requests must pass the guard
    to reach the routes behind it."""
    # Hypothesis favours the first elements of a list (they are the simplest): the usual ones come first.
    kind = draw(st.sampled_from(["usual"] * (out_of - junk_share - unusual_share) + ["unusual"] * unusual_share +
                                ["junk"] * junk_share))
    if kind == "junk":
        return draw(HEADER_TEXT)
    return draw(st.sampled_from(unusual if kind == "unusual" else usual))


@st.composite
def _headers(draw, has_body: bool) -> dict[str, str]:
    headers: dict[str, str] = {}
    headers["Host"] = _weighted(draw, ["127.0.0.1:8767", "localhost:8767", "[::1]:8767", "127.0.0.1"],
                                ["127.0.0.1:evil", "[::1]evil.example", "localhost:0", "evil.example", "",
                                 "127.0.0.1:99999", "127.0.0.1:8767 "], out_of=40)
    origin = _weighted(draw, [None] * 5 + [EXTENSION_ORIGIN] * 2,
                       [EXTENSION_ORIGIN + "/", "null", "https://evil.example", EXTENSION_ORIGIN.upper(),
                        "moz-extension://6c3a2f4e-1b2d-4c5e-8f90-123456789abc"], out_of=40)
    if origin is not None:
        headers["Origin"] = origin
    site = draw(st.sampled_from([None] * 6 + ["none", "same-origin", "same-site", "cross-site"]))
    if site:
        headers["Sec-Fetch-Site"] = site
    if has_body or draw(st.booleans()):
        headers["Content-Type"] = _weighted(draw, ["application/json", "application/json; charset=utf-8"],
                                            ["text/plain", "APPLICATION/JSON", "application/x-www-form-urlencoded",
                                             "multipart/form-data; boundary=x", "application/json; charset=latin-1"])
    if draw(st.integers(0, 9)) == 0:
        headers["Expect"] = draw(st.just("100-continue") | HEADER_TEXT)
    if draw(st.integers(0, 9)) == 0:
        headers[draw(st.sampled_from(["Accept", "X-Forwarded-For", "Cookie", "Authorization"]))] = draw(HEADER_TEXT)
    return {name: value.strip() for name, value in headers.items()}


@st.composite
def requests(draw) -> FuzzRequest:
    """One request to a route of the API (or to no route at all)."""
    method, path, body_kind = draw(_target())
    body = draw(_body_for(body_kind)) if body_kind else b""
    if draw(st.integers(0, 19)) == 0:
        body = draw(_raw_bodies())  # a body where none is expected, now and then
    return FuzzRequest(method, path, draw(_headers(bool(body))), body)


# --- the property ------------------------------------------------------------------------------------------------

def check_response(request: FuzzRequest, status: int, content_type: str, body: bytes) -> None:
    """Never a 5xx; every error is `{"error": {"code", "message"}}` JSON; every other answer with a body is JSON."""
    assert status < 500, f"{status} for {request}: {body[:300]!r}"
    if request.method in ("HEAD", "OPTIONS") or status in (204, 304):
        return
    assert content_type.split(";")[0].strip() == "application/json", f"{status} {content_type!r} for {request}"
    data = json.loads(body)
    if status >= 400:
        assert isinstance(data, dict) and set(data) == {"error"}, data
        assert set(data["error"]) == {"code", "message"}, data
        assert isinstance(data["error"]["code"], str) and data["error"]["code"], data
        assert isinstance(data["error"]["message"], str) and data["error"]["message"], data
        assert "Traceback (most recent call last)" not in data["error"]["message"], data
