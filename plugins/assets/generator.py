"""Pelican layer of the theme assets: fingerprinted CSS bundles, scripts and fonts, and the
precompressed copies of every text file of the site."""

from __future__ import annotations

import hashlib
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from incremental.files import made_output, output_content_id, output_files, place_output, write_output
from infra.contracts import Contract
from infra.files import place
from infra.scope import build_of
from pelican.generators import Generator
from seo.headers import ASSET_FOLDER, COMPRESSED_SUFFIXES

from .bundle import collect
from .compress import cached_copy, compressed, compressible, copies_digest, worth_caching

logger = logging.getLogger(__name__)


def asset_url(siteurl: str, assets, logical: str) -> str:
    """The URL of a theme asset by its logical name: ``asset('css/story.css')``."""
    return f"{siteurl}/{assets.path(logical)}"


def stylesheet_links(siteurl: str, assets, bundle: str, markup: str | None = None) -> list[dict]:
    """A bundle's sheets for ``<link rel="stylesheet">``: ``url`` and ``media`` (None: all media);
    given the page's rendered ``markup``, the sheet with only the optional parts it uses."""
    return [{"url": f"{siteurl}/{path}", "media": media} for path, media in assets.stylesheets(bundle, markup)]


def font_preloads(siteurl: str, assets, bundle: str, markup: str) -> list[str]:
    """The URLs of the font files a page's text makes the browser fetch, for ``<link rel="preload">``."""
    return [f"{siteurl}/{path}" for path in assets.font_files(bundle, markup)]


def add_globals(generator) -> None:
    """The theme's assets, read and fingerprinted once per build into the context (``theme_assets``,
    shared by every generator of the build), and ``asset()``, ``stylesheets()`` and ``font_preloads()`` for
    the templates."""
    assets = generator.context.get("theme_assets")
    if assets is None:
        assets = generator.context["theme_assets"] = collect(Path(generator.settings["THEME"]), ASSET_FOLDER)
    generator.env.globals["asset"] = partial(asset_url, generator.settings["SITEURL"], assets)
    generator.env.globals["stylesheets"] = partial(stylesheet_links, generator.settings["SITEURL"], assets)
    generator.env.globals["font_preloads"] = partial(font_preloads, generator.settings["SITEURL"], assets)


# The theme's fingerprinted assets, once per build (infra.contracts).
CONTRACT = Contract(adds={"theme_assets"}, may_read={"build"})


class AssetsGenerator(Generator):
    """Writes the fingerprinted assets into ``theme/assets/``."""

    def generate_output(self, writer):
        assets = self.context["theme_assets"]
        for name, data in sorted(assets.files.items()):
            write_output(build_of(self.context).overlay, self.output_path, assets.folder + name, data)


def get_generators(pelican):
    return AssetsGenerator


def compress_output(pelican) -> None:
    """A ``.gz`` and a ``.br`` next to every text file of the finished site.

    Each copy is keyed by the bytes of its original (their content id in the build, else their
    hash): a copy is kept only while its original is byte for byte the one it was made from,
    and one whose original is gone is not part of the new site, so it is deleted with it. The
    costly copies (best quality, large originals) come from ``COMPRESS_CACHE_PATH`` when an
    earlier build made them (:func:`assets.compress.cached_copy`)."""
    settings, output, overlay = pelican.settings, pelican.output_path, build_of(pelican).overlay
    if not settings.get("PRECOMPRESS", True):
        return
    files = {relative: path for relative, path in output_files(overlay, output).items()
             if compressible(relative, COMPRESSED_SUFFIXES)}
    cache = settings.get("COMPRESS_CACHE_PATH")
    code = copies_digest() if cache else ""

    def one(item: tuple[str, str]) -> None:
        relative, path = item
        content = output_content_id(overlay, relative)
        data = None
        if content is None:
            data = Path(path).read_bytes()
            content = "sha256:" + hashlib.sha256(data).hexdigest()

        def original() -> bytes:
            return data if data is not None else Path(path).read_bytes()

        best = relative.startswith(ASSET_FOLDER)
        keys = {"gz": f"gz:{content}", "br": f"br:{best}:{content}"}
        if cache and worth_caching(len(data) if data is not None else os.path.getsize(path), best):
            for kind, key in keys.items():
                place_output(overlay, output, f"{relative}.{kind}", key, partial(place_copy, Path(cache), kind,
                                                                                 original, best, code))
            return
        for kind, key in keys.items():
            made_output(overlay, output, f"{relative}.{kind}", key, lambda kind=kind: compressed(kind, original(), best))

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(one, sorted(files.items())))
    logger.info("assets: precompressed copies of %s text files in place", len(files))


def place_copy(cache: Path, kind: str, original, best: bool, code: str, target: Path) -> None:
    """Put the cached ``kind`` copy of ``original()`` at ``target`` (made into the cache first if new)."""
    place(cached_copy(cache, kind, original(), best, code), target)
