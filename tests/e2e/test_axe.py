"""axe-core finds no serious or critical accessibility violation on the popup, the settings page, the opt-out
guide and a page with an open card (the card inside the closed shadow root, audited as tests/e2e/axe.py
describes). The counts by impact land in tests/e2e/artifacts/axe.json."""

from __future__ import annotations

import json

from tests.e2e.axe import audit_page, audit_ui, describe
from tests.e2e.conftest import ARTIFACTS, open_options
from tests.e2e.shadow import CARD, Query, marker, open_card, press_card_action
from tests.e2e.site import OKLCH_URL, TERMS_URL

RESULTS = ARTIFACTS / "axe.json"


def keep(name: str, summary: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    known = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    known[name] = {"violations by impact": summary["counts"], "rules passed": summary["passes"]}
    RESULTS.write_text(json.dumps(known, indent=1, sort_keys=True))


def test_the_popup(extension, pages):
    page = extension.open(TERMS_URL)
    summary = audit_page(extension.open_popup(page))
    keep("popup", summary)
    assert not summary["serious"], describe(summary)


def test_the_settings_page(extension, pages):
    options = open_options(extension.context)
    summary = audit_page(options)
    keep("options", summary)
    assert not summary["serious"], describe(summary)


def test_a_page_with_an_open_card(extension, service, pages):
    record = service.get("/records/anthropic-terms-model-training")
    for url, name in ((TERMS_URL, "card"), (OKLCH_URL, "card-dark")):
        page = extension.open(url)
        ui = extension.ui(page)
        ui.click(marker(record["title"]) if url == TERMS_URL else Query(".marker", nth=4))
        ui.wait_visible(CARD)
        summary = audit_ui(ui)
        keep(name, summary)
        assert summary["passes"] >= 10, "axe looked at nothing"
        assert not summary["serious"], describe(summary)


def test_the_opt_out_guide(extension, service, pages):
    record = service.get("/records/anthropic-terms-model-training")
    action = next(a for a in record["actions"] if a["kind"] == "opt-out")
    ui = open_card(extension, extension.open(TERMS_URL), record["title"])
    settings = press_card_action(extension, ui, action["label"])
    guide = extension.ui(settings)
    guide.wait_visible(Query(".guide"))
    guide.wait_visible(Query(".ring"))
    summary = audit_ui(guide)
    keep("guide", summary)
    assert summary["passes"] >= 10, "axe looked at nothing"
    assert not summary["serious"], describe(summary)
