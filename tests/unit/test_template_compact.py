"""nl_format.compact: the templates' indentation left out, and nothing that shows changed."""

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment
from markupsafe import Markup
from nl_format.compact import CompactExtension
from nl_format.templates import TypographyExtension

EXACT = ("pre", "textarea", "script", "style", "code")
OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


def environments(templates, *extensions):
    plain = Environment(loader=DictLoader(templates), extensions=list(extensions), **OPTIONS)
    compact = Environment(loader=DictLoader(templates), extensions=[*extensions, CompactExtension], **OPTIONS)
    return plain, compact


class Shown(HTMLParser):
    """What a browser shows of a page for white space: text with every run of white space as one space
    (as written inside pre, textarea, script, style and code), tags with their attributes as written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events: list = []
        self.exact = 0

    def text(self, data):
        if self.events and self.events[-1][0] == "text":
            data = self.events.pop()[1] + data
        self.events.append(("text", data))

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))
        self.exact += tag in EXACT

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        self.exact -= tag in EXACT

    def handle_data(self, data):
        self.text(data if self.exact else re.sub(r"\s+", " ", data))

    def handle_comment(self, data):
        self.events.append(("comment", data))

    @classmethod
    def of(cls, html):
        parser = cls()
        parser.feed(html)
        parser.close()
        return [(kind, re.sub(r"\s+", " ", rest[0]) if kind == "text" and not rest[0].strip() else rest[0], *rest[1:])
                for kind, *rest in parser.events]


TEMPLATE = """<!DOCTYPE html>
<html lang="nl">
<head>
  <title>{{ title }}</title>
  <meta name="description" content="{{ title }}
    over twee regels">
  <script type="application/ld+json">
    {"name": "{{ title }}"}
  </script>
</head>
<body>
  <ul class="list">
    {% for item in items %}
    <li class="item">{{ item }}
      <span>na</span>
    </li>
    {% endfor %}
  </ul>
  <p>Een {% if title %}titel{% endif %} {% if title %}en nog een{% endif %}
     in de tekst</p>
  <pre class="snippet"><code>&lt;a href="x"&gt;
    ingesprongen
  &lt;/a&gt;</code></pre>
  <pre>
    {{ title }}
      blijft staan
  </pre>
  <textarea name="t">
    regel
  </textarea>
  <!-- een opmerking
       over twee regels -->
  <div>{{ body }}</div>
</body>
</html>
"""
VALUES = {"title": "Titel", "items": ["een", "twee"], "body": Markup("<pre>\n  van de inhoud\n    blijft\n</pre>")}


def test_indentation_is_left_out():
    plain, compact = environments({"page.html": TEMPLATE})
    before, after = (env.get_template("page.html").render(VALUES) for env in (plain, compact))
    assert "\n  <title>" in before and "\n<title>" in after
    assert "\n    <li class=\"item\">" in before and "\n<li class=\"item\">een\n<span>na</span>\n</li>" in after
    assert len(after) < len(before) - 50


def test_what_must_stay_exact_stays():
    _, compact = environments({"page.html": TEMPLATE})
    after = compact.get_template("page.html").render(VALUES)
    assert 'content="Titel\n    over twee regels"' in after  # a quoted value
    assert "<script type=\"application/ld+json\">\n    {\"name\"" in after
    assert "&lt;a href=\"x\"&gt;\n    ingesprongen\n  &lt;/a&gt;</code></pre>" in after
    assert "<pre>\n    Titel\n      blijft staan\n  </pre>" in after
    assert "<textarea name=\"t\">\n    regel\n  </textarea>" in after
    assert "<!-- een opmerking\n       over twee regels -->" in after
    assert "<pre>\n  van de inhoud\n    blijft\n</pre>" in after  # an expression's value is never touched
    assert "Een titel en nog een\nin de tekst" in after  # the space between two blocks on one line stays


def test_the_page_shows_the_same():
    plain, compact = environments({"page.html": TEMPLATE})
    before, after = (env.get_template("page.html").render(VALUES) for env in (plain, compact))
    assert Shown.of(after) == Shown.of(before)


def test_text_and_xml_templates_stay_as_written():
    templates = {"robots.txt": "User-agent: *\n  Allow: /\n\nSitemap: {{ title }}\n",
                 "sitemap.xml": "<urlset>\n  {% for item in items %}\n  <url>{{ item }}</url>\n  {% endfor %}\n</urlset>\n"}
    plain, compact = environments(templates)
    for name in templates:
        assert compact.get_template(name).render(VALUES) == plain.get_template(name).render(VALUES)


def test_with_the_typography_extension_it_only_removes_white_space():
    templates = {"page.html": "<p>\n    Foto's van {{ title }}\n    <span title=\"'t\n  x\">zo'n</span>\n</p>\n"}
    plain, compact = environments(templates, TypographyExtension)
    before, after = (env.get_template("page.html").render(title="'t Hof") for env in (plain, compact))
    assert after == before.replace("\n    ", "\n")
    assert Shown.of(after) == Shown.of(before)


# Fragments of a template: elements (some of them exact), text, values, white space, blocks.
WHITE = st.sampled_from(["\n", "\n  ", "\n    \n  ", "  ", " ", "\t", "\n\t"])
WORDS = st.sampled_from(["tekst", "{{ value }}", "{{ body }}", "&amp;", "a b"])


def fragments(depth: int):
    leaf = st.one_of(WHITE, WORDS, st.sampled_from([
        "{% if value %}ja{% endif %}", "\n  {% if value %}\n  ja\n  {% endif %}\n",
        "\n  {% for x in items %}\n    <i>{{ x }}</i>\n  {% endfor %}\n", '<img alt="{{ value }}\n   twee">',
        "<!-- x\n   y -->"]))
    if depth == 0:
        return leaf
    inner = st.lists(fragments(depth - 1), max_size=5).map("".join)
    element = st.tuples(st.sampled_from(["p", "div", "pre", "textarea", "span", "code", "ul"]), inner, WHITE).map(
        lambda parts: f"<{parts[0]} class=\"c\">{parts[2]}{parts[1]}{parts[2]}</{parts[0]}>")
    return st.one_of(leaf, element)


@given(st.lists(fragments(2), max_size=8).map("".join))
def test_any_template_shows_the_same_and_is_never_longer(body):
    templates = {"page.html": body}
    plain, compact = environments(templates)
    values = {"value": "Waarde", "items": ["a", "b"], "body": Markup("<pre>\n  x\n</pre>")}
    before, after = (env.get_template("page.html").render(values) for env in (plain, compact))
    assert Shown.of(after) == Shown.of(before)
    assert len(after) <= len(before)
