"""The badge designs: one layout per format, drawn to PNG with Pillow or written as SVG.

A layout is a list of shapes (circles, rectangles, the campaign mark, fitted text) in
pixels of the target size; ``to_png`` and ``to_svg`` are two backends for the same list,
so the SVG and the PNG of a badge show exactly the same lines of text.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

from PIL import Image, ImageDraw

from . import pngwrite, textfit
from .fonts import FontSet
from .mark import COPPER, INK, MARK_RADIUS, MARK_SIZE, OCHRE, PAPER, TEAL, draw_mark, mark_polygons

# format -> (width, height) in pixels; the e-mail signature is shown at half size (2x for sharp screens)
FORMATS = {
    "vierkant-400": (400, 400),
    "vierkant-1080": (1080, 1080),
    "staand-1080x1350": (1080, 1350),
    "deelkaart-1200x630": (1200, 630),
    "handtekening-600x200": (600, 200),
}
VARIANTS = ("licht", "donker")
STRIPE = [(COPPER, 0.46), (OCHRE, 0.18), (TEAL, 0.24), (INK, 0.12)]

PALETTES = {
    "licht": {"bg": PAPER, "seal": "#fffdf9", "text": INK, "muted": "#4f5a5f",
              "accent": {"copper": COPPER, "teal": TEAL, "ink": INK}, "accent_text": {"copper": "#9a3d17", "teal": TEAL,
                                                                                     "ink": INK}},
    "donker": {"bg": "#1d262b", "seal": "#141b1f", "text": PAPER, "muted": "#c9c2b6",
               "accent": {"copper": "#c4582a", "teal": "#3f8c86", "ink": OCHRE},
               "accent_text": {"copper": "#f0a27a", "teal": "#8fd1c9", "ink": OCHRE}},
}


@dataclass(frozen=True)
class BadgeArt:
    """Everything that shapes a badge image (so its hash is the cache key)."""

    badge_name: str  # "Ambachtsmens", or the supporter text
    label: str  # "Ik ben", "Wij zijn"; empty for supporter badges
    colour: str  # "copper", "teal" or "ink"
    site: str  # host name printed on the badge, e.g. dekrachtvanambacht.nl
    name: str = ""  # the person or organisation; empty for badge-class and supporter images
    subline: str = ""  # craft and province
    tagline: str = ""
    supporter: bool = False


@dataclass(frozen=True)
class Shape:
    kind: str  # "circle", "rect", "mark", "text"
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # circle: cx, cy, r, 0; rect: x0, y0, x1, y1; mark: x, y, size, 0
    fill: str = ""
    radius: float = 0.0
    fitted: textfit.Fitted | None = None
    align: str = "center"


def _stripe(x0: float, y0: float, x1: float, y1: float) -> list[Shape]:
    shapes, x = [], x0
    for index, (colour, share) in enumerate(STRIPE):
        end = x1 if index == len(STRIPE) - 1 else x + (x1 - x0) * share
        shapes.append(Shape("rect", (x, y0, end, y1), colour))
        x = end
    return shapes


def _chord(radius: float, dy_top: float, dy_bottom: float) -> float:
    """Width of a circle of ``radius`` at the narrower of two heights (relative to its centre)."""
    far = max(abs(dy_top), abs(dy_bottom))
    return 2 * math.sqrt(max(radius * radius - far * far, 0.0))


class Designer:
    """Lays out every format of a badge; ``fitter`` measures text with the bundled fonts."""

    def __init__(self, fonts: FontSet):
        self.fonts = fonts
        self.fitter = textfit.Fitter(fonts)

    def text(self, content: str, role: str, x: float, top: float, width: float, height: float,
             max_size: float, min_size: float, fill: str, lines: int = 1, align: str = "center") -> Shape:
        fitted = self.fitter.fit(content, role, width, height, int(max_size), max(int(min_size), 6), lines)
        return Shape("text", (x, top, width, height), fill, fitted=fitted, align=align)

    def stack(self, items, x: float, top: float, width: float, align: str) -> list[Shape]:
        """Text blocks below each other, each as high as its fitted lines; empty texts are skipped."""
        shapes = []
        for content, role, height, max_size, min_size, fill, lines in items:
            if not content:
                continue
            shape = self.text(content, role, x, top, width, height, max_size, min_size, fill, lines, align)
            shapes.append(shape)
            top += shape.fitted.height + max_size * 0.35
        return shapes

    def in_circle(self, content, role, cx, cy, inner, top, height, max_size, min_size, fill, lines=1):
        """Text centred in a circle between ``top`` and ``top + height`` (relative to the centre)."""
        width = _chord(inner, top, top + height) * 0.9
        shape = self.text(content, role, cx, cy + top, width, height, max_size, min_size, fill, lines)
        fitted = shape.fitted
        offset = (height - fitted.height) / 2  # centre the lines vertically in their band
        return Shape("text", (cx, cy + top + offset, width, height), fill, fitted=fitted)

    def seal(self, art: BadgeArt, variant: str, cx: float, cy: float, r: float, detail: str = "full") -> list[Shape]:
        """The round badge. ``detail``: "full" (with the name), "class" (no name) or "compact" (mark and badge name)."""
        palette = PALETTES[variant]
        accent = palette["accent"][art.colour]
        accent_text = palette["accent_text"][art.colour]
        inner = r * 0.84
        shapes = [
            Shape("circle", (cx, cy, r, 0), accent),
            Shape("circle", (cx, cy, r * 0.9, 0), palette["seal"]),
            Shape("circle", (cx, cy, r * 0.875, 0), accent),
            Shape("circle", (cx, cy, r * 0.862, 0), palette["seal"]),
        ]
        mark = r * (0.3 if detail == "compact" else 0.24)
        mark_top = cy - r * (0.62 if detail != "compact" else 0.58)
        shapes.append(Shape("mark", (cx - mark / 2, mark_top, mark, 0)))
        if art.supporter and detail == "compact":  # too small for the sentence: the mark and the stripe
            shapes[-1] = Shape("mark", (cx - r * 0.5 / 2, cy - r * 0.34, r * 0.5, 0))
            shapes += _stripe(cx - r * 0.3, cy + r * 0.3, cx + r * 0.3, cy + r * 0.34)
        elif art.supporter:
            shapes.append(self.in_circle(art.badge_name, "display", cx, cy, inner, -r * 0.32, r * 0.66, r * 0.2,
                                         r * 0.15, palette["text"], lines=2))
            shapes += _stripe(cx - r * 0.25, cy + r * 0.4, cx + r * 0.25, cy + r * 0.425)
        elif detail == "compact":
            shapes.append(self.in_circle(art.badge_name, "display", cx, cy, inner, -r * 0.14, r * 0.42, r * 0.34,
                                         r * 0.16, palette["text"]))
            shapes += _stripe(cx - r * 0.3, cy + r * 0.36, cx + r * 0.3, cy + r * 0.4)
        else:
            with_name = detail == "full"
            label_top = -r * (0.34 if with_name else 0.26)
            shapes.append(self.in_circle(art.label.upper(), "strong", cx, cy, inner, label_top, r * 0.1, r * 0.085,
                                         r * 0.05, accent_text))
            name_top = label_top + r * 0.1
            shapes.append(self.in_circle(art.badge_name, "display", cx, cy, inner, name_top, r * (0.22 if with_name else 0.3),
                                         r * (0.2 if with_name else 0.26), r * 0.1, palette["text"]))
            stripe_y = cy + name_top + r * (0.25 if with_name else 0.34)
            shapes += _stripe(cx - r * 0.25, stripe_y, cx + r * 0.25, stripe_y + r * 0.022)
            if with_name:
                shapes.append(self.in_circle(art.name, "heading", cx, cy, inner, r * 0.04, r * 0.32, r * 0.14, r * 0.07,
                                             palette["text"], lines=2))
                if art.subline:
                    shapes.append(self.in_circle(art.subline, "text", cx, cy, inner, r * 0.38, r * 0.1, r * 0.075,
                                                 r * 0.05, palette["muted"]))
        if detail != "compact":
            shapes.append(self.in_circle("DE KRACHT VAN AMBACHT", "strong", cx, cy, inner, r * 0.56, r * 0.09,
                                         r * 0.062, r * 0.04, accent_text))
        return shapes

    def layout(self, art: BadgeArt, fmt: str, variant: str) -> tuple[tuple[int, int], list[Shape], bool]:
        """(size, shapes, transparent background) of one format."""
        width, height = FORMATS[fmt]
        palette = PALETTES[variant]
        if fmt.startswith("vierkant"):
            detail = "full" if art.name else "class"
            return (width, height), self.seal(art, variant, width / 2, height / 2, width / 2 - 1, detail), True
        shapes = [Shape("rect", (0, 0, width, height), palette["bg"], radius=24 if fmt.startswith("handtekening") else 0)]
        accent_text = palette["accent_text"][art.colour]
        if fmt.startswith("staand"):
            shapes += _stripe(0, 0, width, 18)
            if not art.name:
                shapes += self.seal(art, variant, width / 2, height / 2 - 50, 430, "class")
            else:
                shapes += self.seal(art, variant, width / 2, 78 + 360, 360, "class")
                shapes += self.stack([(art.name, "display", 200, 92, 40, palette["text"], 2),
                                      (art.subline, "text", 52, 42, 28, palette["muted"], 1),
                                      (art.tagline, "text", 100, 36, 26, palette["text"], 2)],
                                     width / 2, 78 + 720 + 44, 940, "center")
            shapes.append(self.text(art.site, "strong", width / 2, height - 86, 900, 44, 36, 24, accent_text))
        elif fmt.startswith("deelkaart"):
            shapes += _stripe(0, height - 18, width, height)
            shapes += self.seal(art, variant, 300, 306, 246, "class")
            x, column = 600, 540
            shapes.append(self.text("DE KRACHT VAN AMBACHT", "strong", x, 74, column, 36, 28, 20, accent_text, align="left"))
            if art.name:
                shapes += self.stack([(art.name, "display", 196, 84, 34, palette["text"], 2),
                                      (art.subline, "text", 44, 34, 24, palette["muted"], 1),
                                      (art.tagline, "text", 76, 30, 22, palette["text"], 2)],
                                     x, 126, column, "left")
            else:
                shapes.append(self.text(art.badge_name, "display", x, 150, column, 260, 88, 44, palette["text"], lines=2,
                                        align="left"))
            shapes.append(Shape("mark", (x, 500, 52, 0)))
            shapes.append(self.text(art.site, "strong", x + 68, 508, column - 68, 40, 28, 20, palette["text"], align="left"))
        else:  # e-mail signature
            shapes += self.seal(art, variant, 100, 100, 88, "compact")
            x, column = 214, 366
            title = art.badge_name if art.supporter else f"{art.label} {art.badge_name.lower()}"
            shapes.append(self.text(title, "display", x, 34, column, 90, 46, 26, palette["text"], lines=2, align="left"))
            shapes.append(self.text("De kracht van ambacht", "strong", x, 124, column, 34, 28, 20, accent_text, align="left"))
            shapes.append(self.text(art.site, "text", x, 158, column, 30, 24, 18, palette["muted"], align="left"))
        return (width, height), shapes, fmt.startswith("handtekening")  # rounded corners stay see-through


def _background(size: tuple[int, int], shapes: tuple[Shape, ...]) -> Image.Image:
    """Circles, rectangles and marks: supersampled 2x for smooth edges."""
    width, height = size
    scale = 2
    geometry = Image.new("RGBA", (width * scale, height * scale), (0, 0, 0, 0))
    pen = ImageDraw.Draw(geometry)
    for shape in shapes:
        if shape.kind == "circle":
            cx, cy, r, _ = (v * scale for v in shape.box)
            pen.ellipse((cx - r, cy - r, cx + r, cy + r), fill=shape.fill)
        elif shape.kind == "rect":
            x0, y0, x1, y1 = (v * scale for v in shape.box)
            if shape.radius:
                pen.rounded_rectangle((x0, y0, x1 - 1, y1 - 1), radius=shape.radius * scale, fill=shape.fill)
            else:
                pen.rectangle((x0, y0, x1 - 1, y1 - 1), fill=shape.fill)
    image = geometry.reduce(scale)
    for shape in shapes:
        if shape.kind == "mark":
            x, y, mark_size, _ = shape.box
            draw_mark(image, x, y, mark_size)
    return image


def shared_texts(shapes: list[Shape], common: list[Shape]) -> int:
    """How many leading texts of ``shapes`` are the same in ``common`` (the layout of the badge without
    a name, subline and tagline): texts drawn the same on every badge of a class, up to the first text
    that names someone."""
    texts = [s for s in shapes if s.kind == "text"]
    others = [s for s in common if s.kind == "text"]
    count = 0
    while count < min(len(texts), len(others)) and texts[count] == others[count]:
        count += 1
    return count


def trailing_texts(shapes: list[Shape], common: list[Shape], shared: int) -> int:
    """How many of the last texts of ``shapes`` are the same as the last ones of ``common`` (the site's name
    at the foot of a card), not counting the ``shared`` leading ones: drawn the same on every badge of a
    class, after the texts that name someone."""
    texts = [s for s in shapes if s.kind == "text"][shared:]
    others = [s for s in common if s.kind == "text"]
    count = 0
    while count < min(len(texts), len(others)) and texts[-1 - count] == others[-1 - count]:
        count += 1
    return count


def _overlap(first: tuple[int, int, int, int], second: tuple[int, int, int, int]) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


PNG_COLOURS = 32


def _masks(cache: dict) -> textfit.Masks:
    """The glyph masks of a batch (``textfit.Masks``), kept in its ``cache`` with its backdrops."""
    if "masks" not in cache:
        cache["masks"] = textfit.Masks()
    return cache["masks"]


def _backdrop(fonts: FontSet, size: tuple[int, int], geometry: tuple[Shape, ...], drawn: list[Shape], transparent: bool,
              cache: dict) -> tuple[tuple, Image.Image]:
    """The geometry with the texts ``drawn`` drawn on it, in their order, from ``cache`` (see :func:`_draw`),
    and its key."""
    key = (size, geometry, transparent, tuple(drawn))
    if key not in cache:
        geometry_key = ("geometry", size, geometry)  # the same for the stand-in's backdrop and the cards'
        if geometry_key not in cache:
            cache[geometry_key] = _background(size, geometry)
        # an opaque card: its rectangle covers every pixel, so RGB holds the same pixels
        background = cache[geometry_key].copy() if transparent else cache[geometry_key].convert("RGB")
        pen = ImageDraw.Draw(background)
        for shape in drawn:
            textfit.draw(pen, fonts, shape.fitted, shape.box[0], shape.box[1], shape.fill, shape.align,
                         masks=_masks(cache))
        cache[key] = background
    return key, cache[key]


def _draw(fonts: FontSet, size: tuple[int, int], shapes: list[Shape], transparent: bool, cache: dict,
          shared: int = 0) -> Image.Image:
    """The shapes as an image. The geometry of a badge is the same for every name, so ``cache`` keeps it
    between calls, with the first ``shared`` texts (those every badge of its class shows in the same place,
    see ``shared_texts``) drawn on it; only the other texts are drawn per badge, in their order, so the
    pixels are those of drawing them all."""
    geometry = tuple(s for s in shapes if s.kind != "text")
    texts = [s for s in shapes if s.kind == "text"]
    image = _backdrop(fonts, size, geometry, texts[:shared], transparent, cache)[1].copy()
    pen = ImageDraw.Draw(image)
    for shape in texts[shared:]:
        textfit.draw(pen, fonts, shape.fitted, shape.box[0], shape.box[1], shape.fill, shape.align,
                     masks=_masks(cache))
    return image


def _quantize(image: Image.Image) -> Image.Image:
    return image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def _stand_in(fonts: FontSet, size: tuple[int, int], palette: list[Shape], cache: dict) -> Image.Image:
    """The 32 colours of an opaque card's stand-in (see :func:`to_png`), found once per ``cache``."""
    key = ("palette", size, tuple(palette))
    if key not in cache:
        cache[key] = _quantize(_draw(fonts, size, palette, False, cache))
    return cache[key]


