"""Assemble the brief: bottom line, developments, actors, locations, timeline, numbered sources.

    compose(chosen_stories, articles, actors=..., locations=...) -> Brief
    fit(brief, lines=count, max_lines=66) -> Brief      trimmed until it fits one page

Sources are numbered in the order the brief first cites them, so `[1]` is the source of the
first sentence a reader sees. Only cited sources are listed: a day of 200 articles still fits on
one page, and the footer says how many articles were read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence

from briefing import entities, timeline
from briefing.domain import (
    Article,
    Brief,
    BriefSentence,
    Development,
    Entity,
    RankedStory,
    ScoredSentence,
    Sentence,
    Skipped,
    SourceRef,
    TimelineEvent,
    Written,
)
from briefing.entities import Mention

BOTTOM_LINE_SENTENCES = 2
MAX_ACTORS = 12
MAX_LOCATIONS = 8
MAX_TIMELINE = 6
HEADLINE_WORDS = 12
HEADLINE_NAMES = 4


class _Citations:
    """Numbers sources in order of first citation."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.by_id = {a.id: a for a in articles}
        self.numbers: dict[str, int] = {}

    def number(self, article_id: str) -> int:
        if article_id not in self.numbers:
            self.numbers[article_id] = len(self.numbers) + 1
        return self.numbers[article_id]

    def cite(
        self,
        sentence: Sentence,
        score: float,
        written: Written | None = None,
        also: Sequence[Sentence] = (),
    ) -> BriefSentence:
        citation = self.number(sentence.article_id)
        also_in = dict.fromkeys(
            self.number(other.article_id) for other in also if other.article_id in self.by_id
        )
        return BriefSentence(
            text=written.text if written else sentence.text,
            citation=citation,
            article_id=sentence.article_id,
            start=sentence.start,
            end=sentence.end,
            score=round(score, 4),
            abstractive=written.abstractive if written else False,
            guard=written.guard if written else "",
            also_in=tuple(n for n in also_in if n != citation),
        )

    def refs(self) -> tuple[SourceRef, ...]:
        refs = []
        for article_id, n in sorted(self.numbers.items(), key=lambda item: item[1]):
            a = self.by_id[article_id]
            refs.append(SourceRef(n, a.id, a.title, a.source, a.origin, a.url, a.published))
        return tuple(refs)


def compose(
    chosen: Sequence[RankedStory],
    articles: Sequence[Article],
    *,
    actors: Sequence[Mention] = (),
    locations: Sequence[Mention] = (),
    title: str = "Daily Situation Brief",
    date: dt.date | None = None,
    per_story: int = 3,
    budget_words: int | None = None,
    skipped: Sequence[Skipped] = (),
    notes: Sequence[str] = (),
    stats: dict[str, float] | None = None,
) -> Brief:
    """The brief of the chosen stories, most important first."""
    citations = _Citations(articles)
    scores = {s.sentence: s.score for story in chosen for s in story.ranked}
    also = {s.sentence: s.also for story in chosen for s in story.ranked}

    def cite(written: Written) -> BriefSentence:
        basis = written.basis
        return citations.cite(basis, scores.get(basis, 0.0), written, also.get(basis, ()))

    bottom_line: tuple[BriefSentence, ...] = ()
    developments: list[Development] = []
    used: set[Sentence] = set()
    for i, story in enumerate(chosen):
        if i == 0:
            lead = story.bottom_line or _extractive(story)[:BOTTOM_LINE_SENTENCES]
            bottom_line = tuple(cite(w) for w in lead)
            used.update(w.basis for w in lead)
        body = [w for w in (story.summary or _extractive(story)) if w.basis not in used]
        body = body[:per_story]
        used.update(w.basis for w in body)
        sentences = tuple(cite(w) for w in body)
        if not sentences and i > 0:
            continue
        developments.append(
            Development(
                headline=_headline(story),
                sentences=sentences,
                importance=round(story.importance, 4),
                sources=tuple(sorted({n for s in sentences for n in (s.citation, *s.also_in)})),
                articles=len(story.story.articles),
            )
        )
    if budget_words:
        developments = _within_words(developments, budget_words)

    events = _timeline(chosen, citations, used)
    sources = citations.refs()
    numbers = {ref.article_id: ref.n for ref in sources}
    return Brief(
        title=title,
        date=date or _day_of(articles),
        bottom_line=bottom_line,
        developments=tuple(developments),
        actors=tuple(_entities(actors, numbers, MAX_ACTORS)),
        locations=tuple(_entities(locations, numbers, MAX_LOCATIONS)),
        timeline=tuple(events),
        sources=sources,
        articles=len(articles),
        skipped=tuple(skipped),
        notes=tuple(notes),
        stats=dict(stats or {}),
    )


