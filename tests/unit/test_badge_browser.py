"""The drawing data the kit pages draw badges from in the browser (plugins/badges/browser.py)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from badges import browser
from badges.designs import FORMATS, VARIANTS, BadgeArt, Shape
from badges.fonts import FONT_DIR, WEB_FONT_DIR, badge_font_files, web_font_name
from fontTools.ttLib import TTFont

ART = BadgeArt("Leermeester", "Ik ben", "teal", "dekrachtvanambacht.nl", "Maria-Louise van den Heuvel-Vanderbroeck",
               "Restauratieschilderen · Overijssel", "Historische afwerkingen: marmeren en bladgoud")



@pytest.fixture(scope="module")
def design(designer):
    return browser.template(designer, "dekrachtvanambacht.nl")


def test_template_has_the_geometry_of_every_format_variant_and_colour(design):
    assert design["geometry"].keys() == FORMATS.keys()
    for fmt, size in FORMATS.items():
        assert design["formats"][fmt]["size"] == list(size)
        assert set(design["geometry"][fmt]) == set(VARIANTS)
        for variant in VARIANTS:
            assert set(design["geometry"][fmt][variant]) == set(browser.COLOURS)
            kinds = {shape[0] for shape in design["geometry"][fmt][variant]["copper"]}
            assert kinds <= {"c", "r", "m"} and "m" in kinds
    assert design["fonts"] == [web_font_name(name) for name in badge_font_files()]
    json.dumps(design)  # plain data


def test_every_badge_that_names_someone_has_the_template_geometry(designer, design):
    for art in (ART, dataclasses.replace(ART, name="Jo", subline="", tagline=""),
                dataclasses.replace(ART, colour="ink", name="Ĳsbrand 🔨 IJzerman", tagline="")):
        texts, squares = browser.badge_texts(designer, art, design)
        assert texts.keys() == FORMATS.keys() and set(squares) == set(VARIANTS)


def test_a_text_dependent_shape_is_refused(design):
    shapes = [Shape("circle", (1, 2, 3, 0), "#000000")]
    with pytest.raises(ValueError, match="depends on its texts"):
        browser.check_geometry(design, "vierkant-400", "licht", "copper", shapes)


def test_runs_are_placed_where_the_build_draws_them(designer, design):
    texts, _ = browser.badge_texts(designer, ART, design)
    fonts = designer.fonts
    layout = designer.layout(ART, "deelkaart-1200x630", "licht")[1]
    shapes = [shape for shape in layout if shape.kind == "text"]
    assert len(texts["deelkaart-1200x630"]) == len(shapes)
    for (size, fills, runs), shape in zip(texts["deelkaart-1200x630"], shapes, strict=True):
        assert size == shape.fitted.size and fills[0] == shape.fill
        assert "".join(run[2] for run in runs) == "".join(shape.fitted.texts)
        first_line = shape.fitted.lines[0]
        x = shape.box[0] - (shape.fitted.widths[0] / 2 if shape.align == "center" else 0)
        assert runs[0][0] == pytest.approx(x, abs=0.01)
        assert runs[0][1] == pytest.approx(shape.box[1] + shape.fitted.size * 0.92, abs=0.01)
        if len(first_line) > 1:  # the next run starts where the first one ends
            advance = fonts.font(first_line[0].font, size).getlength(first_line[0].text)
            assert runs[1][0] == pytest.approx(x + advance, abs=0.02)
    # the emoji and the ĳ fall back to the fonts that have them
    other = dataclasses.replace(ART, name="Ĳsbrand 🔨")
    runs = [run for text in browser.badge_texts(designer, other, design)[0]["vierkant-1080"] for run in text[2]]
    used = {badge_font_files()[run[3]] for run in runs if "🔨" in run[2]}
    assert used == {"NotoEmoji_700Bold.ttf"}


def test_the_light_and_dark_texts_share_one_fit(designer, design):
    texts, _ = browser.badge_texts(designer, ART, design)
    for fmt in FORMATS:
        for _size, (light, dark), _runs in texts[fmt]:
            assert light.startswith("#") and dark.startswith("#") and light != dark


def test_drawing_keys_change_with_the_art_and_the_fonts():
    key = browser.drawing_key(ART, "fonts-1")
    assert key.endswith(".json")
    assert key == browser.drawing_key(dataclasses.replace(ART), "fonts-1")
    assert key != browser.drawing_key(dataclasses.replace(ART, tagline="Anders"), "fonts-1")
    assert key != browser.drawing_key(ART, "fonts-2")


@pytest.mark.parametrize("name", badge_font_files())
def test_web_fonts_have_the_glyphs_and_advances_of_the_build_fonts(name):
    """scripts/make_badge_fonts.py made them from theme/ttf; run it again when a TrueType file changes."""
    web = WEB_FONT_DIR / web_font_name(name)
    assert web.is_file(), f"{web} is missing: run scripts/make_badge_fonts.py"
    with TTFont(FONT_DIR / name) as source, TTFont(web) as target:
        assert target.flavor == "woff2"
        assert source.getBestCmap() == target.getBestCmap()
        source_metrics, target_metrics = source["hmtx"].metrics, target["hmtx"].metrics
        for glyph in set(source.getBestCmap().values()):
            assert target_metrics[glyph][0] == source_metrics[glyph][0], glyph
        assert ("GPOS" in source) == ("GPOS" in target) and ("GSUB" in source) == ("GSUB" in target)


def test_shared_fills_name_each_pair_once_and_give_back_the_same_texts(designer, design):
    other = dataclasses.replace(ART, colour=next(c for c in browser.COLOURS if c != ART.colour))
    texts = [browser.badge_texts(designer, art, design)[0] for art in (ART, other)]
    fills, shared = browser.shared_fills(texts)
    assert len(fills) == len({tuple(pair) for badge in texts for lines in badge.values() for _, pair, _ in lines})
    assert len(fills) < sum(len(lines) for badge in texts for lines in badge.values())
    # resolving the index, as badge-kit.js does, gives every badge's texts back
    assert [{fmt: [[size, fills[index], runs] for size, index, runs in lines] for fmt, lines in badge.items()}
            for badge in shared] == texts


def test_shared_strings_name_each_text_once_and_give_back_the_same_texts(designer, design):
    other = dataclasses.replace(ART, colour=next(c for c in browser.COLOURS if c != ART.colour))
    texts = [browser.shared_fills([browser.badge_texts(designer, art, design)[0] for art in (ART, other)])[1]][0]
    strings, shared = browser.shared_strings(texts)
    runs = [run for badge in texts for lines in badge.values() for _, _, line in lines for run in line]
    assert sorted(strings) == sorted({run[2] for run in runs}) and len(strings) < len(runs)
    assert all(isinstance(run[2], int) for badge in shared for lines in badge.values() for _, _, line in lines
               for run in line)
    # resolving the index, as badge-kit.js does, gives every badge's texts back
    assert [{fmt: [[size, fill, [[x, y, strings[text], font] for x, y, text, font in line]] for size, fill, line in lines]
             for fmt, lines in badge.items()} for badge in shared] == texts
