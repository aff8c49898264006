"""Shared build infrastructure, used by every plugin and by scripts/build.py; not a Pelican plugin.

- ``cachekey``: the one rule every persistent cache key of the build follows.
- ``files``: atomic writes, placing cached files (``place``), JSON caches.
- ``sequences``: ``batches``, a sequence in consecutive slices (the tasks of a worker pool, the pages of a list).
- ``contracts``: what each plugin reads from and adds to the Pelican context, and the check of them.
- ``plugins``: the enabled plugins' contracts at build time (read, checked, watched per generator).
- ``phases``: the finishing steps after every generator wrote its output, in a fixed order.
- ``scope``: ``Build``, the objects of one build, and how they reach generators, readers and the writer.
- ``run``: ``ScopedPelican``, the Pelican class that owns the build (``PELICAN_CLASS = "infra.ScopedPelican"``;
  Pelican imports the top package and takes the class from it, so it is named here, imported on first use).
"""


def __getattr__(name):
    if name == "ScopedPelican":
        from .run import ScopedPelican

        return ScopedPelican
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
