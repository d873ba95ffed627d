"""The detector's training data and its measurement: claudette-extra's lower-cased, tokenised text made to read
like page text; ToS;DR quotes labelled through the shared case mapping; one service, one group; and a nested
evaluation in which no choice ever sees the services it is scored on."""

from __future__ import annotations

import json

import numpy as np
import pytest

from termslens.detect import evaluate, train
from termslens.detect.corpus import load_claudette, load_corpus, service_key
from termslens.detect.dataset import TOSDR, build
from termslens.detect.features import tokens
from termslens.detect.keyphrases import FEATURE_NAMES, keyphrase_features
from termslens.detect.tosdr import is_english, load_quotes
from termslens.detect.truecase import looks_tokenised
from termslens.segment import is_title_like
from termslens.tosdr_cases import case_category

# --- claudette-extra reads like page text --------------------------------------------------------------------


@pytest.fixture(scope="module")
def extra(shared_dir):
    return load_claudette(shared_dir / "claudette-extra")


def test_tokenised_documents_are_told_apart(shared_dir):
    def first_texts(folder):
        lines = (shared_dir / folder / "sentences.jsonl").read_text("utf-8").splitlines()[:200]
        return [json.loads(line)["text"] for line in lines]

    assert looks_tokenised(first_texts("claudette-extra"))
    assert not looks_tokenised(first_texts("claudette-dev"))


def test_extra_sentences_get_back_punctuation_quotes_and_capitals(extra):
    texts = extra.texts
    joined = "\n".join(texts)
    assert "-lrb-" not in joined and "-rrb-" not in joined and "``" not in joined and "''" not in joined
    # Two sentences keep a space before a full stop: their source split "H.264" and "414/1.5" into tokens.
    assert sum(" ," in t or " ." in t for t in texts) <= 2
    airbnb = [t for t, d in zip(texts, extra.docs) if d == "Airbnb"]
    assert "By accessing or using the Airbnb platform, you agree to comply with and be bound by these terms" in " ".join(airbnb)
    assert all(t[0].isupper() or not t[0].isalpha() for t in texts if t)


def test_names_read_as_names_so_the_model_sees_the_company_as_we(extra):
    """"uber may terminate" reads "Uber may terminate", which the features turn into "we may terminate", as on
    a real page; court and arbitration bodies keep their capitals for the key phrases."""
    uber = next(t for t, d in zip(extra.texts, extra.docs) if d == "Uber" and "Uber may" in t)
    assert tokens(uber, frozenset({"may", "terminate"}))[:2] == ["we", "may"]
    joined = " ".join(extra.texts)
    assert {"AAA", "JAMS", "California", "Ireland"} <= set(joined.replace("\"", " ").split())


def test_capitals_restore_headings_and_key_phrases(extra, shared_dir):
    headings = [s.text for s in extra.sentences if s.is_heading]
    assert len(headings) > 100 and all(is_title_like(h) for h in headings)
    dev = load_claudette(shared_dir / "claudette-dev")
    per_sentence = lambda corpus: keyphrase_features(corpus.texts).sum(0) / len(corpus.texts)  # noqa: E731
    actor = [i for i, name in enumerate(FEATURE_NAMES) if name.startswith("TER.")]
    # Actor phrases ("Acme may terminate") need capitals: the normalised extra text finds them about as often.
    assert per_sentence(extra)[actor].sum() > 0.5 * per_sentence(dev)[actor].sum()


def test_both_folders_load_as_one_corpus_of_fifty_documents(shared_dir):
    corpus = load_corpus([shared_dir / "claudette-dev", shared_dir / "claudette-extra"])
    assert len({(d, i) for i, d in enumerate(corpus.docs)}) == len(corpus.docs) == 14_442
    assert len(corpus.document_names) == 43  # seven services have a document in each folder
    assert corpus.labels.sum(0).tolist() == [83, 225, 106, 69, 69, 442, 275, 139]


# --- ToS;DR quotes and groups --------------------------------------------------------------------------------


def test_tosdr_quotes_are_labelled_by_the_shared_case_mapping(shared_dir):
    quotes = load_quotes(shared_dir / "tosdr")
    points = [json.loads(line) for line in (shared_dir / "tosdr" / "points.jsonl").read_text("utf-8").splitlines()]
    by_text = {}
    for point in points:
        if point["quote_text"] and point["case"] and case_category(point["case"]):
            by_text.setdefault(" ".join(point["quote_text"].split()), set()).add(case_category(point["case"]))
    sample = [q for q in quotes if q.categories][:300]
    assert all(q.categories <= by_text.get(q.text, q.categories) for q in sample)
    assert all(is_english(q.text) for q in quotes)
    assert 5000 < len(quotes) < 6969 and sum(1 for q in quotes if not q.categories) > 2000


