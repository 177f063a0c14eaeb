"""Rank sentences within each story, order the stories, and keep the brief free of repeats.

    rank(story, ranker, vectorizer) -> RankedStory
    select(ranked_stories, vectorizer, max_stories=..., per_story=...) -> [RankedStory, ...]

`select` keeps the stories in order of importance and, within each, the best sentences that do
not say again what an already chosen sentence (of any story, any source) says.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.domain import RankedStory, Story
from briefing.rankers import Ranker
from briefing.vectors import Vectorizer


def rank(story: Story, ranker: Ranker, vectorizer: Vectorizer) -> RankedStory:
    raise NotImplementedError


def select(
    ranked: Sequence[RankedStory],
    vectorizer: Vectorizer,
    *,
    max_stories: int = 6,
    per_story: int = 3,
) -> list[RankedStory]:
    raise NotImplementedError
