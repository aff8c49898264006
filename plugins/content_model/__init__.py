"""The content model: JSON Schemas per content kind, validation, and the Markdown reader."""

from __future__ import annotations

import logging
from pathlib import Path

from infra.contracts import Contract
from infra.scope import build_of, generator_ready
from pelican import signals

logger = logging.getLogger(__name__)

# The reference data (crafts, regions, badges) every generator and template reads (infra.contracts).
CONTRACT = Contract(adds={"taxonomy"}, may_read={"build"})


def add_reader(readers):
    from .reader import ContentReader

    for extension in ("markdown", "mkd", "mdown", "html", "htm", "rst"):
        readers.reader_classes.pop(extension, None)
    readers.reader_classes["md"] = ContentReader


def use_build(generator):
    """Hand the build (``infra.scope``) to the generator's content readers: its check cache, its image service."""
    from .reader import ContentReader

    build = build_of(generator.context)
    for reader in generator.readers.readers.values():
        if isinstance(reader, ContentReader):
            reader.use_build(build)


def add_taxonomy(generator):
    """Make the craft and region names available to every template as ``taxonomy``."""
    if "taxonomy" not in generator.context:
        from .check import display_path
        from .taxonomy import shared_taxonomy

        taxonomy, problems = shared_taxonomy(Path(generator.settings["PATH"]),
                                             build_of(generator.context).check_cache, display_path)
        for problem in problems:
            logger.error("%s", problem)
        generator.context["taxonomy"] = taxonomy


def craft_name(craft_id, taxonomy):
    return taxonomy.crafts.get(craft_id, {}).get("name", craft_id)


def region_name(region_id, taxonomy):
    return taxonomy.regions.get(region_id, region_id)


def add_filters(generator):
    generator.env.filters["craft_name"] = craft_name
    generator.env.filters["region_name"] = region_name


def register():
    signals.generator_init.connect(add_filters)
    signals.readers_init.connect(add_reader)
    # both need the build, which is in the context only from generator_ready on (infra.scope)
    generator_ready.connect(use_build)
    generator_ready.connect(add_taxonomy)