def fit(brief: Brief, lines: Callable[[Brief], int], max_lines: int = 66) -> Brief:
    """Trim the least important parts until `lines(brief) <= max_lines`.

    Order of sacrifice: timeline entries beyond three, then "also reported by" notes that bring
    in a source of their own, then the last sentence of the least
    important development with more than one, then the rest of the timeline, actors beyond
    eight and locations beyond six, then whole developments from the bottom, then actors and
    locations beyond five. The bottom line is never cut. Sources no longer cited are dropped and
    the rest keep their numbers.
    """
    while lines(brief) > max_lines:
        smaller = _trim_once(brief)
        if smaller is None:
            break
        brief = _drop_uncited(smaller)
    return brief


def _trim_once(brief: Brief) -> Brief | None:
    if len(brief.timeline) > 3:
        return dataclasses.replace(brief, timeline=brief.timeline[:-1])
    devs = list(brief.developments)
    # "Also reported by" notes that bring a source of their own into the list cost a line each:
    # they go first, from the least important sentence up. Notes naming a source the brief
    # cites anyway cost nothing and stay.
    shown = [*brief.bottom_line, *(s for d in devs for s in d.sentences)]
    primary = {s.citation for s in shown} | {e.sentence.citation for e in brief.timeline}
    for i in range(len(devs) - 1, -1, -1):
        for k in range(len(devs[i].sentences) - 1, -1, -1):
            sentence = devs[i].sentences[k]
            if set(sentence.also_in) - primary:
                sentences = list(devs[i].sentences)
                sentences[k] = _only_cited(sentence, primary)
                devs[i] = dataclasses.replace(devs[i], sentences=tuple(sentences))
                return dataclasses.replace(brief, developments=tuple(devs))
    if any(set(s.also_in) - primary for s in brief.bottom_line):
        kept = tuple(_only_cited(s, primary) for s in brief.bottom_line)
        return dataclasses.replace(brief, bottom_line=kept)
    for i in range(len(devs) - 1, -1, -1):
        if len(devs[i].sentences) > 1:
            devs[i] = dataclasses.replace(devs[i], sentences=devs[i].sentences[:-1])
            return dataclasses.replace(brief, developments=tuple(devs))
    if brief.timeline:
        return dataclasses.replace(brief, timeline=brief.timeline[:-1])
    if len(brief.actors) > 8 or len(brief.locations) > 6:
        return dataclasses.replace(brief, actors=brief.actors[:8], locations=brief.locations[:6])
    if len(devs) > 1:
        return dataclasses.replace(brief, developments=tuple(devs[:-1]))
    if len(brief.actors) > 5 or len(brief.locations) > 5:
        return dataclasses.replace(brief, actors=brief.actors[:5], locations=brief.locations[:5])
    return None


def _only_cited(sentence: BriefSentence, cited: set[int]) -> BriefSentence:
    return dataclasses.replace(sentence, also_in=tuple(n for n in sentence.also_in if n in cited))


def _drop_uncited(brief: Brief) -> Brief:
    """Sources no longer cited leave the list; the rest are numbered 1, 2, 3... again."""
    shown = [*brief.bottom_line, *(s for d in brief.developments for s in d.sentences)]
    shown += [e.sentence for e in brief.timeline]
    cited = dict.fromkeys(n for s in shown for n in (s.citation, *s.also_in))
    new = {n: k for k, n in enumerate(cited, 1)}  # in order of first citation, as compose numbers

    def cite(s: BriefSentence) -> BriefSentence:
        return dataclasses.replace(
            s, citation=new[s.citation], also_in=tuple(new[n] for n in s.also_in)
        )

    def numbers(ns: Sequence[int]) -> tuple[int, ...]:
        return tuple(sorted(new[n] for n in ns if n in new))

    return dataclasses.replace(
        brief,
        bottom_line=tuple(cite(s) for s in brief.bottom_line),
        developments=tuple(
            dataclasses.replace(d, sentences=tuple(cite(s) for s in d.sentences),
                                sources=numbers(d.sources))
            for d in brief.developments
        ),
        timeline=tuple(dataclasses.replace(e, sentence=cite(e.sentence)) for e in brief.timeline),
        actors=tuple(dataclasses.replace(e, sources=numbers(e.sources)) for e in brief.actors),
        locations=tuple(
            dataclasses.replace(e, sources=numbers(e.sources)) for e in brief.locations
        ),
        sources=tuple(
            sorted(
                (dataclasses.replace(ref, n=new[ref.n]) for ref in brief.sources if ref.n in new),
                key=lambda ref: ref.n,
            )
        ),
    )


