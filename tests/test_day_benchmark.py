"""The day benchmark's detectors (benchmarks/day_checks.py), on headlines and sentences written
for these tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))
try:
    import day_checks
    from day import measure, origin_key
finally:
    sys.path.remove(str(REPO / "benchmarks"))


@pytest.mark.parametrize(
    "headline",
    [
        "Getty Images / PHOTOGRAPHER / Contributor",
        "Embed 3:12 autoplay Copy this code to your website",
        "Story highlights Officials say the bridge will reopen in May",
        "UPDATED: Bridge reopens after repairs",
        "EXCLUSIVE - Mayor plans second term",
        "BC-Harbor-Strike-Talks",
        "By Maria Lindqvist",
        "Posted 4 hours ago",
        "Sign up for our morning newsletter",
        "We use cookies to improve your experience",
        "World News",
        "Home » Politics",
        "Riverside Gazette: feature",
        "Northfield Herald",
        "(editor@example.com; @harborwatch)",
        "Harbor strike ends - riverton-news.com",
        "riverton-news.com",
    ],
)
def test_furniture_headlines_are_caught(headline: str) -> None:
    assert day_checks.furniture_headline(headline)


@pytest.mark.parametrize(
    "headline",
    [
        "Harbor workers end strike after pay deal",
        "Mayor Ana Ruiz wins second term, promises new bridge",
        "By the numbers: how the port recovered",
        "ACME <ACM> UNIT NAMES NEW CHAIRMAN",
        "Flood waters recede in Riverton",
        "Harborads.com, its owner plead guilty in three states",  # the site is the news
    ],
)
def test_real_headlines_are_not_furniture(headline: str) -> None:
    assert day_checks.furniture_headline(headline) is None


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Riverton, Ana Ruiz, City Council, Harbor Authority", True),
        ("Ana Ruiz; Tom Hall", True),
        ("Bank of Northland, Ana Ruiz, Riverton", True),
        ("Ana Ruiz, Tom Hall Clash Over Harbor Budget", False),
        ("Riverton council approves harbor budget, rejects tax", False),
        ("Harbor strike ends", False),
    ],
)
def test_name_lists(headline: str, expected: bool) -> None:
    assert day_checks.name_list(headline) is expected


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Riverton council is warning against", True),
        ("A Tarnow man who was believed to have been", True),
        ("Harbor workers vote to strike over pay …", True),
        ("Harbor workers vote to strike over pay...", True),
        ("Harbor workers vote to strike over pay", False),
        ("Ana Ruiz was found dead at her home", False),
        ("Riverton council approves the budget.", False),
    ],
)
def test_cut_headlines(headline: str, expected: bool) -> None:
    assert day_checks.cut_headline(headline) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "In this March 3, 2021, file photo, volunteers stack sandbags in Riverton.",
        "Ana Ruiz (Photo: Tom Hall/Riverton Gazette)",
        "Photo: The reopened bridge at dawn.",
        "Volunteers, pictured, worked through the night.",
        "The flooded square on Tuesday. Tom Hall/Getty",
        "A worker inspects the dam. AP Photo/Lee Park",
    ],
)
def test_captions_are_caught(sentence: str) -> None:
    assert day_checks.caption(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved the harbor budget by seven votes to two on Tuesday.",
        "The photographer's union said 40 members had joined the strike.",
    ],
)
def test_news_sentences_are_not_captions(sentence: str) -> None:
    assert not day_checks.caption(sentence)


def test_furniture_sentences() -> None:
    assert day_checks.furniture_sentence(
        "(Adds quotes) By Ana Ruiz RIVERTON, May 2 (Reuters) - The harbor strike ended."
    )
    assert day_checks.furniture_sentence("News / Business / Opinion / Arts")
    assert not day_checks.furniture_sentence("The 50/50 split was agreed by both unions.")


def test_near_repeats() -> None:
    first = "The Riverton council approved the harbor budget on Tuesday."
    assert day_checks.near_repeat(first, first)
    again = "On Tuesday the Riverton council approved its harbor budget."
    assert day_checks.near_repeat(first, again)
    assert not day_checks.near_repeat(first, "Flood waters receded in the north of the county.")
    denied = "The Riverton council denied reports that it approved the harbor budget on Tuesday."
    assert not day_checks.near_repeat(first, denied)  # the denial is news of its own


def test_two_reports_of_one_event_count_as_a_repeat_at_a_lower_overlap() -> None:
    one = "Former mayor Tom Hall was placed under house arrest after the court upheld his charges."
    other = "Riverton's former mayor Tom Hall was confined to his home following the court ruling."
    assert not day_checks.near_repeat(one, other)
    assert day_checks.repeat_pairs([one, other], [("e1", "1"), ("e1", "2")]) == [(0, 1)]
    # The same article, or two events: only the usual overlap counts.
    assert day_checks.repeat_pairs([one, other], [("e1", "1"), ("e1", "1")]) == []
    assert day_checks.repeat_pairs([one, other], [("e1", "1"), ("e2", "2")]) == []


def test_bottom_line_repeats_count_pairs_and_sentences_repeated_below() -> None:
    rates = "The central bank raised its main interest rate to 4 percent on Thursday."
    again = "On Thursday the central bank raised its main interest rate to 4 percent."
    storm = "Storm Idris forced 12,000 people from coastal homes in Aveiro."
    assert day_checks.bottom_line_repeats([rates, again], []) == 1
    assert day_checks.bottom_line_repeats([rates, storm], [again]) == 1
    assert day_checks.bottom_line_repeats([rates, storm], ["Schools stay closed on Monday."]) == 0


def test_measure_maps_citations_back_to_events(tmp_path: Path) -> None:
    from day import Day

    day = Day("t-1", "t", tmp_path, "2026-01-15", 4, 2,
              {"001.txt": "a", "002.txt": "a", "articles.jsonl:3": "b", "articles.jsonl:4": "b"})
    sentence = {"text": "The harbor strike ended on Friday after a pay deal.", "citation": 1,
                "also_in": [2]}
    brief = {
        "bottom_line": [sentence],
        "developments": [
            {"headline": "Harbor strike ends", "sentences": [sentence], "sources": [1, 2]},
            {"headline": "Riverton, Ana Ruiz, Harbor Authority",
             "sentences": [{"text": "Flood waters receded in Riverton on Friday.",
                            "citation": 3, "also_in": [4, 1]}], "sources": [1, 3, 4]},
        ],
        "sources": [
            {"n": 1, "origin": str(tmp_path / "001.txt")},
            {"n": 2, "origin": str(tmp_path / "002.txt")},
            {"n": 3, "origin": f"{tmp_path}/articles.jsonl:3"},
            {"n": 4, "origin": f"{tmp_path}/articles.jsonl:4"},
        ],
        "stats": {"stories": 2},
    }
    result = measure(day, brief, "BRIEF\n" + "x" * 80 + "\n")
    assert result["name_list_headlines"] == 1
    assert result["purity"] == pytest.approx((1 + 2 / 3) / 2)
    assert result["split_events"] == 0
    assert result["covered"] == 2
    assert result["bottom_line_repeats"] == 1  # the same sentence shown again below
    assert (result["lines"], result["width"]) == (2, 80)
    assert origin_key("/tmp/x/articles.jsonl:12") == "articles.jsonl:12"
