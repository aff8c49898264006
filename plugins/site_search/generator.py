"""The search page, and the Pagefind index built over the finished output."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from content_model.files import BuildScoped
from incremental.files import output_content_id, output_files, place_output, write_output
from pelican import signals
from pelican.generators import Generator
from responsive_images.pipeline import place
from translations.strings import alternates

from .shards import SHARDING_VERSION, UNUSED, content_named, plan_shards, searched, shard_language

logger = logging.getLogger(__name__)


class SearchPageGenerator(Generator):
    """Writes /zoeken/; the index itself is made once every page exists."""

    def generate_context(self):
        # The page itself (a form; results are drawn in the browser) may be found; query
        # variants (?q=...) name it as their canonical URL.
        self.context.setdefault("sitemap_entries", []).append(
            {"url": self.settings.get("SEARCH_URL", "zoeken/"), "lastmod": None})
        english = self.settings.get("SEARCH_EN_URL")
        if english:  # the English pages' search (their own Pagefind shard)
            self.context["sitemap_entries"].append(
                {"url": english, "lastmod": None,
                 "alternates": {"nl": self.settings.get("SEARCH_URL", "zoeken/"), "en": english}})

    def generate_output(self, writer):
        url = self.settings.get("SEARCH_URL", "zoeken/")
        english = self.settings.get("SEARCH_EN_URL")
        writer.write_file(url + "index.html", self.get_template("search"), self.context, url=url,
                          alternates=alternates([("nl", url), ("en", english)] if english else []))
        if english:
            writer.write_file(english + "index.html", self.get_template("en_search"), self.context, url=english,
                              page_lang="en")


def pagefind_command(site: str, bundle: str, language: str = "nl") -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", site, "--output-path", bundle, "--force-language", language,
            "--silent"]


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


class SearchIndex(BuildScoped):
    """The Pagefind index of one build, in shards; only a shard whose pages changed is indexed again.

    Each shard's bundle is kept in ``<CACHE_PATH>/pagefind/<shard>/`` under the digest of its
    pages, and published as ``pagefind/<shard>/``; ``pagefind/indexes.json`` names the shards
    for the search page, which merges them in the browser (Pagefind's ``mergeIndex``).

    The stories are final once Pelican has written them, so after an edit their changed shards
    are indexed in the background while the directory and the badges are built (at most
    ``BACKGROUND_SHARDS``, so a first build's memory stays that of one Pagefind at a time).
    A failure is logged as an error, which fails the build.
    """

    BACKGROUND_SHARDS = 2
    EARLY_SECTIONS = ("verhalen-",)

    def __init__(self, settings: dict, output_path: str):
        self.settings = settings
        self.output_path = output_path
        self.cache = Path(settings["CACHE_PATH"]) / "pagefind"
        self.engine = pagefind_version()
        self.salt = f"{self.engine}|{pagefind_command('', '')[3:]}|{SHARDING_VERSION}"
        self._background: threading.Thread | None = None

    def _shards(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        files = output_files(self.settings, self.output_path)
        return files, plan_shards([relative for relative in files if searched(relative)])

    def _bundle(self, name: str, pages: list[str], files: dict[str, str]) -> Path:
        digest = hashlib.sha256(self.salt.encode())
        for relative in pages:
            # a page's content id changes only with its bytes; pages without one are read
            key = output_content_id(self.settings, relative)
            if key is not None:
                digest.update(f"{relative}\0k{key}\0".encode())
                continue
            with open(files[relative], "rb") as page:
                digest.update(relative.encode() + b"\0b" + page.read() + b"\0")
        return self.cache / name / digest.hexdigest()[:20]

    def start_early(self) -> None:
        """Index the stories' changed shards in the background (incremental builds only)."""
        overlay = self.settings.get("OUTPUT_OVERLAY")
        if overlay is None or not overlay.incremental or self._background is not None:
            return
        files, shards = self._shards()
        jobs = [(name, pages, bundle) for name, pages in shards.items() if name.startswith(self.EARLY_SECTIONS)
                for bundle in [self._bundle(name, pages, files)] if not (bundle / "pagefind-entry.json").is_file()]
        if 0 < len(jobs) <= self.BACKGROUND_SHARDS:
            self._background = threading.Thread(target=lambda: [_index(*job, files) for job in jobs],
                                                name="pagefind", daemon=True)
            self._background.start()

    def finish(self) -> None:
        """Index what is left, then publish every shard and the list of shards."""
        if self._background is not None:
            self._background.join()
        files, shards = self._shards()
        for name, pages in shards.items():
            bundle = self._bundle(name, pages, files)
            if not (bundle / "pagefind-entry.json").is_file() and not _index(name, pages, bundle, files):
                return
            for relative, path in _bundle_files(bundle):
                if not relative.startswith(UNUSED):
                    # fragments, index chunks and metadata are named by their content hash
                    key = f"{self.engine}:{relative}" if content_named(relative) else f"{bundle.name}:{relative}"
                    place_output(self.settings, self.output_path, f"pagefind/{name}/{relative}", key,
                                 partial(place, path))
        languages = {name: shard_language(name) for name in shards}
        write_output(self.settings, self.output_path, "pagefind/indexes.json",
                     json.dumps([name for name in shards if languages[name] == "nl"]))
        for lang in sorted(set(languages.values()) - {"nl"}):
            write_output(self.settings, self.output_path, f"pagefind/indexes-{lang}.json",
                         json.dumps([name for name in shards if languages[name] == lang]))


def _bundle_files(bundle: Path) -> list[tuple[str, str]]:
    """(relative path, path) of every file of a bundle, sorted."""
    files = []
    for folder, _, names in os.walk(bundle):
        base = os.path.relpath(folder, bundle).replace(os.sep, "/")
        files += [(name if base == "." else f"{base}/{name}", os.path.join(folder, name)) for name in names]
    return sorted(files)


def _index(name: str, pages: list[str], bundle: Path, files: dict[str, str]) -> bool:
    """Run Pagefind over one shard's pages (hard links in a scratch folder); False on failure.

    Every run works in folders of its own: a background run of a build that failed may still
    be busy when ``make serve`` starts the next build."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="site-", dir=bundle.parent) as scratch:
        for relative in pages:
            place(files[relative], Path(scratch) / "site" / relative)
        partial_bundle = Path(scratch) / "bundle"
        result = subprocess.run(pagefind_command(str(Path(scratch) / "site"), str(partial_bundle), shard_language(name)),
                                capture_output=True, text=True)
        if result.returncode != 0:
            logger.error("pagefind: %s: %s", name,
                         (result.stderr or result.stdout).strip().splitlines()[-1:] or result.returncode)
            return False
        try:
            os.replace(partial_bundle, bundle)
        except OSError as error:  # another run made the same bundle meanwhile, or a real problem
            if not (bundle / "pagefind-entry.json").is_file():
                logger.error("pagefind: %s: %s", name, error)
                return False
    for older in bundle.parent.iterdir():  # earlier bundles of this shard
        if older != bundle and not older.name.startswith("site-"):
            shutil.rmtree(older, ignore_errors=True)
    logger.info("pagefind: shard %s indexed (%s pages)", name, len(pages))
    return True


def create_index(pelican):
    pelican.settings["SEARCH_INDEX"] = SearchIndex(pelican.settings, pelican.output_path)


def index_stories(generator, writer=None):
    index = generator.settings.get("SEARCH_INDEX")
    if index is not None:
        index.start_early()


def build_index(pelican):
    pelican.settings["SEARCH_INDEX"].finish()


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.initialized.connect(create_index)
    signals.article_writer_finalized.connect(index_stories)
    signals.finalized.connect(build_index)
