"""Which badges a profile earns, which files its kit holds, and rendering them with a cache.

Pure Python and Pillow, no Pelican. A file's cache key is a hash of everything that
shapes it (the texts on it, the badge class, the format, and the design: the drawing code,
the font files and Pillow's version, ``design_digest``), so a build with nothing changed
renders nothing, an edit to the drawing code renders everything again, and rendering runs in
parallel across cores.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import PIL
from infra.cachekey import code_digest, key
from infra.files import atomic_write, place
from infra.sequences import batches
from responsive_images.pipeline import Workers, parallel_map, start_map

from . import designs, fonts, mark, pngwrite, textfit
from .designs import FORMATS, VARIANTS, BadgeArt, Designer, to_png, to_svg
from .fonts import FontSet

FORMAT_LABELS = {
    "vierkant-400": "Vierkant, klein — voor je website",
    "vierkant-1080": "Vierkant — Instagram, Facebook, profielfoto",
    "staand-1080x1350": "Staand — Instagram-bericht, story",
    "deelkaart-1200x630": "Deelkaart — LinkedIn, WhatsApp, Mastodon, Bluesky",
    "handtekening-600x200": "E-mailhandtekening (getoond op 300 × 100)",
    "svg": "Vierkant, schaalbaar (SVG met echte tekst) — voor drukwerk",
}
VARIANT_LABELS = {"licht": "licht", "donker": "donker"}
BATCH = 48  # files per task in the process pool (each task loads the fonts once)
# PNG files per task: each task draws, maps and compresses the backdrop of each class, format and variant it
# renders anew (``designs._card_png``: some 50 ms, as long as seven share cards)
PNG_BATCH = 144


def earned_badges(data: dict, classes: dict[str, dict]) -> list[str]:
    """Badge ids a profile earns by its type or offers, plus those the editors granted; in badges.yaml order."""
    granted = set(data.get("badges", []) or [])
    offers = set(data.get("offers", []) or [])
    earned = []
    for badge_id, badge in classes.items():
        rule = badge.get("earned_by", {})
        if (badge_id in granted or data.get("type") in rule.get("types", [])
                or offers & set(rule.get("offers", []))):
            earned.append(badge_id)
    return earned


@dataclass(frozen=True)
class BadgeFile:
    """One downloadable file of a kit."""

    path: str  # below the output folder, e.g. badges/jan/jan-ambachtsmens-vierkant-400-licht.png
    fmt: str  # a key of FORMATS, or "svg"
    variant: str
    art: BadgeArt
    key: str  # cache key

    def __fingerprint__(self):
        """The key hashes the art, the format and the variant; the path says where."""
        return f"{self.path}\0{self.key}"

    @property
    def size(self) -> tuple[int, int]:
        return FORMATS["vierkant-1080" if self.fmt == "svg" else self.fmt]

    @property
    def mime(self) -> str:
        return "image/svg+xml" if self.fmt == "svg" else "image/png"

    @property
    def extension(self) -> str:
        return "svg" if self.fmt == "svg" else "png"

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self.fmt]

    @property
    def title(self) -> str:
        """Accessible title of the image itself."""
        return badge_title(self.art)


def drawn_only_parts(hosted: list[list[BadgeFile]], previews, formats) -> dict[str, list[tuple]]:
    """What the kit page's script draws into some badge block because the site hosts no file for it, given
    the hosted files per badge: ``previews``, the preview figures ``(at, fmt, variant, caption)`` of
    ``previews`` (``(fmt, variant, caption)``) some badge has no file for, and ``formats``, the download
    rows ``(at, fmt)`` of ``formats`` (in order; the SVG is always hosted) some badge has no file of. ``at``
    is the place of the figure or row among the block's figures or rows."""
    pairs = [{(f.fmt, f.variant) for f in files} for files in hosted]
    kinds = [{fmt for fmt, _ in hosted_pairs} for hosted_pairs in pairs]
    return {"previews": [(at, fmt, variant, caption) for at, (fmt, variant, caption) in enumerate(previews)
                         if any((fmt, variant) not in badge for badge in pairs)],
            "formats": [(at, fmt) for at, fmt in enumerate(formats)
                        if fmt != "svg" and any(fmt not in badge for badge in kinds)]}


def badge_title(art: BadgeArt) -> str:
    """Accessible title of a badge image."""
    if art.supporter:
        return f"Badge: {art.badge_name} — De kracht van ambacht"
    who = f" — {art.name}" if art.name else ""
    return f"Badge {art.label.lower()} {art.badge_name.lower()}{who} — De kracht van ambacht"


def signature_art(art: BadgeArt) -> BadgeArt:
    """The e-mail signature shows the badge, not the person: one render serves every kit with that badge."""
    return dataclasses.replace(art, name="", subline="", tagline="")


@dataclass(frozen=True)
class DownloadRow:
    """One row of a kit's download table: a format in its light and dark variant."""

    fmt: str
    label: str
    dimensions: str
    light: BadgeFile
    dark: BadgeFile


def download_rows(files: list[BadgeFile]) -> list[DownloadRow]:
    by_format: dict[str, dict[str, BadgeFile]] = {}
    for file in files:
        by_format.setdefault(file.fmt, {})[file.variant] = file
    rows = []
    for fmt, variants in by_format.items():
        light = variants["licht"]
        dimensions = "schaalbaar" if fmt == "svg" else f"{light.size[0]} × {light.size[1]} px"
        rows.append(DownloadRow(fmt, light.label, dimensions, light, variants["donker"]))
    return rows


