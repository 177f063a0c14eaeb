"""The one place where the stages meet.

    ingest -> clean -> sentences -> vectors -> stories -> rank -> (abstract) -> compose

`build_brief(paths)` is the product; the CLI, the daily job and email all call it (or
`brief_articles` when they already hold articles, as the feed reader does).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from briefing import (
    clean,
    compose,
    entities,
    feeds,
    ingest,
    normalise,
    rank,
    rankers,
    render,
    sentences,
    stories,
    vectors,
)
from briefing.domain import Article, Brief, RankedStory, Skipped
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
    articles, skipped = ingest.read_inputs(files, stdin=stdin) if files else ([], [])
    missing = [s.origin for s in skipped if s.reason == ingest.NO_SUCH_INPUT]
    if files and not locations and len(missing) == len(files):  # a typo, not bad input
        raise ConfigError(f"no such file or folder: {', '.join(missing)}")
    fetcher = feeds.Fetcher()
    if locations:
        fetcher.start_run()  # one fetching deadline for all the addresses together
    for location in locations:
        found, missed = feeds.read_location(location, fetcher)
        articles += found
        skipped += missed
        for line in _warnings(location, missed):
            log.warning("%s", line)
    return brief_articles(articles, options, skipped=skipped, progress=progress,
                          warn_dropped=True)


def brief_articles(
    articles: Sequence[Article],
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

    usable, broken = _normalised(articles)
    kept, dropped = clean.clean_all(usable)
    dropped = [*broken, *dropped]

    by_article = {}
    for i, article in enumerate(kept):
        try:
            found = sentences.split(article)
        except Exception as error:  # noqa: BLE001 - one odd article must never cost the day
            log.debug("splitting %s failed", article.origin, exc_info=True)
            dropped.append(Skipped(article.origin, f"can't be split ({type(error).__name__})"))
            found = []
        else:
            if not found:
                dropped.append(Skipped(article.origin, "no sentences found in the text"))
        by_article[article.id] = found
        report("splitting", i + 1, len(kept))
    kept = [a for a in kept if by_article[a.id]]
    skipped = [*skipped, *dropped]
    _log_dropped(dropped, warn=warn_dropped)
    if not kept:
        raise NoUsableArticles(_nothing_left(len(articles), skipped))

    vectorizer = vectors.get_vectorizer(options.vectors)
    vectorizer.fit([s.text for a in kept for s in by_article[a.id]])
    day = stories.group(kept, by_article, vectorizer)
    ranked = []
    for i, story in enumerate(day):
        ranked.append(rank.rank(story, ranker, vectorizer))
        report("ranking", i + 1, len(day))
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
    actors, locations = entities.find_entities([a for a in kept if a.id in on_page])
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
            "articles_read": len(articles),
            "articles_used": len(kept),
            "stories": len(day),
            "sentences": sum(len(v) for v in by_article.values()),
        },
    )
    brief = compose.fit(brief, render.page_lines, max_lines=render.PAGE_LINES)
    cited = {ref.article_id for ref in brief.sources}
    actors, locations = entities.find_entities([a for a in kept if a.id in cited])
    brief = compose.with_entities(brief, actors, locations)
    return compose.fit(brief, render.page_lines, max_lines=render.PAGE_LINES)


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
        best = [s.sentence for s in a.ranked[:EVENT_SENTENCES]]
        other = [s.sentence for s in b.ranked[:EVENT_SENTENCES]]
        if not best or not other:
            return 0.0
        return stories.alike(best, other, vectorizer) / threshold

    return same


EVENT_SENTENCES = 3  # a story's best sentences that say which event it tells


def _per_story(stories: int) -> int:
    """A quiet day with one or two stories tells them in more detail; the page stays one page."""
    return max(3, min(6, 14 // max(1, stories)))


def _nothing_left(read: int, skipped: Sequence[Skipped]) -> str:
    if not read and not skipped:
        return "no articles found in the given inputs"
    reasons = "; ".join(f"{s.origin}: {s.reason}" for s in list(skipped)[:3])
    more = f" (and {len(skipped) - 3} more)" if len(skipped) > 3 else ""
    return f"no usable articles: {len(skipped)} input(s) skipped: {reasons}{more}"
