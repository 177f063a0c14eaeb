"""The one place where the stages meet.

    ingest -> clean -> sentences -> vectors -> stories -> rank -> (abstract) -> compose

`build_brief(paths)` is the product; the CLI, the daily job and email all call it (or
`brief_articles` when they already hold articles, as the feed reader does).
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from briefing import (
    clean,
    compose,
    engine,
    entities,
    feeds,
    focus,
    ingest,
    memory,
    normalise,
    rank,
    rankers,
    render,
    sentences,
    stories,
    vectors,
)
from briefing.domain import Article, Brief, RankedStory, Sentence, Skipped
from briefing.errors import ConfigError, NoUsableArticles

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class BriefOptions:
    date: dt.date | None = None  # default: the newest article date, else today
    title: str = "Daily Situation Brief"
    max_stories: int = 6
    per_story: int | None = None  # sentences per development; None: more when the day has few
    budget_words: int | None = None  # words for the developments; None: what fits one page
    ranker: str = rankers.DEFAULT
    vectors: str = "tfidf"
    abstractive: str | None = None  # a model directory or hub id
    jobs: int | None = None  # worker processes for the per-article stages; None: every core
    engine: str = "local"  # "local" (processes on this machine) or "ray" (briefing.engine)
    ray_address: str | None = None  # a Ray cluster to join; None: RAY_ADDRESS, else start one
    # What matters to the reader (focus.py): watch terms and the daily job's source weights
    # (by source name, `Article.via`), each multiplying the importance of the stories it touches.
    focus: Mapping[str, float] = field(default_factory=dict)  # {"Ukraine": 2.0}
    source_weights: Mapping[str, float] = field(default_factory=dict)  # {"Wire": 1.5}
    # What earlier briefs told (memory.py): continuing stories are marked developing and
    # sentences shown before are not shown again. None: the brief remembers only itself.
    earlier: memory.Memory | None = None


def build_brief(
    paths: Sequence[str],
    options: BriefOptions | None = None,
    *,
    stdin: TextIO | None = None,
    progress: Progress | None = None,
) -> Brief:
    """A brief of every article under `paths`; unreadable inputs are listed in `brief.skipped`.

    A path may also be a web address (a feed's items, or the article on the page) or an RSS or
    Atom file (`.rss`, `.atom`, `.xml`).
    """
    locations = [p for p in paths if feeds.is_location(p)]
    files = [p for p in paths if not feeds.is_location(p)]
    missing = [p for p in files if _missing(p)]
    if files and not locations and len(missing) == len(files):  # a typo, not bad input
        raise ConfigError(f"no such file or folder: {', '.join(map(normalise.shown, missing))}")
    wrong = [f"{p}: {feeds.unsupported_scheme(p)}" for p in locations
             if feeds.unsupported_scheme(p)]
    if wrong and len(wrong) + len(missing) == len(paths):  # ftp://... and typos only
        if missing:
            wrong.append(f"no such file or folder: {', '.join(missing)}")
        raise ConfigError("; ".join(wrong))
    fetcher = feeds.Fetcher()
    if locations:
        fetcher.start_run()  # one fetching deadline for all the addresses together
    fetched: list[Article] = []
    skipped: list[Skipped] = []
    for location in locations:
        found, missed = feeds.read_location(location, fetcher)
        fetched += found
        skipped += missed
        for line in _warnings(location, missed):
            log.warning("%s", line)
    # Files are read as the per-article stages take them, a batch at a time: a large day's
    # raw texts are never all held at once (what a file skips lands in `skipped` as it goes).
    read = itertools.chain(ingest.iter_inputs(files, skipped, stdin=stdin), fetched)
    return brief_articles(read, options, skipped=skipped, progress=progress,
                          warn_dropped=True)


STREAM_BATCH = 5000  # articles read and put through the per-article stages at a time


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _missing(path: str) -> bool:
    """Whether a file or folder the user named is not there at all (a typo)."""
    if path == "-":
        return False
    try:
        Path(path).stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False  # there, but unreadable: `ingest` says why
    return False


def brief_articles(
    articles: Iterable[Article],
    options: BriefOptions | None = None,
    *,
    skipped: Sequence[Skipped] = (),
    notes: Sequence[str] = (),
    progress: Progress | None = None,
    warn_dropped: bool = False,
) -> Brief:
    """A brief of `articles`. Each article passes the per-article stages (normalise, clean,
    split) in a guard of its own: one that fails or has no sentence left is dropped with its
    reason in `brief.skipped` (logged as a warning with `warn_dropped`, as `briefing brief`
    does for the files the user named; a duplicate copy is only ever an info line)."""
    options = options or BriefOptions()
    report = progress or (lambda stage, done, total: None)
    ranker = rankers.get(options.ranker)

    runner = engine.get(options.engine, jobs=options.jobs, address=options.ray_address)
    # The per-article stages, each article on its own (in worker processes or Ray tasks for a
    # large day); duplicate copies are found across the day, here.
    prepared: list[_Prepared] = []
    read = 0
    for batch in _batches(articles, STREAM_BATCH):
        read += len(batch)
        prepared.extend(runner.map(_prepare, batch))
    broken = [Skipped(p.origin, p.reason) for p in prepared if p.stage == "normalise"]
    junk = [Skipped(p.origin, p.reason) for p in prepared if p.stage == "clean"]
    kept, duplicates = clean.drop_duplicates([p.article for p in prepared if not p.stage],
                                             [p.fingerprint or clean.fingerprint(p.article)
                                              for p in prepared if not p.stage])
    dropped = [*broken, *junk, *duplicates]
    split = {id(p.article): p for p in prepared if not p.stage}
    by_article = {}
    for article in kept:
        found = split[id(article)].sentences
        if split[id(article)].reason:
            dropped.append(Skipped(article.origin, split[id(article)].reason))
        by_article[article.id] = found
    report("splitting", len(kept), len(kept))
    kept = [a for a in kept if by_article[a.id]]
    skipped = [*skipped, *dropped]
    _log_dropped(dropped, warn=warn_dropped)
    if not kept:
        raise NoUsableArticles(_nothing_left(read, skipped))

    vectorizer = vectors.get_vectorizer(options.vectors)
    vectorizer.fit([s.text for a in kept for s in by_article[a.id]])
    day = stories.group(kept, by_article, vectorizer)
    # In full only the stories that can reach the page: the developments and the further
    # stories, with room for the ones left out as repeats of others. Ray ranks them as tasks;
    # here, sending whole stories to worker processes would cost more than ranking them.
    ranked = rank.rank_day(day, ranker, vectorizer, candidates=max(
        rank.CANDIDATES, 4 * (options.max_stories + compose.MAX_FURTHER)),
        many=rank.rank_many if runner.name == "local" else
        lambda ranker, batch: runner.map(functools.partial(rank.rank_pair, ranker), batch))
    # Reports of one event that grouping kept apart (the news and the reactions to it) become
    # one story, among the stories that can reach the page.
    ranked = rank.merge_events(
        ranked, ranker, vectorizer, functools.partial(stories.likeness, vectorizer=vectorizer),
        top=4 * (options.max_stories + compose.MAX_FURTHER))
    report("ranking", len(day), len(day))
    ranked = focus.weigh(ranked, options.focus, options.source_weights)
    recalled = memory.recall(ranked, options.earlier)
    ranked = recalled.ranked
    per_story = options.per_story or _per_story(min(options.max_stories, len(ranked)))
    # The first story also gives the bottom line, so it may use a few more sentences.
    chosen = rank.select(
        ranked,
        vectorizer,
        max_stories=options.max_stories,
        per_story=per_story + compose.BOTTOM_LINE_SENTENCES,
    )
    if options.abstractive:
        from briefing import abstract

        chosen = abstract.abstract(chosen, options.abstractive, vectorizer=vectorizer)

    # Names are counted over the articles the page cites, not the whole day: a first count over
    # the developed stories' articles sizes the lists while the page is fitted, and the lists
    # are then counted again over what the fitted page cites.
    on_page = {a.id for story in chosen for a in story.story.articles}
    # The sentences of the page's articles only (the name lists never read the rest of the day;
    # an article outside this is split by `find_entities` itself).
    said = {a: [s.text for s in by_article[a]] for a in on_page if a in by_article}
    actors, locations = entities.find_entities([a for a in kept if a.id in on_page], said)
    brief = compose.compose(
        chosen,
        kept,
        actors=actors,
        locations=locations,
        title=options.title,
        date=options.date,
        per_story=per_story,
        budget_words=options.budget_words,
        skipped=skipped,
        notes=notes,
        day=rank.by_importance(ranked),
        same_event=_same_event(vectorizer),
        stats={
            "articles_read": read,
            "articles_used": len(kept),
            "stories": len(day),
            "sentences": sum(len(v) for v in by_article.values()),
            "told_before": recalled.repeats,
        },
    )
    brief = memory.mark(brief, recalled)  # "developing, day 3" takes room on the page
    brief = compose.fit(brief, render.page_lines, max_lines=render.PAGE_LINES)
    cited = _developed(brief)
    actors, locations = entities.find_entities([a for a in kept if a.id in cited], said)
    brief = compose.with_entities(brief, actors, locations)
    brief = compose.fit(brief, render.page_lines, max_lines=render.PAGE_LINES)
    return memory.mark(brief, recalled)  # what the fitted page shows is what is remembered


def _developed(brief: Brief) -> set[str]:
    """The articles the bottom line and the developments cite (with their "also" sources): the
    stories whose actors and places the lists are about. A one-line further story's article
    does not fill them (a band's break-up beside two developed conflicts)."""
    numbers: set[int] = set()
    for sentence in [*brief.bottom_line, *(s for d in brief.developments for s in d.sentences)]:
        numbers.add(sentence.citation)
        numbers.update(sentence.also_in)
    ids = {ref.article_id for ref in brief.sources if ref.n in numbers}
    return ids or {ref.article_id for ref in brief.sources}


FOLD_AFTER = 3  # more skipped items than this of one feed are one warning line


def _warnings(location: str, missed: Sequence[Skipped], what: str = "items") -> list[str]:
    """One line per skipped item, or, for a feed or file with many bad items, one line for
    them all."""
    if len(missed) <= FOLD_AFTER:
        return [f"skipped {item.origin}: {item.reason}" for item in missed]
    reasons = Counter(item.reason for item in missed)
    top = "; ".join(f"{n} {reason}" if n > 1 else reason for reason, n in reasons.most_common(2))
    more = f"; and {len(reasons) - 2} other reasons" if len(reasons) > 2 else ""
    return [f"skipped {len(missed)} {what} of {normalise.shown(location)}: {top}{more}"]


# A record's origin: "day.json#12", "day.jsonl:7", "day.jsonl:7#2".
_RECORD = re.compile(r"^(.+?)(?::\d+)?(?:#\d+)?$")


def _log_dropped(dropped: Sequence[Skipped], *, warn: bool) -> None:
    """What cleaning and splitting left out: a warning each when `warn` (the records of one
    file folded into one line when there are many), an info line for a duplicate copy."""
    by_file: dict[str, list[Skipped]] = {}
    for item in dropped:
        if not warn or item.reason.startswith("duplicate of "):
            log.info("skipped %s: %s", item.origin, item.reason)
            continue
        match = _RECORD.match(item.origin)
        by_file.setdefault(match.group(1) if match else item.origin, []).append(item)
    for source, items in by_file.items():
        for line in _warnings(source, items, "records" if len(items) > 1 else "items"):
            log.warning("%s", line)


@dataclass(frozen=True)
class _Prepared:
    """One article after the per-article stages: `stage` names the one that dropped it
    ("normalise" or "clean", with the reason), else its sentences (none: `reason` says why)."""

    origin: str
    article: Article
    stage: str = ""
    reason: str = ""
    sentences: tuple[Sentence, ...] = ()
    fingerprint: clean.Fingerprint | None = None  # what finding duplicate copies compares


def _prepare(article: Article) -> _Prepared:
    """Normalise, clean and split one article, each in a guard of its own."""
    usable, broken = _normalised([article])
    if broken:
        return _Prepared(broken[0].origin, article, "normalise", broken[0].reason)
    tidy, junk = clean.clean_one(usable[0])
    if junk:
        return _Prepared(tidy.origin, tidy, "clean", junk)
    try:
        mark = clean.fingerprint(tidy)
    except Exception as error:  # noqa: BLE001
        log.debug("fingerprinting %s failed", tidy.origin, exc_info=True)
        return _Prepared(tidy.origin, tidy, "clean", f"can't be cleaned ({type(error).__name__})")
    try:
        found = tuple(sentences.split(tidy))
    except Exception as error:  # noqa: BLE001 - one odd article must never cost the day
        log.debug("splitting %s failed", tidy.origin, exc_info=True)
        return _Prepared(tidy.origin, tidy, reason=f"can't be split ({type(error).__name__})",
                         fingerprint=mark)
    if not found:
        return _Prepared(tidy.origin, tidy, reason="no sentences found in the text",
                         fingerprint=mark)
    return _Prepared(tidy.origin, tidy, sentences=found, fingerprint=mark)


def _normalised(articles: Sequence[Article]) -> tuple[list[Article], list[Skipped]]:
    """Every article normalised (valid Unicode, no control characters, dates aware UTC); one
    that can't be is dropped with the reason."""
    usable: list[Article] = []
    broken: list[Skipped] = []
    for article in articles:
        try:
            usable.append(normalise.article(article))
        except Exception as error:  # noqa: BLE001
            origin = normalise.shown(str(getattr(article, "origin", "?")))
            broken.append(Skipped(origin, f"can't be read ({type(error).__name__})"))
    return usable, broken


def _same_event(vectorizer: vectors.Vectorizer) -> Callable[[RankedStory, RankedStory], float]:
    """How alike two stories' best sentences are (`stories.alike`), as a share of the
    likeness at which they tell one event (1.0 and more: one event)."""
    threshold = stories.same_event_threshold(vectorizer)

    def same(a: RankedStory, b: RankedStory) -> float:
        best = [s.sentence for s in a.ranked[:rank.EVENT_SENTENCES]]
        other = [s.sentence for s in b.ranked[:rank.EVENT_SENTENCES]]
        if not best or not other:
            return 0.0
        return stories.alike(best, other, vectorizer) / threshold

    return same


def _per_story(stories: int) -> int:
    """A quiet day with one or two stories tells them in more detail; the page stays one page."""
    return max(3, min(6, 14 // max(1, stories)))


def _nothing_left(read: int, skipped: Sequence[Skipped]) -> str:
    if not read and not skipped:
        return "no articles found in the given inputs"
    reasons = "; ".join(f"{s.origin}: {s.reason}" for s in list(skipped)[:3])
    more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
    return f"no usable articles: {len(skipped)} input(s) skipped: {reasons}{more}"
