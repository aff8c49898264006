#!/usr/bin/env python3
"""Render the static brand assets of the theme.

Writes, deterministically (same input -> byte-identical output):

* theme/static/images/logo.svg            campaign mark, 64x64 viewBox
* theme/static/images/favicon.svg         same mark, 32x32 viewBox
* theme/static/images/apple-touch-icon.png  180x180, full-bleed square
* theme/static/images/share-default.png   1200x630 Open Graph image

The mark is a dovetail joint ("zwaluwstaart"): two pieces of material that
hold each other without glue or screws. It doubles as an anvil silhouette.
Its geometry is defined once below and used for both the SVG and the PNGs.

Fonts: the static TTF files in theme/static/fonts/ttf/ (SIL OFL 1.1).
PNG files are written without metadata chunks (no text, no time, no dpi).

Usage:  python scripts/make_theme_assets.py   (needs Pillow)
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "theme" / "static" / "images"
TTF = ROOT / "theme" / "static" / "fonts" / "ttf"

# Brand palette (keep in sync with the tokens in theme/static/css/site.css).
PAPER = "#faf6ef"
PAPER_ALT = "#f2e9da"
INK = "#1d262b"
COPPER = "#a1431d"
COPPER_DARK = "#8a3616"
TEAL = "#1f5350"
OCHRE = "#e0a526"

Point = tuple[float, float]


# --------------------------------------------------------------------------
# Mark geometry (64 x 64 units)
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(TTF / name), size)


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


# --------------------------------------------------------------------------
# Outputs
# --------------------------------------------------------------------------


def make_svgs() -> None:
    (IMAGES / "logo.svg").write_text(mark_svg(64, "De kracht van ambacht"), encoding="utf-8")
    (IMAGES / "favicon.svg").write_text(mark_svg(32, "De kracht van ambacht"), encoding="utf-8")


def make_apple_touch_icon() -> None:
    size = 180
    img = Image.new("RGB", (size, size), COPPER)
    # iOS rounds the corners itself: draw the mark without its own badge,
    # centred, on a full-bleed copper square.
    mark = 176
    draw_mark(img, (size - mark) / 2, (size - mark) / 2, mark, badge=None)
    save_png(img, IMAGES / "apple-touch-icon.png")


def make_share_image() -> None:
    w, h = 1200, 630
    stripe = 18
    img = Image.new("RGB", (w, h), PAPER)
    d = ImageDraw.Draw(img)

    # Right-hand panel: copper field with faint diagonal "tooling" lines and a
    # large mark. Drawn on its own canvas so the texture stays inside it.
    panel_x = 780
    pw, ph = w - panel_x, h - stripe
    panel = Image.new("RGB", (pw, ph), COPPER)
    pd = ImageDraw.Draw(panel)
    for i in range(-ph, pw + ph, 24):
        pd.line((i, ph, i + ph, 0), fill="#a84a23", width=3)
    img.paste(panel, (panel_x, 0))
    big = 400
    draw_mark(img, panel_x + (pw - big) / 2, (ph - big) / 2, big, badge=None)

    # Left-hand copy.
    left = 72
    draw_mark(img, left, 58, 64)
    kicker = font("AtkinsonHyperlegibleNext_700Bold.ttf", 22)
    d.text(
        (left + 64 + 20, 58 + 32),
        "NATIONALE CAMPAGNE VOOR VAKMANSCHAP",
        font=kicker,
        fill=COPPER_DARK,
        anchor="lm",
    )

    size = 104
    title = font("BricolageGrotesque_800ExtraBold.ttf", size)
    lines = ("De kracht", "van ambacht")
    y = 250
    for line in lines:
        d.text((left - 5, y), line, font=title, fill=INK, anchor="ls")
        y += size
    # Ochre underline accent under "ambacht".
    base = y - size
    full = d.textbbox((left - 5, base), lines[1], font=title, anchor="ls")
    head = d.textlength("van ", font=title)
    d.rectangle((left - 5 + head + 2, base + 16, full[2], base + 28), fill=OCHRE)

    tagline = font("BricolageGrotesque_700Bold.ttf", 48)
    d.text((left, 478), "Vakmanschap verbindt", font=tagline, fill=COPPER_DARK, anchor="ls")

    small = font("AtkinsonHyperlegibleNext_400Regular.ttf", 27)
    d.text(
        (left, 530),
        "Verhalen, ambachten en de agenda van het vak",
        font=small,
        fill="#4d585d",
        anchor="ls",
    )

    material_stripe(d, 0, h - stripe, w, h)
    save_png(img, IMAGES / "share-default.png")


def main() -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    make_svgs()
    make_apple_touch_icon()
    make_share_image()
    for name in ("logo.svg", "favicon.svg", "apple-touch-icon.png", "share-default.png"):
        print(f"wrote {(IMAGES / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
