"""The faithfulness guard: what a generated sentence claims must be in the sentences it came from.

    unsupported("ECB chief Lagarde said 42 banks failed.", sources) -> ["name Lagarde", "number 42"]
    verdict(generated, sources) -> "" when the sentence may stand, else why not

Abstractive models invent names and numbers. The guard looks at the facts a reader would act
on, and at nothing else:

- names: capitalised words ("Lagarde", "EU") other than common function words;
- numbers: digits ("1,200", "3.5", "21st") and number words ("three", "dozen"); "2.5 million"
  matches "2,500,000";
- dates: months, weekdays and "yesterday"/"today"/"tomorrow".

A sentence must also be one: finished (the model was not cut off mid-sentence) and not a loop
of the same few words, which is how a small or badly prompted model fails.

A fact is supported when the source sentences contain it, whatever its case or form. The check is
deliberately literal: it accepts a correct paraphrase that keeps the facts and rejects any new
fact, even a true one, because the reader can only verify what the cited source says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+")
_FINISHED = re.compile(r"[.!?][\"'”’)\]]*\Z")
_DIGIT_BEFORE = re.compile(r"\d\s*\Z")
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:[.,]\d+)*)(\s?)([a-z]+)?", re.I)

MONTHS = {
    "january": "january", "jan": "january", "february": "february", "feb": "february",
    "march": "march", "mar": "march", "april": "april", "apr": "april", "may": "may",
    "june": "june", "jun": "june", "july": "july", "jul": "july", "august": "august",
    "aug": "august", "september": "september", "sep": "september", "sept": "september",
    "october": "october", "oct": "october", "november": "november", "nov": "november",
    "december": "december", "dec": "december",
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
RELATIVE_DAYS = {"yesterday", "today", "tomorrow", "tonight"}

# "one" is left out on purpose: "one of the victims" is not a count.
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "dozen": 12, "dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}


@dataclass(frozen=True)
class Number:
    """A number as written and the value it claims ("2.5m": 2,500,000).

    As a source, a scaled number also supports its bare digits: "2.5m" backs "2.5".
    """

    written: str
    value: float
    bare: float


@dataclass(frozen=True)
class Facts:
    """What a text states that the guard checks."""

    names: frozenset[str]
    numbers: tuple[Number, ...]
    dates: frozenset[str]  # month and weekday names, "yesterday", ...


def facts(text: str) -> Facts:
    names: set[str] = set()
    dates: set[str] = set()
    for word in _WORD.findall(text):
        lower = word.casefold()
        if lower in WEEKDAYS or lower in RELATIVE_DAYS:
            dates.add(lower)
        elif word[0].isupper() and lower in MONTHS:
            dates.add(MONTHS[lower])
        elif lower in NUMBER_WORDS or lower in SCALES:
            continue
        elif word[0].isupper() and (_acronym(word) or lower not in ENGLISH_STOP_WORDS):
            names.add(word)
    return Facts(frozenset(names), tuple(_numbers(text)), frozenset(dates))


def verdict(generated: str, sources: Sequence[str]) -> str:
    """Why `generated` may not stand in the brief ("unsupported name Lagarde, number 42"),
    or "" when it may."""
    text = generated.strip()
    if not _FINISHED.search(text):
        return "unfinished sentence"
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) >= 6 and len(set(words)) < len(words) / 2:
        return "repeats itself"
    problems = unsupported(text, sources)
    return "unsupported " + ", ".join(problems) if problems else ""


def unsupported(generated: str, sources: Sequence[str]) -> list[str]:
    """The facts of `generated` that no source states: "name Lagarde", "number 42", "date May".

    An empty list means the sentence passes.
    """
    said = facts(generated)
    source_text = " ".join(sources)
    source_words = {w.casefold() for w in _WORD.findall(source_text)}
    source_words |= {MONTHS[w] for w in source_words if w in MONTHS}
    known = [v for number in _numbers(source_text) for v in (number.value, number.bare)]

    problems = [f"name {n}" for n in sorted(said.names) if n.casefold() not in source_words]
    problems += [
        f"number {number.written}"
        for number in said.numbers
        if not any(_same(number.value, k) for k in known)
    ]
    problems += [f"date {date}" for date in sorted(said.dates) if date not in source_words]
    return list(dict.fromkeys(problems))


def _numbers(text: str) -> Iterator[Number]:
    for match in _NUMBER.finditer(text):
        digits, space, unit = match.group(1), match.group(2), (match.group(3) or "").casefold()
        value = _value(digits)
        if value is None:
            continue
        scale = SCALES.get(unit) if (len(unit) > 1 or not space) else None
        if scale:
            yield Number(f"{digits}{space}{unit}", value * scale, value)
        else:
            yield Number(digits, value, value)
    words = list(_WORD.finditer(text))
    for i, match in enumerate(words):
        word = match.group().casefold()
        if word not in NUMBER_WORDS or _DIGIT_BEFORE.search(text, 0, match.start()):
            continue  # "2.5 million" was read with its digits
        value = float(NUMBER_WORDS[word])
        following = words[i + 1].group().casefold() if i + 1 < len(words) else ""
        previous = words[i - 1].group().casefold() if i > 0 else ""
        if following in SCALES and word not in SCALES:
            yield Number(f"{word} {following}", value * SCALES[following], value)
        elif not (previous in NUMBER_WORDS and word in SCALES):
            yield Number(word, value, value)


def _value(digits: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif digits.count(",") == 1 and "." not in digits:
        digits = digits.replace(",", ".")  # 3,5 in European writing
    try:
        return float(digits)
    except ValueError:
        return None


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()
