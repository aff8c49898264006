"""Trim the web fonts' weight axis to the weights their ``@font-face`` rules declare.

The variable fonts ship with a weight axis of 200-800. The site sets body text at 400-700 and headings
at 400-800 (``theme/css``), so the weights outside those ranges are bytes every visitor downloads and
no page draws. The ``@font-face`` rules in ``theme/css`` (``base/fonts*.css``) declare each face's range
(``font-weight: 400 700``); this script limits each file's ``wght`` axis to the range its rule
declares, with fontTools' instancer (the other axes, such as the optical size, stay whole). Weights
inside the range are drawn as before, up to the rounding of the instancer's deltas (advance widths
change by at most 0.1 %).

Run after copying new font files from their packages (see the fonts README), or after changing a
declared range: ``.venv/bin/python scripts/make_web_fonts.py``. ``--check`` only compares (the unit
tests do that). Running it again changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent

from assets.fontuse import faces  # noqa: E402
from infra.files import atomic_write  # noqa: E402

FONTS = ROOT / "theme" / "static" / "fonts"
CSS = ROOT / "theme" / "css"


def declared() -> tuple[dict[str, tuple[float, float]], list[str]]:
    """Each web font file and the weights its rules declare; and what is wrong with the declarations."""
    ranges: dict[str, tuple[float, float]] = {}
    problems = []
    for sheet in sorted(CSS.rglob("*.css")):  # every sheet that declares a face
        for face in faces(sheet.read_text(encoding="utf-8")):
            name = PurePosixPath(face.url).name
            if ranges.setdefault(name, face.weight) != face.weight:
                problems.append(f"{sheet.relative_to(ROOT)}: {name}: font-weight {face.weight} differs from "
                                f"another rule's {ranges[name]}")
    return ranges, problems


def axis(path: Path) -> tuple[float, float] | None:
    """The file's weight axis as (lightest, heaviest); None if it has none."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    if "fvar" not in font:
        return None
    for each in font["fvar"].axes:
        if each.axisTag == "wght":
            return each.minValue, each.maxValue
    return None


def trim(path: Path, weights: tuple[float, float]) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(TTFont(path), {"wght": weights})
    font.flavor = "woff2"
    atomic_write(path, lambda partial: font.save(str(partial)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file's weights differ from its rule's")
    args = parser.parse_args(argv)
    ranges, problems = declared()
    for name, weights in sorted(ranges.items()):
        path = FONTS / name
        if not path.is_file():
            problems.append(f"{path.relative_to(ROOT)}: no such file")
            continue
        current = axis(path)
        if current == weights:
            continue
        if current is None or not (current[0] <= weights[0] and weights[1] <= current[1]):
            problems.append(f"{path.relative_to(ROOT)}: weights {current} cannot serve the declared {weights}")
        elif args.check:
            problems.append(f"{path.relative_to(ROOT)}: weights {current}, declared {weights}; "
                            "run scripts/make_web_fonts.py")
        else:
            before = path.stat().st_size
            trim(path, weights)
            print(f"{path.relative_to(ROOT)}: weights {current[0]:g}-{current[1]:g} -> {weights[0]:g}-{weights[1]:g}, "
                  f"{before} -> {path.stat().st_size} bytes")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
