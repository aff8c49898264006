"""Badge text: font fallback per character and fitting measured against the real canvas."""

from __future__ import annotations

import io

import pytest
from badges.designs import FORMATS, VARIANTS, BadgeArt, Designer, to_png
from badges.textfit import ELLIPSIS, Fitter, draw
from PIL import Image, ImageDraw

NAMES = [
    "Zoë Visser",
    "Ĳsbrand Ĳzerman",
    "Ingrid van ’t Hof",
    "Siobhán Ó Súilleabháin",
    "Maria-Louise van den Heuvel-Vanderbroeck tot Ruwenborgh",
    "Smederij & Hekwerk Brouwer 🔨",
    "Αλέξανδρος Παπαδόπουλος",
    "Вера Кузнецова",
    "Stichting tot Behoud van het Ambachtelijk Erfgoed in de Provincies Noord-Holland, Zuid-Holland en Utrecht",
    "Zuiderzeekuststreekambachtsgildevereniging",
    "陶芸 Keramiek",
]



def notdef_mask(font, char="\uffff"):
    """What a font draws for a character it does not have (its empty box)."""
    return font.getmask(char).getbbox()


def test_dutch_and_typographic_characters_use_the_campaign_font(fonts):
    for text in ("Ĳsbrand Ĳzerman", "Zoë", "van ’t Hof", "Ó Súilleabháin", "Şahin", "Öztürk"):
        runs = fonts.runs(text, "heading")
        assert [r.font for r in runs] == ["BricolageGrotesque_700Bold.ttf"], text
        assert "".join(r.text for r in runs) == text


def test_missing_glyphs_fall_back_to_a_font_that_has_them(fonts):
    runs = fonts.runs("Brouwer 🔨 Вера", "heading")
    by_text = {r.text.strip(): r.font for r in runs}
    assert by_text["🔨"] == "NotoEmoji_700Bold.ttf"
    assert by_text["Вера"] == "NotoSans_700Bold.ttf"
    for run in runs:  # every run is drawn with a font that really has its glyphs: no empty boxes
        font = fonts.font(run.font, 64)
        for char in run.text.replace(" ", ""):
            assert fonts.covers(run.font, char), (char, run.font)
            assert font.getmask(char).getbbox() != notdef_mask(font) or char.isspace()


def test_characters_no_bundled_font_has_are_left_out_not_boxed(fonts):
    runs = fonts.runs("陶芸 Keramiek", "heading")
    text = "".join(r.text for r in runs)
    assert "陶" not in text and "Keramiek" in text


def test_emoji_with_variation_selector_and_joiner_stay_together(fonts):
    runs = fonts.runs("Atelier 🏛️ en 👩‍🔧", "text")
    emoji_runs = [r for r in runs if r.font.startswith("NotoEmoji")]
    assert emoji_runs, runs
    joined = "".join(r.text for r in runs)
    assert "🏛" in joined and "👩" in joined and "🔧" in joined


def fitted_box(fitter, text, width, height, max_size=80, min_size=30, lines=2):
    return fitter.fit(text, "display", width, height, max_size, min_size, lines)


def test_fitting_shrinks_first_then_wraps_then_ellipsis(fonts):
    fitter = Fitter(fonts)
    short = fitted_box(fitter, "Zoë Visser", 600, 200)
    assert short.size == 80 and len(short.lines) == 1 and not short.truncated
    medium = fitted_box(fitter, "Femke Kloosterhuis-Brinkman", 600, 200)
    assert 30 <= medium.size < 80 and len(medium.lines) == 1
    long = fitted_box(fitter, "Maria-Louise van den Heuvel-Vanderbroeck tot Ruwenborgh", 600, 200)
    assert len(long.lines) == 2 and not long.truncated
    assert "".join(long.texts).replace(" ", "") == "Maria-Louise van den Heuvel-Vanderbroeck tot Ruwenborgh".replace(" ", "")
    endless = fitted_box(fitter, " ".join(["Ambachtelijk erfgoed"] * 12), 600, 200)
    assert endless.truncated and len(endless.lines) == 2 and endless.texts[1].endswith(ELLIPSIS)
    assert endless.size == 30
    one_word = fitted_box(fitter, "Zuiderzeekuststreekambachtsgildeverenigingsbestuur", 300, 200)
    assert one_word.truncated and one_word.texts[-1].endswith(ELLIPSIS)
    for fitted in (short, medium, long, endless, one_word):
        assert fitted.width <= (300 if fitted is one_word else 600)
        assert fitted.height <= 200


@pytest.mark.parametrize("name", NAMES)
def test_drawn_text_stays_inside_its_box(fonts, name):
    """Draw the fitted lines and measure the ink: it never leaves the box it was fitted to."""
    fitter = Fitter(fonts)
    width, height = 500, 150
    fitted = fitter.fit(name, "display", width, height, 72, 24, 2)
    canvas = Image.new("L", (width + 200, height + 200), 0)
    draw(ImageDraw.Draw(canvas), fonts, fitted, 100 + width / 2, 100, 255)
    left, top, right, bottom = canvas.getbbox()
    assert left >= 100 - 2 and right <= 100 + width + 2, (name, left, right)
    assert top >= 100 - fitted.size * 0.2 and bottom <= 100 + height + fitted.size * 0.15, (name, top, bottom)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_text_of_every_format_fits_the_canvas(fonts, fmt):
    """The longest example name and tagline, in every format and variant: no text overflows or is clipped."""
    designer = Designer(fonts)
    art = BadgeArt("Ambassadeur", "Ik ben", "copper", "dekrachtvanambacht.nl", NAMES[8],
                   "Restauratie van stucwerk, Vergulden · Noord-Brabant",
                   "Herstelt historische plafonds 🏛️ en ornamenten met traditionele technieken uit de zeventiende eeuw")
    for variant in VARIANTS:
        size, shapes, _ = designer.layout(art, fmt, variant)
        texts = [s for s in shapes if s.kind == "text"]
        assert texts
        for shape in texts:
            x, top, box_width, _ = shape.box
            fitted = shape.fitted
            assert fitted.width <= box_width + 0.5, (fmt, fitted.texts)
            left = x - fitted.width / 2 if shape.align == "center" else x
            assert left >= 0 and left + fitted.width <= size[0], (fmt, fitted.texts)
            assert top >= 0 and top + fitted.height <= size[1], (fmt, fitted.texts)
            # measure the ink of this text alone on the full canvas
            canvas = Image.new("L", size, 0)
            draw(ImageDraw.Draw(canvas), fonts, fitted, x, top, 255, shape.align)
            ink = canvas.getbbox()
            assert ink is not None, fitted.texts
            assert ink[0] > 0 and ink[2] < size[0] and ink[1] > 0 and ink[3] < size[1], (fmt, fitted.texts, ink)


def test_rendered_png_has_the_format_size_and_no_metadata(fonts):
    designer = Designer(fonts)
    art = BadgeArt("Leermeester", "Ik ben", "teal", "dekrachtvanambacht.nl", "Zoë Visser", "Keramiek · Utrecht")
    for fmt, size in FORMATS.items():
        data = to_png(fonts, *designer.layout(art, fmt, "licht"))
        with Image.open(io.BytesIO(data)) as image:
            assert image.size == size
            assert not image.info.get("exif") and "XML:com.adobe.xmp" not in image.info
