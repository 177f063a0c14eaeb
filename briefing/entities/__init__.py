"""Who and where: the actors (people, organisations, countries) and locations a day's news names.

    find_entities(articles) -> (actors, locations)
"""

from briefing.domain import Mention
from briefing.entities.lists import find_entities

__all__ = ["Mention", "find_entities"]
