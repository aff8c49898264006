"""English (British) formatting of dates and numbers for the pages under /en/, independent of the locale."""

from __future__ import annotations

import datetime as dt

from .dutch import local, time

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def date(value: dt.date | dt.datetime, weekday: bool = False) -> str:
    """``12 March 2026`` (or ``Thursday 12 March 2026``)."""
    value = local(value)
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def number(value: int) -> str:
    """``2,000``: English thousands separator."""
    return f"{value:,}"


def span(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None = None) -> str:
    """``Tuesday 14 April 2026, 09:30–16:30`` or ``3–5 October 2026`` (times in Amsterdam time)."""
    start = local(start)
    end = local(end) if end is not None else None
    start_day = start.date() if isinstance(start, dt.datetime) else start
    end_day = (end.date() if isinstance(end, dt.datetime) else end) if end is not None else None
    if end_day is None or end_day == start_day:
        text = date(start_day, weekday=True)
        if isinstance(start, dt.datetime):
            text += f", {time(start)}"
            if isinstance(end, dt.datetime):
                text += f"–{time(end)}"
        return text
    if (start_day.year, start_day.month) == (end_day.year, end_day.month):
        return f"{start_day.day}–{end_day.day} {MONTHS[end_day.month - 1]} {end_day.year}"
    if start_day.year == end_day.year:
        return f"{start_day.day} {MONTHS[start_day.month - 1]} – {date(end_day)}"
    return f"{date(start_day)} – {date(end_day)}"


FILTERS = {
    "en_date": date,
    "en_number": number,
    "en_span": span,
}
