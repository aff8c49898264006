"""English (British) formatting of dates and numbers for the pages under /en/, independent of the locale."""

from __future__ import annotations

import datetime as dt

from . import calendar_text
from .calendar_text import ENGLISH


def date(value: dt.date | dt.datetime, weekday: bool = False) -> str:
    """``12 March 2026`` (or ``Thursday 12 March 2026``)."""
    return calendar_text.date(value, ENGLISH, weekday)


def number(value: int) -> str:
    """``2,000``: English thousands separator."""
    return calendar_text.number(value, ENGLISH)


def span(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None = None) -> str:
    """``Tuesday 14 April 2026, 09:30–16:30`` or ``3–5 October 2026`` (times in Amsterdam time)."""
    return calendar_text.span(start, end, ENGLISH)


FILTERS = {
    "en_date": date,
    "en_number": number,
    "en_span": span,
}
