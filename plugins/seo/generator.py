"""Machine files: sitemap.xml, robots.txt and .well-known/security.txt."""

from __future__ import annotations

import functools
import logging
from urllib.parse import urlsplit

from incremental.files import output_files, write_output
from infra import phases
from infra.contracts import Contract
from infra.scope import build_of
from nl_format.clock import now as build_now
from pelican import signals
from pelican.generators import Generator
from translations.strings import alternates

from .headers import netlify_headers
from .structured import (
    Site,
    article_jsonld,
    breadcrumb_list,
    dataset_jsonld,
    event_jsonld,
    is_online,
    item_list,
    jsonld,
    security_expires,
    site_jsonld,
)

logger = logging.getLogger(__name__)


# The sitemap's list is this plugin's; every generator appends its pages to it (infra.contracts).
CONTRACT = Contract(reads={"pages", "articles", "sitemap_entries"}, may_read={"events"}, adds={"sitemap_entries"})


class MachineFilesGenerator(Generator):
    """Writes the files robots and security researchers read, from templates."""

    def generate_context(self):
        self.context.setdefault("sitemap_entries", [])

    def sitemap(self) -> list[dict]:
        """Every published page, from the lists the other generators put in the context."""
        entries = [{"url": self.settings["INDEX_URL"], "lastmod": None}]
        pages = self.context.get("pages", [])
        counterparts = self.settings.get("EN_COUNTERPARTS", {})
        translations = [t for page in pages for t in getattr(page, "translations", []) or []]
        for item in [*self.context.get("articles", []), *pages, *translations, *self.context.get("events", [])]:
            if getattr(item, "is_draft", False) or item.status != "published":
                continue
            lastmod = getattr(item, "modified", None) or getattr(item, "date", None)
            published = [item, *[t for t in getattr(item, "translations", []) or []
                                 if not getattr(t, "is_draft", False) and t.status == "published"]]
            versions = {v.lang: v.url for v in published}
            counterpart = counterparts.get(item.slug) if item.lang != self.settings["DEFAULT_LANG"] else None
            if counterpart is not None and len(versions) == 1:
                versions[self.settings["DEFAULT_LANG"]] = counterpart
            entries.append({"url": item.url, "lastmod": lastmod, "alternates": versions})
        if not any(entry["url"] == "" for entry in entries):
            entries.insert(0, {"url": "", "lastmod": None})
        entries += self.context.get("sitemap_entries", [])
        unique = {}
        for entry in entries:
            unique.setdefault(entry["url"], dict(entry))
        # a page's language versions are each other's alternates, whichever of them said so
        for entry in list(unique.values()):
            for path in (entry.get("alternates") or {}).values():
                if path in unique and not unique[path].get("alternates"):
                    unique[path]["alternates"] = entry["alternates"]
        for entry in unique.values():
            entry["alternates"] = sitemap_alternates(entry.get("alternates") or {})
        return sorted(unique.values(), key=lambda e: e["url"])

    def generate_output(self, writer):
        moment = build_now()
        write = writer.write_file
        write("sitemap.xml", self.env.get_template("machine/sitemap.xml"), self.context,
              entries=self.sitemap())
        write("robots.txt", self.env.get_template("machine/robots.txt"), self.context)
        write(".well-known/security.txt", self.env.get_template("machine/security.txt"), self.context,
              expires=security_expires(moment, self.settings.get("SECURITY_TXT_DAYS", 180)))


def sitemap_alternates(versions: dict[str, str]) -> list[dict]:
    """A sitemap entry's ``xhtml:link`` alternates: every language version and x-default (none for one language)."""
    return alternates(list(versions.items()))


def write_headers_file(pelican):
    """_headers lists the output's top-level paths, so it is written once everything exists."""
    names = {}
    for relative in output_files(build_of(pelican).overlay, pelican.output_path):
        first, _, rest = relative.partition("/")
        names[first] = names.get(first, False) or bool(rest)
    top_level = [(name, is_dir) for name, is_dir in names.items() if not name.startswith("_")]
    write_output(build_of(pelican).overlay, pelican.output_path, "_headers",
                 netlify_headers(pelican.settings["SITEURL"], top_level))


def get_generators(pelican):
    return MachineFilesGenerator


def add_globals(generator):
    generator.env.globals["site_path"] = urlsplit(generator.settings["SITEURL"]).path.rstrip("/")
    generator.env.globals["jsonld"] = jsonld
    generator.env.globals["breadcrumb_list"] = breadcrumb_list
    generator.env.globals["item_list"] = item_list
    # The view models of the JSON-LD blocks (seo.structured); templates only call them, base.html serialises.
    site = Site.from_settings(generator.settings)
    generator.env.globals["site_jsonld"] = functools.partial(site_jsonld, site)
    generator.env.globals["article_jsonld"] = functools.partial(article_jsonld, site)
    generator.env.globals["event_jsonld"] = functools.partial(event_jsonld, site)
    generator.env.globals["dataset_jsonld"] = functools.partial(dataset_jsonld, site)
    generator.env.globals["is_online"] = is_online


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_globals)
    signals.finalized.connect(phases.finish)
    phases.files_listed.connect(write_headers_file)
