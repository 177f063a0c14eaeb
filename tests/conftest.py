"""Builders shared by the tests (append only)."""

from __future__ import annotations

import datetime as dt
import re

from briefing.domain import Article, Sentence


def make_article(
    text: str,
    origin: str = "test.txt",
    *,
    title: str = "",
    source: str = "",
    url: str = "",
    published: dt.datetime | None = None,
    author: str = "",
) -> Article:
    return Article(text=text, origin=origin, title=title, source=source, url=url,
                   published=published, author=author)


def make_sentences(article: Article) -> list[Sentence]:
    """Hand-built sentences of a test article: a split after . ! ? before a capital or line."""
    sentences = []
    for match in re.finditer(r"\S.*?(?:[.!?][\"”]?(?=\s+[\"“A-Z0-9]|\s*$)|\n|$)", article.text):
        text = match.group().strip()
        if text:
            start = article.text.index(text, match.start())
            sentences.append(Sentence(text, article.id, len(sentences), start, start + len(text)))
    return sentences
