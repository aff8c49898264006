"""Fit a line of text into a box: shrink to a minimum size, then wrap to two lines, then ellipsis.

Pure Pillow. Widths are measured with the real fonts (with fallback), so the result
never overflows the box; ``draw`` and ``svg`` place the same lines on a PNG or in an SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from content_model.xmltext import xml_chars
from PIL import ImageDraw, ImageFont

from .fonts import FontSet, Run, css_font

LINE_HEIGHT = 1.12  # line distance as a factor of the font size
ELLIPSIS = "…"


def xml_text(value: str) -> str:
    """``value`` as XML character data: characters XML cannot hold dropped, ``& < >`` escaped."""
    return escape(xml_chars(value))


@dataclass(frozen=True)
class Fitted:
    size: int
    lines: tuple[tuple[Run, ...], ...]
    widths: tuple[float, ...]
    truncated: bool
    role: str

    @property
    def texts(self) -> list[str]:
        return ["".join(run.text for run in line) for line in self.lines]

    @property
    def line_height(self) -> float:
        return self.size * LINE_HEIGHT

    @property
    def height(self) -> float:
        return self.line_height * len(self.lines)

    @property
    def width(self) -> float:
        return max(self.widths, default=0.0)


def _sizes(high: int, low: int) -> list[int]:
    """Sizes from high down to low, in steps of about 4 % (always including low)."""
    sizes, size = [], high
    while size > low:
        sizes.append(size)
        size -= max(1, size // 25)
    return [*sizes, low]


def _break_points(text: str) -> list[tuple[str, str]]:
    """Every way to split ``text`` into two lines: at a space (dropped) or after a hyphen (kept)."""
    options = []
    for index, char in enumerate(text):
        if char == " ":
            options.append((text[:index], text[index + 1 :]))
        elif char in "-‐" and 0 < index < len(text) - 1 and text[index + 1] != " ":
            options.append((text[: index + 1], text[index + 1 :]))
    return [(a.strip(), b.strip()) for a, b in options if a.strip() and b.strip()]


class Fitter:
    """Fits text with one FontSet; keeps no state between calls besides the loaded fonts and what it measured."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self._runs: dict[tuple[str, str], tuple[Run, ...]] = {}
        self._fits: dict[tuple, Fitted] = {}  # a badge's light and dark variant fit the same texts

    def measure(self, text: str, role: str, size: int) -> tuple[tuple[Run, ...], float]:
        key = (text, role)
        if key not in self._runs:
            self._runs[key] = tuple(self.fonts.runs(text, role))
        runs = self._runs[key]
        return runs, self.fonts.width(list(runs), size)

    def truncate(self, text: str, role: str, size: int, max_width: float) -> tuple[tuple[Run, ...], float]:
        """The longest start of ``text`` that fits with an ellipsis after it."""
        low, high = 0, len(text)
        best = self.measure(ELLIPSIS, role, size)
        while low < high:  # binary search on the number of characters kept
            middle = (low + high + 1) // 2
            runs, width = self.measure(text[:middle].rstrip(" -") + ELLIPSIS, role, size)
            if width <= max_width:
                low, best = middle, (runs, width)
            else:
                high = middle - 1
        return best

    def fit(self, text: str, role: str, max_width: float, max_height: float,
            max_size: int, min_size: int, max_lines: int = 2) -> Fitted:
        key = (text, role, max_width, max_height, max_size, min_size, max_lines)
        if key not in self._fits:
            if len(self._fits) > 4096:  # one badge's formats at a time matter; keep memory flat
                self._fits.clear()
            self._fits[key] = self._fit(text, role, max_width, max_height, max_size, min_size, max_lines)
        return self._fits[key]

    def _fit(self, text: str, role: str, max_width: float, max_height: float,
             max_size: int, min_size: int, max_lines: int) -> Fitted:
        text = " ".join(text.split())
        max_size = max(min_size, min(max_size, int(max_height / LINE_HEIGHT)))
        for size in _sizes(max_size, min_size):
            runs, width = self.measure(text, role, size)
            if width <= max_width:
                return Fitted(size, (runs,), (width,), False, role)
        if max_lines >= 2:
            two_line_max = max(min_size, min(max_size, int(max_height / (2 * LINE_HEIGHT))))
            options = _break_points(text)
            for size in _sizes(two_line_max, min_size):
                best = None
                for first, second in options:
                    a, wa = self.measure(first, role, size)
                    b, wb = self.measure(second, role, size)
                    if max(wa, wb) <= max_width and (best is None or max(wa, wb) < best[0]):
                        best = (max(wa, wb), (a, b), (wa, wb))
                if best:
                    return Fitted(size, best[1], best[2], False, role)
            return self._ellipsis_two_lines(text, role, max_width, min(min_size, two_line_max))
        runs, width = self.truncate(text, role, min_size, max_width)
        return Fitted(min_size, (runs,), (width,), True, role)

    def _ellipsis_two_lines(self, text: str, role: str, max_width: float, size: int) -> Fitted:
        """First line: as many words as fit (or a cut word); second line: the rest, cut with an ellipsis."""
        first, rest = "", text
        for head, tail in _break_points(text):
            if self.measure(head, role, size)[1] <= max_width and len(head) > len(first):
                first, rest = head, tail
        if not first:
            a, wa = self.truncate(text, role, size, max_width)
            return Fitted(size, (a,), (wa,), True, role)
        a, wa = self.measure(first, role, size)
        b, wb = self.measure(rest, role, size)
        truncated = wb > max_width
        if truncated:
            b, wb = self.truncate(rest, role, size, max_width)
        return Fitted(size, (a, b), (wa, wb), truncated, role)