def _extractive(story: RankedStory) -> list[Written]:
    return [Written(s.sentence.text, s.sentence, False, "") for s in story.ranked]


def _headline(story: RankedStory) -> str:
    """The title of the story's best-placed article; without titles, who and where it is about.

    A headline made of the best sentence's opening words would only repeat the sentence below
    it, so an untitled story is headed by its most-mentioned actors and places instead.
    """
    best = story.ranked[0].sentence if story.ranked else None
    candidates = sorted(
        story.story.articles,
        key=lambda a: (best is None or a.id != best.article_id, not a.title),
    )
    for article in candidates:
        if article.title and len(article.title.split()) <= HEADLINE_WORDS * 2:
            return _shorten(article.title, HEADLINE_WORDS * 2)
    actors, places = entities.find_entities(story.story.articles)
    names = dict.fromkeys(m.name for m in sorted([*actors, *places], key=lambda m: -m.mentions))
    if names:
        return ", ".join(list(names)[:HEADLINE_NAMES])
    if best is None:
        return "Untitled story"
    return _shorten(best.text.rstrip(". "), HEADLINE_WORDS)


def _shorten(text: str, words: int) -> str:
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    cut = " ".join(parts[:words])
    return re.sub(r"[,;:–—-]+$", "", cut) + " …"


def _within_words(developments: list[Development], budget: int) -> list[Development]:
    kept: list[Development] = []
    left = budget
    for dev in developments:
        sentences: list[BriefSentence] = []
        for s in dev.sentences:
            n = len(s.text.split())
            if n > left and (sentences or kept):
                break
            sentences.append(s)
            left -= n
        if not sentences and dev.sentences:
            break
        kept.append(dataclasses.replace(dev, sentences=tuple(sentences)))
        if left <= 0:
            break
    return kept


def _timeline(
    chosen: Sequence[RankedStory], citations: _Citations, shown: set[Sentence]
) -> list[TimelineEvent]:
    """Dated events from the best sentences of the chosen stories, one per date, in date order."""
    events: dict[dt.date, TimelineEvent] = {}
    for story in chosen:
        for scored in _timeline_candidates(story, shown):
            sentence = scored.sentence
            article = citations.by_id.get(sentence.article_id)
            reference = article.published.date() if article and article.published else None
            for found in timeline.dates_in(sentence.text, reference):
                if getattr(found, "precision", "day") == "year":
                    continue
                if found.date in events:
                    continue
                events[found.date] = TimelineEvent(
                    date=found.date,
                    sentence=citations.cite(sentence, scored.score),
                    date_text=found.text,
                    precision=getattr(found, "precision", "day"),
                )
                break
    return sorted(events.values(), key=lambda e: e.date)[-MAX_TIMELINE:]


def _timeline_candidates(story: RankedStory, shown: set[Sentence]) -> list[ScoredSentence]:
    """Sentences already in the brief first, then the story's next best ones."""
    ranked = list(story.ranked)
    return [s for s in ranked if s.sentence in shown] + [
        s for s in ranked[:8] if s.sentence not in shown
    ]


def _entities(mentions: Sequence[Mention], numbers: dict[str, int], limit: int) -> list[Entity]:
    return [
        Entity(
            name=m.name,
            kind=m.kind,
            mentions=m.mentions,
            sources=tuple(sorted({numbers[a] for a in m.article_ids if a in numbers})),
        )
        for m in list(mentions)[:limit]
    ]


def _day_of(articles: Sequence[Article]) -> dt.date:
    dates = [a.published.date() for a in articles if a.published]
    return max(dates) if dates else dt.date.today()
