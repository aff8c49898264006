"""The theme assets: CSS bundles, minifying, fingerprinted names, imports, precompression."""

import gzip
import hashlib
import itertools
import re
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from assets.bundle import AssetError, collect, fingerprinted, load_spec, minify_css
from assets.compress import (
    CACHED_SIZE,
    brotli_bytes,
    cached_copy,
    compressed,
    compressible,
    copies_digest,
    gzip_bytes,
    worth_caching,
)
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from seo.headers import COMPRESSED_SUFFIXES

SPEC = """
[order]
parts = ["base/a", "components/b", "base/c", "components/d"]
[bundles]
base = ["base/a", "base/c"]
one = ["components/d", "components/b"]
two = ["components/b"]
none = []
"""


def make_theme(tmp_path, spec=SPEC, parts=None, scripts=None):
    theme = tmp_path / "theme"
    (theme / "static" / "fonts").mkdir(parents=True)
    (theme / "static" / "images").mkdir()
    (theme / "static" / "js").mkdir()
    (theme / "static" / "fonts" / "x.woff2").write_bytes(b"wOF2 font bytes")
    (theme / "static" / "images" / "logo.svg").write_text("<svg/>")
    parts = parts or {
        "base/a": '@font-face { font-family: "X"; src: url("../fonts/x.woff2") format("woff2"); }\n.a { color: red; }',
        "components/b": "/* the b component */\n.b  >  .c { margin : calc(1rem + 2vw) ; }",
        "base/c": ".c { background: url(../images/logo.svg) no-repeat; }",
        "components/d": '.d::before { content: "  a  /* not a comment */ "; }',
    }
    for name, text in parts.items():
        path = theme / "css" / f"{name}.css"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (theme / "css" / "bundles.toml").write_text(spec, encoding="utf-8")
    for name, text in (scripts or {"a.js": 'import { b } from "./b.js";\nb();\n', "b.js": "export function b() {}\n"}).items():
        (theme / "static" / "js" / name).write_text(text, encoding="utf-8")
    return theme


def css(assets, bundle):
    return assets.files[assets.names[f"css/{bundle}.css"]].decode()


def test_fingerprinted_name_is_the_hash_of_the_bytes():
    name = fingerprinted("site.css", b"body{}")
    assert name == f"site.{hashlib.sha256(b'body{}').hexdigest()[:10]}.css"
    assert fingerprinted("site.css", b"body{ }") != name
    assert fingerprinted("x.tar.gz", b"1").endswith(".tar.gz")


def test_minifier_keeps_what_matters():
    text = minify_css('/* c */\n.a  >  .b ,\n.c { width : calc(100% - 2rem) ; content: "  x  /* y */" ; }\n'
                      "@media (min-width: 40rem) { .a:not(.b) .c { color: red; } }\n.d :is(.e) { top: 0 }")
    assert "/* c */" not in text and "\n" not in text.strip()
    assert "calc(100% - 2rem)" in text  # the spaces around - in calc() are needed
    assert '"  x  /* y */"' in text  # strings are left alone
    assert ".d :is(.e)" in text  # a descendant combinator before a pseudo-class stays
    assert "@media (min-width:40rem)" in text or "@media (min-width: 40rem)" in text


def test_bundles_keep_the_cascade_order_and_include_base(tmp_path):
    assets = collect(make_theme(tmp_path))
    one = css(assets, "one")
    # listed as d, b; cascade order is a, b, c, d
    positions = [one.index(marker) for marker in (".a{", ".b>", ".c{", ".d:")]
    assert positions == sorted(positions)
    assert ".d:" not in css(assets, "two") and ".b>" in css(assets, "two")
    assert css(assets, "none").count("{") == css(assets, "base").count("{")


def test_fonts_get_their_fingerprinted_name_and_images_stay(tmp_path):
    assets = collect(make_theme(tmp_path))
    font = assets.names["fonts/x.woff2"]
    assert re.fullmatch(r"x\.[0-9a-f]{10}\.woff2", font)
    assert assets.files[font] == b"wOF2 font bytes"
    base = css(assets, "base")
    assert f'url("{font}")' in base and "../fonts/" not in base
    assert "url(../images/logo.svg)" in base
    assert assets.path("css/base.css") == "theme/assets/" + assets.names["css/base.css"]


@pytest.mark.parametrize("reference", ["../images/missing.svg", "../fonts/missing.woff2", "../../secret.css",
                                       "https://example.org/x.woff2", "/theme/images/logo.svg"])
def test_a_missing_or_foreign_url_is_an_error(tmp_path, reference):
    parts = {"base/a": f".a {{ background: url('{reference}'); }}", "components/b": "", "base/c": "", "components/d": ""}
    with pytest.raises(AssetError, match=re.escape(reference)):
        collect(make_theme(tmp_path, parts=parts))


