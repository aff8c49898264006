"""Fallback font faces whose metrics match the web fonts, so that the swap causes no layout shift.

Pure Python (fontTools); no Pelican. Until a web font has loaded (``font-display: swap``) the
text is drawn in a local font; a fallback ``@font-face`` over that local font with
``size-adjust`` (so its letters are as wide on average as the web font's), ``ascent-override``,
``descent-override`` and ``line-gap-override`` (so its lines are as high) takes the same room.

``size-adjust`` is the ratio of the average advance width of the web font and the local font
over Dutch text (each letter weighted by how often it occurs); the overrides are the web font's
vertical metrics (hhea, which Chromium uses on Linux and macOS; the fonts set USE_TYPO_METRICS
and their typo metrics are equal) divided by that ratio. The local font is Arial, or its
metric-compatible twin Liberation Sans: same advance widths and vertical metrics, so the figures
computed from Liberation Sans hold for Arial and Helvetica (metrics of Arial) too. A fallback face
covers only the web font's ``unicode-range``: a character the web font lacks falls through to the
rest of the font stack, as it would without the fallback face.
``scripts/font_fallbacks.py`` writes ``theme/css/base/font-fallbacks.css`` with this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from fontTools.ttLib import TTFont
from fontTools.varLib.instancer import instantiateVariableFont

# Letters of Dutch text with their relative frequency (per mille, rounded), plus the space
# (about one character in six) and the common punctuation.
DUTCH_FREQUENCIES = {
    "e": 189, "n": 100, "a": 75, "t": 68, "i": 65, "r": 64, "o": 61, "d": 59, "s": 37, "l": 36,
    "g": 34, "v": 29, "h": 24, "k": 23, "m": 22, "u": 20, "b": 16, "p": 16, "w": 15, "j": 15,
    "z": 14, "c": 12, "f": 8, "x": 1, "y": 1, "q": 1, " ": 180, ",": 10, ".": 10,
    "E": 2, "N": 2, "A": 2, "T": 2, "I": 2, "R": 2, "O": 2, "D": 4, "S": 2, "H": 3, "K": 2, "M": 2,
    "V": 2, "W": 2, "Z": 1, "G": 1, "B": 2, "P": 2, "L": 1, "J": 1,
}
LOCAL_NAMES = {
    "regular": ('local("Arial")', 'local("ArialMT")', 'local("Helvetica")', 'local("Liberation Sans")'),
    "bold": ('local("Arial Bold")', 'local("Arial-BoldMT")', 'local("Helvetica Bold")', 'local("Liberation Sans Bold")'),
}


@dataclass(frozen=True)
class Fallback:
    family: str          # the web font's family; the fallback face is "<family> Fallback"
    weight: str          # CSS font-weight of the face, e.g. "400" or "700 800"
    local: str           # "regular" or "bold": which local face it draws with
    size_adjust: float   # percent
    ascent: float        # percent
    descent: float       # percent
    line_gap: float      # percent
    unicode_range: str = ""  # the web font's; other characters fall through to the rest of the stack

    def css(self) -> str:
        return "\n".join([
            "@font-face {",
            f'  font-family: "{self.family} Fallback";',
            f"  font-weight: {self.weight};",
            f"  src: {', '.join(LOCAL_NAMES[self.local])};",
            f"  size-adjust: {percent(self.size_adjust)};",
            f"  ascent-override: {percent(self.ascent)};",
            f"  descent-override: {percent(self.descent)};",
            f"  line-gap-override: {percent(self.line_gap)};",
            *([f"  unicode-range: {self.unicode_range};"] if self.unicode_range else []),
            "}",
        ])


def percent(value: float) -> str:
    """``99.50`` -> ``99.5%``, ``0.0`` -> ``0%``: to two decimals, without the zeros that say nothing."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('', '-0') else text}%"


