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
from collections import Counter
from collections.abc import Callable, Sequence

from briefing import headlines, rank, timeline
from briefing.domain import (
    Article,
    Brief,
    BriefSentence,
    DayStory,
    Development,
    Entity,
    RankedStory,
    ScoredSentence,
    Sentence,
    Skipped,
    SourceRef,
    StoryLine,
    StorySentence,
    TimelineEvent,
    Written,
)
from briefing.entities import Mention

BOTTOM_LINE_SENTENCES = 2
MAX_ACTORS = 12
MAX_LOCATIONS = 8
MAX_TIMELINE = 6
MAX_FURTHER = 12  # one-line further stories at most
REPEATED_HEADLINE = 0.75  # share of words two headlines share above which they tell one event
LINE_HEADLINE_CHARS = 56  # a further story's written headline: one line with "- " and "[12]"
LINE_HEADLINE_MOST = 65  # ... and with no room left for "(3 reports)", rather than cut short
WEAKLY_ALIKE = 0.3  # share of the one-event likeness two stories naming ...
SHARED_NAMES_OF_EVENT = 3  # ... this many of the same names need to tell one event
SAME_EVENT = 0.5  # share of those names two stories of one event have in common
# Two stories somewhat alike (WEAKLY_ALIKE) tell one event when their openings and best
# sentences share SHARED_RARE_NAMES names (a place, a person, a firm: "Kiruna", "Tesla Motors")
# that no more than RARE_NAME_STORIES of the day's stories carry; a country or a capital many
# stories name says nothing of which event a story tells.
SHARED_RARE_NAMES = 2
RARE_NAME_STORIES = 3
OPENING_SENTENCES = 2  # the sentences of each article that say what it is about
NAMED_STORIES = 12  # stories a busy day's page names (developed + further) before others go
MIN_DEVELOPED = 2  # developments kept (with MIN_SENTENCES) before one more is cut to one line
MIN_SENTENCES = 2  # a developed story keeps this many sentences (where it has them) when fitting
DAY_STORY_SENTENCES = 5  # ranked sentences of each story in the JSON list of every story


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
            title = headlines.as_title(a.title, a.text)
            refs.append(SourceRef(n, a.id, title, a.source, a.origin, a.url, a.published))
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
    day: Sequence[RankedStory] = (),
    same_event: Callable[[RankedStory, RankedStory], float] | None = None,
) -> Brief:
    """The brief of the chosen stories, most important first.

    `day` is every story of the day, most important first (`rank.by_importance`): those not
    developed become one-line further stories (up to MAX_FURTHER, none repeating a developed
    one), and all of them are listed in `Brief.stories` for tools. `same_event(a, b)` says how
    close two stories come to telling one event (1.0: they do; the pipeline compares their best
    sentences); a further story that tells a shown one's event is left out.
    """
    citations = _Citations(articles)
    written: dict[str, str] = {}

    whole = {_key(story): story for story in day}  # every sentence, not the chosen few

    def headline_of(story: RankedStory) -> str:  # one headline per story, however often asked
        key = _key(story)
        if key not in written:
            written[key] = headlines.for_story(whole.get(key, story))
        return written[key]

    scores = {s.sentence: s.score for story in chosen for s in story.ranked}
    also = {s.sentence: s.also for story in chosen for s in story.ranked}

    def cite(written: Written) -> BriefSentence:
        basis = written.basis
        return citations.cite(basis, scores.get(basis, 0.0), written, also.get(basis, ()))

    bottom_line: tuple[BriefSentence, ...] = ()
    developments: list[Development] = []
    used: set[Sentence] = set()
    carried = _carried(day or chosen)
    chosen = _distinct_events(chosen, same_event, carried)
    for i, story in enumerate(chosen):
        if i == 0:
            lead = _bottom_line(story, chosen[1] if len(chosen) > 1 else None)
            bottom_line = tuple(cite(w) for w in lead)
            used.update(w.basis for w in lead)
        body = [w for w in (story.summary or _extractive(story)) if w.basis not in used]
        body = body[:per_story]
        used.update(w.basis for w in body)
        sentences = tuple(cite(w) for w in body)
        if not sentences and (i > 0 or len(chosen) > 1):  # all it says is in the bottom line
            continue
        developments.append(
            Development(
                headline=headline_of(story),
                sentences=sentences,
                importance=round(story.importance, 4),
                sources=tuple(sorted({n for s in sentences for n in (s.citation, *s.also_in)})),
                articles=rank.report_count(story.story),
                key=_key(story),
                focus=story.focus,
            )
        )
    if budget_words:
        developments = _within_words(developments, budget_words)
    developments, thin = _told_in_full(developments)
    developed = {d.key for d in developments} | {_key(story) for story in chosen[:1]}
    developed |= {line.key for line in thin}
    further = [*thin, *_further(day, developed, developments, citations, same_event, carried)]
    further = further[:MAX_FURTHER]

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
        further=tuple(further),
        stories=_on_page(tuple(_day_story(story, headline_of(story)) for story in day),
                         developments, further,
                         told=tuple(_key(story) for story in chosen[:1])),
        skipped=tuple(skipped),
        notes=tuple(notes),
        stats=dict(stats or {}),
    )


