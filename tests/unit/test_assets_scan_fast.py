"""The page scans of the CSS and font judgement (``usage.class_attributes``, ``usage.markup_tags``,
``fontuse.writes_text``), written to let the regular expression engine jump to the text they look for,
find exactly what the plain patterns they replace find, on real pages and on hostile markup."""

from __future__ import annotations

import re

from assets import fontuse, usage
from hypothesis import given, settings
from hypothesis import strategies as st

PLAIN_CLASS = re.compile(r'(?<![\w-])class="([^"]*)"')
PLAIN_WRITES = re.compile(r"<(?:script\b[^>]*\bsrc\s*=|input\b|textarea\b|select\b|noscript\b)|\bcontenteditable\b", re.I)


def plain_tags(html: str) -> set[str]:
    """``markup_tags`` as it was: every start tag tried by ``SCOPE_START`` (what is inside each, as the build
    reads it: ``usage.scoped_tags``)."""
    tags = {name.lower() for name in usage.MARKUP_TAG.findall(html)} | usage.markup_attributes(html)
    for start in usage.SCOPE_START.finditer(html):
        tags |= usage.scoped_tags(html, start)
    return tags


# pieces of markup, well-formed or not: tags, class attributes in other spellings and places, values
# with ">" and "<", look-alike names, letters that are word characters outside ASCII
PIECES = ['<div', '<p', '<DIV', '<span', '<section', '<img src="x.png" alt="a">', '<table>', '<tr>', '<td>', '</td>',
          ' class="', 'class="', 'data-class="', '-class="', '_class="', 'éclass="', ' class=', " class='", '"', "'", ' ',
          '\n', '>', '<', '/', '</div>', '</p>', '</DIV>', '</section>', 'prose', 'prose ', ' prose', 'prose-x', 'x', 'é',
          '-', '_', 'a>b', 'a<b', 'contenteditable', 'CONTENTEDITABLE', 'xcontenteditable', 'contenteditable_',
          'contenteditableé', '<script src=', '<script>', '<SCRIPT type="module" SRC=', '<input', '<textarea', '<select',
          '<noscript', '<inputs', '<!-- <p class="prose"> -->', ' disabled', 'disabled', ' DISABLED=', ' aria-current',
          ' aria-current="page"', " title='t>'", ' title="a disabled b"', ' title', '<title>', ' aria-disabled=x', '=', '/']
NAMES = ["[disabled]", "[aria-current]", "[title]", "[aria-disabled]"]
markup = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=1500, deadline=None)
@given(html=markup)
def test_the_fast_scans_find_what_the_plain_patterns_find(html):
    assert [m.span() for m in usage.class_attributes(html)] == [m.span() for m in PLAIN_CLASS.finditer(html)]
    assert usage.markup_tags(html) == plain_tags(html)
    assert fontuse.writes_text(html) == (PLAIN_WRITES.search(html) is not None)
    asked = usage.markup_attributes(html, NAMES)
    every = usage.markup_attributes(html)
    assert every & set(NAMES) <= asked <= set(NAMES)  # never misses one; may say yes to a word in a value


@settings(max_examples=300, deadline=None)
@given(html=st.text(st.sampled_from('<>/"= -_éx' + "cdilasspro"), max_size=80))
def test_the_fast_scans_on_any_text(html):
    test_the_fast_scans_find_what_the_plain_patterns_find.hypothesis.inner_test(html)


def test_a_scope_inside_a_tag_that_a_class_value_with_a_bracket_covers():
    """A class value may hold ">": then the plain scan is taken, and its answer stands."""
    html = '<div class="a>b<c" class="prose"><p>x</p></div><section class="prose"><table></table></section>'
    assert usage.markup_tags(html) == plain_tags(html)
    assert "prose table" in usage.markup_tags(html) and "prose p" not in usage.markup_tags(html)


def test_real_pages(published_site):
    """Every page of the example site: the same classes, tags and verdict."""
    pages = sorted(published_site.output.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert usage.markup_classes(html) == {n for v in PLAIN_CLASS.findall(html) for n in v.split()}, page
        assert usage.markup_tags(html) == plain_tags(html), page
        assert fontuse.writes_text(html) == (PLAIN_WRITES.search(html) is not None), page
        assert usage.markup_attributes(html, NAMES) == usage.markup_attributes(html) & set(NAMES), page