def design_digest(font_set: FontSet) -> str:
    """The digest of everything that draws a badge: this module and the design, text, mark and PNG code,
    the bundled font files, Pillow, and the zlib-ng that writes the cards (``pngwrite``). Computed once per
    build; part of every badge file's key."""
    return code_digest(sys.modules[__name__], designs, textfit, mark, fonts, pngwrite, font_set.folder, PIL.__version__,
                       pngwrite.VERSION)


def cache_key(art: BadgeArt, fmt: str, variant: str, design: str, art_json: str | None = None) -> str:
    """The key of a file (``infra.cachekey.key``): its art, format and variant, and the design digest.

    ``art_json`` is ``json.dumps(asdict(art))`` made once for the many files of one badge."""
    art_json = art_json if art_json is not None else json.dumps(dataclasses.asdict(art), ensure_ascii=False)
    return key(art_json, fmt, variant, code=design)


def plan_files(folder: str, stem: str, art: BadgeArt, design: str,
               formats: tuple[str, ...] = (*FORMATS, "svg"), variants: tuple[str, ...] = VARIANTS) -> list[BadgeFile]:
    """Every format in every variant: ``<folder>/<stem>-<format>-<variant>.<ext>``."""
    files = []
    art_json = json.dumps(dataclasses.asdict(art), ensure_ascii=False)
    for fmt in formats:
        for variant in variants:
            extension = "svg" if fmt == "svg" else "png"
            name = f"{stem}-{variant}.svg" if fmt == "svg" else f"{stem}-{fmt}-{variant}.png"
            files.append(BadgeFile(f"{folder}/{name}", fmt, variant, art,
                                   cache_key(art, fmt, variant, design, art_json) + "." + extension))
    return files


def render_file(designer: Designer, fonts: FontSet, file: BadgeFile, backgrounds: dict | None = None) -> bytes:
    if file.fmt == "svg":
        size, shapes, _ = designer.layout(file.art, "vierkant-1080", file.variant)
        return to_svg(size, shapes, file.title).encode()
    size, shapes, transparent = designer.layout(file.art, file.fmt, file.variant)
    backgrounds = backgrounds if backgrounds is not None else {}
    # once per batch and class: the texts every badge of the class shows alike (drawn with the background),
    # and the stand-in whose colours an opaque card is mapped to
    common_key = ("common", signature_art(file.art), file.fmt, file.variant)
    if common_key not in backgrounds:
        backgrounds[common_key] = (designer.layout(signature_art(file.art), file.fmt, file.variant)[1],
                                   designer.layout(palette_art(file.art), file.fmt, file.variant)[1])
    common, palette = backgrounds[common_key]
    # zlib-ng's level 9 (``pngwrite``): as dense as zlib's level 9 and faster than zlib's level 8. The share
    # card is the one image drawn per profile (10,000 at scale L, where the site must stay under 1 GB).
    level = 9
    shared = designs.shared_texts(shapes, common)
    return to_png(fonts, size, shapes, transparent, backgrounds, shared, palette, level,
                  designs.trailing_texts(shapes, common, shared))


def palette_art(art: BadgeArt) -> BadgeArt:
    """A stand-in of the badge's class with a name, subline and tagline: every colour a card of it can show."""
    return dataclasses.replace(art, name="Naam Achternaam", subline="Ambacht · Provincie", tagline="Een tekst")


def _render_batch(job: tuple[list[BadgeFile], str]) -> int:
    files, cache_dir = job
    fonts = FontSet()
    designer = Designer(fonts)
    backgrounds: dict = {}  # the shared geometry of a format, drawn once per batch
    for file in files:
        atomic_write(Path(cache_dir) / file.key, render_file(designer, fonts, file, backgrounds))
    return len(files)


@dataclass
class RenderStats:
    rendered: int
    reused: int
    seconds: float
    workers: int

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self)) + "\n"


def start_render(files: list[BadgeFile], cache_dir: Path, shared: Workers | None = None):
    """Render the files missing from the cache, in batches across processes: started now on the build's
    ``shared`` workers (else done by the returned call); the returned call waits for it and gives its
    ``RenderStats`` (``seconds``: from the start to the end of the wait)."""
    start = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    unique = {f.key: f for f in files}
    # grouped by format and look, so a batch reuses the same background again and again
    missing = sorted((f for key, f in unique.items() if not (cache_dir / key).exists()),
                     key=lambda f: (f.fmt, f.variant, f.art.colour, f.art.badge_name, f.key))
    pngs = [f for f in missing if f.fmt != "svg"]
    svgs = [f for f in missing if f.fmt == "svg"]
    pending = start_map(_render_batch, [(batch, str(cache_dir)) for batch in [*batches(pngs, PNG_BATCH),
                                                                               *batches(svgs, BATCH)]], shared)

    def wait() -> RenderStats:
        counts, workers = pending()
        return RenderStats(sum(counts), len(unique) - len(missing), round(time.perf_counter() - start, 3), workers)

    return wait


def in_batches(function, batches: list, workers: int | None = None, shared: Workers | None = None) -> tuple[int, int]:
    """``sum(map(function, batches))`` across processes (in this one for a single batch); and the workers used."""
    counts, workers = parallel_map(function, batches, workers, shared)
    return sum(counts), workers


def publish(files: list[BadgeFile], cache_dir: Path, output_dir: Path, put=None) -> None:
    """Place cached files at their public paths (hard links where possible).

    ``put(relative, key, place)``, when given, decides where and whether to place each file
    (the build's overlay keeps what is already in place)."""
    for file in files:
        if put is None:
            place(cache_dir / file.key, output_dir / file.path)
        else:
            put(file.path, file.key, partial(place, f"{cache_dir}{os.sep}{file.key}"))
