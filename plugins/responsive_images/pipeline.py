"""Responsive image variants: several widths, WebP plus a JPEG/PNG fallback, no metadata.

Pure Pillow code. A plan is a function of the source file's bytes and the settings, so
variant names carry a content hash and rendered files can be cached forever.
"""

from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import PIL
from infra.cachekey import code_digest, key
from infra.files import atomic_write, place
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

WEBP_QUALITY = 78
JPEG_QUALITY = 82


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"
    name: str  # file name below images/

    @property
    def mime(self) -> str:
        return f"image/{self.format}"


@dataclass(frozen=True)
class ImagePlan:
    source: str  # the editor's path below content/
    digest: str
    width: int  # after EXIF orientation
    height: int
    fallback: str  # "jpeg" or "png"
    variants: tuple[Variant, ...]

    def of_format(self, fmt: str) -> list[Variant]:
        return [v for v in self.variants if v.format == fmt]

    def largest(self, fmt: str | None = None, max_width: int | None = None) -> Variant:
        options = self.of_format(fmt or self.fallback)
        fitting = [v for v in options if max_width is None or v.width <= max_width]
        return (fitting or options)[-1] if fitting else options[0]


def pipeline_digest() -> str:
    """The digest of the code that renders variants (this module and Pillow): part of every variant's
    name, so an edit to the rendering renders every variant again, under new names."""
    return code_digest(sys.modules[__name__], PIL.__version__)


def plan(source: Path, reference: str, widths: list[int], code: str) -> ImagePlan:
    """Decide the variants of ``source`` without decoding its pixels; ``code`` is ``pipeline_digest()``."""
    digest = key(hashlib.sha256(source.read_bytes()).hexdigest(), widths, code=code, length=12)
    with Image.open(source) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    fallback = "png" if has_alpha else "jpeg"
    steps = sorted({w for w in widths if w < width} | {min(width, max(widths))})
    stem = Path(reference).stem.lower()
    stem = "".join(ch if ch.isalnum() or ch == "-" else "-" for ch in stem).strip("-") or "afbeelding"
    variants = []
    for step in steps:
        step_height = max(1, round(height * step / width))
        for fmt in ("webp", fallback):
            extension = "jpg" if fmt == "jpeg" else fmt
            variants.append(Variant(step, step_height, fmt, f"{stem}-{digest}-{step}.{extension}"))
    return ImagePlan(reference, digest, width, height, fallback, tuple(variants))


def _eight_bit(image: Image.Image) -> Image.Image:
    """A greyscale image with more than 8 bits per sample (``I;16*``, ``I``, ``F``) as ``L``,
    its range scaled down rather than clipped (a clipped 16-bit photo is almost white)."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v / 257).convert("L")
    low, high = image.getextrema()
    if image.mode == "F" and low >= 0 and high <= 1:
        top = 1.0  # a float image in 0..1
    elif low >= 0 and high <= 255:
        top = 255.0
    elif low >= 0 and high <= 65535:
        top = 65535.0  # 16-bit samples in a 32-bit image (older Pillow opens 16-bit PNGs so)
    else:
        span = (high - low) or 1
        return image.point(lambda v: (v - low) * 255 / span).convert("L")
    return image.point(lambda v: v * 255 / top).convert("L")


SRGB = ImageCms.createProfile("sRGB")


def _srgb(image: Image.Image) -> Image.Image:
    """Colours of an image with an embedded ICC profile (CMYK, Adobe RGB, Display P3) converted
    to sRGB: the published files carry no profile, and browsers read untagged files as sRGB."""
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
        return ImageCms.profileToProfile(image, profile, SRGB, outputMode="RGBA" if image.mode == "RGBA" else "RGB")
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError) as error:
        logger.warning("%s: ICC-profiel niet te gebruiken (%s); kleuren zonder omzetting",
                       getattr(image, "filename", "") or "?", error)
        return image


def to_display(image: Image.Image, mode: str) -> Image.Image:
    """Any decoded image as 8-bit sRGB ``mode`` (``RGB`` or ``RGBA``), orientation applied."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        image = _eight_bit(image)
    elif image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.info.get("icc_profile"):
        image = _srgb(image)
    return image.convert(mode)


