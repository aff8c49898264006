"""The Pelican class of this site: one that owns the objects of its build (``infra.scope``).

``PELICAN_CLASS = "infra.ScopedPelican"`` in ``pelicanconf.py`` makes a plain ``pelican`` run use it
(with an empty build); ``scripts/build.py`` makes it with the build's check cache, overlay and workers.
"""

from __future__ import annotations

from pelican import Pelican, signals

from .scope import CONTEXT_KEY, Build, generator_ready


class ScopedPelican(Pelican):
    """Pelican, holding ``build`` for the receivers that get the Pelican object, and handing it to every
    generator through the shared context (``build``) before :data:`infra.scope.generator_ready`."""

    def __init__(self, settings, build: Build | None = None):
        self.build = build if build is not None else Build()  # before Pelican's __init__: `initialized` sees it
        super().__init__(settings)

    def run(self):
        with signals.generator_init.connected_to(self._generator_init):
            super().run()

    def _generator_init(self, generator) -> None:
        generator.context[CONTEXT_KEY] = self.build
        generator_ready.send(generator)
