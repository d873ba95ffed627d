"""Watching documents (opt-in): the one feature of TermsLens that makes network requests.

A watched document is fetched again on a schedule, by default once a day with ±10% jitter (so many watches
do not fire together, and no server sees a fixed rhythm), and a new version is kept in the history unread,
so the extension can say the document changed before its reader opens it again. Nothing is fetched for a
document nobody watches.

What a check sends: one GET of the watched address, with `User-Agent: TermsLens/<version> (document watch)`,
`Accept: text/html, text/plain`, and the validators of the last answer (`If-None-Match: <ETag>`,
`If-Modified-Since: <Last-Modified>`), so an unchanged document costs a 304 and no body. No cookies, no
referrer, nothing about the reader or other pages. A check times out after FETCH_TIMEOUT seconds, reads at
most MAX_FETCH_BYTES, follows at most MAX_REDIRECTS redirects, and after a failure waits twice as long each
time (up to MAX_BACKOFF). HTML is reduced to its main text by trafilatura, as `termslens analyze` reads saved
pages.
"""

from __future__ import annotations

import random
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from termslens import __version__
from termslens.address import AddressError, canonical_address
from termslens.analysis import Analysis
from termslens.changes import labels
from termslens.history import History, now_iso
from termslens.history_index import WatchRow
from termslens.pagetext import InputError, decode, page_text

CHECK_INTERVAL = timedelta(days=1)
JITTER = 0.1  # each interval is drawn from CHECK_INTERVAL ± this share
MAX_BACKOFF = timedelta(days=7)
FETCH_TIMEOUT = 20.0  # seconds, for connecting and for each read
MAX_FETCH_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = f"TermsLens/{__version__} (document watch)"
# How often the service looks whether a watch is due (it fetches nothing unless one is).
POLL_SECONDS = 60.0

# (text, url, title) -> the page analysed as a version of its document (`analyze(..., versioned=True)`).
Analyse = Callable[[str, str, "str | None"], Analysis]


class WatchError(ValueError):
    """A watch that cannot be set up (an address that is not http or https, one not watched)."""


@dataclass(frozen=True)
class CheckResult:
    address: str
    result: str  # "new version", "unchanged", "not modified", or "error: ..."
    next_check: str


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parse(iso: str) -> datetime:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


