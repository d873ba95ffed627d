"""Records' wording checked against what TermsLens verified: same, reworded or changed, with the material
differences named and the claims not stated as fact when a difference touches them; reworded clauses of a
record's own document found without placing any record on a passage that is not its clause."""

from __future__ import annotations

import zlib

import pytest

from termslens.analysis import analyze
from termslens.records import Document, Record, Service
from termslens.wording import check_wording, verified_hash
from tests.support.edits import drift
from tests.support.older import older_wording
from tests.test_records import source_text

SERVICE = Service("examplecorp", "Examplecorp", ("examplecorp.example",))
DOCUMENT = Document("terms", "Terms", "https://examplecorp.example/terms")


def record(quote: str, *, title: str = "Examplecorp keeps your chats for AI training", means: str = "-",
           record_id: str = "examplecorp-x") -> Record:
    return Record(record_id, SERVICE, DOCUMENT, "ai-training", "high", "bad", title, quote, means, "-", (), (),
                  DOCUMENT.url, "2025-05-01", "2025-06-01")


AI_QUOTE = ("We use the content you share with us, including for AI training, to improve and develop our services. "
            "You can object to this use in your privacy settings.")


def test_the_same_words_are_the_same_wording():
    page = "Intro. We use the **content** you share with us, including for AI training, to improve and develop our\nservices. You can object to this use in your privacy settings. End."
    start = page.index("We use")
    wording = check_wording(page, start, page.index(" End."), record(AI_QUOTE))
    assert (wording.status, wording.diff, wording.material, wording.claims_hold) == ("same", (), (), True)
    assert wording.verified_hash == verified_hash(record(AI_QUOTE)) and wording.verified == "2025-06-01"


def test_other_words_that_change_nothing_are_reworded():
    page = ("We use the content you share with us, including for AI training, to improve and build our services. "
            "You can object to this processing in your privacy settings.")
    wording = check_wording(page, 0, len(page), record(AI_QUOTE))
    assert wording.status == "reworded" and wording.material == () and wording.claims_hold
    assert [(op.op, op.text) for op in wording.diff if op.op != "equal"] == [
        ("delete", "develop"), ("insert", "build"), ("delete", "use"), ("insert", "processing")]


def test_an_older_wording_without_ai_training_is_changed_and_the_claims_are_not_facts():
    # Reddit's case: a record written for "including for AI training" on text that never mentions AI.
    page = ("We use the content you share with us to improve and develop our services. "
            "You can object to this use in your privacy settings.")
    wording = check_wording(page, 0, len(page), record(AI_QUOTE))
    assert wording.status == "changed" and not wording.claims_hold
    [reason] = wording.material
    assert (reason.kind, reason.what, reason.old.text, reason.new) == ("data-use", "AI training", "training", None)
    assert AI_QUOTE[reason.old.start : reason.old.end] == "training"  # `old` offsets index the quote


def test_a_different_number_is_changed_but_touches_only_claims_that_state_one():
    quote = "Our total liability to you is limited to the amount you paid us in the twelve months before the claim."
    page = "Our total liability to you is limited to the amount you paid us in the three months before the claim."
    plain = check_wording(page, 0, len(page), record(quote, title="Examplecorp caps what it owes you"))
    assert plain.status == "changed" and [(r.kind, r.old.text, r.new.text) for r in plain.material] == [
        ("duration", "twelve months", "three months")]
    assert plain.claims_hold  # the record's claims name no period
    stating = check_wording(page, 0, len(page), record(quote, title="Examplecorp owes you at most 12 months of fees"))
    assert not stating.claims_hold


def test_a_new_party_and_a_negation_are_changed():
    quote = "We share device identifiers with advertising partners such as Xandr and Yahoo."
    page = "We do not share device identifiers with advertising partners such as Criteo and Yahoo."
    wording = check_wording(page, 0, len(page), record(quote, title="Examplecorp shares your device ids with Xandr"))
    kinds = {(r.kind, r.old.text if r.old else None, r.new.text if r.new else None) for r in wording.material}
    assert ("negation", None, "not") in kinds and ("party", "Xandr", "Criteo") in kinds
    assert not wording.claims_hold


# --- the library on real documents ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def older_claude_terms(shared_dir) -> str:
    return (shared_dir / "versions/Claude-ai/Terms-of-Service/2025-08-01_8f977d4aa5.md").read_text("utf-8")


def test_every_record_on_its_own_source_reads_the_same(library, corpus):
    for service, document in (("anthropic", "terms"), ("spotify", "terms"), ("reddit", "privacy")):
        text = source_text(corpus, service, document)
        annotations = [a for a in analyze(library, text, generic=False).annotations if a.record is not None
                       and a.record.service.id == service]
        assert annotations and all(a.wording.status == "same" and a.wording.claims_hold for a in annotations)


def test_a_real_older_version_shows_what_differs(library, older_claude_terms):
    url = library.get("anthropic-terms-liability-cap").document.url
    found = {a.record.id: a for a in analyze(library, older_claude_terms, url=url, generic=False).annotations if a.record}
    cap = found["anthropic-terms-liability-cap"].wording
    assert cap.status == "changed"
    assert ("amount", "€100", "£100") in [(r.kind, r.old.text, r.new.text) for r in cap.material if r.old and r.new]
    assert not cap.claims_hold
    assert all(a.wording.status == "same" for a in found.values() if a.score == 100)