def fit(brief: Brief, lines: Callable[[Brief], int], max_lines: int = 66) -> Brief:
    """Trim the least important parts until `lines(brief) <= max_lines`, keeping as many of the
    day's stories named on the page as it can.

    Order of sacrifice: timeline entries beyond three, then "also reported by" notes that bring
    in a source of their own, then sentences beyond MIN_SENTENCES of the least important
    developments, then the rest of the timeline, then actors beyond eight and locations beyond
    six, then beyond five, then further stories beyond NAMED_STORIES stories named in all, then
    actors and locations beyond three, then the least important developments become one-line
    further stories down to MIN_DEVELOPED + 1, then the actor and location lists, then one more
    development down to MIN_DEVELOPED, then sentences beyond one, then the other
    developments but the first become further stories, then further stories from the bottom.
    The bottom line is never cut. Sources no longer cited are dropped and the rest are
    numbered again in order of first citation.
    """
    while lines(brief) > max_lines:
        smaller = _trim_once(brief)
        if smaller is None:
            break
        brief = _drop_uncited(smaller)
    told = [s.key for s in brief.stories if s.on_page == "developed"][:1]
    return dataclasses.replace(brief, stories=_on_page(brief.stories, brief.developments,
                                                       brief.further, told))


def with_entities(brief: Brief, actors: Sequence[Mention],
                  locations: Sequence[Mention]) -> Brief:
    """The brief with its actor and location lists counted anew (over the articles the page
    cites), each list no longer than the page already made room for."""
    numbers = {ref.article_id: ref.n for ref in brief.sources}
    return dataclasses.replace(
        brief,
        actors=tuple(_entities(actors, numbers, len(brief.actors))),
        locations=tuple(_entities(locations, numbers, len(brief.locations))),
    )


def _trim_once(brief: Brief) -> Brief | None:
    if len(brief.timeline) > 3:
        return dataclasses.replace(brief, timeline=brief.timeline[:-1])
    devs = list(brief.developments)
    # "Also reported by" notes that bring a source of their own into the list cost a line each:
    # they go first, from the least important sentence up. Notes naming a source the brief
    # cites anyway cost nothing and stay.
    shown = [*brief.bottom_line, *(s for d in devs for s in d.sentences)]
    primary = {s.citation for s in shown} | {e.sentence.citation for e in brief.timeline}
    primary |= {line.citation for line in brief.further}
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
    shorter = _fewer_sentences(brief, MIN_SENTENCES)
    if shorter is not None:
        return shorter
    if brief.timeline:
        return dataclasses.replace(brief, timeline=brief.timeline[:-1])
    if len(brief.actors) > 8 or len(brief.locations) > 6:
        return dataclasses.replace(brief, actors=brief.actors[:8], locations=brief.locations[:6])
    if len(brief.actors) > 5 or len(brief.locations) > 5:
        return dataclasses.replace(brief, actors=brief.actors[:5], locations=brief.locations[:5])
    if brief.further and len(devs) + len(brief.further) > NAMED_STORIES:
        return dataclasses.replace(brief, further=brief.further[:-1])
    if len(brief.actors) > 3 or len(brief.locations) > 3:
        return dataclasses.replace(brief, actors=brief.actors[:3], locations=brief.locations[:3])
    if len(devs) > MIN_DEVELOPED + 1:
        return _demote_last(brief)
    if brief.actors or brief.locations:  # the names are in the stories' sentences too
        return dataclasses.replace(brief, actors=(), locations=())
    if len(devs) > MIN_DEVELOPED:
        return _demote_last(brief)
    shorter = _fewer_sentences(brief, 1)
    if shorter is not None:
        return shorter
    if len(devs) > 1:
        return _demote_last(brief)
    if brief.further:
        return dataclasses.replace(brief, further=brief.further[:-1])
    return None


