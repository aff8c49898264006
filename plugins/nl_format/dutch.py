"""Dutch formatting of dates, times and numbers, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt

from . import calendar_text
from .calendar_text import DUTCH, local, time

MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def date(value: dt.date | dt.datetime, weekday: bool = False) -> str:
    """``12 maart 2026`` (or ``donderdag 12 maart 2026``)."""
    return calendar_text.date(value, DUTCH, weekday)


def month_short(value: dt.date | dt.datetime) -> str:
    return MONTHS_SHORT[local(value).month - 1]


def number(value: int) -> str:
    """``2.000``: Dutch thousands separator."""
    return calendar_text.number(value, DUTCH)


def iso(value: dt.date | dt.datetime) -> str:
    """ISO 8601 for ``<time datetime>`` and JSON-LD."""
    return local(value).isoformat()


def span(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None = None) -> str:
    """A readable date range: ``14 april 2026, 09:30–16:30 uur`` or ``3 – 5 oktober 2026``."""
    return calendar_text.span(start, end, DUTCH)


def listing(items, last: str = "en") -> str:
    """``a``, ``a en b``, ``a, b en c``: a Dutch enumeration (``last="of"`` for a choice)."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


FILTERS = {
    "nl_date": date,
    "nl_time": time,
    "nl_month_short": month_short,
    "nl_number": number,
    "nl_span": span,
    "iso": iso,
    "nl_list": listing,
}
