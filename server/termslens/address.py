"""The address that names a document, whatever way a visit reached it (pure)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track a visit rather than name a document.
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_ga|_gl|_hsenc|_hsmi|hsctatracking|"
    r"igshid|si|spm|yclid|twclid|ttclid|li_fat_id|mkt_tok|trk|ref|ref_src|ref_url|cmpid|s_cid|sc_cid|oly_\w+|vero_\w+)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


class AddressError(ValueError):
    """An address that is not one of a document (not http, https or file; unparseable)."""


def canonical_address(url: str) -> str:
    """The address that names a document: scheme and host in lower case, no user, default port, fragment or
    tracking parameters, no trailing slash, the other query parameters sorted.

    >>> canonical_address("HTTPS://Example.COM:443/legal/terms/?utm_source=x&lang=en&b=2#section-3")
    'https://example.com/legal/terms?b=2&lang=en'
    >>> canonical_address("https://example.com")
    'https://example.com/'
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise AddressError(f"not a document address: {url[:80]!r}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https", "file"):
        raise AddressError(f"not a document address (http, https or file): {url[:80]!r}")
    host = (parts.hostname or "").rstrip(".")
    if scheme != "file" and not host:
        raise AddressError(f"not a document address (no host): {url[:80]!r}")
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)))
    return urlunsplit((scheme, host, path, query, ""))
