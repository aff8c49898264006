"""Shared build infrastructure, used by every plugin and by scripts/build.py; not a Pelican plugin.

- ``cachekey``: the one rule every persistent cache key of the build follows.
- ``files``: atomic writes, placing cached files (``place``), JSON caches.
- ``contracts``: what each plugin reads from and adds to the Pelican context, and the check of them.
- ``plugins``: the enabled plugins' contracts at build time (read, checked, watched per generator).
- ``phases``: the finishing steps after every generator wrote its output, in a fixed order.
- ``scope``: ``BuildScoped``, for the per-build objects only the settings can carry.
"""
