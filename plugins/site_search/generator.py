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
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from incremental.files import output_files, output_key, place_output, write_output
from pelican import signals
from pelican.generators import Generator
from responsive_images.pipeline import place

from .shards import SHARDING_VERSION, UNUSED, content_named, plan_shards, searched

logger = logging.getLogger(__name__)


class SearchPageGenerator(Generator):
    """Writes /zoeken/; the index itself is made once every page exists."""

    def generate_context(self):
        self.context.setdefault("sitemap_entries", [])

    def generate_output(self, writer):
        url = self.settings.get("SEARCH_URL", "zoeken/")
        writer.write_file(url + "index.html", self.get_template("search"), self.context, url=url)


def pagefind_command(site: str, bundle: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", site, "--output-path", bundle, "--force-language", "nl",
            "--silent"]


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "?"


def build_index(pelican):
    """Index the searched pages in shards; only a shard whose pages changed is indexed again.

    A failure is logged as an error, which fails the build. Each shard's bundle is kept in
    ``<CACHE_PATH>/pagefind/<shard>/`` under the digest of its pages, and published as
    ``pagefind/<shard>/``; ``pagefind/indexes.json`` names the shards for the search page,
    which merges them in the browser (Pagefind's ``mergeIndex``).
    """
    settings = pelican.settings
    files = output_files(settings, pelican.output_path)
    shards = plan_shards([relative for relative in files if searched(relative)])
    cache = Path(settings["CACHE_PATH"]) / "pagefind"
    engine = pagefind_version()
    salt = f"{engine}|{pagefind_command('', '')[3:]}|{SHARDING_VERSION}"
    for name, pages in shards.items():
        digest = hashlib.sha256(salt.encode())
        for relative in pages:
            # a page's key hashes everything it shows; pages without one are read
            key = output_key(settings, relative)
            if key is not None:
                digest.update(f"{relative}\0k{key}\0".encode())
                continue
            with open(files[relative], "rb") as page:
                digest.update(relative.encode() + b"\0b" + page.read() + b"\0")
        bundle = cache / name / digest.hexdigest()[:20]
        if not (bundle / "pagefind-entry.json").is_file() and not _index(name, pages, files, bundle):
            return
        for path in sorted(bundle.rglob("*")):
            relative = path.relative_to(bundle).as_posix()
            if path.is_file() and not relative.startswith(UNUSED):
                # fragments, index chunks and metadata are named by their content hash
                key = f"{engine}:{relative}" if content_named(relative) else f"{bundle.name}:{relative}"
                place_output(settings, pelican.output_path, f"pagefind/{name}/{relative}", key, partial(place, path))
    write_output(settings, pelican.output_path, "pagefind/indexes.json", json.dumps(list(shards)))


def _index(name: str, pages: list[str], files: dict[str, str], bundle: Path) -> bool:
    """Run Pagefind over one shard's pages (hard links in a scratch folder); False on failure."""
    shutil.rmtree(bundle.parent, ignore_errors=True)  # older bundles of this shard
    bundle.parent.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="site-", dir=bundle.parent) as scratch:
        for relative in pages:
            place(files[relative], Path(scratch) / relative)
        partial_bundle = bundle.with_name(bundle.name + ".part")
        result = subprocess.run(pagefind_command(scratch, str(partial_bundle)), capture_output=True, text=True)
    if result.returncode != 0:
        logger.error("pagefind: %s: %s", name,
                     (result.stderr or result.stdout).strip().splitlines()[-1:] or result.returncode)
        return False
    os.replace(partial_bundle, bundle)
    logger.info("pagefind: shard %s indexed (%s pages)", name, len(pages))
    return True


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)