def placements(fonts: FontSet, fitted: Fitted, x: float, top: float, align: str = "center"):
    """(anchor point, text, font) of each run of ``fitted``, its first line's top at ``top``; ``x`` is the
    centre or the left edge. Each run is drawn at its point with anchor ``ls`` (left, baseline)."""
    for index, (line, width) in enumerate(zip(fitted.lines, fitted.widths, strict=True)):
        baseline = top + fitted.size * 0.92 + index * fitted.line_height
        cursor = x - width / 2 if align == "center" else x
        for run in line:
            yield (cursor, baseline), run.text, fonts.font(run.font, fitted.size)
            cursor += fonts.length(run, fitted.size)


class Masks:
    """The glyph masks and ink boxes of the lines a batch of badges draws, each made once: a card's subline,
    the site's name and every line of a badge's dark variant (the same texts as its light one) repeat across
    the batch. A mask depends on the text, the font, the origin's fraction of a pixel and the canvas's font
    mode, never on the colour (Pillow renders a colour only for an ``RGBA`` mask, which a badge never asks
    for). Its owner makes one per batch and passes it in; nothing outlives the batch."""

    LIMIT = 4096  # lines kept; a batch draws far fewer, and memory stays flat

    def __init__(self):
        self._masks: dict[tuple, tuple] = {}
        self._boxes: dict[tuple, tuple[int, int, int, int]] = {}

    def box(self, font: ImageFont.FreeTypeFont, text: str) -> tuple[int, int, int, int]:
        """``font.getbbox(text, anchor="ls")``."""
        key = (font, text)
        box = self._boxes.get(key)
        if box is None:
            if len(self._boxes) > self.LIMIT:
                self._boxes.clear()
            box = self._boxes[key] = font.getbbox(text, anchor="ls")
        return box

    def text(self, canvas: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, fill) -> None:
        """``canvas.text(xy, text, font=font, fill=fill, anchor="ls")``, pixel for pixel: the steps of
        Pillow's ``ImageDraw.text`` for one line without stroke, with the mask from this cache."""
        if "\n" in text or not isinstance(font, ImageFont.FreeTypeFont):
            canvas.text(xy, text, font=font, fill=fill, anchor="ls")
            return
        ink, fill_ink = canvas._getink(fill)
        ink = fill_ink if ink is None else ink
        if ink is None:
            return
        x, y = xy
        start = (math.modf(x)[0], math.modf(y)[0])
        key = (font, text, start, canvas.fontmode)
        made = self._masks.get(key)
        if made is None:
            if len(self._masks) > self.LIMIT:
                self._masks.clear()
            made = self._masks[key] = font.getmask2(text, canvas.fontmode, None, None, None, 0, "ls", ink, start,
                                                    stroke_filled=True)
        mask, offset = made
        canvas.draw.draw_bitmap((int(x) + offset[0], int(y) + offset[1]), mask, ink)


