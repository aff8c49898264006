"""Fingerprints of template inputs: equal for equal data, different for any change that renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from incremental.fingerprint import Fingerprinter, Unstable, plain_digest
from markupsafe import Markup


@dataclass
class Card:
    name: str
    crafts: list[str] = field(default_factory=list)


class Doc:
    """Stands in for a content document: it points at other documents."""

    def __init__(self, path, title, related=()):
        self.source_path = path
        self.title = title
        self.related = list(related)
        self.settings = {"SITEURL": "ignored"}  # the whole site's settings: never part of the value
        self._context = {"everything": object()}


def fresh():
    return Fingerprinter(is_document=lambda value: isinstance(value, Doc))


def test_equal_data_gives_equal_fingerprints_across_instances():
    one = {"cards": [Card("Anna", ["smeden"])], "when": dt.date(2026, 11, 21), "n": 3, "html": Markup("<b>x</b>")}
    two = {"n": 3, "html": Markup("<b>x</b>"), "when": dt.date(2026, 11, 21), "cards": [Card("Anna", ["smeden"])]}
    assert fresh()(one) == fresh()(two)


@pytest.mark.parametrize("change", [
    lambda v: v["cards"][0].crafts.append("weven"),
    lambda v: setattr(v["cards"][0], "name", "Anne"),
    lambda v: v.update(when=dt.date(2026, 11, 22)),
    lambda v: v.update(n=4),
    lambda v: v.update(n="3"),  # a string is not a number
    lambda v: v["cards"].append(Card("Bob")),
    lambda v: v["cards"].reverse() or v["cards"].append(Card("Bob")),
    lambda v: v.update(extra=None),
])
def test_any_change_changes_the_fingerprint(change):
    value = {"cards": [Card("Anna", ["smeden"])], "when": dt.date(2026, 11, 21), "n": 3}
    before = fresh()(value)
    change(value)
    assert fresh()(value) != before


def test_lists_keep_their_order_and_sets_do_not_matter():
    assert fresh()([1, 2]) != fresh()([2, 1])
    assert fresh()({"b", "a"}) == fresh()({"a", "b"})
    assert fresh()(("a",)) != fresh()(["a"])


def test_documents_count_with_the_documents_they_point_at():
    b = Doc("b.md", "Titel B")
    a = Doc("a.md", "Titel A", related=[b])
    before = fresh()(a)
    b.title = "Nieuwe titel B"  # a page about A shows B's title
    assert fresh()(a) != before


def test_documents_that_point_at_each_other_have_a_stable_fingerprint():
    a, b = Doc("a.md", "A"), Doc("b.md", "B")
    a.related, b.related = [b], [a]
    first = fresh()
    assert first(a) == first(a) == fresh()(a)
    assert fresh()(b) == fresh()([b][0])
    # the order in which pages are keyed does not matter
    other = fresh()
    other(b)
    assert other(a) == fresh()(a)


def test_settings_and_context_attributes_are_left_out():
    a1, a2 = Doc("a.md", "A"), Doc("a.md", "A")
    a2.settings = {"SITEURL": "different"}
    assert fresh()(a1) == fresh()(a2)


def test_a_value_without_a_stable_form_is_refused():
    class Opaque:
        __slots__ = ()

    with pytest.raises(Unstable):
        fresh()({"x": Opaque()})


def test_a_value_that_contains_itself_is_refused():
    loop: list = []
    loop.append(loop)
    with pytest.raises(Unstable):
        fresh()(loop)


def test_a_class_may_name_what_identifies_it():
    class File:
        def __init__(self, path, key, noise):
            self.path, self.key, self.noise = path, key, noise

        def __fingerprint__(self):
            return (self.path, self.key)

    assert fresh()(File("a.png", "k1", 1)) == fresh()(File("a.png", "k1", 2))
    assert fresh()(File("a.png", "k1", 1)) != fresh()(File("a.png", "k2", 1))


def test_code_counts_by_name():
    assert fresh()(len) == fresh()(len)
    assert fresh()(len) != fresh()(sorted)


def test_a_documents_text_counts_only_where_it_is_shown():
    """Fingerprinters that share the hashing of documents: one keys pages that show the text,
    the other pages that show only the rest (lists, cards)."""
    parts: dict = {}

    def pair():
        common = {"is_document": lambda value: isinstance(value, Doc), "separate": ("_content",), "parts": parts}
        return Fingerprinter(**common), Fingerprinter(omit=lambda document: ("_content",), **common)

    def keys(doc):
        parts.clear()
        text, cards = pair()
        return text([doc]), cards([doc])

    doc = Doc("a.md", "Titel A")
    doc._content = "<p>Een</p>"
    before = keys(doc)
    doc._content = "<p>Een en twee</p>"
    after = keys(doc)
    assert after[0] != before[0] and after[1] == before[1]
    doc.title = "Titel B"
    assert keys(doc)[1] != after[1]


def test_known_values_may_be_identified_in_a_few_words():
    class Tag:
        def __init__(self, name):
            self.name, self._slug = name, None  # a slug filled in later must not change the key

    named = Fingerprinter(identify=lambda value: f"tag:{value.name}" if isinstance(value, Tag) else None)
    tag = Tag("smeden")
    before = named([tag])
    tag._slug = "smeden"
    assert named([tag]) == before == Fingerprinter(identify=named.identify)([Tag("smeden")])
    assert Fingerprinter(identify=named.identify)([Tag("weven")]) != before


def test_plain_data_has_one_digest_whatever_the_key_order():
    assert plain_digest({"a": 1, "b": [2, "x"]}) == plain_digest({"b": [2, "x"], "a": 1})
    assert plain_digest({"a": 1}) != plain_digest({"a": "1"})
    assert plain_digest({"when": dt.date(2026, 11, 21)}) is None  # not JSON: the caller walks it
