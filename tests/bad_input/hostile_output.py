"""Checks on a built ``output/`` for the hostile-input catalogue and its property test.

Two parts: the invariants every build must keep whatever the content (:func:`foreign_resources`,
:func:`unexplained_lines`), and the small assertion vocabulary of the catalogue's built cases
(:data:`ASSERTIONS`, applied by :func:`check_output`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from array import array
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<field>[^:]+): (?P<message>.+)$")
# What check and build print besides problem lines when they refuse content (scripts/build.py).
SUMMARY_LINES = (
    re.compile(r"^\d+ probleem/problemen gevonden; er is niets gebouwd\.$"),
    re.compile(r"^De build is mislukt; output/ is niet aangeraakt\.$"),
)
ATOM = "{http://www.w3.org/2005/Atom}"
# <link rel=...> values that make a browser fetch the href.
FETCHING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                 "manifest", "mask-icon", "preconnect", "dns-prefetch"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


def unexplained_lines(stderr: str) -> list[str]:
    """Lines of a refusing run that are neither ``path:line:column: field: message`` nor the summary."""
    return [line for line in stderr.splitlines()
            if line.strip() and not LINE.match(line) and not any(p.match(line) for p in SUMMARY_LINES)]


# --- no resource from another host ---

def _browser_url(base: str, raw: str) -> str:
    """The URL a browser fetches for ``raw`` on a page at ``base``: trimmed, backslashes read as slashes."""
    cleaned = re.sub(r"[\t\n\r]", "", raw.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                                                "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
    scheme = urlsplit(cleaned).scheme.lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", cleaned) else ""
    if scheme in ("", "http", "https"):
        cleaned = cleaned.replace("\\", "/")
        # Any run of slashes before a host means a host (the URL standard's special schemes).
        cleaned = re.sub(r"^(?:(https?):)?/{2,}", lambda m: f"{m.group(1) + ':' if m.group(1) else ''}//", cleaned, flags=re.I)
    return urljoin(base, cleaned)


def _foreign(base: str, raw: str, hosts: set[str]) -> bool:
    url = _browser_url(base, raw)
    parts = urlsplit(url)
    if parts.scheme.lower() in ("data", "blob", "about"):
        return False
    try:
        host = (parts.hostname or "").lower()
    except ValueError:
        return True  # a host a browser may still try; never our own
    return host not in hosts


def _page_url(siteurl: str, output: Path, path: Path) -> str:
    return f"{siteurl.rstrip('/')}/{path.relative_to(output).as_posix()}"


def html_resources(html: str) -> list[str]:
    """Every URL in an HTML document that a browser loads without a click."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag in soup.find_all(True):
        for attribute in ("src", "poster", "data", "background", "lowsrc", "dynsrc"):
            if tag.get(attribute) and (attribute != "data" or tag.name == "object"):
                found.append(tag[attribute])
        for attribute in ("srcset", "imagesrcset"):
            if tag.get(attribute):
                found += [item.strip().split()[0] for item in tag[attribute].split(",") if item.strip()]
        if tag.name in ("image", "use", "feimage"):
            for attribute in ("href", "xlink:href"):
                if tag.get(attribute):
                    found.append(tag[attribute])
        if tag.name == "link":
            rels = {r.lower() for r in (tag.get("rel") or [])}
            if rels & FETCHING_RELS and tag.get("href"):
                found.append(tag["href"])
        if tag.name == "meta" and (tag.get("property") or tag.get("name") or "").lower() in (
                "og:image", "og:image:url", "og:image:secure_url", "og:video", "og:audio", "twitter:image"):
            found.append(tag.get("content") or "")
        if tag.get("style"):
            found += css_resources(tag["style"])
        if tag.name == "style" and tag.string:
            found += css_resources(tag.string)
    return found


def css_resources(css: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(css)]


