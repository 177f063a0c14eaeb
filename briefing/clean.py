"""Make scraped article text fit to summarise: furniture out, the story kept, spans kept honest.

    clean(article) -> article            one article's text and title, normalised
    junk_reason(article) -> str | None   why a document is not news at all (crawl notes, empty)
    clean_all(articles) -> (kept, skipped)   clean, drop junk and duplicate articles
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.domain import Article, Skipped


def clean(article: Article) -> Article:
    raise NotImplementedError


def junk_reason(article: Article) -> str | None:
    raise NotImplementedError


def clean_all(articles: Sequence[Article]) -> tuple[list[Article], list[Skipped]]:
    raise NotImplementedError
