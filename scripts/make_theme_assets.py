#!/usr/bin/env python3
"""Render the static brand assets of the theme.

Writes, deterministically (same input -> byte-identical output):

* theme/static/images/logo.svg            campaign mark, 64x64 viewBox
* theme/static/images/favicon.svg         same mark, 32x32 viewBox
* theme/static/images/apple-touch-icon.png  180x180, full-bleed square
* theme/static/images/share-default.png   1200x630 Open Graph image

The mark is a dovetail joint ("zwaluwstaart"): two pieces of material that
hold each other without glue or screws. It doubles as an anvil silhouette.
Its geometry is defined once in plugins/badges/mark.py.

Fonts: the static TTF files in theme/ttf/ (SIL OFL 1.1).
PNG files are written without metadata chunks (no text, no time, no dpi).

Usage:  python scripts/make_theme_assets.py   (needs Pillow)
"""

from __future__ import annotations

from pathlib import Path

from badges.mark import COPPER, COPPER_DARK, INK, OCHRE, PAPER, draw_mark, mark_svg, material_stripe, save_png
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "theme" / "static" / "images"
TTF = ROOT / "theme" / "ttf"

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(TTF / name), size)


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