def _demote_last(brief: Brief) -> Brief:
    """The least important development becomes the first one-line further story: still named."""
    *kept, last = brief.developments
    return dataclasses.replace(brief, developments=tuple(kept),
                               further=(_as_line(last), *brief.further))


def _as_line(development: Development) -> StoryLine:
    """A development as a one-line further story: its headline (cut at a clause to fit one
    line) and the source of its first sentence."""
    cited = (development.sentences[0].citation if development.sentences
             else (development.sources or (0,))[0])
    headline = development.headline
    if len(headline) > LINE_HEADLINE_MOST:  # whole where it fits the line, else cut at a clause
        headline = (headlines.shorten(headline, LINE_HEADLINE_MOST, whole=True, title=True)
                    or headlines.shorten(headline, LINE_HEADLINE_CHARS, title=True))
    return StoryLine(headline, cited, development.importance, development.articles,
                     development.key, focus=development.focus)


def _told_in_full(
    developments: Sequence[Development],
) -> tuple[list[Development], list[StoryLine]]:
    """The developments that have MIN_SENTENCES sentences to tell (the first always), and the
    others as one-line further stories: a story with one sentence left after the bottom line
    says no more than its headline and source would, while a page of developments each told in
    two sentences or more reads as a brief. At least MIN_DEVELOPED developments stay."""
    kept = list(developments)
    lines: list[StoryLine] = []
    for development in reversed(developments[1:]):
        if len(kept) <= MIN_DEVELOPED:
            break
        if len(development.sentences) < MIN_SENTENCES:
            kept.remove(development)
            lines.insert(0, _as_line(development))
    return kept, lines


def _fewer_sentences(brief: Brief, keep: int) -> Brief | None:
    """The last sentence of the least important development with more than `keep`."""
    devs = list(brief.developments)
    for i in range(len(devs) - 1, -1, -1):
        if len(devs[i].sentences) > keep:
            devs[i] = dataclasses.replace(devs[i], sentences=devs[i].sentences[:-1])
            return dataclasses.replace(brief, developments=tuple(devs))
    return None


def _only_cited(sentence: BriefSentence, cited: set[int]) -> BriefSentence:
    return dataclasses.replace(sentence, also_in=tuple(n for n in sentence.also_in if n in cited))


def _drop_uncited(brief: Brief) -> Brief:
    """Sources no longer cited leave the list; the rest are numbered 1, 2, 3... again."""
    shown = [*brief.bottom_line, *(s for d in brief.developments for s in d.sentences)]
    shown += [e.sentence for e in brief.timeline]
    cited = dict.fromkeys(n for s in shown for n in (s.citation, *s.also_in))
    cited.update(dict.fromkeys(line.citation for line in brief.further))
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
        further=tuple(dataclasses.replace(line, citation=new[line.citation])
                      for line in brief.further),
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