def foreign_resources(output: Path, siteurl: str) -> list[str]:
    """``file: url`` for every resource in ``output`` that a browser would load from another host.

    HTML (elements that load without a click, inline styles), CSS ``url()``/``@import``, SVG
    images and the HTML inside Atom entries. Plain ``<a href>`` links to other hosts are allowed.
    """
    hosts = {urlsplit(siteurl).hostname.lower()}
    found: list[str] = []
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        base = _page_url(siteurl, output, path)
        suffix = path.suffix.lower()
        if suffix not in (".html", ".htm", ".css", ".svg", ".xml"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in (".html", ".htm", ".svg"):
            urls = html_resources(text)
        elif suffix == ".css":
            urls = css_resources(text)
        else:
            urls = []
            for raw, entry_base in atom_html(text, base):
                urls += [(u, entry_base) for u in html_resources(raw)]
            found += [f"{path.relative_to(output)}: {u}" for u, b in urls if _foreign(b, u, hosts)]
            continue
        found += [f"{path.relative_to(output)}: {u}" for u in urls if _foreign(base, u, hosts)]
    return found


def active_markup(output: Path) -> list[str]:
    """``file: what`` for inline script code, event-handler attributes and ``javascript:`` URLs in HTML.

    JSON-LD and other JSON data blocks are not code; everything else breaks the strict CSP or runs
    an attacker's script.
    """
    found: list[str] = []
    for path in sorted(output.rglob("*.html")):
        for tag in BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser").find_all(True):
            name = f"{path.relative_to(output)}: <{tag.name}>"
            if tag.name == "script" and not tag.get("src") and not (tag.get("type") or "").lower().endswith("json"):
                found.append(f"{name} inline script")
            found += [f"{name} {a}=" for a in tag.attrs if a.lower().startswith("on")]
            for attribute in ("href", "src", "action", "formaction"):
                value = re.sub(r"[\x00-\x20]", "", str(tag.get(attribute) or "")).lower()
                if value.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append(f"{name} {attribute}={tag.get(attribute)}")
    return found


def atom_html(text: str, base: str) -> list[tuple[str, str]]:
    """(HTML, base URL) of every ``type="html"`` summary and content in an Atom document."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return []
    if root.tag != f"{ATOM}feed":
        return []
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        entry_base = link.get("href", base) if link is not None else base
        for element in (entry.find(f"{ATOM}summary"), entry.find(f"{ATOM}content")):
            if element is None:
                continue
            if element.get("type") == "html":
                found.append((element.text or "", entry_base))
            elif element.get("type") == "xhtml":
                found.append((ET.tostring(element, encoding="unicode"), entry_base))
    return found


# --- the assertion vocabulary of built cases ---

def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def _present(files: list[Path], glob: str) -> None:
    assert files, f"no output file matches {glob}"


def assert_absent(files, glob, value, **_):
    assert not files, f"{glob} must not be published: {[str(f) for f in files]}"


def assert_present(files, glob, value, **_):
    _present(files, glob)


def assert_text_absent(files, glob, value, **_):
    _present(files, glob)
    leaking = [str(f) for f in files if value in _text(f)]
    assert not leaking, f"{value!r} appears in {leaking}"


def assert_text_present(files, glob, value, **_):
    _present(files, glob)
    missing = [str(f) for f in files if value not in _text(f)]
    assert not missing, f"{value!r} is missing from {missing}"


def assert_visible_text(files, glob, value, **_):
    """Every matching page shows ``value`` as text (markup in it was escaped, not rendered)."""
    _present(files, glob)
    for path in files:
        shown = " ".join(BeautifulSoup(_text(path), "html.parser").get_text(" ").split())
        assert value in shown, f"{path} does not show {value!r}"


def assert_a_href_present(files, glob, value, **_):
    _present(files, glob)
    for path in files:
        hrefs = [a.get("href") for a in BeautifulSoup(_text(path), "html.parser").find_all("a")]
        assert value in hrefs, f"{path} has no link to {value}: {hrefs}"


def assert_csv_cells_not_starting(files, glob, value, **_):
    """OWASP: no cell may start with a character that makes a spreadsheet evaluate it."""
    _present(files, glob)
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        assert len(rows) > 1, f"{path} has no data rows"
        bad = [cell for row in rows for cell in row if cell.startswith(tuple(value))]
        assert not bad, f"{path}: cells a spreadsheet would evaluate: {bad}"


def assert_atom_summaries_have_no_elements(files, glob, value, **_):
    """Every entry summary is plain text to a feed reader: no element survives in it."""
    _present(files, glob)
    for path in files:
        root = ET.fromstring(path.read_bytes())
        summaries = list(root.iter(f"{ATOM}summary"))
        assert summaries, f"{path} has no summaries"
        for summary in summaries:
            kind = summary.get("type", "text")
            assert kind != "xhtml" or not list(summary), f"{path}: xhtml summary with elements"
            if kind == "html":
                elements = BeautifulSoup(summary.text or "", "html.parser").find_all(True)
                assert not elements, f"{path}: summary renders elements {[str(e) for e in elements]}"


def ics_text(raw: str) -> str:
    """An iCalendar TEXT value with its backslash escapes (for backslash, semicolon, comma, newline) read (RFC 5545 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def assert_ics_event(files, glob, value, **_):
    """A VEVENT with this SUMMARY is in every matching file, its organizer text round-trips exactly."""
    import icalendar

    _present(files, glob)
    for path in files:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = [e for e in calendar.walk("VEVENT") if str(e.get("SUMMARY")) == value["summary"]]
        assert events, f"{path}: no event with summary {value['summary']!r}: {[str(e.get('SUMMARY')) for e in calendar.walk('VEVENT')]}"
        for event in events:
            # An X- property is TEXT by default (RFC 5545 3.8.8.2): read its escapes as TEXT escapes.
            names = [ics_text(v.to_ical().decode()) for k, v in event.items() if k.upper() == "X-ORGANIZER-NAME"]
            if event.get("ORGANIZER") is not None:
                names.append(str(event["ORGANIZER"].params.get("CN", "")))
            assert value["organizer"] in names, f"{path}: organizer {value['organizer']!r} not among {names}"
        injected = [key for component in calendar.walk() for key in component if "INJECT" in key.upper()]
        assert not injected, f"{path}: injected properties {injected}"


def assert_json_equals(files, glob, value, **_):
    _present(files, glob)
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        for key, expected in value.items():
            assert document.get(key) == expected, f"{path}: {key} is {document.get(key)!r}, expected {expected!r}"


def source_brightness(path: Path) -> float:
    """Mean brightness 0..1 of an image as a viewer shows it (16-bit samples scaled, not clipped)."""
    from PIL import Image, ImageStat

    with Image.open(path) as image:
        if image.mode in ("I;16", "I;16L", "I;16B", "I"):
            samples = array("H" if image.mode.startswith("I;16") else "i")
            raw = image.tobytes()
            samples.frombytes(raw)
            if image.mode == "I;16B":
                samples.byteswap()
            peak = 65535
            return sum(samples) / len(samples) / peak
        return ImageStat.Stat(image.convert("L")).mean[0] / 255


def assert_brightness_of(files, glob, value, content: Path, tolerance: float = 0.15, **_):
    """Every published variant is within ``tolerance`` (relative) of the source's mean brightness."""
    _present(files, glob)
    expected = source_brightness(content / value)
    for path in files:
        actual = source_brightness(path)
        assert abs(actual - expected) <= tolerance * expected, \
            f"{path}: mean brightness {actual:.3f}, source {expected:.3f}"


ASSERTIONS = {
    "absent": assert_absent,
    "present": assert_present,
    "text_absent": assert_text_absent,
    "text_present": assert_text_present,
    "visible_text": assert_visible_text,
    "a_href_present": assert_a_href_present,
    "csv_cells_not_starting": assert_csv_cells_not_starting,
    "atom_summaries_have_no_elements": assert_atom_summaries_have_no_elements,
    "ics_event": assert_ics_event,
    "json_equals": assert_json_equals,
    "brightness_of": assert_brightness_of,
}
OPTIONS = {"glob", "in", "tolerance"}


def check_output(output: Path, build: str, assertions: list[dict], content: Path) -> None:
    """Apply a built case's ``output:`` assertions that concern ``build`` (html or publish)."""
    for assertion in assertions:
        if build not in assertion.get("in", [build]):
            continue
        (name,) = set(assertion) - OPTIONS
        files = sorted(p for p in output.glob(assertion["glob"]) if p.is_file())
        extra = {"tolerance": assertion["tolerance"]} if "tolerance" in assertion else {}
        ASSERTIONS[name](files, assertion["glob"], assertion[name], content=content, **extra)
