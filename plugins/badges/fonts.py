"""Bundled fonts for the badges, with per-character fallback.

The campaign fonts (Bricolage Grotesque, Atkinson Hyperlegible Next) cover Latin; a
name in another script or with an emoji falls back to Noto Sans and then Noto Emoji,
character by character, so nothing is ever drawn as an empty box. All fonts are
SIL OFL 1.1 and ship with their licences in ``theme/ttf/`` (outside the static folder, so never published).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path(__file__).resolve().parents[2] / "theme" / "ttf"
# The same faces as WOFF2 for the kit pages, which draw the badges in the browser (scripts/make_badge_fonts.py).
WEB_FONT_DIR = Path(__file__).resolve().parents[2] / "theme" / "static" / "fonts" / "badges"

# Role -> font files, primary first. Fallbacks are shared by every role.
ROLES = {
    "display": ["BricolageGrotesque_800ExtraBold.ttf"],
    "heading": ["BricolageGrotesque_700Bold.ttf"],
    "text": ["AtkinsonHyperlegibleNext_400Regular.ttf"],
    "strong": ["AtkinsonHyperlegibleNext_700Bold.ttf"],
}
FALLBACKS = {
    "display": ["NotoSans_700Bold.ttf", "NotoEmoji_700Bold.ttf"],
    "heading": ["NotoSans_700Bold.ttf", "NotoEmoji_700Bold.ttf"],
    "text": ["NotoSans_400Regular.ttf", "NotoEmoji_700Bold.ttf"],
    "strong": ["NotoSans_700Bold.ttf", "NotoEmoji_700Bold.ttf"],
}
# CSS families for the same roles, for SVG text.
CSS_FAMILIES = {
    "BricolageGrotesque": "'Bricolage Grotesque'",
    "AtkinsonHyperlegibleNext": "'Atkinson Hyperlegible Next'",
    "NotoSans": "'Noto Sans'",
    "NotoEmoji": "'Noto Emoji'",
}
CSS_WEIGHTS = {"800ExtraBold": 800, "700Bold": 700, "400Regular": 400}

# Characters that belong to the character before them (joiners, variation selectors, skin tones).
JOINING = {"\u200d", "\ufe0e", "\ufe0f"}


def is_joining(char: str) -> bool:
    return char in JOINING or unicodedata.combining(char) > 0 or 0x1F3FB <= ord(char) <= 0x1F3FF


@dataclass(frozen=True)
class Run:
    """A stretch of text drawn with one font file."""

    text: str
    font: str  # file name in FONT_DIR


def badge_font_files() -> list[str]:
    """Every font file a badge can be drawn with, in a fixed order (primaries, then fallbacks)."""
    files: list[str] = []
    for role, primaries in ROLES.items():
        files += [name for name in primaries + FALLBACKS[role] if name not in files]
    return files


def web_font_name(file_name: str) -> str:
    """The WOFF2 file of a bundled font, below ``WEB_FONT_DIR`` (and theme/fonts/badges/ on the site)."""
    return Path(file_name).stem + ".woff2"


def css_font(file_name: str) -> tuple[str, int]:
    """CSS family list and weight for a bundled font file."""
    family, _, style = Path(file_name).stem.partition("_")
    return f"{CSS_FAMILIES[family]}, 'Noto Sans', sans-serif", CSS_WEIGHTS.get(style, 400)


@dataclass
class FontSet:
    """Loads each font file once per process; measures and splits text into runs."""

    folder: Path = FONT_DIR
    _cmaps: dict[str, frozenset[int]] = field(default_factory=dict)
    _fonts: dict[tuple[str, int], ImageFont.FreeTypeFont] = field(default_factory=dict)
    _lengths: dict[tuple[str, int, str], float] = field(default_factory=dict)

    def chain(self, role: str) -> list[str]:
        return ROLES[role] + FALLBACKS[role]

    def covers(self, file_name: str, char: str) -> bool:
        if file_name not in self._cmaps:
            from fontTools.ttLib import TTFont  # only where badges are drawn

            with TTFont(self.folder / file_name, lazy=True) as font:
                self._cmaps[file_name] = frozenset(font.getBestCmap())
        return ord(char) in self._cmaps[file_name]

    def font(self, file_name: str, size: int) -> ImageFont.FreeTypeFont:
        key = (file_name, size)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(str(self.folder / file_name), size)
        return self._fonts[key]

    def runs(self, text: str, role: str) -> list[Run]:
        """Split ``text`` into runs of the first font in the role's chain that has each character.

        Characters no bundled font has are left out rather than drawn as boxes.
        """
        chain = self.chain(role)
        runs: list[Run] = []
        for char in text:
            if runs and is_joining(char):
                if self.covers(runs[-1].font, char):
                    runs[-1] = Run(runs[-1].text + char, runs[-1].font)
                continue  # an invisible joiner the font lacks: drop it, keep the base character
            chosen = next((f for f in chain if self.covers(f, char)), None)
            if chosen is None:
                continue
            if runs and runs[-1].font == chosen:
                runs[-1] = Run(runs[-1].text + char, chosen)
            else:
                runs.append(Run(char, chosen))
        return runs

    def length(self, run: Run, size: int) -> float:
        """The advance width of a run at ``size``, measured once (a badge's formats and variants fit and
        place the same texts at many of the same sizes)."""
        key = (run.font, size, run.text)
        if key not in self._lengths:
            if len(self._lengths) > 65536:  # one batch's texts matter; keep memory flat
                self._lengths.clear()
            self._lengths[key] = self.font(run.font, size).getlength(run.text)
        return self._lengths[key]

    def width(self, runs: list[Run], size: int) -> float:
        return sum(self.length(run, size) for run in runs)

