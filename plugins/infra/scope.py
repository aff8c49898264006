"""The objects of one build, and how they reach the places that use them. Pure Python.

A build has four objects that live exactly as long as it: the content check cache (results of the
checks ``scripts/build.py`` ran before Pelican starts), the output overlay (keeps unchanged files,
``incremental``), the render worker processes (badges, drawing data, photos) and the image service
(``responsive_images``: plans images while pages render, renders them at the end). They are the
fields of one :class:`Build`. None of them is a setting: Pelican pickles its settings into its
content cache (every story's author and category points at them), and copies them into the context
of every run.

How they travel (Pelican 4.12 passes only the settings to readers, Markdown extensions and the
writer class, so the build goes around them):

- **The Pelican object owns the build.** ``infra.run.ScopedPelican`` (``PELICAN_CLASS`` in
  ``pelicanconf.py``, so a plain ``pelican`` run uses it too) holds ``pelican.build``;
  ``scripts/build.py`` makes it with the check cache, overlay and workers, a plain run with none
  (the plugins then do without them, as before). ``initialized`` and ``finalized`` receivers (and
  the ``infra.phases`` steps) get the Pelican object: :func:`build_of(pelican) <build_of>`.
- **Generators find it in the context**, under the one key ``build`` (:data:`CONTEXT_KEY`;
  ``infra.contracts.RUN_ADDS``; plugins declare it as ``may_read``). ``ScopedPelican`` puts it there
  when Pelican makes each generator (``generator_init``) and then sends :data:`generator_ready`.
  Pelican calls the receivers of one signal in no fixed order, so a step that needs the build when a
  generator starts connects to :data:`generator_ready`, never to ``generator_init``.
- **Readers** are objects of their generator (``generator.readers.readers``): the plugin that owns a
  reader hands it the build in its :data:`generator_ready` step (``content_model``). The reader makes
  its Markdown extensions from the build (the image service's), not from ``MARKDOWN``.
- **The writer**: Pelican's ``get_writer`` wants a class, which it makes with the settings only;
  ``incremental`` answers with a subclass made for this build's overlay (``incremental.writer.writer_class``).

Nothing here is module-level state: every build makes its own :class:`Build`, which ends with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from blinker import signal

# The context key under which the generators find the build (infra.contracts.RUN_ADDS).
CONTEXT_KEY = "build"

# Sent by ScopedPelican for every generator once the build is in its context (after generator_init).
generator_ready = signal("infra.generator_ready")


@dataclass
class Build:
    """The objects of one build; a field is None where this build has no such object."""

    check_cache: Any = None  # content_model.checkcache.CheckCache: checks done before Pelican started
    overlay: Any = None  # incremental.overlay.OutputOverlay: output files kept when their inputs are unchanged
    workers: Any = None  # responsive_images.pipeline.Workers: one set of render processes for the build
    image_service: Any = None  # responsive_images.service.ImageService, made by that plugin when Pelican starts


def owned_build(holder) -> Build | None:
    """The build of a generator's context (a mapping) or of a Pelican object; None where there is none
    (a Pelican class other than ``ScopedPelican``)."""
    found = holder.get(CONTEXT_KEY) if isinstance(holder, Mapping) else getattr(holder, CONTEXT_KEY, None)
    return found if isinstance(found, Build) else None


def build_of(holder) -> Build:
    """As :func:`owned_build`, but an empty :class:`Build` where there is none: its users then do without."""
    found = owned_build(holder)
    return found if found is not None else Build()
