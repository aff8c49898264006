"""``usage.requirements`` reads the attributes a selector needs (``[aria-current]``) and ``markup_tags`` the
attributes a page's elements have: a part whose rules need an attribute no element has is left out."""

from __future__ import annotations

import pytest
from assets.usage import can_apply, markup_attributes, markup_tags, requirements
from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize("selector", [
    ".site-nav__link[aria-current]::after",
    ".site-nav__link[aria-current=page]",
    '.site-nav__link[aria-current="page"]',
    ".site-nav__link[aria-current='page']",
    '.site-nav__link[ aria-current = "page" i ]',
    '.site-nav__link[ARIA-CURRENT="true" s]',
    ".site-nav__link[aria-current]:hover",
    ".site-nav__link:is([aria-current])[aria-current]",  # outside :is() it is required
    ".site-nav__link[*|aria-current]",
    ".site-nav__link[aria-current~=page]",
    ".site-nav__link[aria-current]:not([hidden])",
])
def test_an_attribute_selector_needs_the_attribute_whatever_its_spelling(selector):
    needs = requirements(selector + " { x: 1 }")
    assert len(needs) == 1
    classes, tags = needs[0]
    assert classes == frozenset({"site-nav__link"})
    assert "[aria-current]" in tags
    assert "[hidden]" not in tags  # inside :not(): need not be there
    assert can_apply(needs, {"site-nav__link"}, markup_tags('<a class="site-nav__link" aria-current="page">x</a>'))
    assert not can_apply(needs, {"site-nav__link"}, markup_tags('<a class="site-nav__link" href="/">x</a>'))


@pytest.mark.parametrize("selector", [
    ".site-nav__link:is([aria-current], .x)",  # one of :is()'s arguments is enough: none is required
    ".site-nav__link:where([aria-current])",
    ".site-nav__link:not([aria-current])",
    ".site-nav__link:has(> [aria-current])",
    ".site-nav__link:not(:is([aria-current]))",
])
def test_an_attribute_in_a_functional_pseudo_class_is_not_required(selector):
    assert requirements(selector + " { x: 1 }") == [(frozenset({"site-nav__link"}), frozenset())]


def test_an_attribute_value_hides_nothing_and_adds_nothing():
    """A value with dots, brackets, quotes or a comma: no class, element or second attribute read from it."""
    needs = requirements('.a[data-x="].b [c] d,e"] p, .f[title=\'x]y\'] { x: 1 }')
    assert needs == [(frozenset({"a"}), frozenset({"[data-x]", "p"})), (frozenset({"f"}), frozenset({"[title]"}))]
    # class and id selectors written as attributes need only the class or element they name
    assert requirements('[class~="x"] .y, [id=z] p { x: 1 }') == [(frozenset({"y"}), frozenset()), (frozenset(), frozenset({"p"}))]


def test_the_attributes_of_a_page_are_those_on_its_elements_not_in_its_text():
    html = """<a href=/x aria-current=page class="b">aria-hidden="true" in a text</a>
    <input disabled><p data-x="a > b" title='it&#39;s [open]'><br/><img src="x" alt=""/>"""
    names = markup_attributes(html)
    assert {"[href]", "[aria-current]", "[class]", "[disabled]", "[data-x]", "[title]", "[src]", "[alt]"} <= names
    assert "[aria-hidden]" not in names
    assert "[open]" not in names


NAMES = st.sampled_from(["aria-current", "hidden", "data-x", "title", "open"])
VALUES = st.sampled_from(["", "=page", '="page"', "='page'", '="a]b"', '=" . x"'])


@settings(max_examples=300, deadline=None)
@given(required=st.lists(st.tuples(NAMES, VALUES), max_size=3), inside=st.lists(st.tuples(NAMES, VALUES), max_size=2),
       present=st.sets(NAMES, max_size=5), wrapper=st.sampled_from([":not({})", ":is({})", ":where({})", ":has({})"]))
def test_a_rule_applies_exactly_when_the_page_has_every_attribute_it_needs(required, inside, present, wrapper):
    """Attributes outside the functional pseudo-classes are needed, whatever their values and spelling;
    those inside them are not. A page's elements have the attributes ``present``."""
    attributes = "".join(f"[{name}{value}]" for name, value in required)
    extra = wrapper.format("".join(f"[{name}{value}]" for name, value in inside) or ".z")
    needs = requirements(f".c{attributes}{extra} {{ x: 1 }}")
    markup = '<p class="c" ' + " ".join(f'{name}="v"' for name in sorted(present)) + ">x</p>"
    assert can_apply(needs, {"c"}, markup_tags(markup)) == ({name for name, _ in required} <= present)