@pytest.mark.parametrize("spec, message", [
    (SPEC.replace('"components/d"]', '"components/d", "components/e"]', 1), "components/e: no file"),
    (SPEC.replace('parts = ["base/a", ', 'parts = ['), "base/a.css is in no bundle's order"),
    (SPEC.replace('two = ["components/b"]', 'two = ["components/x"]'), "bundles.two: components/x: not in the order"),
    (SPEC.replace('"base/c", "components/d"]', '"base/c", "components/d", "base/c"]', 1), "named twice"),
])
def test_bundle_spec_problems_are_reported(tmp_path, spec, message):
    theme = make_theme(tmp_path, spec=spec)
    with pytest.raises(AssetError, match=re.escape(message)):
        load_spec(theme / "css" / "bundles.toml")


def test_script_imports_name_the_fingerprinted_module(tmp_path):
    assets = collect(make_theme(tmp_path))
    b = assets.names["js/b.js"]
    a = assets.files[assets.names["js/a.js"]].decode()
    assert f'from "./{b}"' in a and '"./b.js"' not in a
    # a change of b changes b's name and so a's bytes and name
    theme = make_theme(tmp_path / "2", scripts={"a.js": 'import { b } from "./b.js";\nb();\n',
                                                 "b.js": "export function b() { return 1; }\n"})
    again = collect(theme)
    assert again.names["js/a.js"] != assets.names["js/a.js"]


@pytest.mark.parametrize("scripts, message", [
    ({"a.js": 'import "./c.js";\n'}, "imports ./c.js"),
    ({"a.js": 'import { b } from "./b.js";\n', "b.js": 'export { a } from "./a.js";\n'}, "imports itself"),
    ({"a.js": 'const m = await import("./gone.js");\n'}, "imports ./gone.js"),
])
def test_broken_imports_are_errors(tmp_path, scripts, message):
    with pytest.raises(AssetError, match=re.escape(message)):
        collect(make_theme(tmp_path, scripts=scripts))


def test_unknown_asset_is_an_error(tmp_path):
    assets = collect(make_theme(tmp_path))
    with pytest.raises(AssetError, match=re.escape("css/nope.css")):
        assets.path("css/nope.css")


def test_compressed_copies_round_trip_and_are_deterministic():
    data = ("<p>Vakmanschap verbindt — ĳzer</p>\n" * 200).encode()
    assert gzip.decompress(gzip_bytes(data)) == data
    assert gzip_bytes(data) == gzip_bytes(data)
    assert gzip_bytes(data)[4:8] == b"\0\0\0\0"  # mtime 0
    assert brotli.decompress(brotli_bytes(data)) == data == brotli.decompress(brotli_bytes(data, best=True))
    assert brotli_bytes(data) == brotli_bytes(data)


def test_a_cached_copy_is_made_once_and_named_by_its_bytes_kind_quality_and_code(tmp_path):
    data = ("<p>Vakmanschap verbindt — ĳzer</p>\n" * 200).encode()
    code = copies_digest()
    gz = cached_copy(tmp_path, "gz", data, False, code)
    assert gzip.decompress(gz.read_bytes()) == data and gz.read_bytes() == gzip_bytes(data)
    made = gz.stat().st_mtime_ns
    assert cached_copy(tmp_path, "gz", data, False, code) == gz and gz.stat().st_mtime_ns == made  # made once
    quick, best = cached_copy(tmp_path, "br", data, False, code), cached_copy(tmp_path, "br", data, True, code)
    assert quick != best and quick.read_bytes() == brotli_bytes(data) and best.read_bytes() == brotli_bytes(data, best=True)
    assert cached_copy(tmp_path, "gz", data + b"!", False, code) != gz  # other bytes
    assert cached_copy(tmp_path, "gz", data, False, "other code") != gz  # other code: never the old file
    assert len(list(tmp_path.iterdir())) == 5


def test_the_digest_of_the_copies_follows_the_code_and_the_libraries(tmp_path, monkeypatch):
    """An edit to the compressing code (a quality) or another Brotli or zlib names new files."""
    import zlib

    import assets.compress as module

    before = copies_digest()
    assert copies_digest() == before
    edited = tmp_path / "compress.py"
    edited.write_text(Path(module.__file__).read_text(encoding="utf-8").replace("BROTLI_QUICK = ", "BROTLI_QUICK = 1 + "),
                      encoding="utf-8")
    with monkeypatch.context() as patch:
        patch.setattr(module, "__file__", str(edited))
        assert copies_digest() != before
    with monkeypatch.context() as patch:
        patch.setattr(brotli, "__version__", "0.0.0")
        assert copies_digest() != before
    with monkeypatch.context() as patch:
        patch.setattr(zlib, "ZLIB_RUNTIME_VERSION", "0.0.0")
        assert copies_digest() != before
    assert copies_digest() == before


