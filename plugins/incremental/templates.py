"""Portable development builds, made where the templates write URLs. No Pelican here.

In a portable build (``PORTABLE_URLS``: ``make html`` without a SITEURL) a page links to its own
site by URLs relative to the page, so ``output/`` works on any port and under any path; in a
published one (``LINKS_FROM_ROOT``: ``make publish``) by URLs from the server's root. The
Jinja extension :class:`PortableUrlsExtension` follows each template's HTML when it is compiled
(:class:`nl_format.templates.HtmlState`) and wraps the value of every URL attribute (href, src,
srcset, action, poster, data-*; a redirect's refresh target) in the ``nl_site_url`` filter, which
makes the site's own address in it relative to the page being rendered (Pelican names it
``output_file``); an HTML fragment output as text (a picture, a macro) has its URL attributes
made relative the same way (:func:`incremental.portable.relativize` on the fragment). What must
stay absolute stays so: canonical and alternate links, ``<meta content>``, JSON-LD, feeds.
"""

from __future__ import annotations

import re

from infra import markup
from infra.markup import Rendered
from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from markupsafe import Markup
from nl_format.templates import TEXT, HtmlState, filtered_expression

from .portable import REFRESH_VALUE, _relative, _srcset, link_style, prefix_for, relativize

URL_FILTER, FRAGMENT_FILTER = "nl_site_url", "nl_site_links"
URL_ATTRIBUTE = re.compile(r"^(?:href|src|action|poster|data-[\w-]+)$")
KEPT_RELS = re.compile(r"^(?:canonical|alternate)\b", re.I)


def url_kind(tag: str, attribute: str, attributes: dict[str, str]) -> str | None:
    """Which kind of site URL an attribute value holds ("url", "srcset", "refresh"), or None to keep it."""
    if tag == "link" and KEPT_RELS.match(attributes.get("rel", "")):
        return None
    if tag == "meta" and attribute == "content" and attributes.get("http-equiv", "").lower() == "refresh":
        return "refresh"
    if attribute == "srcset":
        return "srcset"
    return "url" if URL_ATTRIBUTE.match(attribute) else None


def _portable(context) -> tuple[str, str, bool] | None:
    """(SITEURL, output file, whether links start at the server's root) when this page's links to its own
    site are rewritten (``link_style``)."""
    style = link_style(context)
    if style is None:
        return None
    siteurl, output_file = (context.get("SITEURL") or "").rstrip("/"), context.get("output_file")
    return (siteurl, output_file, style == "root") if siteurl and isinstance(output_file, str) else None


@pass_context
def site_url(context, value, kind: str = "url"):
    """An attribute value with the site's address relative to the page (portable builds only)."""
    portable = _portable(context)
    if portable is None:
        return value
    siteurl, output_file, from_root = portable
    text = str(value)
    if siteurl not in text:
        return value
    prefix = prefix_for(output_file, siteurl, from_root)
    if kind == "srcset":
        text = _srcset(text, siteurl, prefix)
    elif kind == "refresh":
        text = REFRESH_VALUE.sub(lambda m: m.group(1) + _relative(m.group(2), siteurl, prefix), text)
    else:
        text = _relative(text, siteurl, prefix)
    return Markup(text)


@pass_context
def site_links(context, value):
    """An HTML fragment output as text, with its links to the site relative to the page (portable builds).
    HTML the page's templates made (``infra.markup.Rendered``) had its links made relative as it was made."""
    portable = _portable(context)
    if portable is None or not hasattr(value, "__html__") or isinstance(value, Rendered):
        return value
    return Markup(relativize(str(value), *portable))


def _filter_block(lineno: int, kind: str):
    return (Token(lineno, "block_begin", "{%"), Token(lineno, "name", "filter"), Token(lineno, "name", URL_FILTER),
            Token(lineno, "lparen", "("), Token(lineno, "string", kind), Token(lineno, "rparen", ")"),
            Token(lineno, "block_end", "%}"))


def _end_filter_block(lineno: int):
    return (Token(lineno, "block_begin", "{%"), Token(lineno, "name", "endfilter"), Token(lineno, "block_end", "%}"))


class PortableUrlsExtension(Extension):
    """Wraps a template's URL attribute values and text fragments in the portable URL filters."""

    # Jinja runs extensions by priority, equal ones in the order they were added, which is the order
    # of PLUGINS: this one runs before nl_format's typography (100), whatever that order.
    priority = 90

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters[URL_FILTER] = site_url
        environment.filters[FRAGMENT_FILTER] = site_links
        environment.filters[markup.FILTER] = markup.rendered

    def filter_stream(self, stream: TokenStream):
        state = HtmlState(typesetting=False, marked=url_kind)
        tokens = iter(stream)
        for token in tokens:
            if token.type == "data":
                text = state.feed(token.value)
                start = 0
                for offset, what, kind in state.marks:
                    if offset > start:
                        yield Token(token.lineno, "data", text[start:offset])
                    start = offset
                    yield from (_filter_block(token.lineno, kind) if what == "open" else _end_filter_block(token.lineno))
                if start < len(text):
                    yield Token(token.lineno, "data", text[start:])
            elif token.type == "variable_begin":
                yield from filtered_expression(token, tokens, (FRAGMENT_FILTER,) if state.place() == TEXT else None)
                state.expression()
            else:
                yield token
