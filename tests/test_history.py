"""The document history: versions kept once, compressed and content-addressed, within their bounds; "since you
last read it" in the analysis answer; "Mark as read"; the setting; `termslens history`."""

from __future__ import annotations

import json

import pytest

from termslens.cli import main
from termslens.history import AddressError, History, HistoryLimits, canonical_address
from termslens.textstore import TextStore, text_sha
from termslens.versions import read_version
from tests.support.planted import reformat, replace_once

EXTENSION_ORIGIN = "chrome-extension://ohdbolieedmedmfgdacelnpmjdfmlima"
CURSOR = "versions/Cursor/Terms-of-Service"
TERMS_URL = "https://cursor.com/terms-of-service"


@pytest.fixture(scope="module")
def cursor_versions(shared_dir) -> list[str]:
    """The real versions of Cursor's terms, oldest first: five texts, four versions (the last two differ only
    in a link's address)."""
    return [path.read_text("utf-8") for path in sorted((shared_dir / CURSOR).glob("*.md"))]


def keep(history: History, url: str, text: str, **options) -> bool:
    version = read_version(text)
    return history.keep(url, text, version_hash=version.hash, clauses=[(c.start, c.end, c.hash, c.heading) for c in version.clauses],
                        labels=[], **options)


# --- addresses ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("https://Example.com/Terms/?utm_source=mail&fbclid=1#top", "https://example.com/Terms"),
        ("https://example.com:443/terms?lang=en&b=1", "https://example.com/terms?b=1&lang=en"),
        ("http://example.com:8080/a//", "http://example.com:8080/a"),
        ("https://user:pw@example.com", "https://example.com/"),
        ("file:///home/me/terms.html", "file:///home/me/terms.html"),
    ],
)
def test_a_document_is_named_by_its_canonical_address(url, address):
    assert canonical_address(url) == address


@pytest.mark.parametrize("url", ["ftp://example.com/x", "https://[zz]/", "not a url", "https://:80/"])
def test_what_is_not_a_document_address_is_refused(url):
    with pytest.raises(AddressError):
        canonical_address(url)


# --- keeping versions -------------------------------------------------------------------------------------------

def test_since_you_last_read_it(tmp_path, cursor_versions):
    history = History(tmp_path)
    first, second, third = cursor_versions[0], cursor_versions[1], cursor_versions[4]
    assert keep(history, TERMS_URL, first, now="2026-03-12T10:00:00Z")
    assert history.earlier(TERMS_URL, read_version(first).hash) is None  # nothing before the first version
    earlier = history.earlier(TERMS_URL + "?utm_source=x", read_version(second).hash)
    assert earlier.text == first and earlier.read_at == "2026-03-12T10:00:00Z"
    assert keep(history, TERMS_URL, second, now="2026-04-01T10:00:00Z")
    assert history.earlier(TERMS_URL, read_version(second).hash).hash == read_version(first).hash  # until marked read
    assert history.mark_read(TERMS_URL) == read_version(second).hash
    assert history.earlier(TERMS_URL, read_version(second).hash) is None
    assert history.earlier(TERMS_URL, read_version(third).hash).hash == read_version(second).hash


def test_a_version_differing_only_in_formatting_is_the_same_version(tmp_path, cursor_versions):
    history = History(tmp_path)
    assert keep(history, TERMS_URL, cursor_versions[0])
    assert not keep(history, TERMS_URL, reformat(cursor_versions[0]))
    assert len(history.document(TERMS_URL).versions) == 1


def test_texts_are_kept_once_compressed_and_as_deltas(tmp_path, cursor_versions):
    history = History(tmp_path)
    for number, text in enumerate(cursor_versions):
        keep(history, TERMS_URL, text, now=f"2026-01-0{number + 1}T00:00:00Z")
    keep(history, "https://www.cursor.com/legal/terms", cursor_versions[3])  # the same text at another address
    kept = cursor_versions[:4]  # the fifth text is the fourth version again (formatting aside): not kept
    files = sorted((tmp_path / "texts").glob("*/*.xz"))
    assert len(files) == len({text_sha(t) for t in kept}) == 4
    raw = sum(len(t.encode("utf-8")) for t in kept)
    assert sum(f.stat().st_size for f in files) < raw / 4  # compressed, older versions as deltas of newer ones
    store = TextStore(tmp_path)
    # The first and third versions differ from the next by a few lines: deltas of under 1 KB (the whole: 36 KB).
    assert store.size(text_sha(kept[0])) < 1024 and store.size(text_sha(kept[2])) < 1024
    assert store.base_of(text_sha(kept[3])) is None  # the newest is kept whole
    assert store.base_of(text_sha(kept[0])) is not None
    for text in kept:
        assert store.get(text_sha(text)) == text