def _bottom_line(first: RankedStory, second: RankedStory | None) -> list[Written]:
    """The bottom line: the first story's best sentences, each a fact of its own; when it has
    too little to tell for that and a development of MIN_SENTENCES after it, its best sentence
    and the second story's best (the day's two first stories in two sentences, rather than one
    story told in the bottom line and barely below it)."""
    if first.bottom_line:
        return list(first.bottom_line)
    own = _extractive(first)
    if len(own) >= BOTTOM_LINE_SENTENCES + MIN_SENTENCES or second is None:
        return own[:BOTTOM_LINE_SENTENCES]
    return own[:1] + list(second.bottom_line or _extractive(second))[:1]


def _key(story: RankedStory) -> str:
    return story.story.articles[0].id if story.story.articles else ""


def _further(
    day: Sequence[RankedStory],
    developed: set[str],
    developments: Sequence[Development],
    citations: _Citations,
    same_event: Callable[[RankedStory, RankedStory], float] | None = None,
    carried: Counter[str] | None = None,
) -> list[StoryLine]:
    """The next most important stories after the developed ones, a headline each, cited to the
    article that carries it. A story that tells an event already on the page is left out: its
    headline repeats one shown, or its best sentences name mostly the same actors, places and
    figures as a story shown, or it is somewhat alike to one shown and shares with it names few
    of the day's stories carry (the same event, grouped apart)."""
    carried = carried if carried is not None else _carried(day)
    shown = [_words(d.headline) for d in developments]
    shown_stories = [story for story in day if _key(story) in developed]
    told = [_names(story) for story in shown_stories]
    rare = [_rare_names(story, carried) for story in shown_stories]
    lines: list[StoryLine] = []
    for story in day:
        if len(lines) == MAX_FURTHER:
            break
        if _key(story) in developed or not story.story.articles:
            continue
        fit = [s for s in story.ranked if rank.fit_for_summary(s.sentence)]
        if not fit:
            continue
        headline = headlines.for_story(story, max_chars=LINE_HEADLINE_CHARS,
                                       most_chars=LINE_HEADLINE_MOST)
        words = _words(headline)
        if not words or any(_overlap(words, other) > REPEATED_HEADLINE for other in shown):
            continue
        names = _names(story)
        if any(_same_event(names, other) for other in told):
            continue
        own_rare = _rare_names(story, carried)
        if same_event and any(
                _told_by(story, (names, own_rare), other, (other_names, other_rare), same_event)
                for other, other_names, other_rare in zip(shown_stories, told, rare,
                                                          strict=True)):
            continue
        shown.append(words)
        told.append(names)
        rare.append(own_rare)
        shown_stories.append(story)
        carrier = _carrier(story, headline, fit[0].sentence.article_id)
        lines.append(StoryLine(headline=headline, citation=citations.number(carrier),
                               importance=round(story.importance, 4),
                               articles=rank.report_count(story.story), key=_key(story),
                               focus=story.focus))
    return lines


def _distinct_events(
    chosen: Sequence[RankedStory],
    same_event: Callable[[RankedStory, RankedStory], float] | None,
    carried: Counter[str] | None = None,
) -> list[RankedStory]:
    """The chosen stories without one that tells an event a more important one already tells
    (grouping kept two reports of one event apart)."""
    carried = carried if carried is not None else _carried(chosen)
    kept: list[RankedStory] = []
    names: list[set[str]] = []
    rare: list[set[str]] = []
    for story in chosen:
        own = _names(story)
        own_rare = _rare_names(story, carried)
        if any(_same_event(own, other) for other in names) or (same_event and any(
                _told_by(story, (own, own_rare), other, (other_names, other_rare), same_event)
                for other, other_names, other_rare in zip(kept, names, rare, strict=True))):
            continue
        kept.append(story)
        names.append(own)
        rare.append(own_rare)
    return kept


def _told_by(story: RankedStory, names: tuple[set[str], set[str]], other: RankedStory,
             other_names: tuple[set[str], set[str]],
             same_event: Callable[[RankedStory, RankedStory], float]) -> bool:
    """Does `other` (shown) tell `story`'s event? Alike enough in wording, or somewhat alike
    and naming several of the same actors and places ("South American", "Andean", ...), or
    somewhat alike and sharing names that few of the day's stories carry ("Kiruna", "Sweden"
    in two stories of the town moved away from a mine). `names` and `other_names` are each
    story's names (`_names`) and its rare names (`_rare_names`)."""
    likeness = same_event(story, other)
    if likeness >= 1.0:
        return True
    if likeness < WEAKLY_ALIKE:
        return False
    return (len(names[0] & other_names[0]) >= SHARED_NAMES_OF_EVENT
            or len(names[1] & other_names[1]) >= SHARED_RARE_NAMES)


