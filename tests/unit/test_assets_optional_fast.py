"""``usage.can_apply`` and ``markup_classes`` as the build calls them per page (the ``x--*`` prefixes found
once per page, a requirement met by its classes alone answered at once) give exactly the plain answers."""

from __future__ import annotations

import re

from assets.usage import can_apply, markup_classes, star_prefixes
from hypothesis import given, settings
from hypothesis import strategies as st

words = st.sampled_from(["card", "card--wide", "button", "x", "x--a", "note", "card--*", "x--*", "n*", "*"])
classes = st.frozensets(words, max_size=4)
tags = st.frozensets(st.sampled_from(["p", "main", "dialog", "svg"]), max_size=3)


def plain(needs, present, tags_present) -> bool:
    """The judgement as the build made it before: the prefixes found again for every requirement."""
    def met(required):
        prefixes = [word[:-1] for word in present if word.endswith("*")]
        return all(name in present or any(name.startswith(prefix) for prefix in prefixes) for name in required)
    return any(met(required) and need_tags <= tags_present for required, need_tags in needs)


@settings(max_examples=500, deadline=None)
@given(needs=st.lists(st.tuples(classes, tags), max_size=4), present=classes.map(set), tags_present=tags.map(set))
def test_can_apply_gives_the_plain_answer(needs, present, tags_present):
    assert can_apply(needs, present, tags_present) == plain(needs, present, tags_present)
    assert can_apply(needs, present, tags_present, star_prefixes(present)) == plain(needs, present, tags_present)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.text(st.sampled_from(["a", "b", "-", " ", "\t", "\n", "\u2003"]), max_size=8), max_size=5))
def test_markup_classes_are_the_words_of_every_class_attribute(values):
    markup = "".join(f'<p class="{value}">' for value in values) + '<i data-class="z">'
    assert markup_classes(markup) == {name for value in re.findall(r'(?<![\w-])class="([^"]*)"', markup)
                                      for name in value.split()}


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(['<p class="card x--a">', "<dialog open>", "</dialog>", '<div class="prose">',
                                       "<img hidden>", "</div>", "text &amp; more", '<i data-class="z">', "<svg>",
                                       '<input value="Ünïcode">', "<b>"]), max_size=12))
def test_a_pages_markup_as_markup_or_str_is_judged_alike(parts):
    """``Assets.used_groups`` judges the page's markup as a plain str (a template hands it over as Markup)."""
    from assets.usage import markup_tags
    from markupsafe import Markup

    markup = "".join(parts)
    assert markup_classes(Markup(markup)) == markup_classes(markup)
    assert markup_tags(Markup(markup), ["[open]", "[hidden]"]) == markup_tags(markup, ["[open]", "[hidden]"])
