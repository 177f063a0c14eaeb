"""The entity benchmark's scoring (benchmarks/entities.py), on names and spans written here."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "entities_benchmark", REPO / "benchmarks" / "entities.py"
)
assert _spec is not None and _spec.loader is not None
bench = importlib.util.module_from_spec(_spec)
sys.modules["entities_benchmark"] = bench  # dataclasses look their module up by name
_spec.loader.exec_module(bench)

ALIASES = {"U.S.": "United States", "Britain": "United Kingdom"}


def test_names_agree_through_aliases_possessives_and_case() -> None:
    assert bench.name_key("U.S.", ALIASES) == "united states"
    assert bench.name_key("NATO's", ALIASES) == "nato"
    assert bench.name_key("the  Netherlands", ALIASES) == "netherlands"


def test_a_name_matches_a_run_of_another_names_words() -> None:
    assert bench.same_name("athar abbas", "major general athar abbas")
    assert bench.same_name("human rights watch", "new york-based human rights watch")
    assert not bench.same_name("york", "new york-based human rights watch")
    assert not bench.same_name("abbas athar", "major general athar abbas")


def test_exact_counts_need_span_and_kind() -> None:
    gold = [(0, 5, "person"), (10, 15, "place"), (20, 24, "organisation")]
    found = [(0, 5, "person"), (10, 15, "organisation"), (30, 33, "place")]
    counts = bench.exact_counts(gold, found)
    assert (counts["person"].tp, counts["person"].found, counts["person"].gold) == (1, 1, 1)
    assert (counts["place"].tp, counts["place"].found, counts["place"].gold) == (0, 1, 1)
    assert (counts["all"].tp, counts["all"].found, counts["all"].gold) == (1, 3, 3)
    assert round(counts["all"].f1, 3) == 0.333


def test_name_counts_match_one_to_one_and_prefer_equal_names() -> None:
    gold = {("jens stoltenberg", "person"), ("stoltenberg", "person"), ("oslo", "place")}
    found = {("stoltenberg", "person"), ("oslo", "organisation")}
    counts = bench.name_counts(gold, found)
    assert (counts["person"].tp, counts["person"].found, counts["person"].gold) == (1, 1, 2)
    assert counts["place"].tp == 0 and counts["organisation"].found == 1
    # A title the old recognizer keeps still counts by name, once.
    counts = bench.name_counts(
        {("athar abbas", "person")}, {("major general athar abbas", "person")}
    )
    assert counts["all"].tp == 1


def test_old_names_go_back_on_the_text_with_aliases_and_surnames() -> None:
    text = "Jens Stoltenberg met U.S. officials; Stoltenberg said the United States agreed."
    assert bench.locate("Jens Stoltenberg", "person", text, ALIASES) == [(0, 16), (5, 16), (37, 48)]
    assert bench.locate("United States", "country", text, ALIASES) == [(21, 25), (58, 71)]
    assert bench.locate("Berg", "person", text, ALIASES) == []
    kept = bench.outermost(
        [(0, 16, "person", "a"), (5, 16, "person", "a"), (37, 48, "person", "a")]
    )
    assert [(s, e) for s, e, _, _ in kept] == [(0, 16), (37, 48)]


def test_days_are_consecutive_articles_of_five_to_ten_sentences() -> None:
    days = bench.build_days(2000, random.Random(3))
    assert days
    starts = [article.start for day in days for article in day]
    assert starts == sorted(starts) and starts[0] == 0
    assert all(5 <= len(article) <= 10 for day in days for article in day)
    assert all(30 <= len(day) <= 60 for day in days)


def test_list_scores_count_right_kinds_bare_surnames_and_recall() -> None:
    gold = bench.DayGold(
        kinds={
            "george bush": frozenset({"person"}),
            "bush": frozenset({"person"}),
            "paris": frozenset({"place"}),
            "nato": frozenset({"organisation"}),
        },
        surnames=frozenset({"bush"}),
        top_actors=("bush", "nato"),
        top_places=("paris",),
    )
    actors = [("Bush", "person"), ("Paris", "person"), ("NATO", "organisation")]
    places = [("Paris", "location"), ("Lyon", "location")]
    score = bench.list_score(actors, places, gold, ALIASES)
    assert (score.actors_right, score.actors_listed, score.actors_bare) == (2, 3, 1)
    assert (score.places_right, score.places_listed) == (1, 2)
    assert (score.actors_recalled, score.actors_top) == (2, 2)
    # A full name recalls its surname only by the lenient match.
    score = bench.list_score([("George Bush", "person")], [], gold, ALIASES)
    assert (score.actors_recalled, score.actors_recalled_lenient) == (0, 1)
