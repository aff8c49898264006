"""The campaign mark and palette, shared by the theme assets and the badges.

The mark is a dovetail joint ("zwaluwstaart"): two pieces of material that hold each
other without glue or screws. Its geometry is defined once here and used for the SVG
logo, the favicon, the share image and every badge. Pure Pillow, no Pelican.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

# Brand palette (the same values as the tokens in theme/static/css/site.css).
PAPER = "#faf6ef"
PAPER_ALT = "#f2e9da"
INK = "#1d262b"
COPPER = "#a1431d"
COPPER_DARK = "#8a3616"
TEAL = "#1f5350"
OCHRE = "#e0a526"

Point = tuple[float, float]


MARK_SIZE = 64.0
MARK_RADIUS = 14.0


def mark_polygons() -> tuple[list[Point], list[Point]]:
    """Return (upper piece with the tail, lower piece with the socket)."""
    x0, x1 = 11.0, 53.0  # outer width of both pieces
    y_top = 13.0  # top of the upper piece
    y_joint = 28.0  # where the tail leaves the upper piece
    y_tail = 42.0  # bottom (widest end) of the tail
    y_bottom = 51.0  # bottom of the lower piece
    w_top, w_bot = 11.0, 25.0  # tail width at the neck and at the end
    gap = 3.0  # visible joint line
    cx = (x0 + x1) / 2

    upper = [
        (x0, y_top),
        (x1, y_top),
        (x1, y_joint),
        (cx + w_top / 2, y_joint),
        (cx + w_bot / 2, y_tail),
        (cx - w_bot / 2, y_tail),
        (cx - w_top / 2, y_joint),
        (x0, y_joint),
    ]

    # Offset the slanted tail edges outward by `gap`, measured perpendicular.
    slope = (w_bot - w_top) / 2 / (y_tail - y_joint)
    dx = gap * math.sqrt(1 + slope * slope)
    ys, yb = y_joint + gap, y_tail + gap
    hw_s = w_top / 2 + dx + slope * (ys - y_joint)
    hw_b = w_top / 2 + dx + slope * (yb - y_joint)
    lower = [
        (x0, ys),
        (cx - hw_s, ys),
        (cx - hw_b, yb),
        (cx + hw_b, yb),
        (cx + hw_s, ys),
        (x1, ys),
        (x1, y_bottom),
        (x0, y_bottom),
    ]
    return upper, lower


def _fmt(v: float) -> str:
    s = f"{v:.2f}".rstrip("0").rstrip(".")
    return s if s != "-0" else "0"


def mark_svg(view: float, title: str) -> str:
    """SVG source of the mark scaled to a square viewBox of `view` units."""
    k = view / MARK_SIZE
    upper, lower = mark_polygons()

    def pts(poly: list[Point]) -> str:
        return " ".join(f"{_fmt(x * k)},{_fmt(y * k)}" for x, y in poly)

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_fmt(view)} {_fmt(view)}"'
        f' width="{_fmt(view)}" height="{_fmt(view)}" role="img">\n'
        f"  <title>{title}</title>\n"
        f'  <rect width="{_fmt(view)}" height="{_fmt(view)}" rx="{_fmt(MARK_RADIUS * k)}"'
        f' fill="{COPPER}"/>\n'
        f'  <polygon points="{pts(upper)}" fill="{PAPER}"/>\n'
        f'  <polygon points="{pts(lower)}" fill="{INK}"/>\n'
        "</svg>\n"
    )


def draw_mark(
    img: Image.Image,
    x: float,
    y: float,
    size: float,
    *,
    badge: str | None = COPPER,
    upper_fill: str = PAPER,
    lower_fill: str = INK,
    radius: float | None = MARK_RADIUS,
) -> None:
    """Draw the mark anti-aliased onto `img` (RGB) at (x, y), `size` px wide."""
    ss = 4  # supersampling factor
    big = int(round(size * ss))
    layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    k = big / MARK_SIZE
    if badge is not None:
        if radius:
            d.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius * k, fill=badge)
        else:
            d.rectangle((0, 0, big - 1, big - 1), fill=badge)
    upper, lower = mark_polygons()
    d.polygon([(px * k, py * k) for px, py in upper], fill=upper_fill)
    d.polygon([(px * k, py * k) for px, py in lower], fill=lower_fill)
    small = layer.resize((int(round(size)), int(round(size))), Image.LANCZOS)
    img.paste(small, (int(round(x)), int(round(y))), small)


def save_png(img: Image.Image, path: Path) -> None:
    """Save as PNG without any metadata chunks."""
    clean = Image.frombytes(img.mode, img.size, img.tobytes())
    clean.save(path, format="PNG", optimize=True)


def material_stripe(d: ImageDraw.ImageDraw, x0: int, y0: int, x1: int, y1: int) -> None:
    """The campaign's 'material layers' stripe: copper, ochre, teal, ink."""
    parts = [(COPPER, 0.46), (OCHRE, 0.18), (TEAL, 0.24), (INK, 0.12)]
    x = float(x0)
    width = x1 - x0
    for i, (colour, share) in enumerate(parts):
        nx = x1 if i == len(parts) - 1 else x + width * share
        d.rectangle((int(round(x)), y0, int(round(nx)) - 1, y1), fill=colour)
        x = nx
