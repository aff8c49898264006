"""Optional parts of a CSS bundle: a sheet per combination, and the one a page's markup can use."""

import re

import pytest
from assets.bundle import AssetError, collect, load_spec, variant_name
from assets.usage import can_apply, markup_tags, requirements
from test_assets import make_theme

SPEC = """
[order]
parts = ["base/a", "base/i", "components/b", "components/t", "components/d"]
[bundles]
base = ["base/a", "base/i"]
one = ["components/b", "components/t", "components/d"]
two = ["components/b"]
[optional]
base = ["base/i"]
one = ["components/t", ["components/d"]]
"""
PARTS = {
    "base/a": ".a { color: red; }",
    "base/i": "em, i { font-style: italic; }",
    "components/b": ".b { margin: 0; }",
    "components/t": ".prose table:has(th) { width: 100%; } .prose :is(th, td) code { padding: 0; }",
    "components/d": '.d--x { gap: 0; } @media (min-width: 40rem) { .d--x { gap: 1rem; } }',
}
SCRIPTS = {"a.js": 'el.classList.add("d--x");\n', "b.js": "export function b() {}\n"}


def test_requirements_are_the_classes_and_elements_a_selector_names():
    css = """.prose table:has(tbody th) tr > :nth-child(2) { x: 1 }
    .prose :is(th, td) code { x: 1 }
    .prose ol > li::marker { x: 1 }
    abbr[title] { x: 1 }
    :focus-visible { x: 1 }
    .a:hover .b:not(.c) { x: 1 }
    @media (min-width: 3rem) { .x dl dd + dt { x: 1 } }
    @font-face { font-family: "X"; src: url(x.woff2) }"""
    assert requirements(css) == [
        # inside a .prose (usage.SCOPES); :has() need not be there
        (frozenset({"prose"}), frozenset({"prose table", "prose tr"})),
        (frozenset({"prose"}), frozenset({"prose code"})),  # one of :is()'s arguments is enough: none is required
        (frozenset({"prose"}), frozenset({"prose ol", "prose li"})),  # ::marker is no element
        (frozenset(), frozenset({"abbr", "[title]"})),  # an attribute as "[name]"
        (frozenset(), frozenset()),  # applies to every page
        (frozenset({"a", "b"}), frozenset()),
        (frozenset({"x"}), frozenset({"dl", "dd", "dt"})),
    ]


def test_a_rule_can_apply_when_its_classes_and_elements_are_all_on_the_page():
    needs = requirements(".prose table tr { x: 1 } .verify-result--geldig { x: 1 }")
    tags = markup_tags('<div class="prose"><TABLE><tr><td>x</td></tr></TABLE></div>')
    assert tags == {"div", "table", "tr", "td", "prose table", "prose tr", "prose td", "[class]"}
    assert can_apply(needs, {"prose"}, tags)
    assert not can_apply(needs, {"prose"}, {"div", "table", "tr"})  # a table, but not in the .prose
    assert not can_apply(needs, {"prose"}, {"div", "table", "prose table"})
    assert not can_apply(needs, {"card"}, tags)
    assert can_apply(needs, {"verify-result--*"}, set())  # a class a script makes from a prefix


def test_each_combination_of_optional_parts_is_a_sheet_in_the_cascade_order(tmp_path):
    assets = collect(make_theme(tmp_path, spec=SPEC, parts=PARTS, scripts=SCRIPTS))
    # one: the base's italics, the table part and the d part are optional: 2 x 2 x 2 sheets
    variants = {used: assets.files[assets.names[variant_name("one", used)]].decode()
                for used in [(i, t, d) for i in (False, True) for t in (False, True) for d in (False, True)]}
    for (italic, table, d), text in variants.items():
        assert ("font-style:italic" in text) == italic
        assert ("table" in text) == table
        assert (".d--x{gap:0}" in text) == d
        assert ".a{" in text and ".b{" in text
        assert "min-width" not in text  # the wide rules stay in the bundle's sheet for wider windows
        markers = [text.index(marker) for marker in (".a{", "em,i", ".b{", ".prose table", ".d--x")
                   if marker in text]
        assert markers == sorted(markers)
    # all optional parts: the same bytes, so the same file, as the whole bundle
    assert assets.names[variant_name("one", (True, True, True))] == assets.names["css/one.css"]
    assert len({assets.names[variant_name("one", used)] for used in variants}) == 8
    for name in (variant_name("one", used) for used in variants):
        assert re.fullmatch(r"one\.[0-9a-f]{10}\.css", assets.names[name])
    # two has the base's optional part only
    assert variant_name("two", (False,)) in assets.names and variant_name("two", (False, False)) not in assets.names


