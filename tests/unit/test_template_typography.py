"""nl_format.templates: typography compiled into the templates gives what typesetting the page gave."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from nl_format.templates import HtmlState, TypographyExtension
from nl_format.typography import typeset_html

TEMPLATES = {
    "text": "<p>Foto's van 't Hof: {{ title }}</p>",
    "attributes": '<img src="{{ url }}" alt="{{ title }}" title="Collega\'s"><a href="{{ url }}">{{ title }}</a>',
    "skipped": "<script>var a = '{{ title }}';</script><pre>{{ title }} 't</pre><code>'s</code><textarea>{{ title }}</textarea>",
    "tag name": "<{{ heading }} class=\"x\">{{ title }}</{{ heading }}><p>'s avonds</p>",
    "markup": "<div>{{ body }}</div><meta content=\"{{ title }}\">",
    "data attributes": '<li data-label="{{ title }}" data-crafts="{{ title }}">{{ title }}</li>',
    "macro": "{% macro card(x) %}<h3>{{ x }}</h3>{% endmacro %}{{ card(title) }}<p>{{ card(title) }}</p>",
    "comment": "<!-- 't {{ title }} --><p>{{ title }}</p>",
    "conditional": '<p class="{{ cls }}"{% if title %} aria-label="{{ title }}"{% endif %}>zo\'n {{ title }}</p>',
    "entity": "<p>{{ title }} &#39;s-Hertogenbosch</p>",
}
VALUES = ["collega's", "'s-Hertogenbosch", "van 't Hof", "zo'n 'k", "O'Brien & Zn <b>", "plain", "foto\u2018s",
          "'t", "a's-Gravenhage"]


def environments():
    options = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
    plain = Environment(loader=DictLoader(TEMPLATES), **options)
    typeset = Environment(loader=DictLoader(TEMPLATES), extensions=[TypographyExtension], **options)
    return plain, typeset


PLAIN, TYPESET = environments()


def rendered(name, title):
    values = {"title": title, "url": f"https://example.test/{title}", "heading": "h3", "cls": "c",
              "body": Markup(f"<p>{title}</p><code>'t</code>")}
    return TYPESET.get_template(name).render(values), typeset_html(PLAIN.get_template(name).render(values))


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@pytest.mark.parametrize("title", VALUES)
def test_compiled_typography_equals_typesetting_the_page(name, title):
    compiled, page = rendered(name, title)
    assert compiled == page


def test_it_does_typeset():
    compiled, _ = rendered("text", "collega's")
    assert compiled == "<p>Foto\u2019s van \u2019t Hof: collega\u2019s</p>"
    compiled, _ = rendered("attributes", "'s-Hertogenbosch")
    assert 'alt="\u2019s-\u2060Hertogenbosch"' in compiled and 'href="https://example.test/&#39;s-Hertogenbosch"' in compiled


def same_html(text: str) -> str:
    """An apostrophe written as itself or as ``&#39;`` is the same character (text and "-quoted values)."""
    return text.replace("&#39;", "'")


@given(st.text(alphabet="'\u2018 st-HkK<>&\"ab.", max_size=20))
def test_any_value_in_any_place_gives_the_same_page(title):
    """The page typeset as a whole un-escaped every apostrophe of a text run in which anything
    changed; compiled in, a value and the template's text are typeset apart, so only that form may differ."""
    for name in TEMPLATES:
        compiled, page = rendered(name, title)
        assert same_html(compiled) == same_html(page), name


def test_state_follows_tags_split_by_expressions():
    state = HtmlState()
    state.feed('<a href="')
    assert state.place() is None
    state.expression()
    state.feed('" title="')
    assert state.place() == "attribute"
    state.feed('">')
    assert state.place() == "text"
    state.feed("<script>")
    assert state.place() is None
    state.feed("</script>")
    assert state.place() == "text"
