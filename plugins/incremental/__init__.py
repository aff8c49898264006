"""Incremental builds: keep every output file whose inputs did not change since the last build.

``scripts/build.py`` puts an :class:`~incremental.overlay.OutputOverlay` in the settings
(``OUTPUT_OVERLAY``); without one (a plain ``pelican`` run) this plugin does nothing.
"""

from infra.contracts import Contract
from pelican import signals

# The writer uses no context key (infra.contracts).
CONTRACT = Contract()


def get_writer(pelican):
    if pelican.settings.get("OUTPUT_OVERLAY") is None:
        return None
    from .writer import IncrementalWriter

    return IncrementalWriter


def add_portable_urls(generator):
    """A portable build (``PORTABLE_URLS``) writes its site links relative to each page (incremental.templates)."""
    if generator.settings.get("PORTABLE_URLS"):
        from .templates import PortableUrlsExtension

        generator.env.add_extension(PortableUrlsExtension)


def register():
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(add_portable_urls)
