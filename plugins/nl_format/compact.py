"""The templates' indentation left out of the pages they make, when they are compiled. No Pelican here.

Every page repeats the shell of ``base.html`` and the markup of its template, indented for the
reader of the template. In HTML text, a run of white space shows as one space, so a line break
followed by indentation shows exactly as the line break alone: :class:`CompactExtension` drops
the spaces, tabs and empty lines after each line break of a template's literal text, and keeps
the line break. At 10,000 profiles each byte of a template counts 25,000 times (issue 14).

It follows the HTML of the template's literal text with :class:`nl_format.templates.HtmlState`
and leaves alone what must stay exact: the inside of ``<pre>``, ``<code>``, ``<textarea>``,
``<script>`` and ``<style>``, attribute values (a line break in a quoted value stays as
written), and comments. Values of ``{{ expressions }}`` (a story's text, a code snippet) are
never touched: only the template's own text is.
"""

from __future__ import annotations

import re

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream

from .templates import HtmlState

# A line break and the white space after it, up to the next visible character or the end.
INDENT = re.compile(r"\n[ \t\r\n]+")


def is_html(name: str | None) -> bool:
    """An HTML template (by its name): the only kind whose white space this changes."""
    return bool(name) and name.endswith(".html")


def exact_here(state: HtmlState) -> bool:
    """True where white space shows as written: inside a skipped element, a quoted value or a comment."""
    return bool(state.skipping) or bool(state.quote) or state.mode == "comment"


def compact(text: str, state: HtmlState, line_start: bool = False) -> str:
    """``text`` (literal template text) with the white space after each line break left out where it
    does not show; ``state`` moves past it. ``line_start``: the text starts a line (the line break
    before it ended a ``{% block tag %}``, which ``trim_blocks`` took away)."""
    out: list[str] = []
    position = 0
    if line_start and not exact_here(state):
        # the indentation of a line after a block tag: its line break went with the tag, so one line
        # break stands for both (the white space may be all that parts two words)
        position = len(text) - len(text.lstrip(" \t\r\n"))
        if position:
            out.append(state.feed("\n"))
    for match in INDENT.finditer(text):
        # Each piece ends with a line break: never inside a "<" or a "-->", so the state reads it whole.
        out.append(state.feed(text[position:match.start() + 1]))
        if exact_here(state):
            out.append(state.feed(match.group(0)[1:]))
        position = match.end()
    out.append(state.feed(text[position:]))
    return "".join(out)


class CompactExtension(Extension):
    """Leaves the templates' indentation out of their output (see the module's text)."""

    def filter_stream(self, stream: TokenStream):
        if not is_html(stream.name):
            yield from stream  # text and XML templates (robots.txt, sitemap.xml) stay as written
            return
        state = HtmlState(typesetting=False)
        line_start = False
        for token in stream:
            if token.type == "data":
                yield Token(token.lineno, "data", compact(token.value, state, line_start))
            else:
                if token.type == "variable_begin":
                    state.expression()
                yield token
            line_start = token.type == "block_end" and token.value.endswith("\n")
