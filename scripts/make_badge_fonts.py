"""Write the badge faces of theme/ttf/ as WOFF2 for the kit pages, which draw badges in the browser.

Every glyph, cmap entry and layout feature stays (the build measures and chooses fallback fonts with
the full TrueType files, so the browser must have the same glyphs); only the hinting is dropped, which
the browser does not use for canvas text at these sizes. Run after changing a file in theme/ttf/:

    .venv/bin/python scripts/make_badge_fonts.py

Needs ``brotli`` (requirements-test.txt).
"""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]

from badges.fonts import FONT_DIR, WEB_FONT_DIR, badge_font_files, web_font_name  # noqa: E402


def to_woff2(source: Path, target: Path) -> None:
    font = TTFont(source)
    options = subset.Options()
    options.glyph_names = True
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=font.getGlyphOrder(), unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    font.flavor = "woff2"
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target, reorderTables=False)


def main() -> int:
    for name in badge_font_files():
        target = WEB_FONT_DIR / web_font_name(name)
        to_woff2(FONT_DIR / name, target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
