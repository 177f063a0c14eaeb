"""What matters to this reader: watch terms and source weights raise (or lower) stories.

    weigh(ranked_stories, terms={"Ukraine": 2.0}, source_weights={"Wire": 1.5}) -> [RankedStory]

A story *matches* a watch term when one of its articles has the term in its title, or when its
articles mention it at least `MIN_MENTIONS` times in all (a passing mention does not count).
Terms match whole words, case-insensitively ("interest rates" finds "Interest  Rates"); a term
written in capitals only ("ECB", "US") matches only in capitals, so "US" never finds "us".

A story's importance (`rank.by_importance`: coverage, centrality and recency) is multiplied by

    focus factor  = (largest weight above 1 among the matched terms, else 1)
                  x (smallest weight below 1 among the matched terms, else 1)
    source factor = the largest `weight` of the sources its articles were read from (else 1)

so several interests in one story do not stack, a weight below 1 pushes a story down ("less
football"), and a story carried by a valued source and a muted one counts as the valued one
says. The matched terms of weight 1 or more are marked on the story (`RankedStory.focus`,
shown after its headline in every format).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from briefing.domain import Article, RankedStory
from briefing.errors import ConfigError

DEFAULT_WEIGHT = 2.0  # a watch term given without a weight
MIN_WEIGHT, MAX_WEIGHT = 0.1, 10.0
MIN_MENTIONS = 2  # mentions in a story's texts that make it match, when no title names the term


@lru_cache(maxsize=512)
def pattern(term: str) -> re.Pattern[str]:
    """The term as whole words, any whitespace between them; capitals-only terms match case."""
    words = term.split()
    if not words:
        raise ValueError("an empty term")
    body = r"\s+".join(re.escape(w) for w in words)
    letters = [c for c in term if c.isalpha()]
    acronym = len(letters) >= 2 and all(c.isupper() for c in letters)
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if acronym else re.IGNORECASE)


def mentions(term: str, text: str) -> int:
    """How often `text` names `term` (whole words)."""
    return len(pattern(term).findall(text))


def names(term: str, articles: Iterable[Article]) -> bool:
    """Do the articles name `term` in a title, or at least MIN_MENTIONS times in their texts?"""
    found = 0
    for article in articles:
        if article.title and pattern(term).search(article.title):
            return True
        found += mentions(term, article.text)
        if found >= MIN_MENTIONS:
            return True
    return False


def factor(weights: Iterable[float]) -> float:
    """The focus factor of a story's matched terms' weights (see the module docstring)."""
    values = list(weights)
    up = max((w for w in values if w > 1.0), default=1.0)
    down = min((w for w in values if w < 1.0), default=1.0)
    return up * down


def weigh(
    ranked: Sequence[RankedStory],
    terms: Mapping[str, float] | None = None,
    source_weights: Mapping[str, float] | None = None,
) -> list[RankedStory]:
    """The stories with their focus terms marked and their weight set (`RankedStory.weight`,
    which `rank.by_importance` multiplies into importance); unchanged without terms or weights."""
    terms = dict(terms or {})
    sources = dict(source_weights or {})
    if not terms and not sources:
        return list(ranked)
    result = []
    for story in ranked:
        articles = story.story.articles
        matched = [(t, w) for t, w in terms.items() if names(t, articles)]
        by_source = max((sources.get(a.via, 1.0) for a in articles), default=1.0)
        weight = factor(w for _, w in matched) * by_source
        marked = tuple(t for t, w in sorted(matched, key=lambda tw: -tw[1]) if w >= 1.0)
        result.append(dataclasses.replace(story, weight=weight, focus=marked))
    return result


def parse_term(text: str, where: str = "--focus") -> tuple[str, float]:
    """ "Ukraine" -> ("Ukraine", 2.0); "interest rates=1.5" -> ("interest rates", 1.5)."""
    term, sep, number = text.rpartition("=")
    if not sep:
        term, number = text, ""
    term = " ".join(term.split())
    if not term:
        raise ConfigError(f"{where} {text!r}: the term is empty (use TERM or TERM=WEIGHT)")
    if not number.strip():
        return term, DEFAULT_WEIGHT
    try:
        weight = float(number)
    except ValueError:
        raise ConfigError(f"{where} {text!r}: {number!r} is not a number "
                          "(use TERM or TERM=WEIGHT, e.g. Ukraine=2)") from None
    return term, check_weight(weight, f"{where} {text!r}")


def check_weight(weight: float, where: str) -> float:
    """The weight, or a ConfigError naming `where` when it is out of range."""
    if not MIN_WEIGHT <= weight <= MAX_WEIGHT:  # also rejects nan
        raise ConfigError(f"{where}: weight {weight:g} is out of range "
                          f"({MIN_WEIGHT:g} to {MAX_WEIGHT:g})")
    return weight
