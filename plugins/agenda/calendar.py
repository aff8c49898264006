"""iCalendar (RFC 5545) documents for the agenda, with icalendar; no Pelican here."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# Line and paragraph breaks of any kind (and tabs) become a space in a one-line text value;
# every other control character (C0, DEL, C1) is removed. icalendar then escapes what remains.
BREAKS = re.compile("[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")


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


def clean_text(value: str) -> str:
    """A text value fit for a content line: no control characters, breaks as single spaces."""
    return CONTROLS.sub("", BREAKS.sub(" ", value)).strip()


def _text(value: str):
    """A TEXT property value through icalendar's own type, which escapes ``\\ ; ,``."""
    from icalendar import vText

    return vText(clean_text(value))


def _amsterdam(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(AMSTERDAM)
    return value


def build(entries: list[CalendarEntry], name: str, stamp: dt.datetime) -> bytes:
    """A VCALENDAR with one VEVENT per entry, times in Europe/Amsterdam."""
    from icalendar import Calendar, Event, vText  # only when a calendar file is made

    calendar = Calendar()
    calendar.add("prodid", "-//De kracht van ambacht//Agenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))  # an X- property: icalendar would not escape a plain str
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    for entry in entries:
        event = Event()
        event.add("uid", _text(entry.uid))
        event.add("dtstamp", (entry.modified or stamp).astimezone(dt.UTC))
        event.add("summary", _text(entry.title))
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
        event.add("location", _text(entry.location))
        url = clean_text(entry.url).replace(" ", "%20")
        event.add("description", vText(f"{clean_text(entry.summary)}\n\n{url}"))  # the one intended break
        event.add("url", url)
        if entry.organizer and clean_text(entry.organizer):
            event.add("x-organizer-name", _text(entry.organizer))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
