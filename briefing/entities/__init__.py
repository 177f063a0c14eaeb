"""Who and where: the actors (people, organisations, countries) and locations a day's news names.

    find_entities(articles) -> (actors, locations)
    region_names() -> names     countries, regions, states and nationalities, as written
"""

from briefing.domain import Mention
from briefing.entities.grammar import region_names
from briefing.entities.lists import find_entities

__all__ = ["Mention", "find_entities", "region_names"]
