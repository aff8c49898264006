"""Precompressed copies of text files: ``.gz`` (deterministic: no name, mtime 0) and ``.br``.

Pure Python; no Pelican. Servers hand these out as they are (nginx ``gzip_static`` and
``brotli_static``; ``scripts/preview_server.py``) instead of compressing every response.
"""

from __future__ import annotations

import gzip

import brotli

GZIP_LEVEL = 9
# Brotli's best quality for the fingerprinted assets (few, cached for a year); a quicker one for
# the many pages and data files, which a build may write by the ten thousand. Measured on the
# text files of a scale-S build (48 MB): quality 9 took 25.4 s of CPU, quality 6 1.4 s, for 0.9 %
# more bytes (10.30 against 10.21 MB); at scale L quality 9 was about 40 % of the cold build.
BROTLI_BEST = 11
BROTLI_QUICK = 6


def gzip_bytes(data: bytes) -> bytes:
    """gzip without a file name and with mtime 0, so equal input gives equal bytes."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def brotli_bytes(data: bytes, best: bool = False) -> bytes:
    return brotli.compress(data, quality=BROTLI_BEST if best else BROTLI_QUICK, mode=brotli.MODE_TEXT)


def compressible(relative: str, suffixes: tuple[str, ...]) -> bool:
    """A text file to precompress (by its name), not itself a compressed copy."""
    return relative.endswith(suffixes) and not relative.endswith((".gz", ".br"))