class Watcher:
    """The watched documents of a history, and their checks. `rng` draws the jitter (seeded in tests)."""

    def __init__(self, history: History, analyse: Analyse, *, rng: random.Random | None = None,
                 interval: timedelta = CHECK_INTERVAL, timeout: float = FETCH_TIMEOUT):
        self.history = history
        self.analyse = analyse
        self.rng = rng or random.Random()
        self.interval = interval
        self.timeout = timeout
        self._opener = urllib.request.build_opener(_LimitedRedirects())
        self._opener.addheaders = []  # no default User-agent: ours only
        self._lock = threading.Lock()

    # --- the list -----------------------------------------------------------------------------------------------

    def add(self, url: str, *, now: datetime | None = None) -> tuple[str, bool]:
        """Watch `url`; returns its address and whether it is newly watched. The first check is due a day
        later (with jitter): a document is watched from the page its reader has open, a version already kept
        (`termslens watch check URL` checks at once)."""
        address = self._address(url)
        moment = now or datetime.now(timezone.utc)
        first = moment + self.interval * self.rng.uniform(1 - JITTER, 1 + JITTER)
        return address, self.history.index.add_watch(address, url.strip(), now=_iso(moment), next_check=_iso(first))

    def remove(self, url: str) -> bool:
        return self.history.index.remove_watch(self._address(url))

    def watches(self) -> list[WatchRow]:
        return self.history.index.watches()

    @staticmethod
    def _address(url: str) -> str:
        try:
            address = canonical_address(url)
        except AddressError as exc:
            raise WatchError(str(exc)) from None
        if not address.startswith(("http://", "https://")):
            raise WatchError(f"only http and https documents can be watched: {url[:80]!r}")
        return address

    # --- checks -------------------------------------------------------------------------------------------------

    def due(self, now: datetime | None = None) -> list[WatchRow]:
        moment = now or datetime.now(timezone.utc)
        return [w for w in self.watches() if _parse(w.next_check) <= moment]

    def check_due(self, now: datetime | None = None) -> list[CheckResult]:
        """Check every watch that is due."""
        return [self.check(w.url, now=now) for w in self.due(now)]

    def check(self, url: str, *, now: datetime | None = None) -> CheckResult:
        """Fetch one watched document now (conditionally) and keep a new version unread; reschedule it."""
        address = self._address(url)
        watch = self.history.index.watch(address)
        if watch is None:
            raise WatchError(f"{url} is not watched")
        moment = now or datetime.now(timezone.utc)
        with self._lock:
            try:
                status, body, etag, last_modified, content_type = self._fetch(watch)
            except (urllib.error.URLError, OSError, ValueError, InputError) as exc:
                return self._reschedule(watch, moment, f"error: {_reason(exc)}", failed=True)
            if status == 304:
                return self._reschedule(watch, moment, "not modified", etag=etag or watch.etag,
                                        last_modified=last_modified or watch.last_modified)
            try:
                text = page_text(decode(body)) if "html" in content_type or body.lstrip()[:1] == b"<" else decode(body)
                if not text.strip():
                    raise InputError("the document is empty")
            except InputError as exc:
                return self._reschedule(watch, moment, f"error: {exc}", failed=True)
            analysis = self.analyse(text, watch.url, None)
            version = analysis.version
            assert version is not None
            new = self.history.keep(
                watch.url, text, version_hash=version.hash, clauses=[(c.start, c.end, c.hash, c.heading) for c in version.clauses],
                labels=labels(analysis.annotations), service=analysis.service.id if analysis.service else None,
                read=False, now=_iso(moment),
            )
            return self._reschedule(watch, moment, "new version" if new else "unchanged", etag=etag,
                                    last_modified=last_modified)

    def _fetch(self, watch: WatchRow) -> tuple[int, bytes, str | None, str | None, str]:
        """(status, body, ETag, Last-Modified, content type) of a conditional GET."""
        request = urllib.request.Request(watch.url, method="GET", headers={
            "User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.1",
        })
        if watch.etag:
            request.add_header("If-None-Match", watch.etag)
        if watch.last_modified:
            request.add_header("If-Modified-Since", watch.last_modified)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                body = response.read(MAX_FETCH_BYTES + 1)
                if len(body) > MAX_FETCH_BYTES:
                    raise ValueError(f"the document is larger than {MAX_FETCH_BYTES // (1024 * 1024)} MB")
                headers = response.headers
                return (response.status, body, headers.get("ETag"), headers.get("Last-Modified"),
                        headers.get("Content-Type", "").lower())
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return 304, b"", exc.headers.get("ETag"), exc.headers.get("Last-Modified"), ""
            raise

    def _reschedule(self, watch: WatchRow, moment: datetime, result: str, *, failed: bool = False,
                    etag: str | None = None, last_modified: str | None = None) -> CheckResult:
        failures = watch.failures + 1 if failed else 0
        wait = self.interval * self.rng.uniform(1 - JITTER, 1 + JITTER)
        if failed:
            # Back off: an hour after the first failure, doubling each time, never more than MAX_BACKOFF.
            wait = min(timedelta(hours=1) * 2 ** (failures - 1), MAX_BACKOFF) * self.rng.uniform(1 - JITTER, 1 + JITTER)
            etag, last_modified = watch.etag, watch.last_modified
        next_check = _iso(moment + wait)
        self.history.index.update_watch(watch.address, next_check=next_check, checked=_iso(moment), result=result,
                                        failures=failures, etag=etag, last_modified=last_modified)
        return CheckResult(watch.address, result, next_check)

    # --- the schedule, in the service ---------------------------------------------------------------------------

    def run(self, stop: threading.Event, *, poll: float = POLL_SECONDS, log: Callable[[str], None] = lambda _: None) -> None:
        """Check due watches until `stop` is set (a thread of `termslens serve`)."""
        while not stop.is_set():
            try:
                for outcome in self.check_due():
                    log(f"watch {outcome.address}: {outcome.result}; next check {outcome.next_check}")
            except Exception as exc:  # noqa: BLE001 - a watch must never stop the service
                log(f"watch check failed: {exc}")
            stop.wait(poll)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc) or type(exc).__name__


__all__ = ["CHECK_INTERVAL", "CheckResult", "USER_AGENT", "WatchError", "Watcher", "now_iso"]
