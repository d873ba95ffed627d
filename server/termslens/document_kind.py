"""Whether a page is a privacy notice rather than terms, from the names it goes by: its title, its address,
its file name. The clause-type detector shows fewer of its categories on privacy notices (see
`termslens.detect.TERMS_ONLY_CATEGORIES`)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_PRIVACY = re.compile(r"privacy|data[ _-]?protection|datenschutz|cookie", re.IGNORECASE)
_TERMS = re.compile(r"terms|conditions|agreement|\beula\b|\btos\b", re.IGNORECASE)


def is_privacy_notice(*, title: str | None = None, url: str | None = None) -> bool:
    """True when the first name that tells privacy from terms names privacy: a page titled "Privacy Policy",
    served at /privacy or on privacy.example.com, or a file privacy.md. A name with both ("Privacy Policy -
    Privacy & Terms - Google") or neither tells nothing; then the next one decides, and with none, terms."""
    address = urlsplit(url) if url else None
    for name in (title, address and address.netloc + address.path):
        if not name:
            continue
        privacy, terms = bool(_PRIVACY.search(name)), bool(_TERMS.search(name))
        if privacy != terms:
            return privacy
    return False
