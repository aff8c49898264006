"""The search page, and the Pagefind index built over the finished output."""

from __future__ import annotations

import logging
import subprocess
import sys

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


def pagefind_command(site: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", site, "--output-subdir", "pagefind",
            "--force-language", "nl", "--silent"]


def build_index(pelican):
    """Run Pagefind over the output; a failure is logged as an error, which fails the build."""
    result = subprocess.run(pagefind_command(str(pelican.output_path)), capture_output=True, text=True)
    if result.returncode != 0:
        logger.error("pagefind: %s", (result.stderr or result.stdout).strip().splitlines()[-1:] or result.returncode)


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)
