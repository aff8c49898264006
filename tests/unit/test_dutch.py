import datetime as dt
from zoneinfo import ZoneInfo

from nl_format import dutch
from nl_format.clock import now

AMS = ZoneInfo("Europe/Amsterdam")


def test_date_and_weekday():
    assert dutch.date(dt.date(2026, 3, 12)) == "12 maart 2026"
    assert dutch.date(dt.date(2026, 3, 12), weekday=True) == "donderdag 12 maart 2026"


def test_utc_time_is_shown_in_amsterdam():
    moment = dt.datetime(2026, 7, 1, 7, 30, tzinfo=dt.UTC)
    assert dutch.time(moment) == "09:30"
    assert dutch.iso(moment) == "2026-07-01T09:30:00+02:00"


def test_spans():
    start = dt.datetime(2026, 4, 14, 9, 30, tzinfo=AMS)
    assert dutch.span(start, start.replace(hour=16, minute=0)) == "dinsdag 14 april 2026, 09:30–16:00 uur"
    assert dutch.span(dt.date(2026, 10, 3), dt.date(2026, 10, 5)) == "3 – 5 oktober 2026"
    assert dutch.span(dt.date(2026, 9, 30), dt.date(2026, 10, 2)) == "30 september – 2 oktober 2026"
    assert dutch.span(dt.date(2026, 5, 1)) == "vrijdag 1 mei 2026"


def test_number_and_month():
    assert dutch.number(12000) == "12.000"
    assert dutch.month_short(dt.date(2026, 3, 1)) == "mrt"


def test_clock_honours_source_date_epoch():
    assert now({"SOURCE_DATE_EPOCH": "0"}) == dt.datetime(1970, 1, 1, 1, 0, tzinfo=AMS)


def test_enumerations_in_dutch():
    from nl_format.dutch import listing

    assert listing([]) == "" and listing(["leerplek"]) == "leerplek"
    assert listing(["leerplek", "stage"], "of") == "leerplek of stage"
    assert listing(["leerplek", "stage", "workshop"], "of") == "leerplek, stage of workshop"
    assert listing(["a", "b"]) == "a en b"
