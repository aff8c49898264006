"""Badge PNGs drawn with the shortcuts of a batch (the shared background with the class's texts, the
stand-in palette of an opaque card) are the PNGs of drawing each file on its own: the same bytes whatever
else the batch held, and the look of a full-colour drawing of every shape."""

from __future__ import annotations

import io

import pytest
from badges import designs, textfit
from badges.designs import BadgeArt, Designer
from badges.kit import plan_files, render_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops, ImageDraw, ImageStat

NAMES = ["Jan de Vries", "Anouk Bakker-van den Heuvel", "Ö", "Smederij ‘De Gouden Hamer’ & Zn", ""]




def _file(name: str, fmt: str, variant: str = "licht", colour: str = "copper", subline: str = "Smeden · Utrecht"):
    art = BadgeArt("Ambachtsmens", "Ik ben", colour, "dekrachtvanambacht.nl", name, subline if name else "",
                   "Met de hand gemaakt" if name else "")
    return next(f for f in plan_files("badges/x", "x", art, "test", formats=(fmt,), variants=(variant,)))


def _full_colour(fonts, designer, file) -> Image.Image:
    """Every shape drawn in full colour, in the order of the layout, without any cache."""
    size, shapes, transparent = designer.layout(file.art, file.fmt, file.variant)
    image = designs._background(size, tuple(s for s in shapes if s.kind != "text"))
    pen = ImageDraw.Draw(image)
    for shape in shapes:
        if shape.kind == "text":
            textfit.draw(pen, fonts, shape.fitted, shape.box[0], shape.box[1], shape.fill, shape.align)
    return image if transparent else image.convert("RGB")


@pytest.mark.parametrize("fmt", ["deelkaart-1200x630", "staand-1080x1350", "vierkant-400", "handtekening-600x200"])
def test_a_file_has_the_same_bytes_alone_and_in_a_batch(fonts, designer, fmt):
    files = [_file(name, fmt, variant) for variant in ("licht", "donker") for name in NAMES]
    shared: dict = {}
    in_batch = [render_file(designer, fonts, file, shared) for file in files]
    alone = [render_file(Designer(fonts), fonts, file, {}) for file in reversed(files)][::-1]
    assert in_batch == alone
    # every name and variant drawn, none a copy of another (the signature shows no name: one per variant)
    assert len(set(in_batch)) == (2 if fmt.startswith("handtekening") else len(files))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.sampled_from(NAMES), name=st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]),
                                                  min_size=1, max_size=40))
def test_what_was_drawn_before_never_shows_in_a_card(fonts, designer, first, name):
    """Property: a card drawn after another in the same batch is the card drawn first in a fresh batch."""
    shared: dict = {}
    render_file(designer, fonts, _file(first, "deelkaart-1200x630"), shared)
    card = _file(name, "deelkaart-1200x630")
    assert render_file(designer, fonts, card, shared) == render_file(designer, fonts, card, {})


@pytest.mark.parametrize("colour", ["copper", "teal", "ink"])
@pytest.mark.parametrize("variant", ["licht", "donker"])
@pytest.mark.parametrize("fmt", ["deelkaart-1200x630", "staand-1080x1350"])
def test_an_opaque_card_in_the_stand_in_palette_looks_as_in_full_colour(fonts, designer, fmt, variant, colour):
    for name in NAMES:
        file = _file(name, fmt, variant, colour)
        png = Image.open(io.BytesIO(render_file(designer, fonts, file, {})))
        assert png.mode == "P" and len(png.getpalette()) // 3 <= designs.PNG_COLOURS
        assert png.size == designs.FORMATS[fmt]
        difference = ImageStat.Stat(ImageChops.difference(png.convert("RGB"), _full_colour(fonts, designer, file)))
        assert max(difference.mean) < 1.5, (name, difference.mean)  # of 255: the same look


def test_the_subline_keeps_its_own_colour(fonts, designer):
    """The muted subline is in the stand-in palette: its pixels are not mapped to the name's ink (whose
    difference to the muted grey is about 50 of 255)."""
    file = _file("Jan de Vries", "deelkaart-1200x630")
    png = Image.open(io.BytesIO(render_file(designer, fonts, file, {}))).convert("RGB")
    _size, shapes, _transparent = designer.layout(file.art, file.fmt, file.variant)
    subline = next(s for s in shapes if s.kind == "text" and s.fill == designs.PALETTES["licht"]["muted"])
    x, top, _width, _height = subline.box
    box = (int(x), int(top), int(x + subline.fitted.width) + 1, int(top + subline.fitted.height) + 1)
    full = _full_colour(fonts, designer, file).crop(box)
    ink = Image.new("RGB", full.size, designs.PALETTES["licht"]["text"])
    assert max(ImageStat.Stat(ImageChops.difference(png.crop(box), full)).mean) < 2
    assert max(ImageStat.Stat(ImageChops.difference(full, ink)).mean) > 20  # the region shows the subline
