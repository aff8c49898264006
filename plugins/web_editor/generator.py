"""Writes /admin/: the Decap CMS page, its generated config.yml and the pinned Decap bundle."""

from __future__ import annotations

import json
import logging
from functools import partial
from pathlib import Path

import yaml
from content_model.check import content_kinds, data_kinds
from incremental.files import place_output, write_output
from infra.contracts import Contract
from infra.files import place
from infra.scope import build_of
from pelican import signals
from pelican.generators import Generator

from .decap import backend, config
from .joinform import consent_field, form_fields

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]


def vendor_folder(name: str) -> Path:
    spec = json.loads((ROOT / "vendor.json").read_text())[name]
    return ROOT / ".cache" / "vendor" / f"{name}-{spec['version']}"


# What the web editor reads from the context and adds to it (infra.contracts).
CONTRACT = Contract(reads={"taxonomy"}, adds={"join_form"}, may_read={"build"})


class WebEditorGenerator(Generator):
    """/admin/ is for editors: not in the sitemap, the search index or robots."""

    def generate_context(self):
        taxonomy = self.context["taxonomy"]
        schema = content_kinds()["profile"]
        self.context["join_form"] = {
            "fields": form_fields(schema, taxonomy.crafts, taxonomy.groups, taxonomy.regions),
            "consent": consent_field(schema),
            "schema_path": "doe-mee/profiel.schema.json",
            "catalog_path": "doe-mee/catalogus.json",
        }

    def write_join_data(self):
        """The profile schema and the valid ids, for the join form's checks in the browser."""
        taxonomy = self.context["taxonomy"]
        form = self.context["join_form"]
        overlay = build_of(self.context).overlay
        write_output(overlay, self.output_path, form["schema_path"],
                     json.dumps(content_kinds()["profile"], ensure_ascii=False))
        catalog = {"crafts": {k: v["name"] for k, v in taxonomy.crafts.items()}, "regions": dict(taxonomy.regions)}
        write_output(overlay, self.output_path, form["catalog_path"], json.dumps(catalog, ensure_ascii=False))

    def generate_output(self, writer):
        self.write_join_data()
        settings = self.settings
        taxonomy = self.context["taxonomy"]
        catalog = taxonomy.catalog().ids
        try:
            where = backend(settings.get("ADMIN_BACKEND") or "github", settings["ADMIN_REPO"],
                            settings.get("ADMIN_BRANCH", "main"), settings.get("ADMIN_AUTH_BASE_URL", ""),
                            settings.get("ADMIN_AUTH_ENDPOINT", ""))
        except ValueError as error:
            logger.error("pelicanconf.py:1:1: ADMIN_BACKEND: %s", error)
            return
        if where["name"] == "github" and "base_url" not in where and settings.get("ADMIN_AUTH_WARNING"):
            logger.warning("publishconf.py:1:1: ADMIN_AUTH_BASE_URL: niet gezet; inloggen op /admin/ gaat dan via "
                           "Netlify en werkt alleen als de site op Netlify staat (zie docs/publiceren.md)")
        data = config(content_kinds(), catalog, settings["ADMIN_REPO"], settings.get("ADMIN_BRANCH", "main"),
                      settings["SITEURL"], data_kinds(), backend_config=where,
                      local_backend=settings.get("ADMIN_LOCAL_BACKEND", ""),
                      logo_url=f"{settings['SITEURL']}/{settings['ADMIN_LOGO']}" if settings.get("ADMIN_LOGO") else "")
        overlay = build_of(self.context).overlay
        write_output(overlay, self.output_path, "admin/config.yml",
                     "# Generated from plugins/content_model/schemas by the web_editor plugin; do not edit.\n"
                     + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))
        writer.write_file("admin/index.html", self.get_template("admin"), self.context, url="admin/")
        source = vendor_folder("decap-cms")
        if not (source / "decap-cms.js").exists():
            logger.error("vendor.json:1:1: decap-cms: the pinned Decap bundle is missing; run `make vendor`")
            return
        for path in source.iterdir():
            if not path.name.startswith("."):
                stat = path.stat()
                place_output(overlay, self.output_path, f"admin/{path.name}",
                             f"vendor:{path}:{stat.st_size}:{stat.st_mtime_ns}", partial(place, path))


def get_generators(pelican):
    return WebEditorGenerator


def register():
    signals.get_generators.connect(get_generators)
