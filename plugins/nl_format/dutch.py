"""Dutch formatting of dates, times and numbers, independent of the machine's locale."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]
MONTHS_SHORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    """A datetime shown in Amsterdam time; dates stay dates."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=AMSTERDAM) if value.tzinfo is None else value.astimezone(AMSTERDAM)
    return value


def date(value: dt.date | dt.datetime, weekday: bool = False) -> str:
    """``12 maart 2026`` (or ``donderdag 12 maart 2026``)."""
    value = local(value)
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def time(value: dt.datetime) -> str:
    """``09:30`` in Amsterdam time."""
    return local(value).strftime("%H:%M")


def month_short(value: dt.date | dt.datetime) -> str:
    return MONTHS_SHORT[local(value).month - 1]


def number(value: int) -> str:
    """``2.000``: Dutch thousands separator."""
    return f"{value:,}".replace(",", ".")


def iso(value: dt.date | dt.datetime) -> str:
    """ISO 8601 for ``<time datetime>`` and JSON-LD."""
    return local(value).isoformat()


def span(start: dt.date | dt.datetime, end: dt.date | dt.datetime | None = None) -> str:
    """A readable date range: ``14 april 2026, 09:30–16:30`` or ``3 – 5 oktober 2026``."""
    start = local(start)
    end = local(end) if end is not None else None
    start_day = start.date() if isinstance(start, dt.datetime) else start
    end_day = (end.date() if isinstance(end, dt.datetime) else end) if end is not None else None
    if end_day is None or end_day == start_day:
        text = date(start_day, weekday=True)
        if isinstance(start, dt.datetime):
            text += f", {time(start)}"
            if isinstance(end, dt.datetime):
                text += f"–{time(end)} uur"
            else:
                text += " uur"
        return text
    if (start_day.year, start_day.month) == (end_day.year, end_day.month):
        return f"{start_day.day} – {end_day.day} {MONTHS[end_day.month - 1]} {end_day.year}"
    if start_day.year == end_day.year:
        return f"{start_day.day} {MONTHS[start_day.month - 1]} – {date(end_day)}"
    return f"{date(start_day)} – {date(end_day)}"


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