def _names(story: RankedStory) -> set[str]:
    """The names and figures of a story's best sentences."""
    found: set[str] = set()
    for scored in story.ranked[:rank.EVENT_SENTENCES]:
        found |= rank.concepts(scored.sentence)
    return found


def _same_event(a: set[str], b: set[str]) -> bool:
    return rank.share_names(a, b, SAME_EVENT)


_NAME = re.compile(r"[A-Z][\w'’&.-]*\w(?:\s+(?:of\s+)?[A-Z][\w'’&.-]*\w)*")
_POSSESSIVE = re.compile(r"(’s|'s)$")
_NOT_NAMES = frozenset("""the a an this that these those there their they its his her our it
    he she we mr mrs ms dr sen rep gov president minister prime chief officials january february
    march april may june july august september october november december monday tuesday wednesday
    thursday friday saturday sunday""".split())


def _event_names(story: RankedStory) -> set[str]:
    """The names (runs of capitalised words, "White House" one name) in the openings of a
    story's articles and in its best sentences: who and where its event is."""
    texts = [s.text for s in story.story.sentences if s.index < OPENING_SENTENCES]
    texts += [s.sentence.text for s in story.ranked[:rank.EVENT_SENTENCES]]
    return {name for text in texts for name in _names_in(text)}


def _names_in(text: str) -> set[str]:
    found = set()
    for match in _NAME.finditer(text):
        words = [_POSSESSIVE.sub("", w).rstrip(".").casefold() for w in match.group().split()]
        words = [w for w in words if w not in _NOT_NAMES]
        while words and words[0] == "of":
            words.pop(0)
        opens = match.start() == 0 or text[:match.start()].rstrip()[-1:] in ".!?:\"“‘'"
        if words and not (opens and len(words) == 1):  # any word may open a sentence
            found.add(" ".join(words))
    return found


def _carried(day: Sequence[RankedStory]) -> Counter[str]:
    """How many of the day's stories carry each name (`_event_names`)."""
    return Counter(name for story in day for name in _event_names(story))


def _rare_names(story: RankedStory, carried: Counter[str]) -> set[str]:
    """The story's names that no more than RARE_NAME_STORIES of the day's stories carry."""
    return {n for n in _event_names(story) if carried[n] <= RARE_NAME_STORIES}


def _carrier(story: RankedStory, headline: str, best: str) -> str:
    """The article a further story's line cites: the one whose title is the headline, else the
    one its best sentence comes from."""
    for article in story.story.articles:
        if article.title and _words(article.title) == _words(headline):
            return article.id
    return best


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 2 or w.isdigit()}


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _day_story(story: RankedStory, headline: str) -> DayStory:
    return DayStory(
        key=_key(story),
        headline=headline,
        importance=round(story.importance, 4),
        articles=tuple(a.id for a in story.story.articles),
        origins=tuple(a.origin for a in story.story.articles),
        sentences=tuple(
            StorySentence(s.sentence.text, s.sentence.article_id, s.sentence.start,
                          s.sentence.end, round(s.score, 4))
            for s in story.ranked[:DAY_STORY_SENTENCES]
        ),
        focus=story.focus,
    )


def _on_page(stories: tuple[DayStory, ...], developments: Sequence[Development],
             further: Sequence[StoryLine], told: Sequence[str] = ()) -> tuple[DayStory, ...]:
    """Every story with `on_page` saying what of it the page shows ("developed" also for the
    story the bottom line tells)."""
    developed = {d.key for d in developments} | set(told)
    lines = {line.key for line in further}
    return tuple(
        dataclasses.replace(story, on_page="developed" if story.key in developed
                            else "further" if story.key in lines else "")
        for story in stories
    )


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
