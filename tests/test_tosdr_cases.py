"""The ToS;DR case mapping covers every well-quoted case, names only taxonomy categories and only real case titles."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from termslens.taxonomy import categories
from termslens.tosdr_cases import MAPPED, SOURCE, UNMAPPED, case_category


@pytest.fixture(scope="session")
def tosdr(shared_dir: Path) -> tuple[set[str], Counter[str]]:
    """All case titles (cases.json and points.jsonl), and the number of points with a quote per case."""
    folder = shared_dir / "tosdr"
    titles = {case["title"] for case in json.loads((folder / "cases.json").read_text("utf-8"))["cases"]}
    quoted: Counter[str] = Counter()
    with (folder / "points.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            point = json.loads(line)
            if point["case"]:
                titles.add(point["case"])
                if point["quote_text"]:
                    quoted[point["case"]] += 1
    return titles, quoted


def test_every_case_with_ten_quoted_points_is_mapped_or_unmapped(tosdr):
    _, quoted = tosdr
    well_quoted = {title for title, count in quoted.items() if count >= 10}
    missing = sorted(well_quoted - MAPPED.keys() - UNMAPPED.keys())
    assert not missing, f"{len(missing)} cases with 10+ quoted points are neither mapped nor unmapped: {missing[:5]}"


def test_no_case_is_both_mapped_and_unmapped():
    assert not MAPPED.keys() & UNMAPPED.keys()


def test_every_mapped_category_is_a_taxonomy_id():
    assert set(MAPPED.values()) <= set(categories())


def test_every_unmapped_case_says_why():
    assert all(isinstance(reason, str) and reason.strip() for reason in UNMAPPED.values())


def test_every_title_is_a_real_tosdr_case(tosdr):
    titles, _ = tosdr
    unknown = sorted((MAPPED.keys() | UNMAPPED.keys()) - titles)
    assert not unknown, f"not ToS;DR case titles (typos?): {unknown}"


def test_the_attribution_is_kept():
    assert "ToS;DR" in SOURCE and "CC BY-SA 3.0" in SOURCE


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("You waive your right to a class action.", "class-action-waiver"),
        ("This service forces users into binding arbitration in the case of disputes", "arbitration"),
        ("The service can delete your account without prior notice and without a reason", "unilateral-termination"),
        (" Terms may be changed any time at their discretion, without notice to the user ", "unilateral-change"),
        ("You agree to defend, indemnify, and hold the service harmless in case of a claim related to your use of "
         "the service", "indemnification"),
        ("This service allows you to retrieve an archive of your data", "data-access"),
        ("You can delete your content from this service", "account-deletion"),
        ("You maintain ownership of your data", "content-ownership"),
        ("When the service wants to make a material change to its terms, users are notified at least 30 days in "
         "advance", "change-notice"),
        ("This service uses third-party cookies for statistics", "tracking"),
        ("You can opt out of targeted advertising", "opt-out-available"),
        ("Your data may be processed and stored anywhere in the world", "international-transfer"),
        # Unmapped: a description, not a clause type; a promise not to sell (data-sale would invert it).
        ("The service provides details about what kinds of personal information they collect", None),
        ("This service does not sell your personal data", None),
        ("The service is provided 'as is' and to be used at the users' sole risk", None),
    ],
)
def test_clear_cases_map_where_they_should(title, category):
    assert case_category(title) == category
    assert (title in UNMAPPED) == (category is None)


def test_lookup_ignores_stray_spaces_and_unknown_titles():
    assert case_category("Terms may be changed any time at their discretion, without notice to the user") == (
        "unilateral-change"
    )
    assert case_category("no such case") is None
