"""Which CSS component files a page needs, judged from its markup: pure logic, no Pelican.

A rule "can apply" to a set of pages when every class its selector names occurs in their
markup (``class`` attributes) or in the scripts they load (classes added at run time). A bundle
(``bundles.toml``) should hold every component file with a rule that can apply to its pages, and
no component file without one. This is a static approximation (it ignores structure and
states), used by the tests to keep each page type's bundle minimal and complete.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import rcssmin

CLASS_VALUE = re.compile(r'class="([^"]*)"')  # a class attribute where not in a longer name: class_attributes()
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# class names a script sets: the words of its string literals (``classList.add("x")``,
# ``className = "x y"``); a template literal's ``"x--${...}"`` counts as every class ``x--*``
STRING_LITERAL = re.compile(r"""(["'`])((?:(?!\1)[^\\\n])*)\1""")
CLASS_WORD = re.compile(r"-?[_a-zA-Z][\w-]*")


def selectors(css: str) -> list[str]:
    """The selector lists of the style rules in ``css`` (inside at-rules too; @font-face etc. left out)."""
    text = rcssmin.cssmin(css)
    found = []
    for raw in re.findall(r"([^{}]+)\{", text):
        prelude = raw.strip()
        if prelude.startswith("@") or re.fullmatch(r"[\d.%\s,]+|from|to", prelude):
            continue
        found.append(prelude)
    return found


def selector_classes(selector_list: str) -> list[frozenset[str]]:
    """Per selector of a selector list, the classes it names outside ``:not()``/``:has()`` arguments
    (which need not be present for the rule to apply)."""
    result = []
    for selector in split_selector_list(selector_list):
        outside = _strip_functional(selector)
        result.append(frozenset(SELECTOR_CLASS.findall(outside)))
    return result


def split_selector_list(selector_list: str) -> list[str]:
    """``a, b:is(c, d)`` -> ``["a", "b:is(c, d)"]``: the selectors of a list (commas in brackets kept)."""
    parts, depth, start, quote = [], 0, 0, None
    for index, char in enumerate(selector_list):
        if quote:  # an attribute value: '[title="a, b"]'
            quote = None if char == quote and selector_list[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selector_list[start:index])
            start = index + 1
    parts.append(selector_list[start:])
    return [part.strip() for part in parts if part.strip()]


def _strip_functional(selector: str, attributes: list[str] | None = None) -> str:
    """``a:not(.x) .y:has(> .z)`` -> ``a .y``; ``[class="a b"]`` attribute selectors dropped too (their
    values may hold dots and brackets), their names appended to ``attributes`` when given."""
    out, depth = [], 0
    index = 0
    while index < len(selector):
        match = re.match(r":(?:not|has|is|where)\(", selector[index:])
        if depth == 0 and match and match.group(0).startswith((":not", ":has")):
            depth = 1
            index += len(match.group(0))
            continue
        char = selector[index]
        if depth:
            depth += char == "("
            depth -= char == ")"
        elif char == "[":
            end = _attribute_end(selector, index)
            name = ATTRIBUTE_NAME.match(selector, index + 1)
            if attributes is not None and name:
                attributes.append(name.group(1).lower())
            index = end
            continue
        else:
            out.append(char)
        index += 1
    return "".join(out)


def word_character(char: str) -> bool:
    """``\\w`` of a ``str`` pattern: a Unicode letter or digit, or ``_``."""
    return char.isalnum() or char == "_"


def judged_matches(pattern: re.Pattern, text: str, accept: Callable[[str, re.Match], bool]):
    """The matches of ``pattern`` in ``text`` that ``accept(text, match)`` takes, as ``finditer`` finds them
    for the pattern with that judgement at its start (a look-behind, ``\\b``): a match refused is looked for
    again from its next character. A pattern that starts with a look-behind or ``\\b`` is tried at every
    position of a page; one that starts with text jumps from one occurrence to the next, and the judgement
    is made here, for the few it finds."""
    position = 0
    while (match := pattern.search(text, position)) is not None:
        if accept(text, match):
            yield match
            position = max(match.end(), match.start() + 1)
        else:
            position = match.start() + 1


def _not_in_a_name(text: str, match: re.Match) -> bool:
    """``(?<![\\w-])`` at the match's start."""
    start = match.start()
    return not (start and (word_character(text[start - 1]) or text[start - 1] == "-"))


def class_attributes(html: str):
    """Each ``class="..."`` attribute of ``html`` (not the end of a longer name such as ``data-class``), as
    its match: what ``(?<![\\w-])class="([^"]*)"`` finds, in a tenth of the time (``judged_matches``)."""
    return judged_matches(CLASS_VALUE, html, _not_in_a_name)


# the name in an attribute selector: ``[ aria-current = "page" i]``, ``[svg|href]`` (a namespace before "|")
ATTRIBUTE_NAME = re.compile(r"\s*(?:(?:[\w-]+|\*)?\|(?!=))?(-?[_a-zA-Z][\w-]*)")


def _attribute_end(selector: str, start: int) -> int:
    """The index after the ``]`` that closes the attribute selector at ``start`` (a ``]`` in a quoted value does not)."""
    quote = None
    for index in range(start + 1, len(selector)):
        char = selector[index]
        if quote:
            if char == quote and selector[index - 1] != "\\":
                quote = None
        elif char in "\"'":
            quote = char
        elif char == "]":
            return index + 1
    return len(selector)


def markup_classes(html: str) -> set[str]:
    return set(" ".join(match.group(1) for match in class_attributes(html)).split())


def script_classes(js: str) -> set[str]:
    """Words in the script's string literals that may be class names; ``x--*`` for ``"x--${...}"``."""
    words = set()
    for _, text in STRING_LITERAL.findall(js):
        for word in text.split():
            if "${" in word:
                prefix = word.split("${", 1)[0]
                if CLASS_WORD.fullmatch(prefix.rstrip("-") or "-"):
                    words.add(prefix + "*")
            elif CLASS_WORD.fullmatch(word):
                words.add(word)
    return words


def script_tags(words: frozenset[str]) -> frozenset[str]:
    """The words a script may set (``script_classes``) as a page's tags: element names, the same inside a
    scope only for a script that names the scope's class (none does: the scripts fill elements of their own,
    not a text's Markdown), and attribute names (``[aria-busy]``: ``setAttribute("aria-busy", ...)``)."""
    return frozenset(words | {f"{scope} {word}" for scope in SCOPES & words for word in words}
                     | {f"[{word.lower()}]" for word in words})


def star_prefixes(present: set[str]) -> list[str]:
    """The prefixes of the ``x--*`` words in ``present`` (``script_classes``): every class starting with one is present."""
    return [word[:-1] for word in present if word.endswith("*")]


def _present(classes: frozenset[str], present: set[str], prefixes: list[str] | None = None) -> bool:
    """Whether every one of ``classes`` is present; ``prefixes``: ``star_prefixes(present)``, if already known."""
    if classes <= present:
        return True
    prefixes = star_prefixes(present) if prefixes is None else prefixes
    return all(name in present or any(name.startswith(prefix) for prefix in prefixes) for name in classes)


def applicable(css: str, present: set[str]) -> list[str]:
    """The selector lists of ``css`` with a selector that names classes, all of them present
    (selectors of elements only tell nothing about a component and are left out)."""
    return [selector_list for selector_list in selectors(css)
            if any(classes and _present(classes, present) for classes in selector_classes(selector_list))]


# A type selector: an element name at the start of a compound (after a combinator, a space, the start
# or the "(" of :is()/:where(), whose arguments are alternatives and so required of no page).
TYPE_SELECTOR = re.compile(r"(?:^|(?<=[\s>+~]))([a-zA-Z][\w-]*)")
ALTERNATIVES = re.compile(r":(?:is|where)\(")
MARKUP_TAG = re.compile(r"<([a-zA-Z][\w-]*)")


def _strip_alternatives(selector: str) -> str:
    """``a :is(b, c) d`` -> ``a  d``: the arguments of :is() and :where() (one of them is enough)."""
    out, index = [], 0
    while index < len(selector):
        match = ALTERNATIVES.match(selector, index)
        if not match:
            out.append(selector[index])
            index += 1
            continue
        depth, index = 1, match.end()
        while index < len(selector) and depth:
            depth += selector[index] == "("
            depth -= selector[index] == ")"
            index += 1
    return "".join(out)


def requirements(css: str) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Per selector of the style rules in ``css``: the classes, element names and attribute names (as
    ``[name]``, with the element names) a page must have for it to apply (outside :not()/:has();
    :is()/:where() arguments left out). A selector that names none, such as ``:focus-visible``,
    requires nothing: it applies to every page. An attribute's value is not judged: ``[aria-current=page]``
    needs an ``aria-current`` on the page, whatever its value."""
    found = []
    for selector_list in selectors(css):
        for selector in split_selector_list(selector_list):
            attributes: list[str] = []
            outside = _strip_functional(_strip_alternatives(selector), attributes)
            classes = frozenset(SELECTOR_CLASS.findall(outside))
            # pseudo-classes and pseudo-elements (":hover", "::marker") are no element names
            tags = frozenset(name.lower() for name in TYPE_SELECTOR.findall(re.sub(r"::?[\w-]+", " ", outside)))
            tags -= {"html", "body"}
            scope = SCOPED_SELECTOR.match(outside)
            if scope and scope.group(1) in SCOPES:  # ".prose ol > li": an ol and an li inside a .prose
                tags = frozenset(f"{scope.group(1)} {name}" for name in tags)
            # an attribute as "[name]" (anywhere on the page: "[aria-current]"); "class" and "id" tell nothing more
            tags |= {f"[{name}]" for name in attributes if name not in ("class", "id")}
            found.append((classes, tags))
    return found


# Classes whose descendants' element names count apart ("prose img": an img inside a .prose): the
# Markdown of a text decides which of the prose parts its page can use, not the logo's img around it.
SCOPES = frozenset({"prose"})
SCOPED_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)\s+(?![>+~\s])")  # a lone class, then a descendant
SCOPE_START = re.compile(r'<([a-zA-Z][\w-]*)\b[^>]*?(?<![\w-])class="([^"]*)"[^>]*>')


# a start tag's attributes: a name, then maybe "=" and a value (quoted, or unquoted up to a space or ">")
START_TAG = re.compile(r"""<[a-zA-Z][\w-]*((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*/(?!>))*)\s*/?>""")
MARKUP_ATTRIBUTE = re.compile(r"""\s([^\s"'<>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _any_case(name: str) -> str:
    """A pattern of ``name`` (lower case) in any case, as ``str.lower`` sees it ("\u212a", the Kelvin sign, is
    a "k"): each letter a class of its own, so that the engine jumps to the first letter (with
    ``re.IGNORECASE`` it tries every position, ten times slower)."""
    return "".join(f"[{char}{char.upper()}{chr(0x212A) if char == 'k' else ''}]" if char.isalpha() else re.escape(char)
                   for char in name)


def _attribute_like(text: str, match: re.Match) -> bool:
    """After white space, and before white space, ``=``, ``/``, ``>`` or the end: where an attribute's name stands."""
    start, end = match.span()
    return bool(start) and text[start - 1].isspace() and (end == len(text) or text[end].isspace() or text[end] in "=/>")


def markup_attributes(html: str, names: Iterable[str] | None = None) -> set[str]:
    """The attribute names on the elements of ``html``, each as ``[name]`` (as ``requirements`` gives them).

    ``names``: only these are asked about (the few that a bundle's selectors need), each looked for as
    text: an occurrence after white space, before white space, ``=``, ``/`` or ``>``, after the last ``<``
    and no ``>`` since, counts (a word in another attribute's value too: the judgement errs towards yes);
    the page's tags are read, as without ``names``, only when an occurrence is not plainly in a tag."""
    if names is None:
        return {f"[{name.lower()}]" for attributes in START_TAG.findall(html)
                for name in MARKUP_ATTRIBUTE.findall(attributes)}
    found: set[str] = set()
    every: set[str] | None = None
    for name in names:
        for match in judged_matches(re.compile(_any_case(name[1:-1])), html, _attribute_like):
            start = match.start()
            if html.rfind("<", 0, start) <= html.rfind(">", 0, start):  # in text, or after a ">" in a value
                every = markup_attributes(html) if every is None else every
                if name not in every:
                    continue
            found.add(name)
            break
    return found


def _scope_starts(html: str):
    """What ``SCOPE_START.finditer`` finds where it matters: every match whose class attribute names a
    scope (``SCOPES``), and maybe others, found from the few attributes that name one instead of from every
    tag of the page. Where no class value holds a ``<``, ``>`` or ``=`` (else the plain scan is taken), the
    class attribute of every match is one of ``class_attributes``, and no match reaches past a ``>`` but
    its last: the scan matches such an attribute (or an earlier one of its tag) at the first ``<`` after
    the last ``>`` before it where ``SCOPE_START`` matches, unless an earlier match covers it."""
    attributes = list(class_attributes(html))
    if any("<" in value or ">" in value or "=" in value for value in (attribute.group(1) for attribute in attributes)):
        yield from SCOPE_START.finditer(html)
        return
    covered = 0  # the end of the last match: the scan goes on from there
    for attribute in attributes:
        if attribute.start() < covered or SCOPES.isdisjoint(attribute.group(1).split()):
            continue
        position = html.rfind(">", covered, attribute.start()) + 1 or covered
        while (position := html.find("<", position, attribute.start())) >= 0:
            start = SCOPE_START.match(html, position)
            if start is not None:
                covered = start.end()
                yield start
                break
            position += 1


def markup_tags(html: str, attributes: Iterable[str] | None = None) -> set[str]:
    """The element names in ``html``, per element inside an element of a class in ``SCOPES``
    its name with that class (``prose img``), and the attribute names as ``[name]`` (only those of
    ``attributes``, if given: see ``markup_attributes``)."""
    tags = {name.lower() for name in set(MARKUP_TAG.findall(html))} | markup_attributes(html, attributes)
    for start in _scope_starts(html):
        tags |= scoped_tags(html, start)
    return tags


def scoped_tags(html: str, start: re.Match) -> set[str]:
    """For a start tag that ``SCOPE_START`` matched: the element names inside that element, each with the
    scope classes of its class attribute (``prose img``); none when it names no scope."""
    scopes = SCOPES.intersection(start.group(2).split())
    if not scopes:
        return set()
    name, depth, end = start.group(1), 1, len(html)
    for mark in re.compile(rf"<(/?){re.escape(name)}(?![\w-])", re.IGNORECASE).finditer(html, start.end()):
        depth += -1 if mark.group(1) else 1
        if not depth:
            end = mark.start()
            break
    inner = {tag.lower() for tag in MARKUP_TAG.findall(html, start.end(), end)}
    return {f"{scope} {tag}" for scope in scopes for tag in inner}


def can_apply(needs: list[tuple[frozenset[str], frozenset[str]]], classes: set[str], tags: set[str],
              prefixes: list[str] | None = None) -> bool:
    """Whether a selector with these requirements may match on a page with ``classes`` and ``tags``
    (a static judgement: it ignores structure and states, so it errs towards yes); ``prefixes``:
    ``star_prefixes(classes)``, for a page asked about several groups."""
    prefixes = star_prefixes(classes) if prefixes is None else prefixes
    return any(_present(need_classes, classes, prefixes) and need_tags <= tags for need_classes, need_tags in needs)