def test_the_answer_carries_the_wording(client, older_claude_terms, library):
    url = library.get("anthropic-terms-liability-cap").document.url
    body = client.post("/api/v1/analyze", json={"text": older_claude_terms, "url": url},
                       headers={"Origin": "chrome-extension://ohdbolieedmedmfgdacelnpmjdfmlima"}).get_json()
    by_record = {a["record_id"]: a for a in body["annotations"]}
    wording = by_record["anthropic-terms-liability-cap"]["wording"]
    assert wording["status"] == "changed" and wording["claims_hold"] is False
    assert {op["op"] for op in wording["diff"]} == {"equal", "delete", "insert"}
    assert all(a["wording"] is None for a in body["annotations"] if a["kind"] == "generic")


# --- reworded clauses of the record's own document -------------------------------------------------------------

REWORDED_SAMPLE = ["spotify-terms-class-action-waiver", "anthropic-terms-model-training", "snapchat-privacy-genai-training",
                   "linkedin-privacy-genai-training", "airbnb-privacy-erasure", "discord-terms-class-action-waiver",
                   "whatsapp-terms-termination", "github-terms-copilot-training", "paypal-privacy-ai-training",
                   "tinder-terms-class-action-waiver"]


def own_document(library, corpus, record_id: str) -> tuple[Record, str, int, int]:
    rec = library.get(record_id)
    text = source_text(corpus, rec.service.id, rec.document.id)
    [placed] = [a for a in analyze(library, text, url=rec.document.url, generic=False, reworded=False).annotations
                if a.record is not None and a.record.id == record_id]
    # A clause its document states twice (X's terms repeat their AI clause) has no one true place.
    assert text.count(placed.exact[:120]) == 1, f"{record_id}: its clause is repeated in its document"
    return rec, text, placed.start, placed.end


def sample(library) -> list[str]:
    """The sampled record ids that exist (the library may be revised), and enough of them."""
    ids = [r for r in REWORDED_SAMPLE if library.get(r) is not None]
    if len(ids) < 6:
        ids += [r.id for r in library.records[:: len(library.records) // 10]][: 10 - len(ids)]
    return ids


def test_records_are_found_on_older_wordings_of_their_own_document(library, corpus):
    found_before = found_after = 0
    for record_id in sample(library):
        rec, text, start, end = own_document(library, corpus, record_id)
        older = older_wording(text[start:end], seed=zlib.crc32(record_id.encode()), kind="reworded")
        page = text[:start] + older + text[end:]
        truth = (start, start + len(older))
        for flag in (False, True):
            placed = [a for a in analyze(library, page, url=rec.document.url, generic=False, reworded=flag).annotations
                      if a.record is not None and a.record.id == record_id]
            if placed:
                a = placed[0]
                assert min(a.end, truth[1]) - max(a.start, truth[0]) >= 0.5 * (truth[1] - truth[0]), record_id
                assert a.wording.status in ("reworded", "changed")
                found_before += not flag
                found_after += flag
    assert found_after > found_before  # the measured figures: benchmarks/bench_reworded.py


def test_a_record_is_not_placed_where_its_clause_was_removed_or_replaced(library, corpus):
    for record_id in sample(library):
        rec, text, start, end = own_document(library, corpus, record_id)
        others = [r for r in library.records if r.category == rec.category and r.service.id != rec.service.id]
        for page in (text[:start] + text[end:],
                     text[:start] + drift(others[0].quote, seed=1, level=1) + text[end:] if others else None):
            if page is None:
                continue
            placed = [a for a in analyze(library, page, url=rec.document.url, generic=False).annotations
                      if a.record is not None and a.record.id == record_id and a.score < 84]
            assert placed == [], (record_id, placed[0].exact[:80] if placed else "")


def test_the_reworded_search_never_places_a_record_in_another_services_document(library, corpus):
    # A page at one service's document address holding another service's text: nothing below the matcher's
    # cutoff may be placed there.
    pairs = [("spotify", "terms", "Netflix/terms"), ("anthropic", "privacy", "ChatGPT-OpenAI/privacy"),
             ("x", "terms", "Reddit/terms"), ("google", "privacy", "Microsoft/privacy"),
             ("discord", "terms", "Twitch/terms"), ("tiktok", "privacy", "Snapchat/privacy")]
    for service, document, other in pairs:
        url = next(r.document.url for r in library.records_of(service) if r.document.id == document)
        placed = [a for a in analyze(library, corpus[other], url=url, generic=False).annotations
                  if a.record is not None and a.score < 84]
        assert placed == [], (service, other, [(a.record.id, round(a.score)) for a in placed])


def test_a_sentence_missing_from_the_page_is_reported_absent(library, corpus):
    # A clause of four sentences or more loses one in the middle: the rest is the clause, the missing one is
    # reported (X's class-action waiver, WhatsApp's termination clause, Airbnb's erasure list).
    tried = 0
    for rec in library.records:
        sentences = rec.quote.split(". ")
        if len(sentences) < 4 or rec.service.id == "x":
            continue
        rec, text, start, end = own_document(library, corpus, rec.id)
        passage = text[start:end]
        parts = passage.split(". ")
        if len(parts) < 4:
            continue
        k = min(range(1, len(parts) - 1), key=lambda i: len(parts[i]))  # the shortest middle sentence
        missing = parts[k]
        page = text[:start] + ". ".join(parts[:k] + parts[k + 1 :]) + text[end:]
        placed = [a for a in analyze(library, page, url=rec.document.url, generic=False).annotations
                  if a.record is not None and a.record.id == rec.id]
        assert len(placed) == 1, rec.id
        wording = placed[0].wording
        assert wording.status in ("reworded", "changed"), rec.id
        wanted = " ".join(missing.split()).strip(". ")[:40]
        assert any(wanted in " ".join(absent.split()) for absent in wording.absent), (rec.id, missing, wording.absent)
        assert missing not in placed[0].exact
        tried += 1
        if tried == 4:
            break
    assert tried == 4
