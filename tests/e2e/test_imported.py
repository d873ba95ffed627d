"""An imported (ToS;DR) record in the browser: on a terms page of a service TermsLens knows only from ToS;DR,
the clause is highlighted, its card says who curated it, under which licence, and that TermsLens has not
checked it (no verification date is claimed), and the popup says the same for the page."""

from __future__ import annotations

import html
import json
import re

import pytest
from playwright.sync_api import expect

from termslens.records import imported_records_dir
from tests.e2e.conftest import screenshot
from tests.e2e.shadow import CARD, card_part, marker
from tests.e2e.site import page_html

SERVICE_FILE = "deviantart.json"  # a ToS;DR service with a domain and several quoted terms
URL = "https://about.deviantart.com/policy/service/"


@pytest.fixture(scope="module")
def deviantart(site) -> dict:
    """DeviantArt's imported record file, and its terms page on the test web: the quotes ToS;DR recorded,
    each a paragraph, between plain sections of a terms page."""
    data = json.loads((imported_records_dir() / SERVICE_FILE).read_text("utf-8"))
    records = [r for r in data["records"] if data["documents"][r["document"]].get("url") == URL]
    body = ["<h1>DeviantArt Terms of Service</h1>", "<p>Welcome to DeviantArt. Please read these terms.</p>"]
    for number, record in enumerate(records, 1):
        body.append(f"<h2>Section {number}</h2>")
        body += [f"<p>{html.escape(part)}</p>" for part in record["quote"].split("\n")]
    body.append("<h2>Contact</h2><p>Write to us with any questions about these terms.</p>")
    site.add(URL, page_html("Terms of Service | DeviantArt", "\n".join(body), brand="DeviantArt"))
    return {"service": data["service"], "records": records}


def test_an_imported_clause_shows_who_curated_it_on_its_card_and_in_the_popup(extension, service, pages, deviantart):
    record = deviantart["records"][0]
    point = record["provenance"]
    page = extension.open(URL)
    ui = extension.ui(page)
    ui.click(marker(record["title"]))
    ui.wait_text(card_part("h2"), record["title"])
    note = ui.text(card_part(".provenance"))
    assert note.startswith("Curated by ToS;DR volunteers, not checked by TermsLens. Quoted in 2021 or earlier")
    assert f"ToS;DR point {point['point_id']}" in note and "CC BY-SA 3.0" in note
    assert ui.attributes(card_part(".provenance a", text=f"point {point['point_id']}"), "href") == [point["url"]]
    card = ui.text(CARD)
    assert "Verified" not in card and "Text as of" not in card  # no date TermsLens never checked
    assert "Source: about.deviantart.com" in card
    screenshot(page, "card-imported")

    popup = extension.open_popup(page)
    expect(popup.locator("#service-name")).to_have_text(deviantart["service"]["name"])
    item = popup.locator(".clause", has_text=record["title"])
    expect(item.locator(".imported")).to_have_text(" · from ToS;DR")
    imported = popup.locator(".clause .imported").count()
    assert imported >= 2
    expect(popup.locator("#provenance")).to_have_text(re.compile(
        rf"^{imported} clauses here were curated by ToS;DR volunteers \(CC BY-SA 3\.0, quoted in 2021 or "
        r"earlier\), not checked by TermsLens\.$"
    ))
    screenshot(popup.locator("body"), "popup-imported")
