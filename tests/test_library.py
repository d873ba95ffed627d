"""The clause library around the records: the taxonomy, how services compare, and actions read from clauses."""

from __future__ import annotations

import pytest

from termslens.analysis import analyze
from termslens.clause_actions import actions_from_clause, stated_deadline
from termslens.detect import Detection
from termslens.peers import count_peers
from termslens.records import bundled_records_dir, load_records
from termslens.segment import segment
from termslens.taxonomy import categories

# The EU unfair-terms categories (as in CLAUDETTE) and the ones users track most (ToS;DR), by our ids.
REQUIRED_CATEGORIES = {
    "arbitration", "unilateral-change", "content-removal", "jurisdiction", "choice-of-law",
    "limitation-of-liability", "unilateral-termination", "contract-by-using", "class-action-waiver",
    "ai-training", "data-sharing", "targeted-advertising", "data-retention", "content-license",
    "auto-renewal", "indemnification", "account-deletion", "opt-out-available",
}


def test_the_taxonomy_has_every_category_users_look_for_explained():
    known = categories()
    assert len(known) >= 20
    assert REQUIRED_CATEGORIES <= set(known)
    for info in known.values():
        assert info.severity in ("high", "medium", "low") and info.stance in ("bad", "neutral", "good")
        assert info.name and info.means and info.matters and info.advice, info.id
    assert {c.id for c in known.values() if c.stance == "good"} >= {"account-deletion", "opt-out-available"}
    assert {c.claudette for c in known.values() if c.claudette} == {"A", "CH", "CR", "J", "LAW", "LTD", "TER", "USE"}


def test_every_bundled_record_uses_a_taxonomy_category():
    assert {r.category for r in load_records([bundled_records_dir()])} <= set(categories())


def test_a_record_with_an_unknown_category_names_it(tmp_path):
    import json

    from termslens.records import RecordError, load_record_file

    data = json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))
    data["records"][1]["category"] = "vibes"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(RecordError, match=r"record 2 .*field 'category': unknown category 'vibes'"):
        load_record_file(path)


