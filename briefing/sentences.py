"""Split article text into sentences with NLTK's Punkt and the parameters the project ships.

    split_spans(text) -> [(start, end), ...]
    split(article) -> [Sentence, ...]      article.text[s.start:s.end] == s.text
"""

from __future__ import annotations

from briefing.domain import Article, Sentence


def split_spans(text: str) -> list[tuple[int, int]]:
    raise NotImplementedError


def split(article: Article) -> list[Sentence]:
    return [
        Sentence(article.text[start:end], article.id, i, start, end)
        for i, (start, end) in enumerate(split_spans(article.text))
    ]
