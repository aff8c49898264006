"""Dutch typography where a template makes its text, not over the written page. No Pelican here.

:class:`TypographyExtension` is a Jinja extension that works on a template's tokens when it is
compiled. It follows the HTML of the template's literal text (a small state machine, the same
rules as :func:`nl_format.typography.typeset_html`): the literal text of text nodes and of
readable attributes (alt, title, aria-label, placeholder, content, data-label) is typeset once,
at compile time; every ``{{ expression }}`` in those places gets the ``nl_typeset`` filter, which
typesets the value when the page is rendered (a plain string as text, an HTML fragment such as a
story's body or a macro's output by its text nodes). Nothing inside ``<script>``, ``<style>``,
``<pre>``, ``<code>``, ``<textarea>``, a tag name or any other attribute (URLs) is touched.

The state follows the template's text in order; ``{% if %}`` branches are expected to leave the
HTML in the same state (every template of the theme does).
"""

from __future__ import annotations

import re

from infra import markup
from infra.markup import Rendered
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.runtime import Undefined
from markupsafe import Markup, escape

from .typography import SKIPPED, _typeset_escaped, typeset_html

FILTER = "nl_typeset"
TEXT_ATTRIBUTES = frozenset({"alt", "title", "aria-label", "placeholder", "content", "data-label"})
TAG_START = re.compile(r"<(/?)([a-zA-Z][\w-]*)?")
ATTRIBUTE_NAME = re.compile(r"[^\s=>/\"'<]+")
TEXT, ATTRIBUTE = "text", "attribute"


class HtmlState:
    """Where in the HTML the template's output is, after the literal text seen so far."""

    def __init__(self, typesetting: bool = True, marked=None):
        self.typesetting = typesetting  # False: only follow the HTML
        # marked(tag, attribute, attributes so far) -> a kind, or None: values to mark in ``marks``
        self.marked = marked
        self.marks: list[tuple[int, str, str]] = []  # per feed: (offset, "open" | "close", kind)
        self.marking = ""
        self.attributes: dict[str, str] = {}  # the open tag's attributes with literal values so far
        self.value = ""             # the literal text of the value being read
        self.literal = True         # no expression in the value being read
        self.mode = "text"          # text | tag | comment
        self.tag = ""               # the open tag's name ("" when a template expression names it)
        self.closing = False
        self.attribute = ""         # the attribute whose value is being read
        self.quote = ""             # the quote of that value, while inside it
        self.after_equals = False
        self.self_closing = False
        self.skipping: list[str] = []

    def place(self) -> str | None:
        """TEXT or ATTRIBUTE when an expression here is readable text; None elsewhere."""
        if self.skipping:
            return None
        if self.mode == "text":
            return TEXT
        if self.mode == "tag" and self.quote == '"' and self.attribute in TEXT_ATTRIBUTES:
            return ATTRIBUTE
        return None

    def feed(self, text: str) -> str:
        """``text`` (literal template text) typeset where it is readable; the state moves past it."""
        out: list[str] = []
        self.marks = []
        i, n = 0, len(text)
        while i < n:
            if self.mode == "comment":
                end = text.find("-->", i)
                if end < 0:
                    out.append(text[i:])
                    break
                out.append(text[i:end + 3])
                i, self.mode = end + 3, "text"
            elif self.mode == "text":
                start = text.find("<", i)
                run = text[i:] if start < 0 else text[i:start]
                out.append(run if self.skipping or not self.typesetting else _typeset_escaped(run))
                if start < 0:
                    break
                if text.startswith("<!--", start):
                    out.append("<!--")
                    i, self.mode = start + 4, "comment"
                    continue
                match = TAG_START.match(text, start)
                if match.group(2) is None and match.end() < n:  # "<" before a template expression: a tag
                    out.append("<")  # a lone "<" in text
                    i = start + 1
                    continue
                out.append(match.group(0))
                self.mode, self.closing = "tag", bool(match.group(1))
                self.tag = (match.group(2) or "").lower()
                self.attribute, self.quote, self.after_equals, self.self_closing = "", "", False, False
                self.attributes = {}
                i = match.end()
            else:  # inside a tag
                i = self._tag(text, i, out)
        return "".join(out)

    def _tag(self, text: str, i: int, out: list[str]) -> int:
        if self.quote:
            end = text.find(self.quote, i)
            value = text[i:] if end < 0 else text[i:end]
            readable = (self.typesetting and self.quote == '"' and self.attribute in TEXT_ATTRIBUTES
                        and not self.skipping)
            out.append(_typeset_escaped(value).replace('"', "&quot;") if readable else value)
            self.value += value
            if end < 0:
                return len(text)
            if self.marking:
                self.marks.append((sum(map(len, out)), "close", self.marking))
                self.marking = ""
            out.append(self.quote)
            if self.literal:
                self.attributes[self.attribute] = self.value
            self.quote, self.attribute = "", ""
            return end + 1
        char = text[i]
        if char == ">":
            out.append(char)
            self._end_tag()
            return i + 1
        if char in "\"'" and self.after_equals:
            out.append(char)
            self.quote, self.after_equals, self.value, self.literal = char, False, "", True
            kind = self.marked(self.tag, self.attribute, self.attributes) if self.marked and not self.skipping else None
            if kind:
                self.marking = kind
                self.marks.append((sum(map(len, out)), "open", kind))
            return i + 1
        if char == "=":
            out.append(char)
            self.after_equals = True
            return i + 1
        if char.isspace():
            out.append(char)
            return i + 1
        if char == "/":
            out.append(char)
            self.self_closing = True
            return i + 1
        match = ATTRIBUTE_NAME.match(text, i)
        if match is None:
            out.append(char)
            return i + 1
        out.append(match.group(0))
        if self.after_equals:  # an unquoted value
            self.after_equals, self.attribute = False, ""
        else:
            self.attribute, self.self_closing = match.group(0).lower(), False
        return match.end()

    def _end_tag(self) -> None:
        if self.closing:
            if self.skipping and self.skipping[-1] == self.tag:
                self.skipping.pop()
        elif self.tag in SKIPPED and not self.self_closing:
            self.skipping.append(self.tag)
        self.mode, self.attribute, self.quote, self.after_equals = "text", "", "", False

    def expression(self) -> None:
        """A ``{{ expression }}`` was output here: in a tag it stands for a name or a value."""
        if self.mode == "tag" and not self.quote:
            self.after_equals = False
        self.literal = False



