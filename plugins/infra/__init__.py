"""Shared build infrastructure, used by every plugin and by scripts/build.py; not a Pelican plugin.

- ``cachekey``: the one rule every persistent cache key of the build follows.
"""
