import datetime as dt
from zoneinfo import ZoneInfo

from agenda.calendar import CalendarEntry, build, is_upcoming
from icalendar import Calendar

AMS = ZoneInfo("Europe/Amsterdam")
STAMP = dt.datetime(2026, 11, 21, tzinfo=AMS)


def entry(**kw):
    base = dict(uid="x@example.test", title="Open dag", start=dt.datetime(2027, 3, 6, 10, tzinfo=AMS),
                end=dt.datetime(2027, 3, 6, 16, tzinfo=AMS), location="Utrecht", summary="Kom kijken.",
                url="https://example.test/agenda/x/")
    base.update(kw)
    return CalendarEntry(**base)


def test_calendar_parses_and_keeps_amsterdam_time():
    calendar = Calendar.from_ical(build([entry()], "Agenda", STAMP))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Open dag"
    assert event["dtstart"].dt == dt.datetime(2027, 3, 6, 10, tzinfo=AMS)
    assert event["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert list(calendar.walk("VTIMEZONE"))
    assert "https://example.test/agenda/x/" in str(event["description"])


def test_all_day_event_has_exclusive_end():
    calendar = Calendar.from_ical(build([entry(start=dt.date(2027, 5, 1), end=dt.date(2027, 5, 2))], "A", STAMP))
    event = next(iter(calendar.walk("VEVENT")))
    assert event["dtstart"].dt == dt.date(2027, 5, 1)
    assert event["dtend"].dt == dt.date(2027, 5, 3)


def test_offset_times_are_converted_to_amsterdam():
    utc_start = dt.datetime(2027, 7, 1, 8, tzinfo=dt.UTC)
    calendar = Calendar.from_ical(build([entry(start=utc_start, end=None)], "A", STAMP))
    event = next(iter(calendar.walk("VEVENT")))
    assert event["dtstart"].dt.hour == 10


def test_upcoming():
    now = dt.datetime(2026, 11, 21, 12, tzinfo=AMS)
    assert is_upcoming(dt.date(2026, 11, 21), None, now)  # today, all day
    assert not is_upcoming(dt.date(2026, 11, 20), None, now)
    assert is_upcoming(dt.date(2026, 11, 19), dt.date(2026, 11, 22), now)  # under way
    assert not is_upcoming(dt.datetime(2026, 11, 21, 9, tzinfo=AMS), dt.datetime(2026, 11, 21, 11, tzinfo=AMS), now)
    assert is_upcoming(dt.datetime(2026, 11, 21, 9, tzinfo=AMS), None, now)  # no end: the rest of the day
