"""When: the dates a sentence reports, relative ones resolved against the article's date.

    dates_in("On Friday, Stoltenberg said ...", reference=date(2024, 6, 2))
        -> [FoundDate(date(2024, 5, 31), "On Friday")]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str  # the words that gave the date


def dates_in(text: str, reference: dt.date | None = None) -> list[FoundDate]:
    raise NotImplementedError