def test_parallel_writers_of_one_cached_copy_agree(tmp_path):
    """Two threads of one build may compress equal bytes (a script and its fingerprinted copy) at once."""
    from concurrent.futures import ThreadPoolExecutor

    data = bytes(range(256)) * 512
    with ThreadPoolExecutor(max_workers=8) as pool:
        paths = set(pool.map(lambda _: cached_copy(tmp_path, "gz", data, False, "code"), range(32)))
    assert len(paths) == 1 and gzip.decompress(paths.pop().read_bytes()) == data
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


@pytest.mark.parametrize(("size", "best", "expected"), [
    (100, True, True), (100, False, False), (CACHED_SIZE - 1, False, False), (CACHED_SIZE, False, True)])
def test_which_copies_are_kept_between_builds(size, best, expected):
    assert worth_caching(size, best) is expected


@settings(max_examples=25, deadline=None)  # compression speed is not what is tested
@given(st.binary(max_size=4096), st.sampled_from(["gz", "br"]), st.booleans())
def test_every_compressed_copy_restores_its_original(data, kind, best):
    copy = compressed(kind, data, best)
    assert (gzip.decompress(copy) if kind == "gz" else brotli.decompress(copy)) == data


def test_an_unknown_kind_of_copy_is_an_error():
    with pytest.raises(ValueError, match="zip"):
        compressed("zip", b"x")


@pytest.mark.parametrize("name, expected", [
    ("index.html", True), ("theme/assets/x.1.css", True), ("agenda.ics", True), ("open-data/x.csv", True),
    ("sitemap.xml", True), ("images/a.svg", True), ("x.json", True), ("index.html.gz", False),
    ("x.css.br", False), ("images/a.webp", False), ("theme/assets/x.woff2", False), ("images/a.png", False),
])
def test_which_files_are_precompressed(name, expected):
    assert compressible(name, COMPRESSED_SUFFIXES) is expected


def test_the_real_theme_bundles(tmp_path):
    assets = collect(ROOT / "theme")
    spec = load_spec(ROOT / "theme" / "css" / "bundles.toml")
    for bundle in spec.bundles:
        text = css(assets, bundle)
        assert "/*" not in text and "../fonts/" not in text
    assert assets.names["css/redirect.css"] == assets.names["css/base.css"].replace("base.", "redirect.")


def test_font_fallbacks_are_up_to_date():
    if not __import__("os").path.isfile("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"):
        pytest.skip("fonts-liberation is not installed (chromium's package brings it)")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "font_fallbacks.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_fallback_faces_cover_only_the_web_fonts_characters():
    from assets.fontmetrics import Fallback, unicode_ranges

    css = ('@font-face { font-family: "A"; src: url(a.woff2); unicode-range: U+0100-02BA, U+2020; }\n'
           '@font-face { font-family: "A"; src: url(b.woff2); unicode-range: U+0000-00FF, U+2020; }\n'
           '@font-face { font-family: "AB"; unicode-range: U+2192; }\n@font-face { font-family: "A"; }')
    # the union, adjacent and overlapping ranges merged: the same code points in fewer bytes
    assert unicode_ranges(css, "A") == "U+0000-02BA, U+2020"
    face = Fallback("A", "400", "regular", 99.5, 90.0, 25.0, 0.0, unicode_ranges(css, "A")).css()
    assert 'font-family: "A Fallback";' in face and 'local("Liberation Sans")' in face
    assert "size-adjust: 99.5%;" in face and "line-gap-override: 0%;" in face
    assert "unicode-range: U+0000-02BA, U+2020;" in face
    assert "font-style" not in face  # normal, the default


def test_percentages_keep_two_decimals_without_needless_zeros():
    from assets.fontmetrics import percent

    assert [percent(v) for v in (99.22, 99.5, 27.0, 0.0, 0.004, 103.745)] == ["99.22%", "99.5%", "27%", "0%", "0%", "103.75%"]