def filtered_expression(begin: Token, tokens, call: tuple[str, ...] | None):
    """The tokens of one ``{{ expression }}`` (``begin`` is its ``variable_begin``, ``tokens`` the
    stream after it), as ``{{ (expression) | name(arguments) }}`` when ``call`` is ``(name, *string
    arguments)``, unchanged when it is None."""
    yield begin
    if call is not None:
        yield Token(begin.lineno, "lparen", "(")
    for inner in tokens:
        if inner.type == "variable_end":
            if call is not None:
                name, *arguments = call
                line = inner.lineno
                yield from (Token(line, "rparen", ")"), Token(line, "pipe", "|"), Token(line, "name", name))
                if arguments:
                    yield Token(line, "lparen", "(")
                    for number, argument in enumerate(arguments):
                        if number:
                            yield Token(line, "comma", ",")
                        yield Token(line, "string", argument)
                    yield Token(line, "rparen", ")")
            yield inner
            return
        yield inner

def typeset_value(value, place: str = TEXT):
    """The ``nl_typeset`` filter: a string typeset as text, HTML (Markup) by its text nodes.

    A string is escaped first and typeset as escaped text, as the page's text always was: an
    apostrophe that stays one is written ``'`` when anything else in the value changed, else ``&#39;``.
    HTML the page's templates made (``infra.markup.Rendered``) was typeset as it was made: passed on."""
    if isinstance(value, Undefined) or not isinstance(value, str) or isinstance(value, Rendered):
        return value
    if hasattr(value, "__html__"):
        return Markup(typeset_html(str(value)) if place == TEXT else _typeset_escaped(str(value)))
    return Markup(_typeset_escaped(str(escape(value))))


class TypographyExtension(Extension):
    """Typesets a template's readable text when it is compiled, and its expressions there when rendered."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters[FILTER] = typeset_value
        environment.filters[markup.FILTER] = markup.rendered

    def filter_stream(self, stream: TokenStream):
        state = HtmlState()
        tokens = iter(stream)
        for token in tokens:
            if token.type == "data":
                yield Token(token.lineno, "data", state.feed(token.value))
            elif token.type == "variable_begin":
                place = state.place()
                yield from filtered_expression(token, tokens, None if place is None else (FILTER, place))
                state.expression()
            else:
                yield token
