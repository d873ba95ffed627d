"""Watching documents, against a local HTTP server (never the internet): conditional requests, what is sent,
the schedule with jitter, back-off after failures, new versions kept unread, nothing fetched unless watched."""

from __future__ import annotations

import json
import random
import threading
import time
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from termslens.analysis import analyze
from termslens.cli import main
from termslens.history import History
from termslens.versions import read_version
from termslens.watch import USER_AGENT, Watcher, WatchError
from tests.support.planted import replace_once

EXTENSION_ORIGIN = "chrome-extension://ohdbolieedmedmfgdacelnpmjdfmlima"
NOW = datetime(2026, 3, 12, 10, 0, tzinfo=timezone.utc)


class Site:
    """A local web server with one document whose body, ETag and status a test sets; it records requests."""

    def __init__(self):
        self.body = b""
        self.content_type = "text/plain; charset=utf-8"
        self.etag: str | None = None
        self.status = 200
        self.delay = 0.0
        self.requests: list[dict] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                site.requests.append({"path": self.path, "headers": dict(self.headers)})
                time.sleep(site.delay)
                if site.status != 200:
                    self.send_response(site.status)
                    self.end_headers()
                    return
                if site.etag and self.headers.get("If-None-Match") == site.etag:
                    self.send_response(304)
                    self.send_header("ETag", site.etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", site.content_type)
                if site.etag:
                    self.send_header("ETag", site.etag)
                self.send_header("Last-Modified", "Thu, 12 Mar 2026 09:00:00 GMT")
                self.send_header("Content-Length", str(len(site.body)))
                self.end_headers()
                self.wfile.write(site.body)

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/legal/terms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    server = Site()
    yield server
    server.close()


@pytest.fixture(scope="module")
def terms(shared_dir) -> str:
    return (shared_dir / "versions/Cursor/Terms-of-Service/2025-09-18_dcd180d489.md").read_text("utf-8")


@pytest.fixture
def watcher(tmp_path, library):
    history = History(tmp_path)
    yield Watcher(history, lambda text, url, title: analyze(library, text, url=url, title=title, versioned=True),
                  rng=random.Random(4), timeout=2.0)
    history.close()


def read_version_as_reader(history: History, library, url: str, text: str) -> None:
    analysis = analyze(library, text, url=url, versioned=True)
    history.keep(url, text, version_hash=analysis.version.hash,
                 clauses=[(c.start, c.end, c.hash, c.heading) for c in analysis.version.clauses], labels=[], read=True,
                 now="2026-03-01T00:00:00Z")


def test_nothing_is_fetched_for_a_document_nobody_watches(site, watcher):
    assert watcher.check_due(NOW) == []
    assert site.requests == []


def test_a_watched_document_is_fetched_conditionally_and_a_new_version_kept_unread(site, watcher, library, terms):
    read_version_as_reader(watcher.history, library, site.url, terms)  # the reader read it once
    site.body, site.etag = terms.encode(), '"v1"'
    watcher.add(site.url, now=NOW)
    assert watcher.check(site.url, now=NOW).result == "unchanged"  # the same version the reader read
    request = site.requests[-1]["headers"]
    assert request["User-Agent"] == USER_AGENT and "Cookie" not in request and "Referer" not in request
    assert "If-None-Match" not in request

    assert watcher.check(site.url, now=NOW).result == "not modified"
    assert site.requests[-1]["headers"]["If-None-Match"] == '"v1"'
    assert site.requests[-1]["headers"]["If-Modified-Since"] == "Thu, 12 Mar 2026 09:00:00 GMT"

    changed = replace_once(terms, "within 30 days of account creation", "within 10 days of account creation")
    site.body, site.etag = changed.encode(), '"v2"'
    assert watcher.check(site.url, now=NOW).result == "new version"
    [document] = watcher.history.documents()
    assert document.unread and document.versions[0].read_at is None
    earlier = watcher.history.earlier(site.url, read_version(changed).hash)
    assert earlier is not None and earlier.text == terms  # what the reader will be shown as changed


def test_the_schedule_is_daily_with_jitter_and_backs_off_after_failures(site, watcher, terms):
    site.body = terms.encode()
    watcher.add(site.url, now=NOW)
    assert watcher.due(NOW) == [] and [w.url for w in watcher.due(NOW + timedelta(days=1.2))] == [site.url]
    assert site.requests == []  # adding fetches nothing
    result = watcher.check(site.url, now=NOW)
    wait = datetime.strptime(result.next_check, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) - NOW
    assert timedelta(hours=21.6) <= wait <= timedelta(hours=26.4) and wait != timedelta(days=1)
    assert watcher.due(NOW + timedelta(hours=1)) == []

    site.status = 500
    waits = []
    for _ in range(3):
        result = watcher.check(site.url, now=NOW)
        assert result.result == "error: HTTP 500"
        waits.append(datetime.strptime(result.next_check, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) - NOW)
    assert [round(w / timedelta(hours=1)) for w in waits] == [1, 2, 4]  # doubling, ±10%
    assert watcher.history.index.watch(watcher.history.documents()[0].address).failures == 3
    site.status = 200
    watcher.check(site.url, now=NOW)
    assert watcher.history.index.watch(watcher.history.documents()[0].address).failures == 0


def test_a_slow_server_times_out(site, watcher):
    site.body, site.delay = b"Terms.", 3.0
    watcher.add(site.url, now=NOW)
    assert watcher.check(site.url, now=NOW).result.startswith("error:")


def test_html_is_read_by_its_main_text(site, watcher, terms):
    paragraphs = "".join(f"<p>{p}</p>" for p in terms.split("\n\n")[3:30])
    site.body = f"<!doctype html><html><body><nav>Home | Careers</nav><main>{paragraphs}</main></body></html>".encode()
    site.content_type = "text/html; charset=utf-8"
    watcher.add(site.url, now=NOW)
    assert watcher.check(site.url, now=NOW).result == "new version"
    [document] = watcher.history.documents()
    text = watcher.history.text_of(site.url, document.versions[0].hash)
    assert "<p>" not in text and "Careers" not in text and "Anysphere" in text


def test_only_web_documents_can_be_watched(watcher):
    for url in ("file:///etc/passwd", "ftp://example.com/x", "https://[zz]/"):
        with pytest.raises(WatchError):
            watcher.add(url)
    with pytest.raises(WatchError):
        watcher.check("https://example.com/not-watched")


def test_watch_routes(client, site, terms):
    headers = {"Origin": EXTENSION_ORIGIN}
    response = client.post("/api/v1/watch", json={"url": site.url}, headers=headers)
    assert response.status_code == 201 and response.get_json()["address"] == site.url
    assert client.post("/api/v1/watch", json={"url": site.url}, headers=headers).status_code == 200
    [watch] = client.get("/api/v1/watch", headers=headers).get_json()["watches"]
    assert watch["url"] == site.url and watch["last_checked"] is None and watch["unread"] is False
    assert site.requests == []  # adding a watch fetches nothing by itself
    assert client.post("/api/v1/watch", json={"url": "file:///x"}, headers=headers).status_code == 422
    assert client.delete("/api/v1/watch?url=https://nowhere.example/", headers=headers).get_json()["error"]["code"] == "unknown_watch"
    assert client.delete(f"/api/v1/watch?url={site.url}", headers=headers).status_code == 204
    assert client.get("/api/v1/watch", headers=headers).get_json() == {"watches": []}


def test_watch_commands(runner, site, terms):
    site.body = terms.encode()
    assert runner.invoke(main, ["watch", "add", site.url]).stdout == f"Watching {site.url}.\n"
    assert runner.invoke(main, ["watch", "check"]).stderr == "Nothing is due.\n"  # the first check is tomorrow
    result = runner.invoke(main, ["watch", "check", "--all"])
    assert result.exit_code == 0 and f"{site.url}: new version" in result.stdout
    assert runner.invoke(main, ["watch", "check"]).stderr == "Nothing is due.\n"  # checked, not due again today
    listing = json.loads(runner.invoke(main, ["watch", "list", "--json"]).stdout)["watches"]
    assert [(w["url"], w["last_result"]) for w in listing] == [(site.url, "new version")]
    assert runner.invoke(main, ["watch", "remove", site.url]).exit_code == 0
    result = runner.invoke(main, ["watch", "remove", site.url])
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert len(site.requests) == 1
