"""Machine files: sitemap.xml, robots.txt and .well-known/security.txt."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from incremental.files import output_files, write_output
from nl_format.clock import now as build_now
from pelican import signals
from pelican.generators import Generator

from .headers import netlify_headers
from .structured import breadcrumb_list, item_list, jsonld, security_expires

logger = logging.getLogger(__name__)


class MachineFilesGenerator(Generator):
    """Writes the files robots and security researchers read, from templates."""

    def generate_context(self):
        self.context.setdefault("sitemap_entries", [])

    def sitemap(self) -> list[dict]:
        """Every published page, from the lists the other generators put in the context."""
        entries = [{"url": "", "lastmod": None}, {"url": self.settings["INDEX_URL"], "lastmod": None}]
        for item in [*self.context.get("articles", []), *self.context.get("pages", []),
                     *self.context.get("events", [])]:
            if getattr(item, "is_draft", False) or item.status != "published" or item.url == "":
                continue
            lastmod = getattr(item, "modified", None) or getattr(item, "date", None)
            entries.append({"url": item.url, "lastmod": lastmod})
        entries += self.context.get("sitemap_entries", [])
        unique = {}
        for entry in entries:
            unique.setdefault(entry["url"], entry)
        return sorted(unique.values(), key=lambda e: e["url"])

    def generate_output(self, writer):
        moment = build_now()
        write = writer.write_file
        write("sitemap.xml", self.env.get_template("machine/sitemap.xml"), self.context,
              entries=self.sitemap())
        write("robots.txt", self.env.get_template("machine/robots.txt"), self.context)
        write(".well-known/security.txt", self.env.get_template("machine/security.txt"), self.context,
              expires=security_expires(moment, self.settings.get("SECURITY_TXT_DAYS", 180)))


def write_headers_file(pelican):
    """_headers lists the output's top-level paths, so it is written once everything exists."""
    names = {}
    for relative in output_files(pelican.settings, pelican.output_path):
        first, _, rest = relative.partition("/")
        names[first] = names.get(first, False) or bool(rest)
    top_level = [(name, is_dir) for name, is_dir in names.items() if not name.startswith("_")]
    write_output(pelican.settings, pelican.output_path, "_headers",
                 netlify_headers(pelican.settings["SITEURL"], top_level))


def get_generators(pelican):
    return MachineFilesGenerator


def add_globals(generator):
    generator.env.globals["site_path"] = urlsplit(generator.settings["SITEURL"]).path.rstrip("/")
    generator.env.globals["jsonld"] = jsonld
    generator.env.globals["breadcrumb_list"] = breadcrumb_list
    generator.env.globals["item_list"] = item_list


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_globals)
    signals.finalized.connect(write_headers_file)