def test_growth_is_bounded_and_what_stays_is_readable(tmp_path, cursor_versions):
    history = History(tmp_path, limits=HistoryLimits(max_versions=3, max_documents=2, max_text_bytes=10**9))
    for number, text in enumerate(cursor_versions):
        keep(history, TERMS_URL, text, now=f"2026-01-0{number + 1}T00:00:00Z")
    kept = history.document(TERMS_URL).versions
    assert [v.hash for v in kept] == [read_version(t).hash for t in cursor_versions[3:0:-1]]  # the newest three
    for version in kept:
        assert read_version(history.text_of(TERMS_URL, version.hash)).hash == version.hash
    assert len(list((tmp_path / "texts").glob("*/*.xz"))) == 3  # the dropped versions' texts are gone
    keep(history, "https://a.example/terms", "A's terms.", now="2026-02-01T00:00:00Z")
    keep(history, "https://b.example/terms", "B's terms.", now="2026-02-02T00:00:00Z")
    assert [d.address for d in history.documents()] == ["https://b.example/terms", "https://a.example/terms"]


def test_the_byte_bound_drops_the_oldest_versions_first(tmp_path, cursor_versions):
    history = History(tmp_path, limits=HistoryLimits(max_text_bytes=1))
    for number, text in enumerate(cursor_versions[:3]):
        keep(history, TERMS_URL, text, now=f"2026-01-0{number + 1}T00:00:00Z")
    # Only each document's newest version is always kept.
    assert [v.hash for v in history.document(TERMS_URL).versions] == [read_version(cursor_versions[2]).hash]


def test_leftovers_of_an_interrupted_write_are_removed_at_start(tmp_path, cursor_versions):
    history = History(tmp_path)
    keep(history, TERMS_URL, cursor_versions[0])
    history.close()
    stray = TextStore(tmp_path)
    orphan = stray.put("A text whose version was never recorded.")
    (tmp_path / "texts" / "ab").mkdir(exist_ok=True)
    (tmp_path / "texts" / "ab" / ".abcdef.tmp").write_bytes(b"half a write")
    history = History(tmp_path)
    assert not stray.has(orphan) and not list((tmp_path / "texts").glob("*/.*.tmp"))
    assert history.text_of(TERMS_URL, read_version(cursor_versions[0]).hash) == cursor_versions[0]


def test_clear_forgets_texts_too(tmp_path, cursor_versions):
    history = History(tmp_path)
    keep(history, TERMS_URL, cursor_versions[0])
    keep(history, "https://a.example/terms", "A's terms.")
    assert history.clear(TERMS_URL) == 1 and [d.address for d in history.documents()] == ["https://a.example/terms"]
    assert history.clear() == 1 and history.documents() == []
    assert list((tmp_path / "texts").glob("*/*.xz")) == []


# --- through the API ----------------------------------------------------------------------------------------------

def post_page(client, text: str, url: str = TERMS_URL):
    response = client.post("/api/v1/analyze", json={"text": text, "url": url, "title": "Terms of Service"},
                           headers={"Origin": EXTENSION_ORIGIN})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_analysis_says_what_changed_since_the_reader_last_read_the_page(client, cursor_versions):
    old = cursor_versions[-1]
    new = replace_once(old, "You may opt out of arbitration within 30 days", "You may opt out of arbitration within 10 days")
    assert post_page(client, old)["changes"] is None  # first visit
    body = post_page(client, new)  # every answer is checked against analysis.schema.json
    changes = body["changes"]
    assert changes["previous_hash"] == read_version(old).hash
    assert changes["summary"]["total"] == 1 and changes["summary"]["material"] == 1
    [item] = changes["items"]
    assert item["kind"] == "edited" and item["category"] == "arbitration" and item["id"].startswith("change:")
    assert "10 days" in item["new"]["text"] and item["new"]["start_utf16"] == item["new"]["start"]
    assert [(r["kind"], r["old"]["text"], r["new"]["text"]) for r in item["reasons"]] == [("duration", "30 days", "10 days")]
    assert post_page(client, new)["changes"]["items"][0]["id"] == item["id"]  # still there on reload, same id

    response = client.post("/api/v1/history/read", json={"url": TERMS_URL}, headers={"Origin": EXTENSION_ORIGIN})
    assert response.status_code == 200 and response.get_json()["hash"] == read_version(new).hash
    assert post_page(client, new)["changes"] is None
    listing = client.get("/api/v1/history", headers={"Origin": EXTENSION_ORIGIN}).get_json()
    assert [d["address"] for d in listing["documents"]] == [TERMS_URL] and listing["documents"][0]["version_count"] == 2


