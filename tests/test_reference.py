"""reference: fact sheets, encyclopedia entries and standing pages are told from dated reports,
and a story made only of them comes after the day's news."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import make_article, make_sentences

from briefing import rank, rankers, vectors
from briefing.domain import Story
from briefing.reference import reference_page

FACT_SHEET = make_article(
    'See "Norvale Court Records" for a list of pending appeals.\n'
    "Minimum Age for Jury Service: 18 Capital City: Port Ellis State Bird: Grey Heron "
    "Year Admitted to the Union: 1889 Does Norvale Allow Early Voting: Yes\n"
    "Legislature: The General Court meets every two years in Port Ellis.\n"
    "Back to main state by state page",
    "norvale.txt", title="Norvale",
)
ENCYCLOPEDIA_ENTRY = make_article(
    "Work on the Type 52 Corvan class of diesel patrol boats began in the early 1960s, and the "
    "first boat entered service in 1968. With a displacement of 900 tons, the class is armed "
    "with two deck guns and four torpedo tubes. The boats are known for their short range and "
    "noisy engines. Two of the six boats were later sold to the Tarsian coast guard. The class is "
    "one of the oldest still in service in the region.",
    "corvan.txt", title="Type 52 Corvan",
)
EVENT_PAGE = make_article(
    "The summit is now over.\n"
    "Recordings of every session were sent to all attendees on Friday 8th November.\n"
    "To receive more information about Harbourline Developer Summit 2020, click here\n"
    "Workshops and registration take place on the first morning.",
    "summit.txt", title="Harbourline Developer Summit 2019",
)
CAMPAIGN_PAGE = make_article(
    "Send a letter to the county council\n"
    "The council plans to drain part of the marsh for a car park. Read about the plan and write "
    "to your councillor.\n"
    "Friends of the Alder Marsh is a volunteer group founded in 1994 by families from Brenn "
    "village. The Alder Marsh is one of the last tidal wetlands on the Velmora coast, and more "
    "than 200 kinds of birds nest there. Over the years the group has planted 10,000 reeds.",
    "alder.txt", title="Friends of the Alder Marsh",
)
DATA_TABLE = make_article(
    "Silos Tonnes North 12 4,500 South 9 3,200 East 14 5,100 West 7 2,800 Coast 5 1,900 "
    "Upland 11 3,700 Valley 8 2,600 Harbour 6 2,100 Ridge 4 1,200 Lakes 10 3,300 Forest 3 900 "
    "Plains 15 5,600 TOTAL 104 37,000 Source: Grain Board\n"
    "Updated: 3/4/2011",
    "silos.txt", title="Grain Silos by Province",
)


@pytest.mark.parametrize(
    "page", [FACT_SHEET, ENCYCLOPEDIA_ENTRY, EVENT_PAGE, CAMPAIGN_PAGE, DATA_TABLE],
    ids=["fact sheet", "encyclopedia entry", "event page", "campaign page", "data table"],
)
def test_a_reference_page_is_told_from_a_report(page) -> None:
    reason = reference_page(page)
    assert reason is not None and reason.startswith("a reference page")


REPORT_WITH_FACT_BOX = make_article(
    "Floods cut off three villages in the Varna valley on Tuesday, officials said. Rescue teams "
    "reached Orlik by boat and said 40 people were taken to a school.\n"
    "The Varna valley at a glance\n"
    "Population: 12,000 Main Town: Orlik River: Varna Highest Point: Mount Tell",
    "varna.txt", title="Floods cut off Varna valley villages",
)
PROFILE = make_article(
    "Mara Velt is a former judge who was named interior minister on Monday. She is the first "
    "woman to hold the post. Velt is known for her rulings against port smugglers. She is a "
    "member of the Civic Party and lives in Port Ellis with her two sons.",
    "velt.txt", title="Mara Velt",
)
REPORT_TITLED_WITH_A_NAME = make_article(
    "The harbour of Port Ellis was closed on Thursday after a tanker ran aground at its mouth, "
    "the port authority said. Pilots told reporters the tanker is a 1990s vessel carrying "
    "fuel oil. Salvage crews are expected on Friday.",
    "ellis.txt", title="Port Ellis",
)
SITE_NAME_TITLE = make_article(
    "Tarnow's council voted to close the old Harlow bridge for repairs, the mayor said "
    "yesterday. The bridge is the only crossing of the river in the town. For more information "
    "about the closure, click here.",
    "courier.txt", title="The Velmora Courier Online",
)
FEATURE_WITH_FACTS = make_article(
    "Orlik is a small town at the head of the Varna valley. The old mill is the first thing a "
    "walker sees. Its cafes are the best place to rest before the climb.\n"
    "Population: 4,000 Best Season: Spring Getting There: Bus 12 from Port Ellis",
    "orlik.txt",
)


@pytest.mark.parametrize(
    "article",
    [REPORT_WITH_FACT_BOX, PROFILE, REPORT_TITLED_WITH_A_NAME, SITE_NAME_TITLE,
     FEATURE_WITH_FACTS],
    ids=["report with a fact box", "profile with 'is a'", "report titled with a name",
         "news site's name as title", "feature with a fact box"],
)
def test_a_report_or_a_feature_is_no_reference_page(article) -> None:
    assert reference_page(article) is None


def test_a_headline_in_title_case_is_no_bare_name() -> None:
    """A bare name is one signal; a title-case headline with a verb never counts as one."""
    feature = make_article(
        "Orlik is a small town at the head of the Varna valley. The old mill is the first "
        "thing a walker sees, and the town is known for its sheep cheese.",
        "orlik-2.txt", title="Orlik Singer Dies At 41",
    )
    assert reference_page(feature) is None
    assert reference_page(dataclasses.replace(feature, title="Orlik")) is not None


def _story(*articles):
    return Story(tuple(articles), tuple(s for a in articles for s in make_sentences(a)))


def test_a_story_of_reference_pages_ranks_after_a_news_story_as_widely_carried() -> None:
    sheet = _story(FACT_SHEET)
    news = _story(REPORT_TITLED_WITH_A_NAME)
    fitted = vectors.get_vectorizer().fit(
        [s.text for st in (sheet, news) for s in st.sentences])
    ranker = rankers.get("default")
    day = [rank.rank(sheet, ranker, fitted), rank.rank(news, ranker, fitted)]
    day = [dataclasses.replace(r, importance=0.5) for r in day]  # the same coverage
    ordered = rank.by_importance(day)
    assert [r.story for r in ordered] == [news, sheet]  # kept, after the news