def unicode_ranges(css: str, family: str) -> str:
    """The unicode-range of all ``@font-face`` rules of ``family`` in ``css``, joined: the same code
    points, overlapping and adjacent ranges merged (the fallback faces are in every page's CSS)."""
    ranges: list[str] = []
    for block in re.findall(r"@font-face\s*\{([^}]*)\}", css):
        if re.search(rf'font-family:\s*"{re.escape(family)}"', block):
            found = re.search(r"unicode-range:\s*([^;]+);", block)
            ranges += [part.strip() for part in found.group(1).split(",")] if found else []
    return merge_ranges(ranges)


def code_span(part: str) -> tuple[int, int]:
    """``U+0100-02BA`` -> (0x100, 0x2BA); ``U+2020`` -> (0x2020, 0x2020); ``U+4??`` -> (0x400, 0x4FF)."""
    text = part.strip().upper().removeprefix("U+")
    if "?" in text:
        return int(text.replace("?", "0"), 16), int(text.replace("?", "F"), 16)
    first, _, last = text.partition("-")
    return int(first, 16), int(last or first, 16)


def merge_ranges(ranges: list[str]) -> str:
    """``unicode-range`` parts as one sorted list of disjoint ranges covering the same code points."""
    merged: list[list[int]] = []
    for first, last in sorted(code_span(part) for part in ranges if part.strip()):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return ", ".join(f"U+{first:04X}" if first == last else f"U+{first:04X}-{last:04X}" for first, last in merged)


def short_span(first: int, last: int) -> str:
    """The shortest ``unicode-range`` part for the code points ``first`` to ``last``: ``U+2020``,
    ``U+100-2BA`` (hex digits without leading zeros), or ``U+4??`` for an aligned block of 16, 256, ..."""
    if first == last:
        return f"U+{first:X}"
    candidates = [f"U+{first:X}-{last:X}"]
    for digits in range(1, 6):
        size = 16 ** digits
        if first % size == 0 and last == first + size - 1:
            prefix = first // size
            candidates.append(f"U+{prefix:X}{'?' * digits}" if prefix else f"U+{'?' * digits}")
    return min(candidates, key=len)


UNICODE_RANGE = re.compile(r"(unicode-range\s*:\s*)([^;}]+)")


def compact_unicode_ranges(css: str) -> str:
    """Every ``unicode-range`` of ``css`` in its shortest notation, part by part (the same code points in
    the same order): ``U+0000-00FF, U+0131`` -> ``U+??,U+131``."""
    def shorten(match: re.Match) -> str:
        parts = [part for part in match.group(2).split(",") if part.strip()]
        return match.group(1) + ",".join(short_span(*code_span(part)) for part in parts)

    return UNICODE_RANGE.sub(shorten, css)


def load(path: str, axes: dict[str, float] | None = None) -> TTFont:
    """A font (TTF or WOFF2), a variable one pinned at ``axes``."""
    font = TTFont(path)
    if axes and "fvar" in font:
        font = instantiateVariableFont(font, axes)
        buffer = BytesIO()
        font.save(buffer)
        buffer.seek(0)
        font = TTFont(buffer)
    return font


def average_width(font: TTFont) -> float:
    """Average advance width in em over Dutch text."""
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    upm = font["head"].unitsPerEm
    total = weight = 0
    for char, frequency in DUTCH_FREQUENCIES.items():
        glyph = cmap.get(ord(char))
        if glyph is None:
            raise ValueError(f"font has no glyph for {char!r}")
        total += metrics[glyph][0] / upm * frequency
        weight += frequency
    return total / weight


def fallback(family: str, weight: str, local: str, web: TTFont, fallback_font: TTFont,
             unicode_range: str = "") -> Fallback:
    ratio = average_width(web) / average_width(fallback_font)
    upm, hhea = web["head"].unitsPerEm, web["hhea"]
    return Fallback(family, weight, local, size_adjust=100 * ratio, ascent=100 * hhea.ascent / upm / ratio,
                    descent=100 * abs(hhea.descent) / upm / ratio, line_gap=100 * hhea.lineGap / upm / ratio,
                    unicode_range=unicode_range)
