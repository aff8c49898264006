"""Precompressed copies of text files: ``.gz`` (deterministic: no name, mtime 0) and ``.br``.

Pure Python; no Pelican. Servers hand these out as they are (nginx ``gzip_static`` and
``brotli_static``, as ``scripts/preview_server.py`` runs it) instead of compressing every response.

The copies that cost most to make (the fingerprinted assets at Brotli's best quality, and large
files such as the vendored Decap CMS bundle) are kept between builds in a cache named by the cache
rule (:func:`cached_copy`): a build into a fresh output folder places them instead of compressing
the same bytes again. Pages, which change with every edit, are cheap to compress and not kept.
"""

from __future__ import annotations

import gzip
import hashlib
import sys
import zlib
from pathlib import Path

import brotli
from infra.cachekey import code_digest, key
from infra.files import atomic_write

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


# An original this large (or a best-quality copy) has its copies kept in the cache: the vendored
# Decap bundle (5.8 MB) took 3 s of CPU per build, the assets at quality 11 another 1.7 s.
CACHED_SIZE = 64 * 1024


def copies_digest() -> str:
    """The code that shapes a compressed copy: this module and the versions of Brotli and zlib."""
    return code_digest(sys.modules[__name__], f"brotli={brotli.__version__}", f"zlib={zlib.ZLIB_RUNTIME_VERSION}")


def worth_caching(size: int, best: bool) -> bool:
    """Whether the copies of an original of ``size`` bytes are kept between builds."""
    return best or size >= CACHED_SIZE


def compressed(kind: str, data: bytes, best: bool = False) -> bytes:
    """The ``kind`` (``gz`` or ``br``) copy of ``data``."""
    if kind == "gz":
        return gzip_bytes(data)
    if kind == "br":
        return brotli_bytes(data, best=best)
    raise ValueError(f"unknown kind of compressed copy: {kind!r}")


def cached_copy(cache_dir: Path, kind: str, data: bytes, best: bool, code: str) -> Path:
    """The file in ``cache_dir`` holding the ``kind`` copy of ``data``, made on first use.

    Named by ``key(kind, quality, sha256(data), code=copies_digest())``: equal names, equal bytes,
    so parallel builds (and tests) may share one cache; the first writer of a name wins."""
    quality = GZIP_LEVEL if kind == "gz" else (BROTLI_BEST if best else BROTLI_QUICK)
    path = Path(cache_dir) / f"{key(kind, quality, hashlib.sha256(data).hexdigest(), code=code)}.{kind}"
    if not path.is_file():
        atomic_write(path, compressed(kind, data, best), replace=False)
    return path
