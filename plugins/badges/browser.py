"""The badges as data for the kit page, which draws them in the browser. Pure Python, no Pelican.

The build lays a badge out once with ``designs.Designer`` (the same shapes and fitted text the PNG and
SVG renders use) and hands the browser two things:

- the design template, one file for the whole site: the geometry (circles, rectangles, the campaign
  mark) of every format in every variant and colour, and the font files (``template``);
- per badge of a kit, its fitted text: every run of text with its font, size, baseline and x position
  (measured here with the real fonts), and its colour in either variant (``badge_texts``).

``theme/static/js/badge-kit.js`` draws exactly these shapes on a canvas with the same fonts as WOFF2
(``fonts.WEB_FONT_DIR``), so a browser-drawn badge matches the build's render of it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from infra.cachekey import code_digest
from infra.files import atomic_write
from infra.sequences import batches
from responsive_images.pipeline import Workers, start_map

from .designs import FORMATS, PALETTES, VARIANTS, BadgeArt, Designer, Shape
from .fonts import FontSet, badge_font_files, css_font, web_font_name
from .kit import BATCH, cache_key, in_batches
from .mark import COPPER, INK, MARK_RADIUS, MARK_SIZE, PAPER, mark_polygons
from .textfit import Fitted

COLOURS = tuple(PALETTES["licht"]["accent"])
# A stand-in badge with every text present: the geometry of a format depends on whether a badge names
# someone, never on the texts themselves (``check_geometry`` holds every kit to that).
STAND_IN = {"badge_name": "Ambachtsmens", "label": "Ik ben", "name": "Naam", "subline": "Ambacht", "tagline": "Tekst"}


def _round(value: float) -> float | int:
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def shape_data(shape: Shape) -> list:
    """One geometric shape: ``["c", cx, cy, r, fill]``, ``["r", x0, y0, x1, y1, fill, radius]`` or ``["m", x, y, size]``."""
    if shape.kind == "circle":
        return ["c", *(_round(v) for v in shape.box[:3]), shape.fill]
    if shape.kind == "rect":
        return ["r", *(_round(v) for v in shape.box), shape.fill, _round(shape.radius)]
    if shape.kind == "mark":
        return ["m", *(_round(v) for v in shape.box[:3])]
    raise ValueError(f"not a geometric shape: {shape.kind}")


def geometry(shapes: list[Shape]) -> list[list]:
    return [shape_data(shape) for shape in shapes if shape.kind != "text"]


def text_runs(fonts: FontSet, fitted: Fitted, x: float, top: float, align: str) -> list[list]:
    """``[x, baseline, text, font index]`` per run, placed as ``textfit.draw`` places them."""
    index = {name: number for number, name in enumerate(badge_font_files())}
    runs = []
    for line_number, (line, width) in enumerate(zip(fitted.lines, fitted.widths, strict=True)):
        baseline = top + fitted.size * 0.92 + line_number * fitted.line_height
        cursor = x - width / 2 if align == "center" else x
        for run in line:
            runs.append([_round(cursor), _round(baseline), run.text, index[run.font]])
            cursor += fonts.length(run, fitted.size)
    return runs


def template(designer: Designer, site: str) -> dict:
    """The design every kit page draws with: the font files and, per format, variant and colour, the geometry
    of a badge that names someone. Keys: ``geometry[format][variant][colour]``."""
    shapes: dict = {}
    for fmt in FORMATS:
        shapes[fmt] = {}
        for variant in VARIANTS:
            shapes[fmt][variant] = {}
            for colour in COLOURS:
                art = BadgeArt(colour=colour, site=site, **STAND_IN)
                _size, layout, _transparent = designer.layout(art, fmt, variant)
                shapes[fmt][variant][colour] = geometry(layout)
    upper, lower = mark_polygons()
    return {
        "formats": {fmt: {"size": list(size), "transparent": fmt.startswith("handtekening")} for fmt, size in FORMATS.items()},
        "variants": list(VARIANTS),
        "fonts": [web_font_name(name) for name in badge_font_files()],
        "css_fonts": [css_font(name) for name in badge_font_files()],  # for SVG text: family list and weight
        "mark": {"size": MARK_SIZE, "radius": MARK_RADIUS, "upper": upper, "lower": lower, "colours": [COPPER, PAPER, INK]},
        "geometry": shapes,
    }


def check_geometry(designer_template: dict, fmt: str, variant: str, colour: str, shapes: list[Shape]) -> None:
    """A kit's badge must have the template's geometry, or the browser would draw another badge."""
    expected = designer_template["geometry"][fmt][variant][colour]
    if geometry(shapes) != expected:
        raise ValueError(f"badge geometry of {fmt}/{variant}/{colour} depends on its texts; the kit page's template "
                         "cannot draw it (keep text-dependent shapes out of designs.Designer.layout)")


def badge_texts(designer: Designer, art: BadgeArt, designer_template: dict,
                checked: set | None = None) -> tuple[dict, dict[str, list[Shape]]]:
    """The fitted texts of every format of one badge, and the shapes of the square (for its SVG).

    ``checked`` (a set owned by the caller) remembers geometries already held to the template.
    Returns ``({format: [[size, [light fill, dark fill], runs], ...]}, {variant: shapes of vierkant-1080})``."""
    texts: dict = {}
    squares: dict[str, list[Shape]] = {}
    checked = checked if checked is not None else set()
    for fmt in FORMATS:
        layouts = {}
        for variant in VARIANTS:
            _size, shapes, _transparent = designer.layout(art, fmt, variant)
            seen = (fmt, variant, art.colour, tuple(shape for shape in shapes if shape.kind != "text"))
            if seen not in checked:
                check_geometry(designer_template, fmt, variant, art.colour, shapes)
                checked.add(seen)
            layouts[variant] = [shape for shape in shapes if shape.kind == "text"]
            if fmt == "vierkant-1080":
                squares[variant] = shapes
        light, dark = layouts["licht"], layouts["donker"]
        if [(s.fitted, s.box, s.align) for s in light] != [(s.fitted, s.box, s.align) for s in dark]:
            raise ValueError(f"the texts of {fmt} differ between the variants; the kit page draws them once")
        texts[fmt] = [[shape.fitted.size, [shape.fill, other.fill],
                       text_runs(designer.fonts, shape.fitted, shape.box[0], shape.box[1], shape.align)]
                      for shape, other in zip(light, dark, strict=True)]
    return texts, squares


def shared_fills(texts_of_badges: list[dict]) -> tuple[list[list[str]], list[dict]]:
    """The badges' fitted texts (``badge_texts``) with each ``[light fill, dark fill]`` pair named once.

    Returns ``(fills, texts)``: the distinct pairs in order of first use, and per badge its texts with
    the index of its pair in ``fills`` where the pair stood. A kit page names a few pairs some sixty
    times (every line of every format), and every profile has a kit page (issue 14)."""
    fills: list[list[str]] = []
    index: dict[tuple[str, ...], int] = {}

    def named(pair: list[str]) -> int:
        key = tuple(pair)
        if key not in index:
            index[key] = len(fills)
            fills.append(list(pair))
        return index[key]

    shared = [{fmt: [[size, named(pair), runs] for size, pair, runs in lines] for fmt, lines in texts.items()}
              for texts in texts_of_badges]
    return fills, shared


def shared_strings(texts_of_badges: list[dict]) -> tuple[list[str], list[dict]]:
    """The badges' texts (as ``shared_fills`` gives them) with each run's text named once.

    Returns ``(strings, texts)``: the distinct texts in order of first use, and per badge its texts with
    each run's text replaced by its index in ``strings``. A badge shows the campaign's name, the person's
    name, subline and tagline in each of its five formats, and a second badge of the kit shows them again
    (about 580 bytes of every kit page at scale M; issue 14)."""
    strings: list[str] = []
    index: dict[str, int] = {}

    def named(text: str) -> int:
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    shared = [{fmt: [[size, fill, [[x, baseline, named(text), font] for x, baseline, text, font in runs]]
                     for size, fill, runs in lines] for fmt, lines in texts.items()}
              for texts in texts_of_badges]
    return strings, shared


def drawing_digest(design: str) -> str:
    """The digest of what makes a badge's drawing data: this module and the badge design (``kit.design_digest``)."""
    return code_digest(sys.modules[__name__], design)


