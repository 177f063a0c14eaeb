"""Dates in news text: what a timeline shows, relative dates resolved only against a known date."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.timeline import FoundDate, dates_in

SUNDAY = dt.date(2024, 6, 2)


def found(text: str, reference: dt.date | None = SUNDAY) -> list[tuple[dt.date, str]]:
    return [(d.date, d.text) for d in dates_in(text, reference)]


@pytest.mark.parametrize(
    ("text", "date", "words"),
    [
        ("On June 27, 2024, Russia issued warnings.", dt.date(2024, 6, 27), "June 27, 2024"),
        ("It happened on 27 June 2024 in Kyiv.", dt.date(2024, 6, 27), "27 June 2024"),
        ("The vote on Sept. 14, 2024 was close.", dt.date(2024, 9, 14), "Sept. 14, 2024"),
        ("Filed 2024-06-27T10:00 by staff.", dt.date(2024, 6, 27), "2024-06-27"),
        ("The deal of March 3rd, 2023 held.", dt.date(2023, 3, 3), "March 3rd, 2023"),
    ],
)
def test_absolute_dates_need_no_reference(text: str, date: dt.date, words: str) -> None:
    assert found(text, None) == [(date, words)]
    assert found(text) == [(date, words)]


def test_month_and_year_is_a_month() -> None:
    [date] = dates_in("The war, ongoing since February 2022, goes on.")
    assert date == FoundDate(dt.date(2022, 2, 1), "February 2022", "month")
    [date] = dates_in("Elections were held in 2014 and again later.")
    assert date == FoundDate(dt.date(2014, 1, 1), "in 2014", "year")


def test_month_and_day_take_the_reference_year() -> None:
    assert found("Talks resume Jan. 5 in Geneva.") == [(dt.date(2024, 1, 5), "Jan. 5")]
    assert found("They met on the 5th of May.") == [(dt.date(2024, 5, 5), "5th of May")]
    assert found("Talks resume Jan. 5 in Geneva.", None) == []


def test_month_and_day_across_the_turn_of_the_year() -> None:
    assert found("He left on December 28.", dt.date(2025, 1, 3)) == [
        (dt.date(2024, 12, 28), "December 28")
    ]


def test_a_weekday_in_a_clause_about_the_future_is_ahead() -> None:
    """A brief must not date "trains will run on Wednesday" to the Wednesday before."""
    assert found("Trains will run on the normal timetable on Wednesday, the company said.") == [
        (dt.date(2024, 6, 5), "on Wednesday")]
    assert found("A ferry will run every fifteen minutes from Saturday.") == [
        (dt.date(2024, 6, 8), "Saturday")]
    assert found("The strike, which will begin on Sunday, is the first.") == [
        (SUNDAY, "on Sunday")]
    # the future is in another clause, or after the weekday: the weekday is behind
    assert found("Talks will resume, officials said on Friday.") == [
        (dt.date(2024, 5, 31), "on Friday")]
    assert found("The union said on Friday it will strike.") == [
        (dt.date(2024, 5, 31), "on Friday")]


def test_weekdays_resolve_against_the_reference() -> None:
    assert found("On Friday, Stoltenberg said no threat exists.") == [
        (dt.date(2024, 5, 31), "On Friday")
    ]
    assert found("Stoltenberg said Sunday that ...") == [(SUNDAY, "Sunday")]
    assert found("It rained last Friday.") == [(dt.date(2024, 5, 31), "last Friday")]
    assert found("They meet next Tuesday.") == [(dt.date(2024, 6, 4), "next Tuesday")]
    assert found("Friday's summit ended.") == [(dt.date(2024, 5, 31), "Friday")]


def test_yesterday_today_tomorrow() -> None:
    assert found("Yesterday troops moved; today they rest; tomorrow they leave.") == [
        (dt.date(2024, 6, 1), "Yesterday"),
        (SUNDAY, "today"),
        (dt.date(2024, 6, 3), "tomorrow"),
    ]


def test_without_a_reference_relative_words_give_nothing() -> None:
    assert found("On Friday and yesterday, next Tuesday, today.", None) == []


def test_a_weekday_before_a_full_date_is_one_date() -> None:
    assert found("On Friday, June 28, 2024, talks began.") == [
        (dt.date(2024, 6, 28), "June 28, 2024")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials met earlier this week and again last month.",
        "Theresa May 2019 memoirs sold well.",
        "Prime Minister May 5 times refused.",
        "Protesters may march through the city.",
        "The army sent 2,024 troops at 10:30.",
        "Shops open on Fridays.",
        "The unit has 2024 soldiers.",
        "Prices rose 12.5 per cent.",
        "The match ended 3-1.",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert found(text) == []


def test_dates_come_in_text_order() -> None:
    text = "After talks on Friday, the June 27, 2024 warning and Jan. 5 remained."
    assert [d.text for d in dates_in(text, SUNDAY)] == ["on Friday", "June 27, 2024", "Jan. 5"]


def test_impossible_dates_are_skipped() -> None:
    assert found("Due on February 30, 2024.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Shoppers crowded malls on Black Friday.",
        "Candidates campaigned before Super Tuesday.",
        "She told the Sunday Times everything.",
        "He wrote for USA Today about it.",
    ],
)
def test_names_with_day_words_are_no_dates(text: str) -> None:
    assert found(text) == []


def test_a_sentence_may_open_with_a_relative_day() -> None:
    assert found('"Today we act," he said. Today, talks begin.') == [
        (SUNDAY, "Today"),
        (SUNDAY, "Today"),
    ]
