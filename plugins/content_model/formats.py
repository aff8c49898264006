"""Formats used by the content schemas, and Dutch messages for them."""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
SITE_PATH = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*(?:[A-Za-z0-9._~-]+)?$")
DATETIME = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"[ \t]*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
YEARS = (1900, 2100)  # dates of a campaign site; anything else is a typo (0001, 9999)
MAX_OFFSET = dt.timedelta(hours=14)  # the widest UTC offset in use (Kiribati)
MAX_URL = 2000  # characters; longer addresses break browsers and are a sign of abuse
HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")

MESSAGES = {
    "date": "geen geldige datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-03-12",
    "date-or-datetime": "geen geldige datum of tijd; schrijf 2026-03-12 of 2026-03-12T09:30:00+01:00",
    "slug": "geen geldige slug; gebruik kleine letters, cijfers en streepjes, zoals jan-de-vries",
    "http-url": "geen geldig webadres; alleen adressen die met https:// of http:// beginnen",
    "email": "geen geldig e-mailadres",
    "site-path": "geen geldig pad op deze site; begin met / en gebruik letters, cijfers, - en _ (bijvoorbeeld /oude/plek/)",
    "year": "geen geldig jaartal",
}


class FormatProblem(ValueError):
    """Why a value does not have its format, in Dutch for the editor."""


def parse_date(value: str) -> dt.date:
    """A real calendar date JJJJ-MM-DD within :data:`YEARS` (raises FormatProblem)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise FormatProblem(MESSAGES["date"])
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise FormatProblem(f"geen geldige datum: {value} bestaat niet") from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise FormatProblem(f"geen geldige datum: het jaar {day.year} ligt buiten {YEARS[0]}-{YEARS[1]}; is dit een tikfout?")
    return day


def parse_date_or_datetime(value: str) -> dt.date | dt.datetime:
    """An ISO date, or a date and time with an optional zone, that really exists (raises FormatProblem)."""
    if not isinstance(value, str):
        raise FormatProblem(MESSAGES["date-or-datetime"])
    if len(value) == 10:
        return parse_date(value)
    match = DATETIME.fullmatch(value)
    if not match:
        raise FormatProblem(MESSAGES["date-or-datetime"])
    day = parse_date(match["date"])
    try:
        time = dt.time.fromisoformat(match["time"])
    except ValueError:
        raise FormatProblem(f"geen geldige datum en tijd: {match['time']} bestaat niet") from None
    zone = None
    if match["zone"]:
        raw = match["zone"]
        if raw in ("Z", "z"):
            zone = dt.UTC
        else:
            digits = raw[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:] or 0)
            offset = dt.timedelta(hours=hours, minutes=minutes)
            if minutes >= 60 or offset > MAX_OFFSET:
                raise FormatProblem(f"geen geldige datum en tijd: tijdzone {raw} bestaat niet (van -14:00 tot +14:00)")
            zone = dt.timezone(-offset if raw[0] == "-" else offset)
    return dt.datetime.combine(day, time, zone)


AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def to_local(value: dt.date | dt.datetime, zone: str = "Europe/Amsterdam") -> dt.date | dt.datetime:
    """Naive datetimes are Amsterdam time; aware ones keep their instant."""
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(zone))
    return value


def is_slug(value: str) -> bool:
    return bool(SLUG.fullmatch(value)) and len(value) <= 80


# Format characters that are part of ordinary text: the soft hyphen (hyphenation hints in long
# Dutch words) and the zero-width joiner inside emoji sequences. Every other invisible
# format character (bidi overrides and isolates, zero-width spaces, BOMs inside text) can make
# text read differently from what it is, and is refused.
ALLOWED_FORMAT = {"\u00ad", "\u200d"}
REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


def character_problem(text: str, multiline: bool) -> tuple[int, str] | None:
    """(index, message) of the first character that has no place in an editor's text, or None.

    Tabs and newlines are allowed in multi-line text (Markdown); in a one-line field only a
    trailing newline (YAML's folded ``>`` style ends with one) is.
    """
    for index, ch in enumerate(text):
        if ch in "\t\n" and (multiline or not text[index:].strip()):
            continue
        category = unicodedata.category(ch)
        if (category in REFUSED_CATEGORIES and ch not in ALLOWED_FORMAT) or ch in "\ufffe\uffff":
            name = unicodedata.name(ch, "") or {"\n": "regeleinde", "\t": "tab", "\r": "regelterugloop"}.get(ch, "")
            what = f"U+{ord(ch):04X}" + (f" {name}" if name else "")
            if ch in "\n\r" and not multiline:
                return index, f"regeleinde of ander stuurteken ({what}) in een veld van één regel"
            return index, f"onzichtbaar of stuurteken ({what}) is niet toegestaan; typ de tekst opnieuw zonder dit teken"
    return None


def http_url_problem(value: str) -> str | None:
    """Why ``value`` is not a public web address for a link, or None when it is one.

    Parsed with the URL library, not matched as text: scheme http or https, no user name or
    password (``https://trusted.nl@evil.example/`` goes to evil.example), a bounded length and
    a real public host name (no IP address, no localhost, labels that IDNA accepts).
    """
    if len(value) > MAX_URL:
        return f"te lang ({len(value)} tekens; hoogstens {MAX_URL})"
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return "bevat spaties, stuurtekens of onzichtbare tekens"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        return "het adres is niet te lezen"
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(parts.scheme.lower() + "://"):
        return "alleen adressen die met https:// of http:// beginnen"
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        return ("een webadres met een naam of wachtwoord voor de @ is niet toegestaan "
                "(het wijst naar een andere site dan het lijkt)")
    host = parts.hostname or ""
    if port == 0:
        return "geen geldig poortnummer"
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    else:
        return "gebruik de naam van de website, geen IP-adres"
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return f"'{host}' is geen geldige domeinnaam"
    labels = ascii_host.rstrip(".").split(".")
    if len(labels) < 2 or len(ascii_host) > 253 or not all(HOST_LABEL.match(label) for label in labels):
        return f"'{host}' is geen geldige domeinnaam"
    if labels[-1].isdigit() or labels[-1] == "localhost":
        return f"'{host}' is geen openbare website"
    return None


def is_http_url(value: str) -> bool:
    return http_url_problem(value) is None


def checker():
    """A jsonschema ``FormatChecker`` for the content model's own formats (imported on first use)."""
    from jsonschema import FormatChecker

    formats = FormatChecker(formats=())

    @formats.checks("date", raises=FormatProblem)
    def _date(value: object) -> bool:
        return not isinstance(value, str) or bool(parse_date(value))

    @formats.checks("date-or-datetime", raises=FormatProblem)
    def _date_or_datetime(value: object) -> bool:
        return not isinstance(value, str) or parse_date_or_datetime(value) is not None

    @formats.checks("slug")
    def _slug(value: object) -> bool:
        return not isinstance(value, str) or is_slug(value)

    @formats.checks("http-url", raises=FormatProblem)
    def _url(value: object) -> bool:
        problem = http_url_problem(value) if isinstance(value, str) else None
        if problem:
            raise FormatProblem(f"geen geldig webadres: {problem}")
        return True

    @formats.checks("email")
    def _email(value: object) -> bool:
        return not isinstance(value, str) or (bool(EMAIL.fullmatch(value)) and len(value) <= 254)

    @formats.checks("site-path")
    def _site_path(value: object) -> bool:
        return not isinstance(value, str) or (bool(SITE_PATH.fullmatch(value)) and "/../" not in value + "/")

    return formats