def drawing_key(art: BadgeArt, drawing: str) -> str:
    """The cache file of a badge's drawing data: a hash of its art and ``drawing_digest``."""
    return cache_key(art, "drawing", "", drawing) + ".json"


def drawing(designer: Designer, art: BadgeArt, design: dict, checked: set | None = None) -> dict:
    """What a kit page needs of one badge: its fitted texts (the light SVG is a hosted file of the kit)."""
    texts, _squares = badge_texts(designer, art, design, checked)
    return {"texts": texts}


def _drawing_batch(job: tuple[list[tuple[BadgeArt, str]], str, dict]) -> int:
    items, cache_dir, design = job
    designer = Designer(FontSet())
    checked: set = set()  # the geometries of this batch already held to the template
    for art, key in items:
        atomic_write(Path(cache_dir) / key, json.dumps(drawing(designer, art, design, checked), ensure_ascii=False))
    return len(items)


def make_drawings(items: dict[str, BadgeArt], cache_dir: Path, design: dict, workers: int | None = None,
                  shared: Workers | None = None) -> int:
    """Lay out the badges (``{cache key: art}``) missing from the cache, in batches across processes."""
    return in_batches(_drawing_batch, _missing_batches(items, cache_dir, design), workers, shared)[0]


def start_drawings(items: dict[str, BadgeArt], cache_dir: Path, design: dict, shared: Workers | None = None):
    """``make_drawings`` started now on the build's ``shared`` workers; the returned call waits for it."""
    pending = start_map(_drawing_batch, _missing_batches(items, cache_dir, design), shared)
    return lambda: sum(pending()[0])


def _missing_batches(items: dict[str, BadgeArt], cache_dir: Path, design: dict) -> list:
    cache_dir.mkdir(parents=True, exist_ok=True)
    missing = sorted((key, art) for key, art in items.items() if not (cache_dir / key).exists())
    return [([(art, key) for key, art in batch], str(cache_dir), design) for batch in batches(missing, BATCH)]


def load_drawing(cache_dir: Path, key: str, art: BadgeArt, design: dict) -> dict:
    """A badge's drawing data from the cache, made here if the cache lost it."""
    path = cache_dir / key
    if not path.exists():
        make_drawings({key: art}, cache_dir, design, workers=1)
    return json.loads(path.read_text(encoding="utf-8"))
