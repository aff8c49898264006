"""Dutch typography of the site's pages: the apostrophe. Pure Python.

Editors type a straight quote ('t, 's, collega's); Markdown's smart quotes turn an elision at
the start of a word into an opening quote (‘s nachts). Dutch writes both with the apostrophe
’ (U+2019). A place name with ’s- (’s-Hertogenbosch, ’s-Gravenhage) is kept on one line: a
WORD JOINER (U+2060) after its hyphen takes away the line break a browser would make there.

:func:`typeset` works on text; :func:`typeset_html` on a rendered page, on its text and its
human-readable attributes (alt, title, aria-label, placeholder, content), never inside
``<script>``, ``<style>``, ``<pre>``, ``<code>`` or a URL.
"""

from __future__ import annotations

import re

APOSTROPHE = "\u2019"
WORD_JOINER = "\u2060"
# ' as it arrives: typed, escaped by Jinja, or turned into an opening quote by Markdown
QUOTES = "'\u2018\u2019"
ENTITIES = re.compile(r"&(?:#39|#x27|apos|lsquo|#8216|rsquo|#8217);")
ENTITY_CHARS = {"&#39;": "'", "&#x27;": "'", "&apos;": "'", "&lsquo;": "\u2018", "&#8216;": "\u2018",
                "&rsquo;": "\u2019", "&#8217;": "\u2019"}
# an elision that starts a word: 't, 's, 'k, 'n, 'm, 'r, 'ns ("'s nachts", "van 't Hof", "'s-Hertogenbosch")
ELISION = re.compile(rf"(?<![\w{QUOTES}])[{QUOTES}](t|s|k|n|m|r|ns)(?=[\s\u00a0\-.,;:!?)\u2060]|$)", re.I)
# 's- before a capital: the place names; the hyphen joined to what follows
PLACE = re.compile(rf"{APOSTROPHE}([sS])-{WORD_JOINER}?(?=[A-Z])")
# an apostrophe inside a word: collega's, foto's, zo'n
INSIDE = re.compile(r"(?<=\w)['\u2018](?=\w)")

SKIPPED = ("script", "style", "pre", "code", "textarea")
TOKEN = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w-]*)([^<>]*)>|[^<]+|<", re.S)
TEXT_ATTRIBUTE = re.compile(r"""(\s(?:alt|title|aria-label|placeholder|content|data-label)=")([^"]*)(")""")


def typeset(text: str) -> str:
    """Apostrophes as ’ in elisions and inside words; ’s- place names kept together."""
    text = ELISION.sub(lambda m: APOSTROPHE + m.group(1), text)
    text = INSIDE.sub(APOSTROPHE, text)
    return PLACE.sub(lambda m: f"{APOSTROPHE}{m.group(1)}-{WORD_JOINER}", text)


def _typeset_escaped(text: str) -> str:
    if not any(q in text for q in QUOTES) and "&" not in text:
        return text
    decoded = ENTITIES.sub(lambda m: ENTITY_CHARS[m.group(0)], text)
    result = typeset(decoded)
    return text if result == decoded else result


def typeset_html(html: str) -> str:
    """A rendered page with :func:`typeset` applied to its text and readable attributes."""
    if not any(q in html for q in QUOTES) and not ENTITIES.search(html):
        return html  # every change starts at a quote (typed or as an entity): nothing to typeset
    return _typeset_tokens(html)


def _typeset_tokens(html: str) -> str:
    """:func:`typeset_html` token by token (a page's text nodes and readable attributes)."""
    out = []
    skipping: list[str] = []
    for match in TOKEN.finditer(html):
        token = match.group(0)
        closing, name, attributes = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if name:
            if closing:
                if skipping and skipping[-1] == name:
                    skipping.pop()
            elif name in SKIPPED and not attributes.rstrip().endswith("/"):
                skipping.append(name)
            elif not skipping and attributes and '="' in attributes:
                token = token.replace(attributes, TEXT_ATTRIBUTE.sub(
                    lambda m: m.group(1) + _typeset_escaped(m.group(2)).replace('"', "&quot;") + m.group(3),
                    attributes), 1)
        elif not skipping and not token.startswith("<"):
            token = _typeset_escaped(token)
        out.append(token)
    return "".join(out)
