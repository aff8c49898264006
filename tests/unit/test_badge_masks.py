"""A batch's glyph masks (textfit.Masks) draw exactly the pixels of Pillow's ``ImageDraw.text``, however often a
line is drawn again, in another colour, at another origin or on another canvas: a line drawn on many cards of a
batch (a subline, the site's name) is rasterised once."""

from __future__ import annotations

import pytest
from badges import textfit
from badges.fonts import badge_font_files
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

FILLS = ["#1d262b", "#f6f1e7", "#9a3d17", "#c4582a", (10, 200, 30), "#8fd1c9"]
TEXTS = ["Smeden · Utrecht", "dekrachtvanambacht.nl", "Anouk Bakker-van den Heuvel", "张伟 & Zoë", "Ǻ̈́̊ Z̷̢͚a̶͎͌",
         "W", "", " ", "a\nb", "ﷺ 𝔘𝔫𝔦"]


def _plain(mode, size, draws, fonts):
    canvas = Image.new(mode, size, "#fffdf9" if mode != "L" else 200)
    pen = ImageDraw.Draw(canvas)
    for xy, text, (font_name, font_size), fill in draws:
        pen.text(xy, text, font=fonts.font(font_name, font_size), fill=fill, anchor="ls")
    return canvas


def _cached(mode, size, draws, fonts, masks):
    canvas = Image.new(mode, size, "#fffdf9" if mode != "L" else 200)
    pen = ImageDraw.Draw(canvas)
    for xy, text, (font_name, font_size), fill in draws:
        masks.text(pen, xy, text, fonts.font(font_name, font_size), fill)
    return canvas


_draw = st.tuples(st.tuples(st.floats(-20, 260, allow_nan=False), st.floats(-20, 160, allow_nan=False)),
                  st.one_of(st.sampled_from(TEXTS), st.text(max_size=24)),
                  st.tuples(st.sampled_from(badge_font_files()), st.integers(6, 90)),
                  st.sampled_from(FILLS))


def _outcome(make) -> tuple:
    """The pixels ``make()`` draws, or the error Pillow raises for a text it cannot lay out (``\\x85``)."""
    try:
        return ("pixels", make().tobytes())
    except (RuntimeError, ValueError, OSError) as error:
        return ("error", type(error).__name__, str(error))


@settings(max_examples=80, deadline=None)
@given(draws=st.lists(_draw, min_size=1, max_size=6), mode=st.sampled_from(["RGB", "RGBA"]),
       again=st.lists(st.tuples(st.integers(-3, 3), st.floats(0, 1, allow_nan=False), st.sampled_from(FILLS)),
                      max_size=4))
@example(draws=[((0.0, 0.0), "\x85", ("BricolageGrotesque_800ExtraBold.ttf", 6), "#1d262b")], mode="RGB", again=[])
@example(draws=[((-1.9999999999999964, 0.0), "", ("BricolageGrotesque_800ExtraBold.ttf", 6), "#1d262b")], mode="RGB",
         again=[])
@example(draws=[((10.25, 40.5), "Smeden · Utrecht", ("AtkinsonHyperlegibleNext_400Regular.ttf", 34), "#4f5a5f")] * 2,
         mode="RGBA", again=[(0, 0.5, "#c9c2b6"), (1, 0.25, "#9a3d17")])
def test_cached_masks_draw_pillows_pixels(fonts, draws, mode, again):
    """Each line drawn first on a warm-up canvas (another colour, the same fraction of a pixel or another),
    then on the canvas compared: the pixels of ``ImageDraw.text`` (or the error it raises)."""
    masks = textfit.Masks()
    warm = [((xy[0] + shift, xy[1] + fraction), text, font, fill)
            for (xy, text, font, _), (shift, fraction, fill) in zip(draws, again, strict=False)]
    for draw in warm + draws:
        _outcome(lambda draw=draw: _cached(mode, (240, 140), [draw], fonts, masks))
    assert (_outcome(lambda: _cached(mode, (240, 140), draws, fonts, masks))
            == _outcome(lambda: _plain(mode, (240, 140), draws, fonts)))


def test_a_line_in_another_colour_reuses_its_mask(fonts):
    masks = textfit.Masks()
    font = ("AtkinsonHyperlegibleNext_400Regular.ttf", 34)
    light = [((10.25, 40.5), "Smeden · Utrecht", font, "#4f5a5f")]
    dark = [((10.25, 40.5), "Smeden · Utrecht", font, "#c9c2b6")]
    assert _cached("RGB", (300, 60), light, fonts, masks).tobytes() == _plain("RGB", (300, 60), light, fonts).tobytes()
    assert len(masks._masks) == 1
    assert _cached("RGB", (300, 60), dark, fonts, masks).tobytes() == _plain("RGB", (300, 60), dark, fonts).tobytes()
    assert len(masks._masks) == 1  # the same mask, in the other colour


@pytest.mark.parametrize("text", [text for text in TEXTS if text.strip()])  # a blank line is never fitted
def test_cached_ink_boxes_are_pillows(fonts, designer, text):
    masks = textfit.Masks()
    fitted = designer.fitter.fit(text, "display", 540, 196, 84, 34, 2)
    for _ in range(2):
        assert (textfit.ink_box(fonts, fitted, 600.5, 126.25, "left", masks=masks)
                == textfit.ink_box(fonts, fitted, 600.5, 126.25, "left"))
