"""The clause-type detector as a user meets it: exact sentence offsets on messy pages, real clauses found
with the right type, ordinary sentences left alone, and a shipped model that loads as is and that the
`termslens detector train` command rebuilds identically."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from termslens.cli import main
from termslens.detect import (
    CATEGORIES,
    RULE_CATEGORIES,
    TERMS_ONLY_CATEGORIES,
    Detection,
    bundled_model_path,
    detect_clauses,
    detector_model,
)
from termslens.detect.keyphrases import PATTERNS_DIGEST
from termslens.detect.model import ModelError, load_model, save_model
from termslens.detect.train import document_partitions
from termslens.segment import split_sentences
from termslens.taxonomy import categories

# The shipped artefact's size: vocabulary, IDF, float16 LSA projection and coefficients of 27 categories.
MODEL_SIZE_LIMIT = 8_000_000

# A page as the extension sends it: Markdown heading, CRLF line ends, bullets, a link, emoji and accents.
MESSY_PAGE = (
    "# Conditions générales 🎉\r\n"
    "\r\n"
    "*   You agree to these Terms 🎉 by using the Services, and you agree to be bound by them.\r\n"
    "*   **Résiliation.** We may terminate or suspend your account at any time, for any reason, without notice.\r\n"
    "\r\n"
    "1\\. See our [privacy policy](https://example.com/privacy) for how we handle your café visits 😀.\r\n"
)


def sentences_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def found(text: str) -> set[tuple[str, str]]:
    return {(text[d.start : d.end], d.category) for d in detect_clauses(text)}


# --- sentences: offsets into the page text, in code points ----------------------------------------------


def test_sentences_are_exact_slices_without_bullets_on_a_messy_page():
    assert sentences_of(MESSY_PAGE) == [
        "Conditions générales 🎉",
        "You agree to these Terms 🎉 by using the Services, and you agree to be bound by them.",
        "**Résiliation.**",
        "We may terminate or suspend your account at any time, for any reason, without notice.",
        "See our [privacy policy](https://example.com/privacy) for how we handle your café visits 😀.",
    ]


def test_headings_are_tracked_for_the_sentences_under_them():
    parts = split_sentences(MESSY_PAGE)
    assert [s.is_heading for s in parts] == [True, False, True, False, False]
    assert parts[1].heading == "Conditions générales 🎉"
    assert parts[3].heading == "Résiliation."  # a bold lead-in heads what follows it
    assert parts[4].text == "See our privacy policy for how we handle your café visits 😀."  # markup removed


def test_a_link_whose_text_ends_a_sentence_still_ends_it():
    page = "We train on text aligned with [human values.](https://example.com/values) Our constitution guides it."
    assert sentences_of(page) == [
        "We train on text aligned with [human values.](https://example.com/values)",
        "Our constitution guides it.",
    ]


def test_detections_span_whole_sentences_of_the_page_text():
    assert found(MESSY_PAGE) == {
        ("You agree to these Terms 🎉 by using the Services, and you agree to be bound by them.",
         "contract-by-using"),
        ("We may terminate or suspend your account at any time, for any reason, without notice.",
         "unilateral-termination"),
    }


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_line_endings_do_not_move_offsets(line_end):
    text = line_end.join(["Governing Law", "", "These Terms are governed by the laws of the State of California."])
    detections = detect_clauses(text)
    assert [(text[d.start : d.end], d.category) for d in detections] == [
        ("These Terms are governed by the laws of the State of California.", "choice-of-law")
    ]


def test_a_very_long_line_and_a_table_become_bounded_sentences():
    long_line = "we may change these terms " * 3000  # 78,000 characters, no sentence punctuation
    table = "| Purpose | Data we use |\n| --- | --- |\n| Ads | Your activity<br>Your device |\n"
    text = f"* {long_line}\n\n{table}"
    parts = sentences_of(text)
    assert parts[-5:] == ["Purpose", "Data we use", "Ads", "Your activity", "Your device"]
    pieces = parts[:-5]
    assert all(0 < len(p) <= 2000 and p == p.strip() for p in pieces)
    assert " ".join(pieces) == long_line.strip()


def test_empty_and_blank_pages_give_nothing():
    assert detect_clauses("") == []
    assert detect_clauses(" \r\n\t\n") == []


# --- what is found on real pages ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, clause, category",
    [
        ("Zoom/terms", "You and Zoom agree that any dispute or claim between you and Zoom arising out of",
         "arbitration"),
        ("Zoom/terms", "The laws of the State of California, U.S.A., regardless of conflict of laws principles, govern",
         "choice-of-law"),
        ("Airbnb/terms", "These Terms are governed by and construed in accordance with Irish law.", "choice-of-law"),
        ("GitHub/terms", "You and GitHub agree to submit to the exclusive jurisdiction and venue of the courts",
         "jurisdiction"),
        ("Reddit/terms", "By accessing or using our Services, you agree to be bound by these Terms.",
         "contract-by-using"),
    ],
)
def test_real_clauses_are_found_with_their_category(corpus, page, clause, category):
    text = corpus[page]
    at = text.index(clause)
    hits = [d for d in detect_clauses(text) if d.category == category and d.start <= at < d.end]
    assert len(hits) == 1, f"{category} not found at {clause!r}"
    assert 50 <= hits[0].score <= 100


@pytest.mark.parametrize(
    "sentence",
    [
        "You can change your password in settings.",
        "Our offices are closed on public holidays in the United Kingdom.",
        "If you have questions about this page, contact our support team by email.",
        # (Cookies are tracking in the ToS;DR mapping the model learns from, first-party ones included.)
        "Our help pages are available in several languages, and you can switch between them at any time.",
    ],
)
def test_ordinary_sentences_are_not_clauses(sentence):
    assert detect_clauses(sentence) == []


def test_headings_and_fragments_are_never_clauses():
    assert detect_clauses("Limitation of Liability\n\nBinding Arbitration.\n\nGoverning law and venue") == []


def test_every_detection_category_has_an_explanation_in_the_taxonomy(corpus):
    known = categories()
    assert set(CATEGORIES) | set(RULE_CATEGORIES) | set(detector_model().categories) <= set(known)
    detections = detect_clauses(corpus["Tinder/terms"])
    assert {d.category for d in detections} >= {"arbitration", "class-action-waiver", "auto-renewal", "indemnification"}
    assert all(isinstance(d, Detection) and d.category in known for d in detections)
    assert detections == sorted(detections, key=lambda d: (d.start, d.end, d.category))


# --- key-phrase rules: said outright, and not when negated ---------------------------------------------


@pytest.mark.parametrize(
    "sentence, category",
    [
        ("You and we each waive any right to participate in a class action or class-wide arbitration.",
         "class-action-waiver"),
        ("We may use your content and conversations to train our AI models.", "ai-training"),
        ("Your subscription will automatically renew each month until you cancel it.", "auto-renewal"),
        ("You agree to indemnify and hold us harmless from any claims arising from your use.", "indemnification"),
        ("We use your activity on other sites to show you personalized ads.", "targeted-advertising"),
        ("We may sell your personal information to our advertising partners.", "data-sale"),
        ("You can delete your account at any time from the Settings page.", "account-deletion"),
    ],
)
def test_rules_find_clauses_said_outright(sentence, category):
    assert category in {d.category for d in detect_clauses(sentence)}


@pytest.mark.parametrize(
    "sentence",
    [
        "We do not sell your personal information to anyone, and we never will.",
        "We do not use your content to train our AI models.",
        "You may not use the Services to develop or train a competing machine learning model.",
        "Your subscription does not automatically renew at the end of the term.",
        "We may close your account if you breach these terms of service repeatedly.",
    ],
)
def test_rules_leave_negations_and_look_alikes_alone(sentence):
    assert not {d.category for d in detect_clauses(sentence)} & set(RULE_CATEGORIES)


# --- the shipped model ----------------------------------------------------------------------------------


def test_shipped_model_loads_without_training():
    model = load_model(bundled_model_path())
    assert model.meta["keyphrase_digest"] == PATTERNS_DIGEST
    assert model.meta["trained_on"]["documents"] == 50
    assert model.meta["trained_on"]["tosdr_services"] > 500
    assert set(CATEGORIES) < set(model.categories)  # the CLAUDETTE eight and those learnt from ToS;DR quotes
    assert detector_model() is not None
    assert bundled_model_path().stat().st_size < MODEL_SIZE_LIMIT


def test_analysis_needs_only_numpy_and_no_network():
    code = (
        "import sys, socket\n"
        "socket.socket = None\n"  # any network use would fail
        "from termslens.detect import detect_clauses\n"
        "assert detect_clauses('We may terminate your account at any time without notice for any reason.')\n"
        "loaded = {'sklearn', 'scipy'} & {name.split('.')[0] for name in sys.modules}\n"
        "assert not loaded, f'{loaded} imported at analysis time'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_model_built_for_other_key_phrases_is_refused(tmp_path):
    model = load_model(bundled_model_path())
    stale = save_model(type(model)(**{**model.__dict__, "meta": {**model.meta, "keyphrase_digest": "0" * 16}}),
                       tmp_path / "stale.npz")
    with pytest.raises(ModelError, match="other key phrases"):
        load_model(stale)
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "missing.npz")


@pytest.mark.slow
def test_train_command_rebuilds_the_shipped_model(runner, shared_dir, corpus, tmp_path):
    out = tmp_path / "detector.npz"
    result = runner.invoke(main, ["detector", "train", "--out", str(out)])  # defaults: ../shared's three folders
    assert result.exit_code == 0, result.output
    assert "Trained on 50 documents" in result.output and "ToS;DR quotes of 548 services" in result.output
    assert out.read_bytes() == bundled_model_path().read_bytes()
    rebuilt, shipped = load_model(out), load_model(bundled_model_path())
    assert rebuilt.vocabulary.terms() == shipped.vocabulary.terms()
    for name in ("coef", "intercept", "thresholds", "calibration"):
        assert np.array_equal(getattr(rebuilt, name), getattr(shipped, name)), name
    sample = split_sentences(corpus["Snapchat/terms"])[:400]
    assert np.array_equal(rebuilt.decision(sample), shipped.decision(sample))


def test_train_command_names_missing_data(runner, tmp_path):
    result = runner.invoke(main, ["detector", "train", "--out", str(tmp_path / "m.npz"), "--data", str(tmp_path)])
    assert result.exit_code == 1
    assert "sentences.jsonl: not found" in result.output


def _claudette_subset(shared_dir, out_dir, docs) -> list[dict]:
    """The CLAUDETTE sentences of `docs`, written to out_dir/sentences.jsonl (the format `--data` reads)."""
    lines = (shared_dir / "claudette-dev" / "sentences.jsonl").read_text("utf-8").splitlines()
    rows = [row for row in map(json.loads, lines) if row["doc"] in docs]
    out_dir.mkdir()
    (out_dir / "sentences.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    return rows


def test_score_command_measures_a_model_on_documents_it_was_not_trained_on(runner, shared_dir, tmp_path):
    held_out = _claudette_subset(shared_dir, tmp_path / "held-out", {"Amazon", "Dropbox", "Endomondo"})
    _claudette_subset(shared_dir, tmp_path / "train", {"Facebook", "Google", "Netflix", "Spotify", "Uber", "Zoom"})
    model = tmp_path / "small.npz"
    trained = runner.invoke(main, ["detector", "train", "--data", str(tmp_path / "train"), "--no-tosdr", "--out", str(model)])
    assert trained.exit_code == 0, trained.output

    def score(*options: str) -> dict:
        result = runner.invoke(main, ["detector", "score", "--data", str(tmp_path / "held-out"), "--json", *options])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    unseen, shipped = score("--model", str(model)), score()  # the shipped model was trained on these documents
    assert unseen["documents"] == 3 and unseen["folds"] == 0
    support = {c["claudette"]: c["support"] for c in unseen["categories"]}
    assert support == {code: sum(code in row["labels"] for row in held_out) for code in support}
    assert shipped["macro_f1"] > 0.9 > unseen["macro_f1"]
    table = runner.invoke(main, ["detector", "score", "--data", str(tmp_path / "held-out")]).output
    assert "macro-F1 = " in table and "(the model as given, on 3 documents)" in table


def test_score_command_names_missing_data_and_unusable_models(runner, tmp_path):
    result = runner.invoke(main, ["detector", "score", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "sentences.jsonl: not found" in result.output
    (tmp_path / "junk.npz").write_bytes(b"not a model")
    result = runner.invoke(main, ["detector", "score", "--data", str(tmp_path), "--model", str(tmp_path / "junk.npz")])
    assert result.exit_code == 1 and "junk.npz: not a detector model" in result.output and "pickle" not in result.output


# --- the measurement is document-disjoint ---------------------------------------------------------------


def test_thresholds_are_chosen_on_several_document_partitions_never_splitting_a_document():
    docs = tuple(name for name in "ABCDEFGHIJKLM" for _ in range(3))
    partitions = document_partitions(docs, 6, 3)
    assert len(partitions) == 3 and all(len(p) == 6 for p in partitions)
    for partition in partitions:
        scored = np.concatenate([score_rows for _, score_rows in partition])
        assert sorted(scored.tolist()) == list(range(len(docs)))  # every sentence scored once per partition
        for fit_rows, score_rows in partition:
            assert not {docs[i] for i in fit_rows} & {docs[i] for i in score_rows}
    groupings = [sorted(tuple(score_rows.tolist()) for _, score_rows in p) for p in partitions]
    assert len({tuple(g) for g in groupings}) == 3  # three different partitions
    again = document_partitions(docs, 6, 3)
    assert all(np.array_equal(a[1], b[1]) for p, q in zip(partitions, again) for a, b in zip(p, q))


# --- privacy notices: the model shows only what privacy notices really carry --------------------------------

LIABILITY = ("To the maximum extent permitted by law, we shall not be liable for any indirect, incidental or "
             "consequential damages arising out of your use of the Services.")
POLICY_CHANGE = "We may change this Privacy Policy from time to time without notifying you."


def test_terms_clause_types_are_not_shown_on_a_privacy_notice():
    page = f"{LIABILITY}\n\n{POLICY_CHANGE}\n"
    on_terms = found(page)
    on_privacy = {(page[d.start : d.end], d.category) for d in detect_clauses(page, privacy_notice=True)}
    assert (LIABILITY, "limitation-of-liability") in on_terms
    assert (POLICY_CHANGE, "unilateral-change") in on_terms & on_privacy
    assert not {category for _, category in on_privacy} & TERMS_ONLY_CATEGORIES


@pytest.mark.parametrize(
    "sentence",
    [
        # Snapchat privacy (standard contractual clauses), Zoom privacy (Data Privacy Framework)
        "These Clauses shall be governed by the law of the EU Member State in which the data exporter is established.",
        "If third-party agents process personal data on our behalf in a manner inconsistent with the DPF "
        "Principles, we remain liable unless we prove we are not responsible for the event giving rise to any damages.",
    ],
)
def test_data_transfer_clauses_are_not_read_as_the_users_terms(sentence):
    assert found(sentence) == set()
