"""A bundle's rules for other conditions, moved into sheets of their own: pure logic, no Pelican.

A phone in the light scheme draws a page with the rules of its bundle that apply to it; the rules
for forced colours (a component's own: the base's are a sheet of their own already), for a pointer
that hovers (``@media (hover: hover)``: the theme writes its ``:hover`` rules so), for wider
windows (``@media (min-width: ...)``), the dark scheme and reduced motion wait unused in the same
file, and the first paint waits for all of them. Linked with a ``media`` attribute
(``<link rel="stylesheet" media="(prefers-color-scheme: dark)">``), a browser still fetches such
a sheet (at the lowest priority), does not wait for it before it draws the page while its media
does not match, and applies it the moment it does (a wider window, the dark scheme switched on).

``split`` takes a minified bundle apart at its top level: each ``@media`` block whose query is one
of ``MEDIA`` goes, whole and in its order, into the sheet of that medium; everything else stays.
The moved blocks come after the rest in the cascade (the sheets are linked after the bundle in
``MEDIA`` order): they only ever set what their condition changes, so the pages look the same
(the screenshots of every page type at 375 and 1280 px, light and dark, are compared pixel by
pixel). A hover rule that a later rule of the same specificity used to override would now win;
the theme keeps such rules out of ``@media (hover: hover)`` or out of reach (``a:hover`` stays in
the bundle; a disabled button is ``:not()``-ed), and a browser test points at every element with
a hover rule on every page type and compares its computed style with the unsplit bundle's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A query for wider windows: (min-width: X), optionally bounded by (max-width: Y).
WIDE = re.compile(r"\(min-width:\s*(?P<width>\d+(?:\.\d+)?)(?P<unit>rem|em)\)"
                  r"(?:\s*and\s*\(max-width:\s*\d+(?:\.\d+)?(?:rem|em)\))?")
HOVER = re.compile(r"\(hover:\s*hover\)")
FORCED_COLORS = re.compile(r"\(forced-colors:\s*active\)")
DARK = re.compile(r"\(prefers-color-scheme:\s*dark\)")
REDUCED_MOTION = re.compile(r"\(prefers-reduced-motion:\s*reduce\)")
# medium name -> (the query of a top-level @media block that belongs in its sheet, the sheet's media
# attribute; for the wide sheet the narrowest of its queries)
MEDIA = {"forced-colors": (FORCED_COLORS, "(forced-colors: active)"),
         "hover": (HOVER, "(hover: hover)"),
         "wide": (WIDE, None),
         "dark": (DARK, "(prefers-color-scheme: dark)"),
         "reduced-motion": (REDUCED_MOTION, "(prefers-reduced-motion: reduce)")}


@dataclass(frozen=True)
class Sheet:
    """One sheet cut from a bundle: its medium's name, the media attribute to link it with, its CSS."""

    name: str
    media: str
    css: str


def blocks(css: str) -> list[str]:
    """The top-level statements of minified CSS (rules, at-rule blocks), strings and comments respected."""
    found, depth, start, index, quote = [], 0, 0, 0, ""
    while index < len(css):
        char = css[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif css.startswith("/*", index):
            end = css.find("*/", index + 2)
            index = len(css) if end < 0 else end + 1
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                found.append(css[start:index + 1].strip())
                start = index + 1
        elif char == ";" and depth == 0:  # @import, @charset
            found.append(css[start:index + 1].strip())
            start = index + 1
        index += 1
    rest = css[start:].strip()
    if rest:
        found.append(rest)
    return [block for block in found if block]


def medium_of(block: str) -> str | None:
    """The name of the medium whose sheet a top-level block belongs in, or None (it stays)."""
    if not block.startswith("@media"):
        return None
    query = block[len("@media"):block.index("{")].strip()
    for name, (pattern, _media) in MEDIA.items():
        if pattern.fullmatch(query):
            return name
    return None


def _width_rem(match: re.Match) -> float:
    return float(match.group("width"))  # rem and em in a media query are both the initial font size


def split(css: str) -> tuple[str, list[Sheet]]:
    """``css`` without the blocks of ``MEDIA``, and per medium present the sheet of its blocks (in
    ``MEDIA`` order). The wide sheet is linked for the narrowest of its queries; each block keeps
    its own query, so a rule for 64rem still waits for 64rem."""
    rest: list[str] = []
    moved: dict[str, list[str]] = {}
    for block in blocks(css):
        name = medium_of(block)
        (moved.setdefault(name, []) if name else rest).append(block)
    sheets = []
    for name, (pattern, fixed) in MEDIA.items():
        if name not in moved:
            continue
        media = fixed
        if media is None:
            queries = [pattern.fullmatch(block[len("@media"):block.index("{")].strip()) for block in moved[name]]
            narrowest = min(queries, key=_width_rem)
            media = f"(min-width: {narrowest.group('width')}{narrowest.group('unit')})"
        sheets.append(Sheet(name, media, "".join(moved[name]) + "\n"))
    return "".join(rest) + "\n", sheets
