"""The search page, and the Pagefind index built over the finished output."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)


class SearchPageGenerator(Generator):
    """Writes /zoeken/; the index itself is made once every page exists."""

    def generate_context(self):
        self.context.setdefault("sitemap_entries", [])

    def generate_output(self, writer):
        url = self.settings.get("SEARCH_URL", "zoeken/")
        writer.write_file(url + "index.html", self.get_template("search"), self.context, url=url)


# Only the pages that carry data-pagefind-body: campaign pages (one level deep) and the stories,
# events and profiles (two levels). Facet pages and badge kits are never searched, and reading
# them made Pagefind use 1.8 GB at 10,000 profiles.
SEARCHED = "{*/index.html,verhalen/*/index.html,agenda/*/index.html,ambachtengids/*/index.html}"


def pagefind_command(site: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", site, "--output-subdir", "pagefind",
            "--force-language", "nl", "--glob", SEARCHED, "--silent"]


def pages_digest(site: Path) -> str:
    """Hash of everything Pagefind reads: the HTML pages, its version and its options."""
    try:
        pagefind = version("pagefind")
    except PackageNotFoundError:
        pagefind = "?"
    digest = hashlib.sha256(f"{pagefind}|{pagefind_command('')[3:]}".encode())
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site)
        if relative.parts[0] != "pagefind":
            digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _link_tree(source: Path, target: Path) -> None:
    """Copy a folder as hard links (bytes are never changed in place), or as copies across devices."""
    shutil.copytree(source, target, copy_function=_link_or_copy)


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def build_index(pelican):
    """Run Pagefind over the output; a failure is logged as an error, which fails the build.

    When the pages are byte-identical to those of the last indexed build, its index is
    reused from the cache (``<CACHE_PATH>/pagefind``) instead of being built again.
    """
    site = Path(pelican.output_path)
    cache = Path(pelican.settings["CACHE_PATH"]) / "pagefind"
    digest = pages_digest(site)
    stamp = cache / "pages.sha256"
    if stamp.exists() and stamp.read_text() == digest and (cache / "bundle").is_dir():
        shutil.rmtree(site / "pagefind", ignore_errors=True)
        _link_tree(cache / "bundle", site / "pagefind")
        logger.info("pagefind: pages unchanged, index reused")
        return
    result = subprocess.run(pagefind_command(str(site)), capture_output=True, text=True)
    if result.returncode != 0:
        logger.error("pagefind: %s", (result.stderr or result.stdout).strip().splitlines()[-1:] or result.returncode)
        return
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    _link_tree(site / "pagefind", cache / "bundle")
    stamp.write_text(digest)


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)
