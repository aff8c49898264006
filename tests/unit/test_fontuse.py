"""Which font files a page's text makes the browser fetch (plugins/assets/fontuse.py): the faces to preload.

The browser's own judgement on every page type is held against this in
tests/site/test_css_per_page.py::test_a_page_preloads_exactly_the_fonts_it_fetches."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from assets.fontuse import FontUse, faces, rules, weight_range
from hypothesis import given, settings
from hypothesis import strategies as st

CSS = """
:root { --font-heading: "Kop", "Kop Fallback", sans-serif; --font-body: 'Tekst', sans-serif; }
@font-face { font-family: "Kop"; font-style: normal; src: url("kop-ext.woff2") format("woff2");
  unicode-range: U+0100-024F, U+1E00-1EFF; }
@font-face { font-family: "Kop"; font-style: normal; src: url("kop-latin.woff2") format("woff2");
  unicode-range: U+0000-00FF, U+2000-206F; }
@font-face { font-family: "Tekst"; font-style: normal; src: url(tekst-latin.woff2); unicode-range: U+0000-00FF; }
@font-face { font-family: "Tekst"; font-style: normal; src: url(tekst-ext.woff2); unicode-range: U+0100-024F; }
@font-face { font-family: "Tekst"; font-style: italic; src: url(tekst-italic.woff2); unicode-range: U+0000-00FF; }
@font-face { font-family: "Kop Fallback"; src: local("Arial"); size-adjust: 104%; }
body { font-family: var(--font-body); }
h1, h2, .card__title, .profile-card > :where(span) { font-family: var(--font-heading); }
.card .button { font-family: var(--font-heading); }
.quote > p::before { font-family: var(--font-heading); content: "Ś"; }
em, i { font-style: italic; }
.plain { font-family: inherit; font-style: normal; }
.mono { font-family: ui-monospace, monospace; }
@media print { p { font-family: var(--font-heading); } }
"""
USE = FontUse.from_css(CSS)


def fetched(body: str) -> list[str]:
    return [face.url for face in USE.used(f"<!DOCTYPE html><html><head><title>Ł</title></head><body>{body}</body></html>")]


def test_faces_are_the_files_with_their_ranges_and_fallbacks_are_left_out():
    found = faces(CSS)
    assert [(face.family, face.style, face.url) for face in found] == [
        ("Kop", "normal", "kop-ext.woff2"), ("Kop", "normal", "kop-latin.woff2"),
        ("Tekst", "normal", "tekst-latin.woff2"), ("Tekst", "normal", "tekst-ext.woff2"),
        ("Tekst", "italic", "tekst-italic.woff2")]
    assert found[0].spans == ((0x100, 0x24F), (0x1E00, 0x1EFF))


@pytest.mark.parametrize(("value", "weights"), [
    ("200 800", (200, 800)), ("  400   700 ", (400, 700)), ("700", (700, 700)), ("bold", (700, 700)),
    ("Normal", (400, 400)), ("", (400, 400)), ("normal bold", (400, 700)), ("650.5", (650.5, 650.5))])
def test_a_face_serves_the_weights_its_font_weight_declares(value, weights):
    assert weight_range(value) == weights
    assert faces(f'@font-face {{ font-family: "A"; src: url(a.woff2); font-weight: {value} }}')[0].weight == weights


@pytest.mark.parametrize("value", ["800 200", "heavy", "100 400 700", "bolder", "400-700"])
def test_a_font_weight_that_is_not_a_weight_or_a_range_is_refused(value):
    with pytest.raises(ValueError, match="font-weight"):
        weight_range(value)


def test_the_web_fonts_hold_exactly_the_weights_their_rules_declare():
    """scripts/make_web_fonts.py trims each file's weight axis to its @font-face rule's range."""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, str(root / "scripts" / "make_web_fonts.py"), "--check"],
                            capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stderr


def test_a_page_may_use_the_faces_of_its_text_of_its_shown_attributes_and_all_when_text_can_come_later():
    use = FontUse.from_css(CSS)
    plain = '<body><h1>Hallo</h1><p>tekst</p><img alt="Łukasz aan het werk" src="x.jpg"></body>'
    assert "kop-ext.woff2" not in {face.url for face in use.used(plain)}
    assert {face.url for face in use.may_use(plain)} >= {"kop-latin.woff2", "tekst-latin.woff2", "tekst-ext.woff2"}
    assert not [face.url for face in use.may_use(plain.replace("Łukasz", "Lucas")) if "ext" in face.url]
    for later in ('<script type="module" src="x.js"></script>', '<input name="q">', "<textarea></textarea>",
                  "<select></select>", '<div contenteditable="true"></div>', "<noscript>Şahin</noscript>"):
        assert [face.url for face in use.may_use(f"<body><p>tekst</p>{later}</body>")] == [face.url for face in use.faces]
    # structured data is no script that writes text
    assert use.may_use('<script type="application/ld+json">{"name": "Şahin"}</script><p>a</p>') == use.used("<p>a</p>")


def test_rules_resolve_variables_and_leave_out_generated_text_and_print():
    found = {(rule.tag, tuple(sorted(rule.classes)), tuple(sorted(rule.context))): (rule.family, rule.style)
             for rule in rules(CSS)}
    assert found[("body", (), ())] == ("Tekst", None)
    assert found[("h1", (), ())] == ("Kop", None)
    assert found[(None, ("button",), ("card",))] == ("Kop", None)
    assert found[("span", (), ("profile-card",))] == ("Kop", None)
    assert found[(None, ("plain",), ())] == ("", "normal")
    assert found[(None, ("mono",), ())] == ("ui-monospace", None)
    assert ("p", (), ()) not in found  # only in print
    assert not any(classes == ("quote",) or context == ("quote",) for _, classes, context in found)


def test_latin_text_fetches_the_latin_faces_of_the_families_it_is_in():
    assert fetched("<h1>Ambacht</h1><p>Vakmanschap</p>") == ["kop-latin.woff2", "tekst-latin.woff2"]
    assert fetched("<p>Vakmanschap</p>") == ["tekst-latin.woff2"]
    assert fetched("<h2>Alleen een kop</h2>") == ["kop-latin.woff2"]


def test_a_latin_ext_character_fetches_the_ext_face_of_its_own_family():
    assert fetched("<h1>Anouk Brinkman-Şahin</h1><p>Kleermaker</p>") == [
        "kop-ext.woff2", "kop-latin.woff2", "tekst-latin.woff2"]
    assert fetched("<h1>Kleermaker</h1><p>Łukasz</p>") == ["kop-latin.woff2", "tekst-latin.woff2", "tekst-ext.woff2"]
    assert fetched("<p>Ł</p>") == ["tekst-ext.woff2"]  # no latin character at all
    assert fetched("<p>&#321;ukasz</p>") == ["tekst-latin.woff2", "tekst-ext.woff2"]  # a character reference
    assert fetched("<p>Zo&euml;</p>") == ["tekst-latin.woff2"]


def test_the_family_follows_classes_ancestors_and_inheritance():
    assert fetched('<div class="card"><a class="button">Ş</a></div>') == ["kop-ext.woff2"]
    assert fetched('<a class="button">Ş</a>') == ["tekst-ext.woff2"]  # not in a card
    assert fetched('<h2><span>Ş</span></h2>') == ["kop-ext.woff2"]  # inherited
    assert fetched('<h2><span class="plain">Ş</span></h2>') == ["kop-ext.woff2"]  # inherit: still the heading's
    assert fetched('<h2 class="mono">Ş</h2>') == []  # a family without web fonts
    assert fetched('<div class="profile-card"><b><span>Ş</span></b></div>') == ["kop-ext.woff2"]
    assert fetched('<div><span>Ş</span></div>') == ["tekst-ext.woff2"]


def test_italic_text_fetches_the_italic_face_or_the_normal_one_it_is_made_from():
    assert fetched("<p>Een <em>echt</em> ambacht</p>") == ["tekst-latin.woff2", "tekst-italic.woff2"]
    assert fetched("<p><em>alleen schuin</em></p>") == ["tekst-italic.woff2"]
    assert fetched('<p><em class="plain">recht</em></p>') == ["tekst-latin.woff2"]
    assert fetched("<h1><i>Kop</i></h1>") == ["kop-latin.woff2"]  # no italic face: the normal one, slanted


def test_text_that_is_never_laid_out_fetches_nothing():
    for body in ['<script>var x = "<p>Ş</p>";</script>', "<style>p::after{content:'Ş'}</style>",
                 "<template><p>Ş</p></template>", '<p hidden>Ş</p>', '<div hidden=""><p>Ş</p></div>',
                 "<!-- <p>Ş</p> -->", '<svg><title>Ş</title><desc>Ş</desc></svg>', "<noscript>Ş</noscript>",
                 '<SCRIPT type="application/ld+json">{"name": "Ş"}</SCRIPT>', '<img alt="Ş" src="x.png">',
                 '<p title="Ş" data-naam="Ş"></p>']:
        assert fetched(body) == [], body
    assert fetched('<p data-hidden="x">Ş</p>') == ["tekst-ext.woff2"]  # an attribute named like it
    assert fetched('<p title="a hidden b">Ş</p>') == ["tekst-ext.woff2"]  # the word in a value
    assert fetched('<p class="visually-hidden" aria-hidden="true">Ş</p>') == ["tekst-ext.woff2"]  # laid out


def test_void_self_closed_and_unclosed_elements_keep_the_nesting():
    assert fetched("<h1>Kop<br>Ş<img src=x.png></h1><p>tekst</p>") == [
        "kop-ext.woff2", "kop-latin.woff2", "tekst-latin.woff2"]
    assert fetched('<h1><svg><path d="m0 0"/></svg>Ş</h1>') == ["kop-ext.woff2"]
    assert fetched("<ul><li><h2>Kop</h2><li>Ş</ul>") == ["kop-latin.woff2", "tekst-ext.woff2"]
    assert fetched("<p>1 < 2 en Ş</p>") == ["tekst-latin.woff2", "tekst-ext.woff2"]


text = st.lists(st.sampled_from([*"aZ09 Şłėœ€‘’&<>\"'", "&amp;", "&#351;"]), max_size=12).map("".join)
tags = st.sampled_from(["p", "h1", "h2", "em", "span", "div", "b"])


@st.composite
def documents(draw, depth=0):
    """Markup as the templates write it: nested elements, some with classes, text between."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(tags)
            classes = draw(st.sampled_from(["", ' class="plain"', ' class="card"', ' class="button"', " hidden"]))
            parts.append(f"<{tag}{classes}>{draw(documents(depth + 1))}</{tag}>")
        else:
            parts.append(draw(text).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(body=documents())
def test_a_face_is_fetched_only_for_characters_in_its_range(body):
    """Whatever the markup: a face only for text with a character in its range, never a fallback face,
    and the same answer once more (no state kept between pages)."""
    first = fetched(body)
    assert first == fetched(body)
    assert set(first) <= {"kop-ext.woff2", "kop-latin.woff2", "tekst-latin.woff2", "tekst-ext.woff2", "tekst-italic.woff2"}
    characters = set(html.unescape(re.sub(r"<[^>]+>", " ", body)))  # hidden text too: an upper bound
    ranges = {face.url: face.spans for face in USE.faces}
    for name in first:
        assert any(first_code <= ord(char) <= last for char in characters for first_code, last in ranges[name]), name
