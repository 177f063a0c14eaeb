"""rankers: one calling convention, a registry, and what each ranker prefers."""

from __future__ import annotations

import pytest
from conftest import make_article, make_sentences

from briefing import rankers, vectors
from briefing.domain import Story
from briefing.errors import ConfigError
from briefing.rankers import RankInput

FIRST = make_article(
    "Floods forced 20,000 people from their homes in northern Italy on Tuesday. "
    "The regional government said the river Po burst its banks near Piacenza after days of rain. "
    "A local bakery had opened a new branch last spring. "
    "Army units helped evacuate flooded villages along the Po as the rain continued.",
    "a.txt",
)
SECOND = make_article(
    "Heavy rain made the river Po burst its banks, and 20,000 people fled their homes in Italy. "
    "Soldiers evacuated villages near Piacenza. "
    "The mayor also thanked volunteers who handed out blankets at the town hall.",
    "b.txt",
)


def _input(*articles):
    sentences = tuple(s for a in articles for s in make_sentences(a))
    fitted = vectors.get_vectorizer().fit([s.text for s in sentences])
    matrix = fitted.transform([s.text for s in sentences])
    return RankInput(Story(tuple(articles), sentences), matrix)


def test_registry_lists_every_ranker_and_rejects_unknown_names():
    assert {"default", "lead", "lexrank", "textrank"} <= set(rankers.names())
    assert rankers.DEFAULT in rankers.names()
    with pytest.raises(ConfigError, match="lexrank"):
        rankers.get("nope")


@pytest.mark.parametrize("name", ["default", "lead", "lexrank", "textrank"])
def test_every_ranker_scores_each_sentence_once(name):
    inp = _input(FIRST, SECOND)
    scores = rankers.get(name)(inp)
    assert len(scores) == len(inp.story.sentences)
    assert all(isinstance(s, float) for s in scores)


@pytest.mark.parametrize("name", ["default", "lead", "lexrank", "textrank"])
def test_every_ranker_accepts_a_one_sentence_story(name):
    article = make_article("Parliament approved the budget on Monday.", "one.txt")
    assert len(rankers.get(name)(_input(article))) == 1


def test_lead_reads_the_articles_openings_in_turn():
    inp = _input(FIRST, SECOND)
    scores = rankers.get("lead")(inp)
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    firsts = [inp.story.sentences[i] for i in order[:2]]
    assert {(s.article_id, s.index) for s in firsts} == {(FIRST.id, 0), (SECOND.id, 0)}


@pytest.mark.parametrize("name", ["lexrank", "textrank"])
def test_the_aside_nobody_else_reports_ranks_last(name):
    inp = _input(FIRST, SECOND)
    scores = rankers.get(name)(inp)
    texts = [s.text for s in inp.story.sentences]
    bakery = texts.index("A local bakery had opened a new branch last spring.")
    assert scores[bakery] == min(scores)


def test_default_puts_the_aside_below_the_news_both_outlets_open_with():
    inp = _input(FIRST, SECOND)
    scores = dict(zip((s.text for s in inp.story.sentences), rankers.get("default")(inp),
                      strict=True))
    aside = scores["A local bakery had opened a new branch last spring."]
    assert aside < scores[inp.story.sentences[0].text]
    assert aside < scores[inp.story.sentences[1].text]
    assert aside < max(scores.values()) / 2


def test_default_scores_are_in_unit_range_and_the_best_is_one():
    scores = rankers.get("default")(_input(FIRST, SECOND))
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert max(scores) == pytest.approx(1.0)


def test_default_prefers_what_several_outlets_report_over_a_one_outlet_detail():
    inp = _input(FIRST, SECOND)
    scores = dict(zip((s.text for s in inp.story.sentences), rankers.get("default")(inp),
                      strict=True))
    shared = scores["Floods forced 20,000 people from their homes in northern Italy on Tuesday."]
    detail = scores[
        "The mayor also thanked volunteers who handed out blankets at the town hall."
    ]
    assert shared > detail
