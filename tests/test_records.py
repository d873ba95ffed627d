"""The bundled records: valid, found on the right words of their source documents, and nowhere else."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from termslens.analysis import analyze
from termslens.engine import tokenize
from termslens.records import RecordError, bundled_records_dir, load_record_file, load_records
from tests.support.edits import drift_document

# The corpus folder holding each service's documents (see ../shared/corpus/index.json).
CORPUS_FOLDER = {
    "adobe": "Adobe", "airbnb": "Airbnb", "amazon": "Amazon", "apple": "Apple", "openai": "ChatGPT-OpenAI",
    "anthropic": "Claude-Anthropic", "discord": "Discord", "dropbox": "Dropbox", "facebook": "Facebook",
    "github": "GitHub", "google": "Google", "instagram": "Instagram", "linkedin": "LinkedIn",
    "microsoft": "Microsoft", "netflix": "Netflix", "paypal": "PayPal", "pinterest": "Pinterest",
    "reddit": "Reddit", "snapchat": "Snapchat", "spotify": "Spotify", "steam": "Steam", "tiktok": "TikTok",
    "tinder": "Tinder", "twitch": "Twitch", "whatsapp": "WhatsApp", "x": "X-Twitter", "youtube": "YouTube",
    "zoom": "Zoom",
}
# A record found in another service's document is only right when that document carries the same clause
# almost word for word (Meta's and Google's services share passages); anything weaker is a misplacement.
SHARED_CLAUSE_SCORE = 97


def source_text(corpus: dict[str, str], service_id: str, document: str) -> str:
    """The document a service's records quote. Anthropic's privacy.md holds two policies, the user policy
    and then the Non-User policy, which repeats some clauses almost word for word; the records quote the
    first, the one a user reads on its own page."""
    text = corpus[f"{CORPUS_FOLDER[service_id]}/{document}"]
    return text.split("\nNon-User Privacy Policy\n====", 1)[0]


def bundled_documents() -> list[tuple[str, str]]:
    """(service id, document key) for every document the bundled records quote."""
    return sorted({(r.service.id, r.document.id) for r in load_records([bundled_records_dir()])})


def test_every_bundled_record_file_validates():
    records = load_records([bundled_records_dir()])
    assert len(records) >= 10
    assert len({r.id for r in records}) == len(records)


def test_every_bundled_service_has_its_corpus_folder():
    services = {service for service, _ in bundled_documents()}
    assert services <= set(CORPUS_FOLDER), services - set(CORPUS_FOLDER)


def test_the_model_training_record_carries_its_opt_out(library):
    record = library.get("anthropic-terms-model-training")
    assert record.category == "ai-training" and record.severity == "high" and record.stance == "bad"
    [opt_out] = [a for a in record.actions if a.kind == "opt-out"]
    assert opt_out.url == "https://claude.ai/settings/data-privacy-controls"
    assert any("Privacy" in step for step in opt_out.steps)
    assert any("feedback" in caveat.lower() for caveat in opt_out.caveats)


@pytest.mark.parametrize(("service", "document"), bundled_documents(), ids=lambda value: value if isinstance(value, str) else None)
def test_every_record_is_found_on_its_own_words_in_its_source(library, corpus, service, document):
    text = source_text(corpus, service, document)
    expected = {r.id: r for r in library.records_of(service) if r.document.id == document}
    url = next(iter(expected.values())).document.url
    found = {a.record.id: a for a in analyze(library, text, url=url, generic=False).annotations}
    assert set(expected) - set(found) == set(), "not found in their source"
    for record_id, record in expected.items():
        annotation = found[record_id]
        assert tokenize(annotation.exact).words == tokenize(record.quote).words, record_id
        assert annotation.score == 100, record_id


@pytest.mark.parametrize(("service", "document"), bundled_documents(), ids=lambda value: value if isinstance(value, str) else None)
def test_records_are_not_placed_in_other_services_documents(library, corpus, service, document):
    text = source_text(corpus, service, document)
    misplaced = [
        (a.record.id, round(a.score), a.exact[:80])
        for a in analyze(library, text, generic=False).annotations
        if a.record.service.id != service and a.score < SHARED_CLAUSE_SCORE
    ]
    assert misplaced == []


@pytest.mark.parametrize("level", [2, 3])
@pytest.mark.parametrize("document", ["terms", "privacy"])
def test_records_are_found_in_realistically_edited_copies(library, corpus, document, level):
    text = source_text(corpus, "anthropic", document)
    # Quotes are verbatim minus Markdown, so drift each clause on the page's own characters.
    located = [a for a in analyze(library, text, generic=False).annotations if a.record.document.id == document]
    assert len({text.count(a.exact) for a in located}) == 1
    drifted, spans = drift_document(text, [a.exact for a in located], seed=level * 7, level=level)
    found = {a.record.id: a for a in analyze(library, drifted, generic=False).annotations}
    truth = {a.record.id: span for a, span in zip(located, spans)}
    page = tokenize(drifted)
    for record_id, (start, end) in truth.items():
        assert record_id in found, f"{record_id} not found after level-{level} edits"
        annotation = found[record_id]
        truth_words = {k for k, s in enumerate(page.starts) if start <= s < end}
        found_words = {k for k, s in enumerate(page.starts) if annotation.start <= s < annotation.end}
        assert len(truth_words & found_words) >= 0.9 * len(truth_words), record_id
        assert len(found_words - truth_words) <= 2, record_id


# --- loading: a broken file stops with the file, the record and the field named -------------------------

@pytest.fixture
def record_file() -> dict:
    return json.loads((bundled_records_dir() / "anthropic.json").read_text("utf-8"))


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), "utf-8")
    return path


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d["records"][2].pop("quote"), ["record 3", "'quote'", "required"]),
        (lambda d: d["records"][0].update(severity="extreme"), ["record 1", "'severity'"]),
        (lambda d: d["records"][1].update(quote="too short"), ["record 2", "'quote'"]),
        (lambda d: d["records"][0]["actions"][0].update(url="http://insecure.example"), ["record 1", "actions.0.url"]),
        (lambda d: d["records"][0].update(document="faq"), ["record 1", "'document'", "faq"]),
        (lambda d: d["records"][1].update(id=d["records"][0]["id"]), ["record 2", "duplicate"]),
        (lambda d: d["records"][0].update(surprise=1), ["record 1", "surprise"]),
        (lambda d: d["service"].pop("domains"), ["'service.domains'", "required"]),
    ],
    ids=["missing-field", "bad-enum", "short-quote", "http-url", "unknown-document", "duplicate-id", "extra-field", "no-domains"],
)
def test_a_broken_record_file_names_file_record_and_field(tmp_path, record_file, mutate, expected):
    data = copy.deepcopy(record_file)
    mutate(data)
    path = write(tmp_path, data)
    with pytest.raises(RecordError) as error:
        load_record_file(path)
    message = str(error.value)
    assert message.startswith(str(path))
    for part in expected:
        assert part in message


def test_invalid_json_and_unreadable_files(tmp_path):
    with pytest.raises(RecordError, match=r"broken.json: invalid JSON at line 1"):
        load_record_file(write(tmp_path, "{oops"))
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(RecordError, match="not UTF-8"):
        load_record_file(binary)
    with pytest.raises(RecordError, match="cannot read"):
        load_record_file(tmp_path / "absent.json")


def test_loading_is_all_or_nothing_across_folders(tmp_path, record_file):
    (tmp_path / "copy.json").write_text(json.dumps(record_file), "utf-8")
    with pytest.raises(RecordError, match="already defined in"):
        load_records([bundled_records_dir(), tmp_path])
    with pytest.raises(RecordError, match="not a directory"):
        load_records([tmp_path / "missing"])


# Explanations are written in our own words: no run of this many words of a record's title, meaning, why it
# matters or caveats is copied from the document it explains. (Steps may name an address or a menu label
# verbatim; those are data.) Twelve words is longer than any stock phrase ("if you are a consumer in the
# EEA, Switzerland or the UK" is eleven).
COPIED_RUN_WORDS = 12


@pytest.mark.parametrize(("service", "document"), bundled_documents(), ids=lambda value: value if isinstance(value, str) else None)
def test_explanations_are_in_our_own_words(library, corpus, service, document):
    n = COPIED_RUN_WORDS
    words = tokenize(source_text(corpus, service, document)).words
    runs = set(zip(*(words[i:] for i in range(n))))
    copied = []
    for record in library.records_of(service):
        if record.document.id != document:
            continue
        for text in (record.title, record.means, record.matters, *(c for a in record.actions for c in a.caveats)):
            own = tokenize(text).words
            copied += [(record.id, " ".join(run)) for run in zip(*(own[i:] for i in range(n))) if run in runs]
    assert copied == []
