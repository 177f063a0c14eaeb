"""Group the day's articles into stories: the same event reported by several outlets.

    group(articles, sentences_by_article, vectorizer) -> [Story, ...]

Grouping comes before ranking so that ranking stays within a story and a day of thousands of
articles never builds a day-wide sentence-by-sentence matrix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing.domain import Article, Sentence, Story
from briefing.vectors import Vectorizer


def group(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    vectorizer: Vectorizer,
) -> list[Story]:
    raise NotImplementedError