def test_two_services_cannot_claim_one_domain(tmp_path):
    import json

    from termslens.records import RecordError

    data = json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))
    data["service"]["id"] = "impostor"
    for record in data["records"]:
        record["id"] = "impostor-" + record["id"]
    (tmp_path / "impostor.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(RecordError, match=r"impostor.json: field 'service.domains': 'anthropic.com' already belongs to service 'anthropic'"):
        load_records([bundled_records_dir(), tmp_path])


def test_peers_count_services_with_the_category_and_with_a_way_out(library):
    peers = count_peers(library.records)
    for category, info in peers.items():
        having = {r.service.id for r in library.records if r.category == category}
        controls = {
            r.service.id for r in library.records
            if r.category == category and any(a.kind in ("opt-out", "setting", "request") for a in r.actions)
        }
        assert (info.with_category, info.with_control) == (len(having), len(controls)), category
        assert info.services == len(library.services)
    assert "let" in peers["ai-training"].summary() or "lets" in peers["ai-training"].summary()


# --- actions read from the clause itself ----------------------------------------------------------------

DISCORD_OPT_OUT = (
    "Opt-out. You can decline this Agreement to Arbitrate–and no other provision of these terms–by emailing an "
    "opt-out notice to arbitration-opt-out@discord.com within 30 days of September 29, 2025 or when you first "
    "register your Discord account, whichever is later; otherwise, you shall be bound to arbitrate Disputes."
)


def test_an_emailed_arbitration_opt_out_becomes_a_request_with_subject_and_deadline():
    [action] = actions_from_clause(DISCORD_OPT_OUT)
    assert action.kind == "request"
    assert action.email == "arbitration-opt-out@discord.com"
    assert action.subject == "Arbitration opt-out"
    assert action.deadline == "30 days after September 29, 2025 or when you first register your Discord account, whichever is later"
    assert any("arbitration-opt-out@discord.com" in step for step in action.steps)


@pytest.mark.parametrize(
    ("clause", "deadline"),
    [
        ("You may opt out of arbitration within thirty (30) days of first accepting these Terms.", "30 days after first accepting these Terms"),
        ("YOU MAY OPT OUT WITHIN 60 DAYS AFTER YOU CREATE AN ACCOUNT BY WRITING TO US.", "60 days after you create an account"),
        ("Requests to opt out must be received no later than 14 days from the date of purchase.", "14 days after the date of purchase"),
        ("You may opt out at any time in your settings.", None),
    ],
)
def test_deadlines_are_stated_plainly(clause, deadline):
    assert stated_deadline(clause) == deadline


def test_a_linked_opt_out_page_becomes_a_link_action():
    [action] = actions_from_clause("To opt out of the sale of your data, visit https://privacy.example.com/do-not-sell.")
    assert (action.kind, action.url) == ("opt-out", "https://privacy.example.com/do-not-sell")


def test_an_address_without_opt_out_wording_is_not_an_action():
    assert actions_from_clause("Questions about these Terms can be sent to legal@example.com within 30 days.") == ()
    assert actions_from_clause("We may share your data with partners.") == ()


# --- generic annotations: clause types without a record -----------------------------------------------

def test_generic_findings_become_annotations_with_the_category_explanation(library):
    from termslens.analysis import merge
    from termslens.report import annotation_json

    text = (
        "Welcome. All disputes will be resolved by binding arbitration. You waive any jury trial. "
        "We may change these terms at any time.\n\nYou may opt out of arbitration within 30 days of sign-up "
        "by emailing optout@shop.example."
    )
    sentence = lambda s: (text.index(s), text.index(s) + len(s))  # noqa: E731
    findings = [
        Detection(*sentence("All disputes will be resolved by binding arbitration."), "arbitration", 91.0),
        Detection(*sentence("You waive any jury trial."), "arbitration", 80.0),
        Detection(*sentence("We may change these terms at any time."), "unilateral-change", 88.0),
        Detection(*sentence("You may opt out of arbitration within 30 days of sign-up by emailing optout@shop.example."), "arbitration", 85.0),
    ]
    annotations = merge(segment(text), [], findings)
    # Consecutive sentences of one category are one clause; another category in between separates them.
    assert [(a.category.id, a.exact) for a in annotations] == [
        ("arbitration", "All disputes will be resolved by binding arbitration. You waive any jury trial."),
        ("unilateral-change", "We may change these terms at any time."),
        ("arbitration", "You may opt out of arbitration within 30 days of sign-up by emailing optout@shop.example."),
    ]
    body = annotation_json(annotations[0], library.peers)
    info = categories()["arbitration"]
    assert body["kind"] == "generic" and body["record_id"] is None and body["service"] is None
    assert (body["title"], body["means"], body["advice"]) == (info.name, info.means, list(info.advice))
    assert body["score"] == 91.0 and text[body["start"] : body["end"]] == body["exact"]
    assert body["peers"]["summary"] == library.peers["arbitration"].summary()


def test_a_generic_finding_on_a_curated_clause_is_dropped(library, corpus):
    """The record speaks for its sentence (issue 13): no generic card of its category, nor of another one, on
    top of it; a finding on a sentence next to it stays."""
    from termslens.analysis import merge, resolve_conflicts

    text = corpus["Claude-Anthropic/terms"]
    page = segment(text)
    curated = analyze(library, text, url="https://www.anthropic.com/legal/consumer-terms", generic=False).annotations
    training = next(a for a in curated if a.record.id == "anthropic-terms-model-training")
    same = Detection(training.start, training.end, "ai-training", 90.0)
    other = Detection(training.start, training.end, "data-sharing", 90.0)
    after = next(s for s in page.sentences if s.start >= training.end + 1 and not s.is_heading)
    beside = Detection(after.start, after.end, "data-sharing", 90.0)
    cards = resolve_conflicts(page, curated, [same, other, beside])
    generic = [a for a in merge(page, curated, cards) if a.kind == "generic"]
    assert [(a.category.id, a.start) for a in generic] == [("data-sharing", after.start)]


# --- which records belong on a page ------------------------------------------------------------------------

def test_another_companys_copy_of_a_clause_does_not_bring_the_record_of_the_original(library, shared_dir):
    """Rovio's terms use the arbitration opt-out wording of WhatsApp's, with Rovio's name and address in it.
    WhatsApp's record (WhatsApp's postal address) must not be offered there; the clause type still is, with
    the deadline Rovio's own text states."""
    text = (shared_dir / "claudette-dev" / "docs" / "Rovio.txt").read_text("utf-8")
    for url in ("https://www.rovio.com/eula", None):
        analysis = analyze(library, text, url=url)
        assert analysis.service is None
        assert [a.record.id for a in analysis.annotations if a.kind == "record"] == []
        opt_out = next(a for a in analysis.annotations if a.exact.startswith("To opt out, you must notify Rovio"))
        assert opt_out.category.id == "arbitration"
        assert [action.deadline for action in opt_out.actions] == [
            "30 days after the date that you first became subject to this arbitration provision"
        ]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (None, True),  # a clause pasted on its own, word for word
        ("https://www.whatsapp.com/legal/terms-of-service", True),
        ("https://claude.ai/legal/terms", False),  # another service's page that never names WhatsApp
    ],
)
def test_a_record_is_shown_on_its_own_services_pages_and_on_pages_of_unknown_origin(library, url, shown):
    record = library.get("whatsapp-terms-arbitration-opt-out")
    found = [a.record.id for a in analyze(library, record.quote, url=url, generic=False).annotations]
    assert (record.id in found) is shown


# --- privacy notice or terms ---------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("title", "url", "privacy"),
    [
        ("Privacy Policy", None, True),
        ("Terms of Service", "https://example.com/privacy", False),  # the title decides first
        ("Privacy Policy – Privacy & Terms – Google", "https://policies.google.com/privacy", True),
        ("Google Terms of Service – Privacy & Terms – Google", "https://policies.google.com/terms", False),
        (None, "https://privacy.microsoft.com/en-us/privacystatement", True),
        (None, "https://www.microsoft.com/en-us/servicesagreement", False),
        ("privacy.md", None, True),  # the CLI's default title: the file's name
        ("Welcome", "https://example.com/", False),
        (None, None, False),
    ],
)
def test_a_privacy_notice_is_told_from_terms_by_its_title_then_its_address(title, url, privacy):
    from termslens.document_kind import is_privacy_notice

    assert is_privacy_notice(title=title, url=url) is privacy