def test_without_an_address_or_with_history_off_nothing_is_kept(client, cursor_versions):
    response = client.post("/api/v1/analyze", json={"text": cursor_versions[0]}, headers={"Origin": EXTENSION_ORIGIN})
    assert response.get_json()["changes"] is None
    assert client.get("/api/v1/history", headers={"Origin": EXTENSION_ORIGIN}).get_json()["documents"] == []
    response = client.put("/api/v1/history/settings", json={"enabled": False}, headers={"Origin": EXTENSION_ORIGIN})
    assert response.get_json() == {"enabled": False}
    post_page(client, cursor_versions[0])
    assert post_page(client, cursor_versions[1])["changes"] is None
    assert client.get("/api/v1/history", headers={"Origin": EXTENSION_ORIGIN}).get_json() == {"enabled": False, "documents": []}


def test_history_routes_answer_bad_input_precisely(client, cursor_versions):
    headers = {"Origin": EXTENSION_ORIGIN}
    post_page(client, cursor_versions[0])
    cases = [
        (client.post("/api/v1/history/read", json={"url": "https://nowhere.example/x"}, headers=headers), 404, "unknown_document"),
        (client.post("/api/v1/history/read", json={"url": TERMS_URL, "hash": "0" * 64}, headers=headers), 404, "unknown_document"),
        (client.post("/api/v1/history/read", json={"url": "ftp://x"}, headers=headers), 422, "invalid_field"),
        (client.post("/api/v1/history/read", json={}, headers=headers), 422, "missing_field"),
        (client.put("/api/v1/history/settings", json={"enabled": "yes"}, headers=headers), 422, "invalid_field"),
        (client.get("/api/v1/history?url=https://[zz]/", headers=headers), 422, "invalid_parameter"),
        (client.get("/api/v1/history?url=https://nowhere.example/", headers=headers), 404, "unknown_document"),
        (client.delete("/api/v1/history?url=https://nowhere.example/", headers=headers), 404, "unknown_document"),
        (client.get("/api/v1/history", headers={"Origin": "https://evil.example"}), 403, "forbidden_origin"),
    ]
    for response, status, code in cases:
        assert (response.status_code, response.get_json()["error"]["code"]) == (status, code)
    assert client.delete("/api/v1/history", headers=headers).status_code == 204
    assert client.get("/api/v1/history", headers=headers).get_json()["documents"] == []


def test_one_document_history_with_its_versions(client, cursor_versions):
    post_page(client, cursor_versions[0])
    post_page(client, cursor_versions[1])
    body = client.get(f"/api/v1/history?url={TERMS_URL}", headers={"Origin": EXTENSION_ORIGIN}).get_json()
    versions = body["document"]["versions"]
    assert [v["hash"] for v in versions] == [read_version(cursor_versions[1]).hash, read_version(cursor_versions[0]).hash]
    assert all(v["read_at"] for v in versions) and body["document"]["unread"] is False


# --- the command line -----------------------------------------------------------------------------------------------

def test_the_history_command(runner, tmp_path, cursor_versions):
    history = History(tmp_path / "cli-data")
    keep(history, TERMS_URL, cursor_versions[0], title="Terms of Service", now="2026-01-01T00:00:00Z")
    keep(history, TERMS_URL, cursor_versions[1], now="2026-01-02T00:00:00Z")
    history.close()
    result = runner.invoke(main, ["history"])
    assert result.exit_code == 0 and f"{TERMS_URL} — Terms of Service" in result.stdout and "2 versions" in result.stdout
    result = runner.invoke(main, ["history", TERMS_URL, "--json"])
    assert [v["first_seen"] for v in json.loads(result.stdout)["document"]["versions"]] == ["2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z"]
    result = runner.invoke(main, ["history", "off"])
    assert result.exit_code == 0 and json.loads(runner.invoke(main, ["history", "--json"]).stdout)["enabled"] is False
    result = runner.invoke(main, ["history", "clear", "https://nowhere.example/"])
    assert result.exit_code == 1 and result.stderr.startswith("Error: the history has no version")
    result = runner.invoke(main, ["history", "clear"])
    assert result.exit_code == 0 and "Forgot 1 document." in result.stdout
    result = runner.invoke(main, ["history", "a", "b", "c"])
    assert result.exit_code == 2


def test_a_broken_texts_folder_does_not_stop_the_service(tmp_path, cursor_versions):
    from termslens.api import create_app

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "texts").write_text("a file where the texts folder should be", "utf-8")
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "RECORD_DIRS": []})
    client = app.test_client()
    health = client.get("/api/v1/health").get_json()
    assert [p["kind"] for p in health["problems"]] == ["history"]
    body = post_page(client, cursor_versions[0])
    assert body["changes"] is None and body["annotations"]
    response = client.get("/api/v1/history", headers={"Origin": EXTENSION_ORIGIN})
    assert (response.status_code, response.get_json()["error"]["code"]) == (503, "history_unavailable")
