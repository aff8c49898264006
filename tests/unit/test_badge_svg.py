"""Names with XML's special characters reach the SVG badges as text, never as markup."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from badges.designs import BadgeArt
from badges.fonts import FontSet
from badges.kit import plan_files, render_file

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    'Smid <script>alert(1)</script>',
    'Brouwer & Zn "Het Anker"',
    "Kuiper ]]> <![CDATA[ x",
    "Bakker </text><image href='https://evil.example/x.png'/>",
    "Jan &amp; &lt;b&gt; &#x3c;",
]



def _svg_of(designer, name: str, tagline: str):
    art = BadgeArt("Ambachtsmens", "Ik ben", "copper", "dekrachtvanambacht.nl", name, "Smeden, Utrecht", tagline)
    file = next(f for f in plan_files("badges/x", "x", art, "test") if f.fmt == "svg")
    return file, render_file(designer, FontSet(), file).decode("utf-8")


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_text_in_the_svg(designer, name):
    file, svg = _svg_of(designer, name, name)
    root = ET.fromstring(svg)  # well-formed XML whatever the name holds
    assert root.tag == f"{SVG}svg"
    plain = ET.fromstring(_svg_of(designer, "Jan de Vries", "Smid")[1])
    assert {element.tag for element in root.iter()} == {element.tag for element in plain.iter()}  # no new elements
    assert not any(key.endswith("href") for element in root.iter() for key in element.attrib)
    texts = [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]
    shown = " ".join(texts)
    # the fitter may split a long name over two lines or cut it, but what it shows is the name's own text
    words = name.split()
    assert words[0] in shown and any(word in shown for word in words[1:3])
    assert root.find(f"{SVG}title").text == file.title
    assert name in file.title


def test_characters_xml_cannot_hold_are_dropped(designer):
    name = "Jan\x01\x0b\x1b\x7f\x85\ufffe de Vries"
    _, svg = _svg_of(designer, name, "Smid\x00")
    root = ET.fromstring(svg)
    assert "— Jan de Vries —" in root.find(f"{SVG}title").text
    assert "Jan" in "".join(root.itertext())
