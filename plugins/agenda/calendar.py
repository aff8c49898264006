"""iCalendar (RFC 5545) documents for the agenda, with icalendar; no Pelican here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class CalendarEntry:
    uid: str
    title: str
    start: dt.date | dt.datetime
    end: dt.date | dt.datetime | None
    location: str
    summary: str
    url: str
    organizer: str | None = None
    modified: dt.datetime | None = None


def is_upcoming(start, end, now: dt.datetime) -> bool:
    """Still to come or under way at ``now`` (Amsterdam time)."""
    last = end or start
    if isinstance(last, dt.datetime):
        if not isinstance(end, dt.datetime) and end is None and isinstance(start, dt.datetime):
            return last.astimezone(AMSTERDAM).date() >= now.astimezone(AMSTERDAM).date()
        return last >= now
    return last >= now.astimezone(AMSTERDAM).date()


def _amsterdam(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(AMSTERDAM)
    return value


def build(entries: list[CalendarEntry], name: str, stamp: dt.datetime) -> bytes:
    """A VCALENDAR with one VEVENT per entry, times in Europe/Amsterdam."""
    from icalendar import Calendar, Event  # only when a calendar file is made

    calendar = Calendar()
    calendar.add("prodid", "-//De kracht van ambacht//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", (entry.modified or stamp).astimezone(dt.UTC))
        event.add("summary", entry.title)
        start = _amsterdam(entry.start)
        event.add("dtstart", start)
        end = _amsterdam(entry.end) if entry.end is not None else None
        if isinstance(start, dt.datetime):
            if isinstance(end, dt.datetime):
                event.add("dtend", end)
            elif isinstance(end, dt.date):
                event.add("dtend", dt.datetime.combine(end, dt.time(23, 59), tzinfo=AMSTERDAM))
        else:
            last = end.date() if isinstance(end, dt.datetime) else (end or start)
            event.add("dtend", last + dt.timedelta(days=1))  # DTEND of all-day events is exclusive
        event.add("location", entry.location)
        event.add("description", f"{entry.summary}\n\n{entry.url}")
        event.add("url", entry.url)
        if entry.organizer:
            event.add("x-organizer-name", entry.organizer)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
