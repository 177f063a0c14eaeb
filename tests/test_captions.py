"""AP-style photo captions in an article's text: a scene, its weekday date and place."""

from __future__ import annotations

import pytest

from briefing import rank
from briefing.domain import Sentence


def _sentence(text: str) -> Sentence:
    return Sentence(text, "id", 0, 0, len(text))


@pytest.mark.parametrize("caption", [
    "A police officer watches as a tow truck removes a car from Elm Road, Wednesday, "
    "Sept. 2, 2015 in Millbrook, Mass.",
    "Protesters march down Main Street on Friday, Oct. 9, 2020, in Tulsa, Okla.",
    "Firefighters battle a blaze at a warehouse Tuesday, June 4, 2019, in Fresno, Calif.",
    "Mayor Ilse Marten, center, speaks to reporters outside city hall, Monday, March 2, 2020.",
    "Commuters wait for a delayed train at Velmora Central station, Thursday, Dec. 3, 2015.",
    "Vale Harbour's Jon Brandt answers questions during a news conference, Sunday, "
    "April 1, 2018, in San Antonio.",
])
def test_an_ap_scene_caption_is_no_brief_sentence(caption: str) -> None:
    assert rank.is_caption(_sentence(caption))
    assert not rank.fit_for_brief(_sentence(caption))


@pytest.mark.parametrize("report", [
    "Police said the car was removed from Elm Road on Wednesday, Sept. 2, 2015.",
    "The trial begins Monday, Jan. 6, 2020, in Boston, the court said.",
    "The new ferry service opens on Saturday, May 2, 2020, between the two ports.",
    "The storm hit the coast on Thursday, Dec. 20, 2012, and cut power to 40,000 homes.",
    "Thousands joined the march on Friday, Oct. 9, 2020, to demand lower rents in Tulsa.",
    "Voters will choose a new mayor on Tuesday, Nov. 3, 2020, after a long campaign.",
    "Firefighters battle a blaze at a warehouse in Fresno for the third day running.",
])
def test_dated_reports_and_scheduled_events_stay_news(report: str) -> None:
    assert not rank.is_caption(_sentence(report))
    assert rank.fit_for_brief(_sentence(report))


def test_a_dated_scene_without_its_weekday_is_a_caption() -> None:
    assert rank.is_caption(_sentence(
        "A man kneels with his dog in front of candles which were lit outside the Tarnow town "
        "hall on the anniversary of the harbour fire in Velmora, Norland March 3, 2015."))
    assert rank.is_caption(_sentence(
        "Harbour Mayor Ana Velho waves to supporters after her victory in Tarnow, Norland, "
        "Oct. 14, 2011."))
    # A report of the same day, or a scheduled event, is news.
    assert not rank.is_caption(_sentence(
        "A man knelt in front of the Tarnow town hall on March 3, 2015, police said."))
    assert not rank.is_caption(_sentence(
        "The mayor will wave the starting flag of the Tarnow marathon on Oct. 14, 2011."))


def test_a_scene_told_of_someone_in_the_present_tense_is_a_caption() -> None:
    assert rank.is_caption(_sentence(
        "A member of the Velmora inquiry team presents the team's findings on the ferry "
        "sinking on 3 May 2016, which killed 41 people."))
    assert rank.is_caption(_sentence("A woman walks her dog along the Tarnow harbour in July."))
    # A report about someone, in the past tense or with a speaker, is news.
    assert not rank.is_caption(_sentence(
        "A member of the Velmora inquiry team presented the findings on Wednesday."))
    assert not rank.is_caption(_sentence(
        "A spokesman says the team presents its findings to parliament next week."))