def draw(canvas: ImageDraw.ImageDraw, fonts: FontSet, fitted: Fitted, x: float, top: float, fill,
         align: str = "center", offset: tuple[int, int] = (0, 0), masks: Masks | None = None) -> None:
    """Draw ``fitted`` (see :func:`placements`); ``offset``: whole pixels to subtract, for a canvas that is a
    crop of the image (the same pixels while each point stays at or right of and below the crop's corner).
    ``masks``: the batch's glyph masks (the same pixels, each line rasterised once per batch)."""
    for (left, baseline), text, font in placements(fonts, fitted, x, top, align):
        point = (left - offset[0], baseline - offset[1])
        if masks is None:
            canvas.text(point, text, font=font, fill=fill, anchor="ls")
        else:
            masks.text(canvas, point, text, font, fill)


def ink_box(fonts: FontSet, fitted: Fitted, x: float, top: float, align: str = "center",
            margin: int = 3, masks: Masks | None = None) -> tuple[int, int, int, int] | None:
    """Whole pixels that hold every anchor point and every inked pixel of ``fitted``, with ``margin``
    to spare (Pillow rounds each run's origin); None for no run. ``masks``: the batch's measured boxes."""
    box = None
    for (left, baseline), text, font in placements(fonts, fitted, x, top, align):
        x0, y0, x1, y1 = font.getbbox(text, anchor="ls") if masks is None else masks.box(font, text)
        run = (math.floor(min(left, left + x0)) - margin, math.floor(min(baseline, baseline + y0)) - margin,
               math.ceil(max(left, left + x1)) + margin, math.ceil(max(baseline, baseline + y1)) + margin)
        box = run if box is None else (min(box[0], run[0]), min(box[1], run[1]), max(box[2], run[2]), max(box[3], run[3]))
    return box


def svg(fitted: Fitted, x: float, top: float, fill: str, align: str = "center") -> str:
    """The same lines as SVG ``<text>`` elements with real, selectable text (a line in one font needs no ``<tspan>``)."""
    anchor = "middle" if align == "center" else "start"
    parts = []
    for index, line in enumerate(fitted.lines):
        baseline = top + fitted.size * 0.92 + index * fitted.line_height
        fonts = [css_font(run.font) for run in line]
        attributes = f'x="{_number(x)}" y="{_number(baseline)}" font-size="{fitted.size}" fill="{fill}" text-anchor="{anchor}"'
        if len(line) == 1:
            family, weight = fonts[0]
            parts.append(f'<text {attributes} font-family="{_attribute(family)}" font-weight="{weight}">'
                         f"{xml_text(line[0].text)}</text>")
            continue
        spans = "".join(f'<tspan font-family="{_attribute(family)}" font-weight="{weight}">{xml_text(run.text)}</tspan>'
                        for run, (family, weight) in zip(line, fonts, strict=True))
        parts.append(f"<text {attributes}>{spans}</text>")
    return "\n".join(parts)


def _attribute(value: str) -> str:
    return escape(value, {chr(34): "&quot;"})


def _number(value: float) -> str:
    """A coordinate with one decimal, without a trailing ``.0``."""
    return f"{value:.1f}".removesuffix(".0")
