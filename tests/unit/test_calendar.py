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


HOSTILE = [
    "Gilde\rBEGIN:VEVENT",
    "Gilde\nEND:VCALENDAR",
    "Gilde\r\nBEGIN:VEVENT\r\nSUMMARY:nep",
    "Gilde\x00\x07\x1b[31m\x7f\x85\x9b",
    "Gilde\u2028ATTENDEE:mailto:x@evil.example\u2029",
    "Gilde; met, komma\\backslash",
    "Lang " + "ä€😀" * 200,
]


def _unfolded_lines(data: bytes) -> list[str]:
    """The content lines of a calendar, unfolded (RFC 5545 3.1)."""
    assert b"\r\n" in data
    physical = data.decode("utf-8").split("\r\n")
    for line in physical:
        assert "\r" not in line and "\n" not in line, line  # no bare CR or LF anywhere
        assert len(line.encode("utf-8")) <= 75, line
    lines: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def test_hostile_text_never_makes_a_content_line():
    for value in HOSTILE:
        data = build([entry(title=value, location=value, summary=value, organizer=value, uid=value + "@x")],
                      value, STAMP)
        lines = _unfolded_lines(data)
        names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
        assert names.count("BEGIN") == names.count("END")
        assert [n for n in names if n == "BEGIN"] == ["BEGIN"] * names.count("BEGIN")
        assert sum(1 for line in lines if line == "BEGIN:VEVENT") == 1, value
        assert not any(n in ("ATTENDEE",) for n in names)
        for line in lines:
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in line), repr(line)
        calendar = Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 1
        event = events[0]
        for name in ("summary", "location", "x-organizer-name"):
            text = str(event[name])
            assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029" for c in text)
            assert text.startswith("Gilde" if value.startswith("Gilde") else "Lang")
        calname = next(line for line in lines if line.startswith("X-WR-CALNAME:"))
        assert calname.removeprefix("X-WR-CALNAME:").startswith(("Gilde", "Lang"))
        assert str(event["description"]).endswith("\n\nhttps://example.test/agenda/x/")


def test_text_keeps_its_words_and_special_characters():
    calendar = Calendar.from_ical(build([entry(title="Open dag; smeden, en meer", organizer="A\r\nB")], "A", STAMP))
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["summary"]) == "Open dag; smeden, en meer"
    assert str(event["x-organizer-name"]) == "A B"
    long = "x" * 500
    calendar = Calendar.from_ical(build([entry(location=long)], "A", STAMP))
    assert str(next(iter(calendar.walk("VEVENT")))["location"]) == long


def test_organizer_of_only_control_characters_is_left_out():
    calendar = Calendar.from_ical(build([entry(organizer="\r\n\x00")], "A", STAMP))
    assert "x-organizer-name" not in next(iter(calendar.walk("VEVENT")))
