"""Made-up news stories and the feeds and pages that carry them, for the daily job's tests.

    STORIES[i] -> Story(slug, title, text)
    rss([item, ...], title=...) / atom([...]) -> bytes      item = FeedItem(...)
    page(story) -> str                                      a web page with furniture around it
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.utils import format_datetime


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    text: str

    @property
    def teaser(self) -> str:
        return " ".join(self.text.split()[:25]) + " …"


STORIES = (
    Story("bridge", "Harbor bridge closed after cracks found in main span", (
        "Engineers closed the Old Harbor Bridge in the port city of Velmora on Monday after "
        "inspectors found cracks in two steel beams of the main span. The city transport office "
        "said the crossing would stay shut for at least three weeks while a repair plan is drawn "
        "up. About 40,000 vehicles use the bridge on a normal weekday, and buses were diverted to "
        "the northern ring road. Mayor Ilse Marten said the closure was a precaution and that no "
        "one had been hurt. The inspection had been brought forward by a month after residents "
        "reported loud noises from the deck during a storm last week. Ferry operators added extra "
        "sailings between the two harbor districts on Tuesday morning. The transport office will "
        "publish the engineers' report on Friday, along with an estimate of the repair cost, "
        "which officials privately put at several million."
    )),
    Story("harvest", "Early frost cuts apple harvest in the Dornvale valley", (
        "Apple growers in the Dornvale valley expect their smallest harvest in a decade after an "
        "early frost damaged blossoms across the region, the growers' cooperative said on "
        "Monday. The cooperative estimates that output will fall by roughly a third compared "
        "with last year. Its chairman, Tomas Reyl, said smaller farms were hit hardest because "
        "few of them can afford frost fans or sprinkler systems. The regional agriculture "
        "ministry has promised emergency loans and will decide on direct payments next month. "
        "Juice makers in the valley warned that prices for local apple juice could rise by the "
        "end of the year. Seasonal workers who usually arrive in September have been told that "
        "fewer jobs will be available. Growers plan to meet ministry officials in the town of "
        "Kessbach on Thursday to discuss insurance against late and early frosts."
    )),
    Story("library", "Velmora opens its new central library after four years of work", (
        "The new central library of Velmora opened its doors on Saturday after four years of "
        "construction and two delays caused by supply problems. The building holds about "
        "600,000 books and has space for 1,200 readers, three times more than the old library "
        "in the market square. Chief librarian Anja Colvin said more than 9,000 people visited "
        "on the first day, many of them families with children. The project cost 58 million, "
        "about 12 million more than planned, and the city council approved the extra money "
        "last spring after a long debate. The old building will become a music school next "
        "year. The library is open every day of the week until ten in the evening, and the "
        "city plans free language courses there from January for newcomers and older residents "
        "who want to learn digital skills."
    )),
    Story("rail", "Rail workers in Kessbach announce a two-day strike over pay", (
        "Rail workers in the Kessbach region will strike for two days next week after talks "
        "over pay broke down, their union said on Tuesday. The union is asking for a raise of "
        "eight percent and shorter shifts for train drivers, while the regional rail company "
        "has offered four percent over two years. Union leader Marta Quell said members had "
        "voted by a large majority for the walkout. The rail company said it would run a "
        "reduced timetable with about one train in three and urged passengers to travel on "
        "other days if they can. Schools in the region said pupils who could not reach class "
        "would be excused. Both sides said they were still willing to talk, and a mediator "
        "from the labor ministry offered to meet them before the strike begins on Wednesday "
        "morning."
    )),
)


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    text: str = ""
    published: dt.datetime | None = None
    guid: str = ""


def item(story: Story, link: str, *, teaser: bool = False,
         published: dt.datetime | None = None) -> FeedItem:
    return FeedItem(story.title, link, story.teaser if teaser else story.text,
                    published or dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2))


def rss(items: list[FeedItem], title: str = "Velmora Courier") -> bytes:
    entries = []
    for i in items:
        date = f"<pubDate>{format_datetime(i.published)}</pubDate>" if i.published else ""
        guid = f"<guid>{html.escape(i.guid)}</guid>" if i.guid else ""
        entries.append(
            f"<item><title>{html.escape(i.title)}</title><link>{html.escape(i.link)}</link>"
            f"{guid}{date}<description>{html.escape('<p>' + i.text + '</p>')}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>News</description>{''.join(entries)}</channel></rss>"
    ).encode()


def atom(items: list[FeedItem], title: str = "Dornvale Herald") -> bytes:
    entries = []
    for n, i in enumerate(items):
        when = (i.published or dt.datetime(2026, 11, 22, tzinfo=dt.timezone.utc)).isoformat()
        entries.append(
            f"<entry><title>{html.escape(i.title)}</title><link href=\"{html.escape(i.link)}\"/>"
            f"<id>urn:test:{n}</id><updated>{when}</updated>"
            f"<content type=\"html\">{html.escape('<p>' + i.text + '</p>')}</content></entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:test</id>"
        f"<updated>2026-11-22T06:00:00Z</updated>{''.join(entries)}</feed>"
    ).encode()


def page(story: Story) -> str:
    paragraphs = "".join(f"<p>{html.escape(s.strip().rstrip('.'))}.</p>"
                         for s in story.text.split(". ") if s.strip())
    return (
        "<!doctype html><html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(story.title)}</title></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
        f"<article><h1>{html.escape(story.title)}</h1>{paragraphs}</article>"
        "<footer>Subscribe to our newsletter. All rights reserved.</footer></body></html>"
    )