def sheets_of(assets, bundle, markup):
    return [path.rsplit("/", 1)[1] for path, _media in assets.stylesheets(bundle, markup)]


def test_a_page_links_the_sheet_with_the_optional_parts_its_markup_can_use(tmp_path):
    assets = collect(make_theme(tmp_path, spec=SPEC, parts=PARTS, scripts=SCRIPTS))

    def main_sheet(markup):
        return sheets_of(assets, "one", markup)[0]

    def variant(*used):
        return assets.names[variant_name("one", used)]

    assert main_sheet('<p class="a">x</p>') == variant(False, False, False)
    assert main_sheet('<p class="a"><em>x</em></p>') == variant(True, False, False)
    assert main_sheet('<div class="prose"><table><tr><th>x</th></tr></table></div>') == variant(False, True, False)
    # the judgement ignores structure (it errs towards linking): a table anywhere on a page with prose
    # a table outside the .prose: the prose's table rules cannot apply
    assert main_sheet('<div class="prose"><p>x</p></div><table></table>') == variant(False, False, False)
    # prose without a table does not need the table rules
    assert main_sheet('<div class="prose"><p>x</p></div>') == variant(False, False, False)
    # a class set by a script the page loads counts: a.js adds d--x
    script = assets.path("js/a.js")
    assert main_sheet(f'<script src="/{script}"></script>') == variant(False, False, True)
    # the sheets for other media are the bundle's, whatever the page holds
    assert sheets_of(assets, "one", "<p></p>")[1:] == sheets_of(assets, "one", None)[1:]
    assert sheets_of(assets, "one", None)[0] == assets.names["css/one.css"]


FONT_SPEC = """
[order]
parts = ["base/ext", "base/fonts", "components/b"]
[bundles]
base = ["base/ext", "base/fonts"]
one = ["components/b"]
[optional]
base = ["base/ext"]
"""
FONT_PARTS = {
    "base/ext": '@font-face { font-family: "X"; src: url("../fonts/x-ext.woff2"); unicode-range: U+0100-024F; }',
    "base/fonts": '@font-face { font-family: "X"; src: url("../fonts/x.woff2"); unicode-range: U+0000-00FF; }'
                  ' body { font-family: "X", sans-serif; }',
    "components/b": ".b { margin: 0; }",
}


def test_a_part_of_font_faces_alone_is_linked_when_the_page_may_use_one_of_them(tmp_path):
    """No rule of it can apply (it has none): the fonts the page's text may use decide (fontuse.may_use)."""
    theme = make_theme(tmp_path, spec=FONT_SPEC, parts=FONT_PARTS, scripts=SCRIPTS)
    (theme / "static" / "fonts" / "x-ext.woff2").write_bytes(b"wOF2 other font bytes")
    assets = collect(theme)

    def linked(markup):
        return sheets_of(assets, "one", markup)[0] == assets.names[variant_name("one", (True,))]

    assert not linked('<body><p class="b">Lucas</p></body>')
    assert linked('<body><p class="b">Łukasz</p></body>')
    assert linked('<body><img alt="Łukasz" src="x.jpg"></body>')  # shown when the image fails
    assert linked('<body><input name="naam"></body>')  # what the visitor types
    assert linked(f'<body><script type="module" src="/{assets.path("js/b.js")}"></script></body>')  # what a script writes
    # without the group the sheet has no @font-face for the latin-ext range, with it the sheet has
    without = assets.files[assets.names[variant_name("one", (False,))]].decode()
    assert "U+100-24F" not in without and "U+100-24F" in assets.files[assets.names[variant_name("one", (True,))]].decode()


@pytest.mark.parametrize("optional, message", [
    ('one = ["components/x"]', "optional.one: components/x: not in bundles.one"),
    ('two = ["components/d"]', "optional.two: components/d: not in bundles.two"),
    ('three = ["components/d"]', "optional.three: no such bundle"),
    ('one = ["components/d", ["components/t", "components/d"]]', "optional.one: a part is named twice"),
    ('base = ["components/d"]', "optional.two: components/d: not in bundles.two"),
])
def test_optional_parts_must_be_parts_of_their_bundle(tmp_path, optional, message):
    spec = SPEC.split("[optional]", 1)[0] + "[optional]\n" + optional + "\n"
    theme = make_theme(tmp_path, spec=spec, parts=PARTS, scripts=SCRIPTS)
    with pytest.raises(AssetError, match=re.escape(message)):
        load_spec(theme / "css" / "bundles.toml")
