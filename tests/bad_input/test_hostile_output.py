"""The output assertions of the catalogue's built cases fail on what they are meant to catch."""

from __future__ import annotations

import pytest
from hostile_output import ASSERTIONS, active_markup, unexplained_lines
from PIL import Image

ATOM = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://example.test/campagne/verhalen/x/"/>'
        '<summary type="{kind}">{summary}</summary></entry></feed>')
ICS = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTAMP:20260101T000000Z\r\n"
       "DTSTART:20270306T090000Z\r\nSUMMARY:Feest\\; dag\r\nX-ORGANIZER-NAME:{organizer}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def run(name: str, tmp_path, file: str, data, value, **options) -> None:
    path = tmp_path / file
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    ASSERTIONS[name]([path], file, value, content=tmp_path, **options)


@pytest.mark.parametrize(("cell", "safe"), [("=1+1", False), ("+31 6", False), ("-2", False), ("@SUM(A1)", False),
                                            ("'=1+1", True), ("Smid", True)])
def test_csv_cells(tmp_path, cell, safe):
    data = f'naam,plaats\r\n"{cell}",Utrecht\r\n'
    if safe:
        run("csv_cells_not_starting", tmp_path, "a.csv", data, ["=", "+", "-", "@"])
    else:
        with pytest.raises(AssertionError):
            run("csv_cells_not_starting", tmp_path, "a.csv", data, ["=", "+", "-", "@"])


@pytest.mark.parametrize(("kind", "summary", "safe"), [
    ("html", "&lt;b&gt;vet&lt;/b&gt;", False),            # HTML that renders an element
    ("html", "&amp;lt;b&amp;gt;vet", True),               # escaped twice: shows the markup as text
    ("text", "&lt;b&gt;vet&lt;/b&gt;", True),             # plain text: a reader shows <b>
    ("html", "Smeden &amp;amp; vuur", True),
])
def test_atom_summaries(tmp_path, kind, summary, safe):
    data = ATOM.format(kind=kind, summary=summary)
    if safe:
        run("atom_summaries_have_no_elements", tmp_path, "f.xml", data, True)
    else:
        with pytest.raises(AssertionError):
            run("atom_summaries_have_no_elements", tmp_path, "f.xml", data, True)


def test_ics_event_round_trip(tmp_path):
    run("ics_event", tmp_path, "a.ics", ICS.format(organizer="Gilde\\; Hout\\, Metaal \\\\ Co"),
        {"summary": "Feest; dag", "organizer": "Gilde; Hout, Metaal \\ Co"})
    with pytest.raises(AssertionError):
        run("ics_event", tmp_path, "b.ics", ICS.format(organizer="Gilde"), {"summary": "Feest; dag", "organizer": "Gilde; Hout"})
    injected = ICS.format(organizer="Gilde").replace("END:VEVENT", "X-INJECT:1\r\nEND:VEVENT")
    with pytest.raises(AssertionError):
        run("ics_event", tmp_path, "c.ics", injected, {"summary": "Feest; dag", "organizer": "Gilde"})


def test_brightness(tmp_path):
    source = Image.new("I;16", (40, 40), 20000)
    source.save(tmp_path / "bron.png")
    Image.new("L", (40, 40), 78).save(tmp_path / "goed.jpg")
    run("brightness_of", tmp_path, "goed.jpg", (tmp_path / "goed.jpg").read_bytes(), "bron.png", tolerance=0.15)
    Image.new("L", (40, 40), 255).save(tmp_path / "wit.jpg")
    with pytest.raises(AssertionError):
        run("brightness_of", tmp_path, "wit.jpg", (tmp_path / "wit.jpg").read_bytes(), "bron.png", tolerance=0.15)


def test_presence_assertions_need_a_file(tmp_path):
    for name, value in [("present", True), ("text_absent", "x"), ("visible_text", "x"), ("csv_cells_not_starting", ["="])]:
        with pytest.raises(AssertionError):
            ASSERTIONS[name]([], "niets/*", value, content=tmp_path)
    ASSERTIONS["absent"]([], "niets/*", True, content=tmp_path)


def test_visible_text_means_escaped(tmp_path):
    run("visible_text", tmp_path, "a.html", "<p>Gilde &lt;b&gt;Smeden&lt;/b&gt;</p>", "Gilde <b>Smeden</b>")
    with pytest.raises(AssertionError):
        run("visible_text", tmp_path, "b.html", "<p>Gilde <b>Smeden</b></p>", "Gilde <b>Smeden</b>")


def test_active_markup(tmp_path):
    (tmp_path / "goed.html").write_text('<script type="application/ld+json">{}</script><script src="/a.js"></script>'
                                        '<a href="https://elders.example/">x</a>', encoding="utf-8")
    assert active_markup(tmp_path) == []
    for bad in ["<script>alert(1)</script>", '<img src="/a.png" onerror="alert(1)">', '<a href=" java\tscript:alert(1)">x</a>']:
        (tmp_path / "slecht.html").write_text(bad, encoding="utf-8")
        assert len(active_markup(tmp_path)) == 1, bad


def test_unexplained_lines():
    refusal = ("/x/content/stories/a.md:3:7: date: ongeldige datum\n"
               "1 probleem/problemen gevonden; er is niets gebouwd.\n")
    assert unexplained_lines(refusal) == []
    assert unexplained_lines(refusal + "ValueError: day is out of range for month\n") == ["ValueError: day is out of range for month"]