def render(source: Path, image_plan: ImagePlan, cache_dir: Path) -> int:
    """Render the variants missing from ``cache_dir``; return how many were rendered."""
    missing = [v for v in image_plan.variants if not (cache_dir / v.name).exists()]
    if not missing:
        return 0
    cache_dir.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as original:
        image = to_display(original, "RGBA" if image_plan.fallback == "png" else "RGB")
    resized_by_size: dict[tuple[int, int], Image.Image] = {}  # the WebP and the fallback of a width share one resize
    for variant in missing:
        size = (variant.width, variant.height)
        if size not in resized_by_size:
            resized_by_size[size] = image.resize(size, Image.Resampling.LANCZOS)
            resized_by_size[size].info = {}  # never carry EXIF, XMP, ICC or comments into the output
        atomic_write(cache_dir / variant.name, partial(_save, resized_by_size[size], variant.format))
    return len(missing)


def _save(image: Image.Image, fmt: str, path: Path) -> None:
    if fmt == "webp":
        image.save(path, "WEBP", quality=WEBP_QUALITY, method=4)
    elif fmt == "jpeg":
        # baseline: the fallback every browser with WebP skips, and the og:image; a third of the time of a
        # progressive encode, and no larger (at S: 4,158 KB against 4,166 KB for the 200 fallbacks)
        image.save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)
    else:
        image.save(path, "PNG", optimize=True)


def _render_job(job: tuple[str, ImagePlan, str]) -> int:
    source, image_plan, cache_dir = job
    return render(Path(source), image_plan, Path(cache_dir))


# How much lower than the build's own process its workers run (os.nice). While the workers draw badges, the
# build's process writes the pages, and no step after it can start before it is done: at equal priority it
# had two thirds of a core beside two workers on two cores (an M build), and finished alone after them.
WORKER_NICENESS = 10


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of fresh interpreters (spawned, not forked): a worker holds only what it renders,
    not a copy of the build's memory (600 MB at 10,000 profiles, counted once per worker). They run
    ``WORKER_NICENESS`` lower than this process."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=os.nice, initargs=(WORKER_NICENESS,))


class Workers:
    """The worker processes of one build, shared by every step that renders in parallel (badges, their
    drawing data, photo variants): started when first needed, so each build spawns (and imports) its
    workers once instead of once per step. ``close`` ends them; the build that made it calls it."""

    def __init__(self, workers: int | None = None):
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = worker_pool(self.workers)
        return self._pool

    def close(self) -> None:
        """End the workers; work started (``start_map``) and never waited for is dropped, not finished."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def parallel_map(function, items: list, workers: int | None = None, shared: Workers | None = None) -> tuple[list, int]:
    """``[function(item) for item in items]`` across processes (in this one for a single item), and the
    number of workers used: the build's ``shared`` workers if given, else a pool for this call."""
    count = max(1, min(workers or (shared.workers if shared else os.cpu_count() or 1), len(items)))
    if count == 1:
        return [function(item) for item in items], count
    if shared is not None:
        return list(shared.pool().map(function, items)), count
    with worker_pool(count) as pool:
        return list(pool.map(function, items)), count


def start_map(function, items: list, shared: Workers | None = None):
    """``parallel_map(function, items, shared=shared)``, started now on the build's ``shared`` workers
    while this process goes on (it writes pages meanwhile); the returned call waits for the results and
    raises the first error. Without shared workers nothing starts: the call does the work itself."""
    if shared is None or not items:
        return partial(parallel_map, function, items, None, shared)
    futures = [shared.pool().submit(function, item) for item in items]
    count = min(shared.workers, len(items))
    return lambda: ([future.result() for future in futures], count)


def render_all(jobs: list[tuple[Path, ImagePlan]], cache_dir: Path, workers: int | None = None,
               shared: Workers | None = None) -> int:
    """Render every plan's missing variants, in parallel across cores."""
    todo = [(str(s), p, str(cache_dir)) for s, p in jobs
            if any(not (cache_dir / v.name).exists() for v in p.variants)]
    if not todo:
        return 0
    return sum(parallel_map(_render_job, todo, workers, shared)[0])


def publish(jobs: list[tuple[Path, ImagePlan]], cache_dir: Path, output_dir: Path, put=None) -> None:
    """Place the cached variants into ``output_dir`` (hard links where possible).

    ``put(relative, key, place)``, when given, decides where and whether to place each
    variant (the build's overlay keeps what is already in place); names carry content hashes.
    """
    if put is None:
        output_dir.mkdir(parents=True, exist_ok=True)
    for _, image_plan in jobs:
        for variant in image_plan.variants:
            source = cache_dir / variant.name
            if put is None:
                place(source, output_dir / variant.name)
            else:
                put(variant.name, variant.name, partial(place, source))