def test_unicode_ranges_are_written_in_their_shortest_notation():
    from assets.bundle import minify_css
    from assets.fontmetrics import compact_unicode_ranges, short_span

    assert short_span(0, 0xFF) == "U+??" and short_span(0x400, 0x4FF) == "U+4??" and short_span(0x2020, 0x2020) == "U+2020"
    assert short_span(0x100, 0x2BA) == "U+100-2BA" and short_span(0x1E00, 0x1E9F) == "U+1E00-1E9F"
    css = '@font-face{font-family:"A";unicode-range:U+0000-00FF, U+0131,U+0152-0153}.a{color:red}'
    assert compact_unicode_ranges(css) == '@font-face{font-family:"A";unicode-range:U+??,U+131,U+152-153}.a{color:red}'
    assert "unicode-range:U+??,U+2020}" in minify_css("@font-face { unicode-range: U+0000-00FF, U+2020; }")


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 0x10FFFF), st.integers(0, 0x1000)), min_size=1, max_size=8))
def test_the_shortest_notation_covers_the_same_code_points(spans):
    from assets.fontmetrics import compact_unicode_ranges

    parts = [f"U+{first:04X}-{min(first + length, 0x10FFFF):04X}" for first, length in spans]
    short = compact_unicode_ranges("unicode-range:" + ", ".join(parts) + ";")[len("unicode-range:"):-1]
    assert [code_points(a) for a in short.split(",")] == [code_points(b) for b in parts]


def code_points(ranges):
    from assets.fontmetrics import code_span

    return {point for part in ranges.split(",") if part.strip()
            for point in range(code_span(part)[0], code_span(part)[1] + 1)}


@settings(deadline=None)  # the machine is shared: a slow first example is load, not a bug
@given(st.lists(st.tuples(st.integers(0, 0x3000), st.integers(0, 64)), max_size=12))
def test_merged_unicode_ranges_cover_the_same_code_points(spans):
    from assets.fontmetrics import merge_ranges

    parts = [f"U+{first:04X}" if not length else f"U+{first:04X}-{first + length:04X}" for first, length in spans]
    merged = merge_ranges(parts)
    assert code_points(merged) == code_points(", ".join(parts))
    bounds = [code_points(part) for part in merged.split(",") if part.strip()]
    # disjoint, sorted and not adjacent: nothing left to merge
    assert all(max(a) + 1 < min(b) for a, b in itertools.pairwise(bounds))


def test_merged_unicode_ranges_read_wildcards():
    from assets.fontmetrics import merge_ranges

    assert merge_ranges(["U+4??", "U+0500-0510", "u+0300"]) == "U+0300, U+0400-0510"


def test_fallback_metrics_follow_the_fonts():
    from assets.fontmetrics import average_width, fallback, load

    liberation = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
    if not __import__("os").path.isfile(liberation):
        pytest.skip("fonts-liberation is not installed")
    arial_like = load(liberation)
    same = fallback("X", "400", "regular", arial_like, arial_like)
    assert round(same.size_adjust, 6) == 100.0  # a font against itself needs no adjusting
    body = load(str(ROOT / "theme" / "static" / "fonts" / "atkinson-hyperlegible-next-latin-wght-normal.woff2"),
                {"wght": 400})
    bold = load(str(ROOT / "theme" / "static" / "fonts" / "atkinson-hyperlegible-next-latin-wght-normal.woff2"),
                {"wght": 700})
    assert average_width(bold) > average_width(body)  # the axis is applied
    face = fallback("X", "400", "regular", body, arial_like)
    assert face.ascent == pytest.approx(100 * 984 / 1000 / (face.size_adjust / 100))


def test_rules_apply_when_all_their_classes_are_present():
    from assets.usage import applicable

    css = """/* a comment .ghost { } */
    .card { color: red }
    .card .chip, .tag { margin: 0 }
    .grid:has(> .card) .title:not(.muted) { padding: 0 }
    @media (min-width: 40rem) { .wide .card { gap: 1rem } }
    @font-face { font-family: "X"; src: url(x.woff2) }
    main > p { margin: 0 }
    a[class="card big"]:hover { color: blue }
    """
    assert applicable(css, set()) == []  # selectors of elements only tell nothing
    assert applicable(css, {"card"}) == [".card"]
    assert applicable(css, {"tag"}) == [".card .chip,.tag"]
    # :has() and :not() arguments need not be present; the rest must
    assert applicable(css, {"grid", "title"}) == [".grid:has(>.card) .title:not(.muted)"]
    assert applicable(css, {"card", "wide"}) == [".card", ".wide .card"]


def test_script_classes_are_the_words_of_string_literals():
    from assets.usage import applicable, script_classes

    js = """el.classList.add("copy-button--done"); el.className = 'a b';
    node.className = `verify-result verify-result--${verdict}`; // a comment with ".not-a-string"
    const url = "https://example.org/x y";"""
    words = script_classes(js)
    assert {"copy-button--done", "a", "b", "verify-result", "verify-result--*"} <= words
    assert "https://example.org/x" not in words and "not-a-string" not in words
    # a prefix from a template literal stands for every class it begins
    assert applicable(".verify-result--geldig { color: green }", words) == [".verify-result--geldig"]
    assert applicable(".verify-drop { color: green }", words) == []


def test_markup_classes():
    from assets.usage import markup_classes

    assert markup_classes('<p class="a  b"><span class="c">x</span><i data-class="d"></i>') == {"a", "b", "c"}
