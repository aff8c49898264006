"""Formats used by the content schemas, and Dutch messages for them."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
SITE_PATH = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*(?:[A-Za-z0-9._~-]+)?$")

MESSAGES = {
    "date": "geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-12",
    "date-or-datetime": "geen geldige datum of tijd; schrijf 2026-03-12 of 2026-03-12T09:30:00+01:00",
    "slug": "geen geldige slug; gebruik kleine letters, cijfers en streepjes, zoals jan-de-vries",
    "http-url": "geen geldig webadres; alleen adressen die met https:// of http:// beginnen",
    "email": "geen geldig e-mailadres",
    "site-path": "geen geldig pad op deze site; begin met / en gebruik letters, cijfers, - en _ (bijvoorbeeld /oude/plek/)",
    "year": "geen geldig jaartal",
}


def parse_date_or_datetime(value: str) -> dt.date | dt.datetime:
    """Parse an ISO date or datetime string (raises ValueError)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", value):
        raise ValueError(value)
    return dt.datetime.fromisoformat(value)


def to_local(value: dt.date | dt.datetime, zone: str = "Europe/Amsterdam") -> dt.date | dt.datetime:
    """Naive datetimes are Amsterdam time; aware ones keep their instant."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(zone))
    return value


def is_slug(value: str) -> bool:
    return bool(SLUG.fullmatch(value)) and len(value) <= 80


def is_http_url(value: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "." in parts.hostname


def checker():
    """A jsonschema ``FormatChecker`` for the content model's own formats (imported on first use)."""
    from jsonschema import FormatChecker

    formats = FormatChecker(formats=())

    @formats.checks("date", raises=ValueError)
    def _date(value: object) -> bool:
        return not isinstance(value, str) or (bool(dt.date.fromisoformat(value)) and len(value) == 10)

    @formats.checks("date-or-datetime", raises=ValueError)
    def _date_or_datetime(value: object) -> bool:
        return not isinstance(value, str) or parse_date_or_datetime(value) is not None

    @formats.checks("slug")
    def _slug(value: object) -> bool:
        return not isinstance(value, str) or is_slug(value)

    @formats.checks("http-url")
    def _url(value: object) -> bool:
        return not isinstance(value, str) or is_http_url(value)

    @formats.checks("email")
    def _email(value: object) -> bool:
        return not isinstance(value, str) or (bool(EMAIL.fullmatch(value)) and len(value) <= 254)

    @formats.checks("site-path")
    def _site_path(value: object) -> bool:
        return not isinstance(value, str) or (bool(SITE_PATH.fullmatch(value)) and "/../" not in value + "/")

    return formats
