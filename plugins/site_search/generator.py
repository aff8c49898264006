"""The search page, and the Pagefind index built over the finished output."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from incremental.files import output_content_id, output_files, place_output
from infra import phases
from infra.cachekey import code_digest
from infra.contracts import Contract
from infra.files import place
from infra.scope import build_of
from pelican import signals
from pelican.generators import Generator
from translations.strings import alternates

from . import bundle as search_bundle
from . import pages as search_pages
from .bundle import BundleError, settle
from .pages import UNUSED, content_named, search_filters, searched

logger = logging.getLogger(__name__)


# What the search page adds to the context (infra.contracts).
CONTRACT = Contract(appends={"sitemap_entries"})


class SearchPageGenerator(Generator):
    """Writes /zoeken/; the index itself is made once every page exists."""

    def generate_context(self):
        # The page itself (a form; results are drawn in the browser) may be found; query
        # variants (?q=...) name it as their canonical URL.
        self.context.setdefault("sitemap_entries", []).append(
            {"url": self.settings.get("SEARCH_URL", "zoeken/"), "lastmod": None})
        english = self.settings.get("SEARCH_EN_URL")
        if english:  # the English pages' search (the English index of the same bundle)
            self.context["sitemap_entries"].append(
                {"url": english, "lastmod": None,
                 "alternates": {"nl": self.settings.get("SEARCH_URL", "zoeken/"), "en": english}})

    def generate_output(self, writer):
        url = self.settings.get("SEARCH_URL", "zoeken/")
        english = self.settings.get("SEARCH_EN_URL")
        writer.write_file(url + "index.html", self.get_template("search"), self.context, url=url,
                          alternates=alternates([("nl", url), ("en", english)] if english else []))
        if english:
            writer.write_file(english + "index.html", self.get_template("search"), self.context, url=english,
                              page_lang="en", alternates=alternates([("nl", url), ("en", english)]))


def pagefind_command(site: str, bundle: str) -> list[str]:
    """Pagefind indexes each page in the language of its ``<html lang>``: the Dutch pages with Dutch stemming,
    the English pages under /en/ in an English index of the same bundle, which the English search page loads."""
    return [sys.executable, "-m", "pagefind", "--site", site, "--output-path", bundle, "--silent"]


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


class SearchIndex:
    """The Pagefind index of one build: one index over every searched page, published as ``pagefind/``.

    The bundle is kept in ``<CACHE_PATH>/pagefind/`` under the digest of the searched pages, so
    a build whose searched pages did not change reuses it. A failure is logged as an error,
    which fails the build.
    """

    def __init__(self, settings: dict, output_path: str, overlay=None):
        self.settings = settings
        self.overlay = overlay  # the build's (infra.scope), if it has one
        self.output_path = output_path
        self.cache = Path(settings["CACHE_PATH"]) / "pagefind"
        self.engine = pagefind_version()
        # the bundle is keyed by the searched pages and the code that chooses and indexes them (infra.cachekey)
        self.salt = code_digest(sys.modules[__name__], search_pages, search_bundle, self.engine,
                                repr(pagefind_command("", "")[3:]))

    def _bundle(self, pages: list[str], files: dict[str, str]) -> Path:
        digest = hashlib.sha256(self.salt.encode())
        for relative in pages:
            # a page's content id changes only with its bytes; pages without one are read
            key = output_content_id(self.overlay, relative)
            if key is not None:
                digest.update(f"{relative}\0k{key}\0".encode())
                continue
            with open(files[relative], "rb") as page:
                digest.update(relative.encode() + b"\0b" + page.read() + b"\0")
        return self.cache / digest.hexdigest()[:20]

    def finish(self) -> None:
        """Index the searched pages (unless an identical index is cached), then publish it."""
        files = output_files(self.overlay, self.output_path)
        searched_pages = sorted(relative for relative in files if searched(relative))
        bundle = self._bundle(searched_pages, files)
        if not (bundle / "pagefind-entry.json").is_file() and not _index(searched_pages, bundle, files):
            return
        for relative, path in _bundle_files(bundle):
            if not relative.startswith(UNUSED):
                # fragments, index chunks and metadata are named by their content hash
                key = f"{self.engine}:{relative}" if content_named(relative) else f"{bundle.name}:{relative}"
                place_output(self.overlay, self.output_path, f"pagefind/{relative}", key, partial(place, path))


def _bundle_files(bundle: Path) -> list[tuple[str, str]]:
    """(relative path, path) of every file of a bundle, sorted."""
    files = []
    for folder, _, names in os.walk(bundle):
        base = os.path.relpath(folder, bundle).replace(os.sep, "/")
        files += [(name if base == "." else f"{base}/{name}", os.path.join(folder, name)) for name in names]
    return sorted(files)


def _index(pages: list[str], bundle: Path, files: dict[str, str]) -> bool:
    """Run Pagefind over the pages (hard links in a scratch folder); False on failure.

    Every run works in folders of its own: a run of a build that failed may still be busy
    when ``make serve`` starts the next build."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="site-", dir=bundle.parent) as scratch:
        for relative in pages:
            place(files[relative], Path(scratch) / "site" / relative)
        partial_bundle = Path(scratch) / "bundle"
        result = subprocess.run(pagefind_command(str(Path(scratch) / "site"), str(partial_bundle)),
                                capture_output=True, text=True)
        if result.returncode != 0:
            logger.error("pagefind: %s", (result.stderr or result.stdout).strip().splitlines()[-1:] or result.returncode)
            return False
        try:
            settle(partial_bundle)
        except (BundleError, OSError, ValueError) as error:
            logger.error("pagefind: %s", error)
            return False
        try:
            os.replace(partial_bundle, bundle)
        except OSError as error:  # another run made the same bundle meanwhile, or a real problem
            if not (bundle / "pagefind-entry.json").is_file():
                logger.error("pagefind: %s", error)
                return False
    for older in bundle.parent.iterdir():  # earlier bundles
        if older != bundle and not older.name.startswith("site-"):
            shutil.rmtree(older, ignore_errors=True)
    logger.info("pagefind: %s pages indexed", len(pages))
    return True


def build_index(pelican):
    """Once every page exists (``infra.phases.files_published``): the index, made and published."""
    SearchIndex(pelican.settings, pelican.output_path, build_of(pelican).overlay).finish()


def add_filters(generator):
    generator.env.filters["search_filters"] = search_filters


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(phases.finish)
    phases.files_published.connect(build_index)