ROWS_APART = 16  # cards of a class share zlib prefixes that end on a multiple of this many rows
# zlib-ng level of a card's own band of rows (and of the backdrop's rows above it, whose compressor the band
# goes on from); the rows below, compressed once per class (``pngwrite.Tail``), keep the level asked for.
# A share card's band at level 9 took 4.0 ms and 8,355 bytes, at level 6 0.9 ms and 8,996 bytes: the M corpus's
# cold build 9 to 10 % less CPU, for about 950 bytes (5.3 %) more per card (issue 14; bench/README.md).
BAND_LEVEL = 6


def _card_png(fonts: FontSet, size: tuple[int, int], shapes: list[Shape], cache: dict, shared: int,
              colours: Image.Image, level: int, trailing: int = 0) -> bytes | None:
    """An opaque card as :func:`to_png` draws it, pixel for pixel, but only its own texts drawn, mapped to
    the colours and compressed: its backdrop (geometry and shared texts) is mapped to the colours once per
    ``cache``, a card's texts are drawn on a crop of it that holds every pixel they ink (the same pixels:
    see ``textfit.draw``), the crop is mapped (each pixel on its own, without dithering) and pasted in,
    and zlib goes on from a copy of a compressor that has taken the backdrop's rows above the crop, up to
    the rows the backdrop's compressed tail begins with (``pngwrite``). None when ``pngwrite`` cannot
    write the card's colours (see ``pngwrite.fits``).

    The last ``trailing`` texts (``trailing_texts``: the same on every card of the class) are drawn on the
    backdrop too when no pixel of theirs is one of the card's own texts' (their ink boxes do not meet): a
    pixel is then inked by one text only, so drawing them before the card's own texts gives the pixels of
    drawing them after."""
    geometry = tuple(s for s in shapes if s.kind != "text")
    texts = [s for s in shapes if s.kind == "text"]
    width, height = size
    own = texts[shared:]
    masks = _masks(cache)
    boxes = [textfit.ink_box(fonts, s.fitted, s.box[0], s.box[1], s.align, masks=masks) for s in own]
    if 0 < trailing <= len(own):
        split = len(own) - trailing
        tail = [box for box in boxes[split:] if box is not None]
        if not any(_overlap(first, second) for first in tail for second in boxes[:split] if second is not None):
            own, boxes = own[:split], boxes[:split]
    drawn = texts[:shared] + texts[shared + len(own):]
    backdrop_key, backdrop = _backdrop(fonts, size, geometry, drawn, False, cache)
    mapped_key = ("mapped", backdrop_key, tuple(colours.getpalette() or ()))
    if mapped_key not in cache:
        mapped = backdrop.quantize(palette=colours, dither=Image.Dither.NONE)
        wide = pngwrite.filtered(mapped) if pngwrite.fits(mapped) else None
        cache[mapped_key] = (mapped, wide, wide.tobytes() if wide is not None else b"")
    mapped, wide, stream = cache[mapped_key]
    if wide is None:
        return None
    boxes = [box for box in boxes if box is not None]
    if boxes:
        box = (max(0, min(b[0] for b in boxes)), max(0, min(b[1] for b in boxes)),
               min(width, max(b[2] for b in boxes)), min(height, max(b[3] for b in boxes)))
    if boxes and box[0] < box[2] and box[1] < box[3]:
        crop = backdrop.crop(box)
        pen = ImageDraw.Draw(crop)
        for shape in own:
            textfit.draw(pen, fonts, shape.fitted, shape.box[0], shape.box[1], shape.fill, shape.align, offset=box[:2],
                         masks=masks)
        card = wide.copy()
        card.paste(crop.quantize(palette=colours, dither=Image.Dither.NONE), (box[0] + 1, box[1]))
        stream, top = card.tobytes(), box[1] // ROWS_APART * ROWS_APART
        # the first row whose tail's dictionary (the bytes before it) holds none of the crop's rows
        clear = box[3] + -(-pngwrite.DICTIONARY // (width + 1))
        below = -(-clear // ROWS_APART) * ROWS_APART
    else:
        top = below = height
    band_level = min(level, BAND_LEVEL)
    prefix_key = ("prefix", mapped_key, top, band_level)
    if prefix_key not in cache:
        cache[prefix_key] = pngwrite.Prefix(cache[mapped_key][2], width + 1, top, band_level)
    tail = None
    if below < height:
        tail_key = ("tail", mapped_key, below, level)
        if tail_key not in cache:
            cache[tail_key] = pngwrite.Tail(cache[mapped_key][2], (width + 1) * below, level)
        tail = cache[tail_key]
    return pngwrite.png(size, mapped.getpalette(), stream, level, cache[prefix_key], tail)


def to_png(fonts: FontSet, size: tuple[int, int], shapes: list[Shape], transparent: bool,
           backgrounds: dict | None = None, shared: int = 0, palette: list[Shape] | None = None,
           compress_level: int = 6, trailing: int = 0) -> bytes:
    """Draw the shapes (``backgrounds`` and ``shared``: see ``_draw``) as a PNG in 32 colours.

    ``palette``, for an opaque card: the shapes of a stand-in badge of the same class, format and variant
    with every text present (``kit.palette_art``). Its 32 colours are found once per batch, and each card
    is mapped to them: a sixth of the time of finding a card's own colours, for the same look (at S, the
    largest mean difference to full colour is 1.3 of 255, against 1.1 with a card's own palette; 1.7 %
    more bytes). Such a card is made by :func:`_card_png` (the same pixels, in a fraction of the time).

    ``compress_level`` 9 suits an image drawn once and hosted many times (see ``kit.render_file``)."""
    cache = backgrounds if backgrounds is not None else {}
    if palette is not None and not transparent:
        made = _card_png(fonts, size, shapes, cache, shared, _stand_in(fonts, size, palette, cache), compress_level,
                         trailing)
        if made is not None:
            return made
    return _pillow_png(fonts, size, shapes, transparent, cache, shared, palette, compress_level)


def _pillow_png(fonts: FontSet, size: tuple[int, int], shapes: list[Shape], transparent: bool, cache: dict,
                shared: int, palette: list[Shape] | None, compress_level: int) -> bytes:
    """:func:`to_png` the plain way: the whole image drawn, mapped or quantised, and saved by Pillow."""
    image = _draw(fonts, size, shapes, transparent, cache, shared)
    # Optimised: flat colours and anti-aliased edges fit a 32-colour palette without visible loss (a
    # badge has about six colours; mean difference to full colour under 0.2 of 255): a quarter of the
    # bytes of full colour, and 8-15 % fewer than 256 colours. Every profile hosts a share card and a
    # signature per badge, so each byte counts (issue 14). zlib's default level is 8x faster than level 9.
    if palette is not None and not transparent:
        image = image.quantize(palette=_stand_in(fonts, size, palette, cache), dither=Image.Dither.NONE)
    else:
        image = _quantize(image)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=compress_level)
    return buffer.getvalue()


def _mark_svg(x: float, y: float, size: float) -> str:
    k = size / MARK_SIZE
    upper, lower = mark_polygons()

    def points(polygon) -> str:
        return " ".join(f"{x + px * k:.1f},{y + py * k:.1f}" for px, py in polygon)

    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{size:.1f}" height="{size:.1f}" rx="{MARK_RADIUS * k:.1f}" '
            f'fill="{COPPER}"/><polygon points="{points(upper)}" fill="{PAPER}"/>'
            f'<polygon points="{points(lower)}" fill="{INK}"/>')


def to_svg(size: tuple[int, int], shapes: list[Shape], title: str) -> str:
    width, height = size
    body = []
    for shape in shapes:
        if shape.kind == "circle":
            cx, cy, r, _ = shape.box
            body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{shape.fill}"/>')
        elif shape.kind == "rect":
            x0, y0, x1, y1 = shape.box
            rounded = f' rx="{shape.radius}"' if shape.radius else ""
            body.append(f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}"{rounded} '
                        f'fill="{shape.fill}"/>')
        elif shape.kind == "mark":
            body.append(_mark_svg(*shape.box[:3]))
        elif shape.kind == "text":
            body.append(textfit.svg(shape.fitted, shape.box[0], shape.box[1], shape.fill, shape.align))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-labelledby="titel">\n<title id="titel">{textfit.xml_text(title)}</title>\n'
            + "\n".join(body) + "\n</svg>\n")
