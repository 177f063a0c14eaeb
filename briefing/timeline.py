"""When: the dates a sentence reports, relative ones resolved against the article's date.

    dates_in("On Friday, Stoltenberg said ...", reference=date(2024, 6, 2))
        -> [FoundDate(date(2024, 5, 31), "On Friday")]

Absolute dates in the forms news writes ("June 27, 2024", "27 June 2024", "Sept. 14",
"2024-06-27", "in February 2022", "in 2014") are read as they stand; a month and day without a
year take the reference date's year, or the neighbouring one across a turn of the year ("Dec. 28"
read in January). Weekdays ("on Friday", "last Friday") are the most recent such day on or before
the reference, "next Tuesday" the first one after it; a weekday in a clause that speaks of the
future ("the ferry will run from Saturday") is the first such day on or after the reference;
"yesterday", "today" and "tomorrow" count from it. Without a reference, relative words give
nothing: the timeline never guesses. Vague spans ("earlier this week", "last month") are no dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta, weekday
from dateutil.relativedelta import weekdays as _WEEKDAYS


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str  # the words that gave the date
    precision: str = "day"  # "day" | "month" | "year": "in February 2022" is a month


_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A month name as news writes it: "June", "Jan.", "Sept."; abbreviations only with their dot or
# before a number, so "Mar" and "Jun" inside prose are not months.
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d,.]\d|\s*(?:%|per\s?cent))"
_NOT_NUMBER = r"(?<![\d,.$£€])"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"{_NOT_NUMBER}\b(?P<year>\d{{4}})-(?P<mon>\d\d)-(?P<day>\d\d)(?!\d)")),
    ("month day year", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}")),
    ("day month year", re.compile(rf"{_NOT_NUMBER}\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}")),
    ("month day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)")),
    ("day month", re.compile(rf"{_NOT_NUMBER}\b{_DAY}\s+(?:of\s+)?{_MONTH}")),
    ("month year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}")),
    (
        "year",
        re.compile(
            rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter)\s+"
            rf"(?:(?:early|late|mid)[\s-])?{_NOT_NUMBER}{_YEAR}\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Ss]ince|[Bb]y|[Uu]ntil)\s+)?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
        ),
    ),
    ("relative day", re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow)\b")),
]

_NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z][a-z]")
# "will", "shall", "won't", "'ll" in the clause before a weekday: it is ahead, not behind
_FUTURE = re.compile(r"\b(?:will|shall|won['’]t)\b|\w['’]ll\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r".*[,;:()\u2013\u2014]", re.DOTALL)
_DATE_FOLLOWS = re.compile(rf",?\s+(?:{_MONTH}|\d)")
# "Theresa May 5", "Prime Minister May": a name before the month, unless it is a preposition.
_NAME_BEFORE = re.compile(r"(?:^|\s)(?P<word>[A-Z][\w'’.-]*)\s+$")
_NOT_NAMES = frozenset(
    "On In By Since Until From Before After Last Early Late Mid Through Between During And Or "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The Of Until".split()
)


def dates_in(text: str, reference: dt.date | None = None) -> list[FoundDate]:
    """The dates `text` reports, in the order it reports them."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, FoundDate]] = []
    for form, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue  # part of a longer date already read ("Friday, June 27" is one)
            date = _read(form, match, text, reference)
            taken.append((start, end))  # a rejected "May 5" still hides its "5 May" reading
            if date is not None:
                found.append((start, date))
    return [date for _, date in sorted(found, key=lambda pair: pair[0])]


def _read(
    form: str, match: re.Match[str], text: str, reference: dt.date | None
) -> FoundDate | None:
    words = match.group()
    groups = match.groupdict()
    if groups.get("month") and _is_name(groups["month"], text, match.start("month")):
        return None
    try:
        if form == "iso":
            year, month, day = int(groups["year"]), int(groups["mon"]), int(groups["day"])
            return FoundDate(dt.date(year, month, day), words)
        if form in ("month day year", "day month year"):
            month = _month(groups["month"])
            return FoundDate(dt.date(int(groups["year"]), month, int(groups["day"])), words)
        if form in ("month day", "day month"):
            if reference is None:
                return None
            month = _month(groups["month"])
            return FoundDate(_nearest(reference, month, int(groups["day"])), words)
        if form == "month year":
            month = _month(groups["month"])
            return FoundDate(dt.date(int(groups["year"]), month, 1), words, "month")
        if form == "year":
            return FoundDate(dt.date(int(groups["year"]), 1, 1), words, "year")
    except ValueError:
        return None  # "February 30"
    if reference is None:
        return None
    if form == "weekday":
        return _weekday(groups["which"], groups["weekday"], text, match, reference)
    if words[0].isupper() and (_is_name_part(text, match.start()) or _mid_sentence(text, match)):
        return None  # "USA Today", "the Today programme"
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[groups["word"].lower()]
    return FoundDate(reference + dt.timedelta(days=shift), words)


def _month(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".")]


def _is_name(month: str, text: str, start: int) -> bool:
    """ "Theresa May 5" and "Prime Minister May" are a person, not the fifth of May."""
    return month in ("May", "March") and _is_name_part(text, start)


def _is_name_part(text: str, start: int) -> bool:
    """Whether the word at `start` follows a capitalised word that is no preposition."""
    before = _NAME_BEFORE.search(text[max(0, start - 40) : start])
    return before is not None and before.group("word") not in _NOT_NAMES


def _mid_sentence(text: str, match: re.Match[str]) -> bool:
    head = text[: match.start()].rstrip(" \t\"“‘'(")
    return bool(head) and head[-1] not in ".!?:;\n"


def _nearest(reference: dt.date, month: int, day: int) -> dt.date:
    """The reference year's date, unless the turn of the year is meant: "Dec. 28" read on Jan. 3."""
    date = dt.date(reference.year, month, day)
    if abs((date - reference).days) <= 182:
        return date
    for year in (reference.year - 1, reference.year + 1):
        try:
            other = dt.date(year, month, day)
        except ValueError:
            continue  # February 29
        if abs((other - reference).days) <= 92:
            return other
    return date


def _future_clause(text: str, start: int) -> bool:
    """Whether the clause that ends at `start` speaks of the future ("Trains will run on ...",
    not "Talks will resume, officials said on ...")."""
    head = text[:start]
    clause = _CLAUSE_START.match(head)
    return bool(_FUTURE.search(head[clause.end():] if clause else head))


def _weekday(
    which: str | None, name: str, text: str, match: re.Match[str], reference: dt.date
) -> FoundDate | None:
    which = (which or "").lower()
    if which in ("this", "since", "by", "until") or _DATE_FOLLOWS.match(text, match.end()):
        return None  # "this Friday" may be ahead or behind; "Friday, June 27" is read as a date
    if not which and (_is_name_part(text, match.start()) or _NAME_FOLLOWS.match(text, match.end())):
        return None  # "Good Friday", "Super Tuesday", "the Sunday Times"
    day: weekday = _WEEKDAYS[_DAY_NAMES.index(name)]
    if which == "next":
        date = reference + relativedelta(days=+1, weekday=day(+1))
    elif which in ("", "on") and _future_clause(text, match.start()):
        date = reference + relativedelta(weekday=day(+1))
    else:
        date = reference + relativedelta(weekday=day(-1))
    return FoundDate(date, match.group())
