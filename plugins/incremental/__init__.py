"""Incremental builds: keep every output file whose inputs did not change since the last build.

``scripts/build.py`` gives the build an :class:`~incremental.overlay.OutputOverlay`
(``infra.scope.Build.overlay``); without one (a plain ``pelican`` run) this plugin does nothing.
"""

from infra.contracts import Contract
from infra.scope import build_of
from pelican import signals

from .portable import link_style

# The writer uses no context key (infra.contracts).
CONTRACT = Contract()


def get_writer(pelican):
    overlay = build_of(pelican).overlay
    if overlay is None:
        return None
    from .writer import writer_class

    return writer_class(overlay)


def add_portable_urls(generator):
    """A portable build (``PORTABLE_URLS``) writes its site links relative to each page, a published one
    (``LINKS_FROM_ROOT``) from the server's root (incremental.templates)."""
    if link_style(generator.settings):
        from .templates import PortableUrlsExtension

        generator.env.add_extension(PortableUrlsExtension)


def register():
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(add_portable_urls)
