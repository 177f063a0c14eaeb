"""The objects one day's news becomes on its way to a brief.

    Article -> Sentence -> Story -> RankedStory -> Brief (Development, StoryLine, DayStory)

All are frozen dataclasses: a stage returns new objects and never edits the ones it was given.
A `Sentence` remembers its article, its position and its character span in the *cleaned* article
text, so every line of a brief can point back to the exact source text it came from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, feed or URL.

    `origin` says where it came from in the user's words: a file path, `path:line` for a JSON
    Lines record, `-` for standard input, or a URL.
    """

    text: str
    origin: str
    title: str = ""
    source: str = ""  # the outlet or site ("Reuters", "example.com"), when known
    url: str = ""
    published: dt.datetime | None = None
    author: str = ""
    via: str = ""  # the daily job's source it was read from (its name), for source weights

    @property
    def id(self) -> str:
        """A stable identifier: the same origin gives the same id across runs."""
        return hashlib.sha1(self.origin.encode("utf-8")).hexdigest()[:12]

    @property
    def content_hash(self) -> str:
        """Hash of the whitespace-normalised text: the same story under another URL matches."""
        normal = " ".join(self.text.split()).casefold()
        return hashlib.sha256(normal.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Skipped:
    """An input that did not make it into the brief, and why (shown to the user, one line)."""

    origin: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: `article.text[start:end] == text`."""

    text: str
    article_id: str
    index: int  # 0-based position among the article's sentences
    start: int
    end: int


@dataclass(frozen=True)
class ScoredSentence:
    sentence: Sentence
    score: float
    # Sentences of other articles that report the same thing (set when the brief chooses it).
    also: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Story:
    """One event as covered by one or more articles of the day."""

    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]  # all sentences of those articles, article by article

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.articles)


@dataclass(frozen=True)
class Written:
    """A sentence written by an abstractive model, checked against the sentences it came from.

    `basis` is the source sentence it is cited to. When the faithfulness guard rejected the
    generated text, `text` is the basis sentence itself, `abstractive` is False and `guard` says
    why ("unsupported name: Lagarde").
    """

    text: str
    basis: Sentence
    abstractive: bool
    guard: str


@dataclass(frozen=True)
class RankedStory:
    """A story with its sentences scored by a ranker and its importance for the day.

    `summary` and `bottom_line` are filled by the optional abstractive stage; when they are
    empty the brief uses the best-ranked sentences themselves.
    """

    story: Story
    ranked: tuple[ScoredSentence, ...]  # best first
    importance: float
    summary: tuple[Written, ...] = ()
    bottom_line: tuple[Written, ...] = ()
    weight: float = 1.0  # what matters to the reader (focus.weigh): by_importance multiplies it
    focus: tuple[str, ...] = ()  # the reader's watch terms the story matches


# --- The brief -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    """A numbered source of the brief: `[n]` in the text points here."""

    n: int
    article_id: str
    title: str
    source: str
    origin: str
    url: str = ""
    published: dt.datetime | None = None


@dataclass(frozen=True)
class BriefSentence:
    """A sentence of the brief with its citation.

    For an extractive sentence, `text` is exactly `article.text[start:end]` of the cited source.
    An abstractive sentence keeps the span of the source sentence it was checked against and says
    what the faithfulness guard decided.
    """

    text: str
    citation: int  # SourceRef.n
    article_id: str
    start: int
    end: int
    score: float
    abstractive: bool = False
    guard: str = ""  # "", "passed", or why the generated sentence was replaced
    also_in: tuple[int, ...] = ()  # other sources reporting the same thing in their own words


@dataclass(frozen=True)
class Development:
    """A story of the day, as the brief tells it."""

    headline: str
    sentences: tuple[BriefSentence, ...]
    importance: float
    sources: tuple[int, ...]  # the sources its sentences cite
    articles: int = 1  # how many of the day's articles cover the story
    key: str = ""  # DayStory.key
    focus: tuple[str, ...] = ()  # the reader's watch terms the story matches
    status: str = "new"  # "new", or "developing": it continues a story of an earlier brief
    first_seen: dt.date | None = None  # the day an earlier brief first told it (else today)
    days: int = 1  # the day of the story it is: 3 when first briefed two days ago


@dataclass(frozen=True)
class StoryLine:
    """A further story of the day in one line: its headline and the source that carries it."""

    headline: str
    citation: int  # SourceRef.n
    importance: float
    articles: int = 1
    key: str = ""  # DayStory.key
    focus: tuple[str, ...] = ()  # the reader's watch terms the story matches
    status: str = "new"  # as in Development
    first_seen: dt.date | None = None
    days: int = 1


@dataclass(frozen=True)
class StorySentence:
    """A ranked sentence of a story, as tools get it: the text and where it is in its article."""

    text: str
    article_id: str
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class DayStory:
    """Every story of the day, page or not, for tools (the JSON format): its headline, how
    important it is, its articles, its best sentences, and what of it made the page
    (`on_page`: "developed", "further" or "")."""

    key: str  # the id of its first article: stable for the same input
    headline: str
    importance: float
    articles: tuple[str, ...]  # article ids (origins in `origins`)
    origins: tuple[str, ...]
    sentences: tuple[StorySentence, ...]
    on_page: str = ""
    focus: tuple[str, ...] = ()  # the reader's watch terms the story matches
    status: str = "new"  # as in Development
    first_seen: dt.date | None = None
    days: int = 1


@dataclass(frozen=True)
class RememberedStory:
    """A story an earlier brief told, as the next briefs remember it (briefing/memory.py): its
    signature (top terms with weights, main names), its headline, the sentences the page showed
    (normalised), and the days it was first and last briefed. `key` is the key of the story on
    the day it was first briefed; a story that continues it keeps that key."""

    key: str
    headline: str
    terms: tuple[tuple[str, float], ...]
    names: tuple[str, ...]
    shown: tuple[str, ...]
    first_seen: dt.date
    last_seen: dt.date
    articles: tuple[str, ...] = ()  # its articles' content hashes (16 hex digits): told already


@dataclass(frozen=True)
class Mention:
    """A named actor or location counted over the day; `article_ids` says who names it."""

    name: str
    kind: str  # "person" | "organisation" | "country" | "location"
    mentions: int
    article_ids: tuple[str, ...]


@dataclass(frozen=True)
class Entity:
    """An actor (person, organisation, country) or a location, with how often the day names it."""

    name: str
    kind: str  # "person" | "organisation" | "country" | "location"
    mentions: int
    sources: tuple[int, ...]


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    sentence: BriefSentence
    date_text: str  # the words in the text that gave the date ("on Friday", "June 27, 2024")
    precision: str = "day"  # "day" | "month": "February 2022" is not February 1st


@dataclass(frozen=True)
class Brief:
    title: str
    date: dt.date
    bottom_line: tuple[BriefSentence, ...]
    developments: tuple[Development, ...]
    actors: tuple[Entity, ...]
    locations: tuple[Entity, ...]
    timeline: tuple[TimelineEvent, ...]
    sources: tuple[SourceRef, ...]
    articles: int = 0  # how many articles the brief was made from
    further: tuple[StoryLine, ...] = ()  # more of the day's stories, one line each
    stories: tuple[DayStory, ...] = ()  # every story of the day (for tools; not laid out)
    skipped: tuple[Skipped, ...] = ()
    # Warnings for the top of the brief, one line each; the daily job names each source that
    # failed ("Gone Gazette: HTTP 404 Not Found").
    notes: tuple[str, ...] = ()
    sources_total: int = 0  # sources the daily job read (0: not a daily-job brief)
    # What the next brief remembers: the stories of this page and of the earlier briefs it was
    # made against (within the memory's window), for `briefing run` and `brief --since`.
    remembered: tuple[RememberedStory, ...] = ()
    stats: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
