"""Dates, date ranges and numbers written out in one of the site's languages.

One set of rules for every language; a language differs only in its words and a few marks
(``Language``). Pure functions, no Pelican, no locale: the machine's locale never changes a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .clock import AMSTERDAM


@dataclass(frozen=True)
class Language:
    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    thousands: str  # the thousands separator: "2.000" or "2,000"
    day_range: str  # between two days of one month: "3 – 5 oktober" or "3–5 October"
    hours: str  # after a time of day: "09:30 uur" or "09:30"


DUTCH = Language(
    months=("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december"),
    weekdays=("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    thousands=".", day_range=" – ", hours=" uur")
ENGLISH = Language(
    months=("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"),
    weekdays=("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    thousands=",", day_range="–", hours="")


def local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """A datetime shown in Amsterdam time; dates stay dates."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=AMSTERDAM) if value.tzinfo is None else value.astimezone(AMSTERDAM)
    return value


def time(value: dt.datetime) -> str:
    """``09:30`` in Amsterdam time."""
    return local(value).strftime("%H:%M")


def date(value: dt.date | dt.datetime, language: Language, weekday: bool = False) -> str:
    """``12 maart 2026`` / ``12 March 2026``, with ``weekday`` the day's name in front."""
    value = local(value)
    text = f"{value.day} {language.months[value.month - 1]} {value.year}"
    return f"{language.weekdays[value.weekday()]} {text}" if weekday else text


def number(value: int, language: Language) -> str:
    """``2.000`` / ``2,000``."""
    return f"{value:,}".replace(",", language.thousands)


def span(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None, language: Language) -> str:
    """A readable date range in Amsterdam time: ``dinsdag 14 april 2026, 09:30–16:30 uur``,
    ``3 – 5 oktober 2026``, ``30 september – 2 oktober 2026`` or across years in full."""
    start = local(start)
    end = local(end) if end is not None else None
    start_day = start.date() if isinstance(start, dt.datetime) else start
    end_day = (end.date() if isinstance(end, dt.datetime) else end) if end is not None else None
    if end_day is None or end_day == start_day:
        text = date(start_day, language, weekday=True)
        if isinstance(start, dt.datetime):
            text += f", {time(start)}"
            if isinstance(end, dt.datetime):
                text += f"–{time(end)}"
            text += language.hours
        return text
    months = language.months
    if (start_day.year, start_day.month) == (end_day.year, end_day.month):
        return f"{start_day.day}{language.day_range}{end_day.day} {months[end_day.month - 1]} {end_day.year}"
    if start_day.year == end_day.year:
        return f"{start_day.day} {months[start_day.month - 1]} – {date(end_day, language)}"
    return f"{date(start_day, language)} – {date(end_day, language)}"


LANGUAGES = {"nl": DUTCH, "en": ENGLISH}


def number_in(value: int, lang: str = "nl") -> str:
    """The ``number`` filter: ``{{ count | number(page_lang) }}``."""
    return number(value, LANGUAGES[lang])
