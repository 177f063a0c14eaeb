"""Which of the gathered articles belong to the day being briefed, and why the others don't.

    as_of(day, now, zone) -> datetime            the moment the day's brief is made "as of"
    without_copies(articles, copies, left_out) -> articles
    left_out_line(left_out, day, config) -> str  "; 37 items left out: ..."

Today's run is made as of now. A backfill (`briefing run --date` in the past) is made as of the
end of that day in the config's time zone: feed items older than `[brief] max_age_hours` before
then are left out (not those before now), and "nothing new" says how many and why. Items
published after that day are kept: a catch-up run briefs what has not been briefed yet. A
re-published copy of an article briefed in the remembered window (memory.py's fingerprints:
near-duplicate, not only the same text) is left out too.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from briefing import feeds, memory
from briefing.domain import Article

log = logging.getLogger(__name__)

TOO_OLD = feeds.TOO_OLD
COPY = "a copy of an article already briefed"


def as_of(day: dt.date, now: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """`now`, or for a day before today the end of that day in `zone`."""
    if day >= now.astimezone(zone).date():
        return now
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone)


def without_copies(articles: Sequence[Article], copies: memory.Copies,
                   left_out: Counter[str]) -> list[Article]:
    """The articles that are no copy of an article briefed before (re-published, lightly
    edited, a feed's text of a page): each copy is counted in `left_out`."""
    kept = []
    for article in articles:
        original = copies.find(memory.fingerprint(article.text))
        if original is not None:
            left_out[COPY] += 1
            log.info("left out %s: %s: %s", article.origin, COPY, original)
            continue
        kept.append(article)
    return kept


def left_out_line(left_out: Counter[str], day: dt.date, max_age_hours: float,
                  *, backfill: bool = True) -> str:
    """ "; 37 items left out: 30 published more than 48 hours before the end of 2026-11-21
    (see [brief] max_age_hours), 7 copies of articles already briefed" ("" when none were);
    today's run (not a `backfill`) says "more than 48 hours ago"."""
    if not left_out:
        return ""

    def why(reason: str, n: int) -> str:
        if reason == TOO_OLD:
            when = f"before the end of {day}" if backfill else "ago"
            return (f"{n} published more than {max_age_hours:g} hours {when} "
                    "(see [brief] max_age_hours)")
        if reason == COPY:
            return f"{n} {'copy of an article' if n == 1 else 'copies of articles'} already briefed"
        return f"{n} {reason}"

    total = sum(left_out.values())
    parts = ", ".join(why(reason, n) for reason, n in left_out.most_common())
    return f"; {total} item{'' if total == 1 else 's'} left out: {parts}"
