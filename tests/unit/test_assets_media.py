"""A bundle's rules for pointers that hover, wider windows, the dark scheme and reduced motion in sheets of their own."""

import re

from assets.bundle import collect
from assets.media import blocks, medium_of, split
from hypothesis import given
from hypothesis import strategies as st
from test_assets import SPEC, css, make_theme

RULE = ".a{color:red}"
WIDE_40 = "@media (min-width:40rem){.a{display:grid}}"
WIDE_64 = "@media (min-width:64rem){.b{gap:1rem}}"
BAND = "@media (min-width:36rem) and (max-width:63.99rem){.c{order:1}}"
NARROW = "@media (max-width:29.99rem){.d{display:none}}"
DARK = "@media (prefers-color-scheme:dark){:root{--c-bg:#000}}"
CALM = "@media (prefers-reduced-motion:reduce){*{transition-duration:0.01ms!important}}"
MOVING = "@media (prefers-reduced-motion:no-preference){.e{transition:color .1s}}"
FACE = '@font-face{font-family:"X";src:url("x.woff2")}'
HOVER = "@media (hover:hover){.a:hover{color:blue}}"
ANY_HOVER = "@media (any-hover:hover){.a:hover{color:blue}}"
FORCED = "@media (forced-colors:active){.a{border-color:CanvasText}}"


def test_blocks_are_the_top_level_statements_and_respect_strings():
    text = '.a::before{content:"{ } ;"}' + WIDE_40 + "@import url(x.css);" + ".b{}"
    assert blocks(text) == ['.a::before{content:"{ } ;"}', WIDE_40, "@import url(x.css);", ".b{}"]


def test_which_blocks_move():
    assert [medium_of(b) for b in (RULE, WIDE_40, BAND, NARROW, DARK, CALM, MOVING, FACE, HOVER, ANY_HOVER,
                                      FORCED)] == [
        None, "wide", "wide", None, "dark", "reduced-motion", None, None, "hover", None, "forced-colors"]
    assert medium_of("@media (hover: hover){.a:hover{color:blue}}") == "hover"
    assert medium_of("@media (hover:none){.a{color:blue}}") is None
    # a query that only partly is one of the media stays: it may match now
    assert medium_of("@media (min-width:40rem),print{.a{top:0}}") is None
    assert medium_of("@media (prefers-color-scheme:dark) and (min-width:40rem){.a{top:0}}") is None


def test_split_keeps_what_applies_now_and_moves_the_rest_in_order():
    rest, sheets = split(FACE + RULE + WIDE_64 + HOVER + DARK + NARROW + BAND + MOVING + CALM + WIDE_40 + ANY_HOVER
                         + FORCED)
    assert rest == FACE + RULE + NARROW + MOVING + ANY_HOVER + "\n"
    # in MEDIA order: the forced colours' and the hover rules keep their place before the wide and dark ones
    assert [(s.name, s.media, s.css) for s in sheets] == [
        ("forced-colors", "(forced-colors: active)", FORCED + "\n"),
        ("hover", "(hover: hover)", HOVER + "\n"),
        ("wide", "(min-width: 36rem)", WIDE_64 + BAND + WIDE_40 + "\n"),
        ("dark", "(prefers-color-scheme: dark)", DARK + "\n"),
        ("reduced-motion", "(prefers-reduced-motion: reduce)", CALM + "\n"),
    ]


def test_nothing_to_move_means_no_sheets():
    assert split(RULE + NARROW) == (RULE + NARROW + "\n", [])


@given(st.lists(st.sampled_from([RULE, WIDE_40, WIDE_64, BAND, NARROW, DARK, CALM, MOVING, FACE, HOVER, ANY_HOVER, FORCED]), max_size=12))
def test_split_loses_and_invents_nothing(parts):
    rest, sheets = split("".join(parts))
    kept = [part for part in parts if medium_of(part) is None]
    assert blocks(rest) == kept
    for sheet in sheets:
        assert blocks(sheet.css) == [part for part in parts if medium_of(part) == sheet.name]
        if sheet.name == "wide":  # linked for the narrowest query: no moved rule can apply below it
            width = float(re.search(r"[\d.]+", sheet.media).group())
            assert all(float(w) >= width for w in re.findall(r"min-width:([\d.]+)", sheet.css))
    assert sum(len(blocks(sheet.css)) for sheet in sheets) + len(kept) == len(parts)


def test_bundles_link_their_sheets_with_their_media_and_share_equal_ones(tmp_path):
    parts = {"base/a": ".a{color:red}" + DARK, "components/b": WIDE_40, "base/c": ".c{top:0}", "components/d": WIDE_64}
    spec = SPEC.replace("[bundles]", "[bundles]\nstandalone = [\"two\"]")
    assets = collect(make_theme(tmp_path, spec=spec, parts=parts))
    one = assets.stylesheets("one")
    assert [media for _, media in one] == [None, "(min-width: 40rem)", "(prefers-color-scheme: dark)"]
    assert one[0][1] is None and "prefers-color-scheme" not in css(assets, "one") and "min-width" not in css(assets, "one")
    names = [path.rsplit("/", 1)[1] for path, _ in one]
    assert re.fullmatch(r"one\.[0-9a-f]{10}\.css", names[0]) and re.fullmatch(r"wide\.[0-9a-f]{10}\.css", names[1])
    # the same dark rules in every bundle: one file, cached once
    assert assets.stylesheets("none")[-1] == one[-1]
    assert [media for _, media in assets.stylesheets("none")] == [None, "(prefers-color-scheme: dark)"]
    # a standalone bundle (another medium already) is loaded as it is
    assert [media for _, media in assets.stylesheets("two")] == [None]
    assert "min-width" in css(assets, "two")