def test_a_company_is_one_group_across_claudette_and_tosdr(shared_dir, tmp_path):
    points = tmp_path / "points.jsonl"
    rows = [
        {"id": "1", "service": "uber", "case": "There is a date of the last update of the terms",
         "quote_text": "You and Uber agree that you may only bring claims against each other in your individual capacity."},
        {"id": "2", "service": "academia-edu", "case": "There is a date of the last update of the terms",
         "quote_text": "You agree to waive any right to a jury trial or to participate in a class action lawsuit."},
        {"id": "3", "service": "some-other-app", "case": "There is a date of the last update of the terms",
         "quote_text": "All claims must be brought in the parties' individual capacity and not as a class member."},
    ]
    points.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    data = build([shared_dir / "claudette-extra"], points)
    groups = {d: g for d, g in zip(data.docs, data.groups)}
    assert groups["tosdr:uber"] == groups["Uber"] == service_key("Uber")
    assert groups["tosdr:academia-edu"] == groups["Academia"]
    assert groups["tosdr:some-other-app"].startswith("tosdr:")


# --- the nested evaluation -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(shared_dir, tmp_path_factory):
    """Nine claudette-dev documents and the ToS;DR quotes of 60 services: enough to run every code path."""
    data = build([shared_dir / "claudette-dev"], shared_dir / "tosdr")
    docs = {"Dropbox", "Uber", "Zoom", "Tinder", "Yelp", "Skype", "Quora", "Rovio", "Garmin"}
    tosdr_groups = sorted({g for g, o in zip(data.groups, data.origins) if o == TOSDR})[:60]
    keep = np.flatnonzero([d in docs or g in tosdr_groups for d, g in zip(data.docs, data.groups)])
    return data.subset(keep)


@pytest.mark.slow
def test_no_choice_sees_the_services_it_is_scored_on(small, monkeypatch):
    fitted_on: list[set[str]] = []
    real_fit = evaluate.fit

    def recording_fit(data, settings, **options):
        fitted_on.append(set(data.groups))
        return real_fit(data, settings, **options)

    monkeypatch.setattr(evaluate, "fit", recording_fit)
    variants = (train.Settings("a"), train.Settings("b", svm_c=0.5))
    result = evaluate.nested_evaluation(small, variants, outer_folds=3)
    outer = evaluate._outer_partition(small.groups, 3)[0]
    held_out = [{small.groups[i] for i in test_rows} for _, test_rows in outer]
    assert len(fitted_on) == 3 * len(variants)
    for fold, seen in enumerate(fitted_on):
        assert not seen & held_out[fold // len(variants)]  # every variant of fold k trains without fold k
    assert sum(len(h) for h in held_out) == len(set(small.groups))  # every service is held out once
    assert [r.variant for r in result.runs] == ["a", "b"] * 3
    assert sum(r.chosen for r in result.runs) == 3
    for fold in range(3):
        runs = [r for r in result.runs if r.fold == fold]
        chosen = next(r for r in runs if r.chosen)
        assert chosen.inner == max(r.inner for r in runs)  # chosen by the inner score alone
    assert len(result.claudette.scores) == 8 and result.tosdr is not None
    for score in result.claudette.scores + result.tosdr.scores:
        assert 0.0 <= score.precision <= 1.0 and 0.0 <= score.recall <= 1.0


def test_the_threshold_keeps_precision_at_least_at_recall():
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.0])
    labels = np.array([1, 1, 0, 1, 0, 1])
    threshold = train.best_threshold(scores, labels)
    predicted = scores > threshold
    tp = (predicted & (labels == 1)).sum()
    assert tp / predicted.sum() >= tp / labels.sum()
    assert threshold == 1.5  # the best F1 overall (0.8, at -0.5) would have precision 0.67 below recall 1.0


@pytest.mark.slow
def test_the_evaluate_command_prints_the_nested_tables(runner, shared_dir, tmp_path):
    from termslens.cli import main

    lines = (shared_dir / "claudette-dev" / "sentences.jsonl").read_text("utf-8").splitlines()
    keep = {"Dropbox", "Uber", "Zoom", "Tinder", "Yelp", "Skype"}
    (tmp_path / "six").mkdir()
    (tmp_path / "six" / "sentences.jsonl").write_text(
        "".join(line + "\n" for line in lines if json.loads(line)["doc"] in keep), "utf-8")
    args = ["detector", "evaluate", "--data", str(tmp_path / "six"), "--no-tosdr", "--variants", "shipped"]
    result = runner.invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["tosdr"] is None and body["claudette_by_folder"].keys() == {"six"}
    assert [c["claudette"] for c in body["claudette"]["categories"]] == ["A", "CH", "CR", "J", "LAW", "LTD", "TER", "USE"]
    assert [v["variant"] for v in body["variants"]] == [train.SHIPPED.name] * 5 and all(v["chosen"] for v in body["variants"])
    missing = runner.invoke(main, ["detector", "evaluate", "--data", str(tmp_path / "none"), "--no-tosdr"])
    assert missing.exit_code == 1 and "sentences.jsonl: not found" in missing.output
