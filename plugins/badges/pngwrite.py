"""A PNG of a palette image written from its rows, so a card can reuse the parts of the zlib stream its
backdrop shares with every card of its class. Pure Python (zlib-ng, struct), no Pelican.

The PNG holds what Pillow's writer holds for a ``P`` image with 17-256 palette entries and no
transparency: IHDR (8-bit, colour type 3), PLTE (the palette's entries), the zlib stream of each row
after a filter byte 0 in IDAT chunks of at most 64 KiB, and IEND. :func:`fits` says whether an image is
such a one; :func:`png` writes it from its filtered rows (``filtered``: the rows as they enter zlib).
``tests/unit/test_badge_png_fast.py`` decodes the result and compares its pixels with Pillow's.

zlib-ng compresses as densely as zlib at level 9 in less time than zlib at level 8 (a share card:
18.1 KB in 8.4 ms against 18.7 KB in 11.8 ms). A card differs from its backdrop in a band of rows only:

- ``Prefix``: zlib's output does not depend on how its input is cut into calls, so a compressor that
  has taken the rows above the band can be copied and given only the rest;
- ``Tail``: the rows below the band, once at least ``DICTIONARY`` bytes below it, are compressed once,
  as raw deflate blocks that start from those bytes as their dictionary (a compressor refers to nothing
  before its dictionary). A card's stream is its prefix, its band compressed up to a sync flush (which
  ends on a byte), these blocks, and the Adler-32 of all its rows: a valid zlib stream, because every
  back-reference of the tail reaches only bytes the card shares with its backdrop. 8 KiB (7 rows of a
  share card) compress the tail as well as the whole window (32 KiB) and let it start 21 rows higher.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image
from zlib_ng import zlib_ng

SIGNATURE = b"\x89PNG\r\n\x1a\n"
IDAT_MAX = 65536  # bytes of compressed data per IDAT chunk, as Pillow's encoder buffer (ImageFile.MAXBLOCK)
MEMORY_LEVEL = 9  # as Pillow's ZipEncode deflateInit2
DICTIONARY = 8192  # the bytes before a tail it may refer to
VERSION = zlib_ng.ZLIBNG_VERSION  # part of the badge files' cache key (``kit.design_digest``)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def fits(image: Image.Image) -> bool:
    """Whether :func:`png` writes ``image`` as it is: 8-bit palette of 17-256 colours, no transparency
    (Pillow writes 16 colours or fewer in fewer bits per pixel)."""
    if image.mode != "P" or "transparency" in image.info or image.palette is None or image.palette.mode != "RGB":
        return False
    return 16 < len(image.getpalette() or []) // 3 <= 256


def filtered(image: Image.Image) -> Image.Image:
    """The image one column wider, its first column 0: its bytes are the rows as PNG filters them (type 0)."""
    width, height = image.size
    wide = Image.new("P", (width + 1, height), 0)
    wide.paste(image, (1, 0))
    return wide


def _compressor(level: int, window_bits: int = 15, dictionary: bytes = b""):
    if dictionary:
        return zlib_ng.compressobj(level, zlib_ng.DEFLATED, window_bits, MEMORY_LEVEL, zlib_ng.Z_DEFAULT_STRATEGY,
                                   dictionary)
    return zlib_ng.compressobj(level, zlib_ng.DEFLATED, window_bits, MEMORY_LEVEL, zlib_ng.Z_DEFAULT_STRATEGY)


class Tail:
    """The raw deflate blocks (the last one final) of a stream's bytes from ``offset`` on, compressed with
    the ``DICTIONARY`` bytes before them as dictionary: they end any stream whose bytes from
    ``offset - DICTIONARY`` on are this stream's."""

    def __init__(self, stream: bytes, offset: int, level: int):
        self.offset = offset
        compressor = _compressor(level, -15, stream[max(0, offset - DICTIONARY) : offset])
        self.data = compressor.compress(stream[offset:]) + compressor.flush()


class Prefix:
    """A compressor that has taken the first ``rows`` rows of a stream, and what it wrote."""

    def __init__(self, stream: bytes, row_bytes: int, rows: int, level: int):
        self.compressor = _compressor(level)
        self.offset = row_bytes * rows
        self.head = self.compressor.compress(stream[: self.offset])

    def finish(self, stream: bytes, tail: Tail | None = None) -> bytes:
        """The whole zlib stream of ``stream``, whose first rows are those this prefix took and whose bytes
        from ``tail.offset - DICTIONARY`` on (if a tail is given) are the tail's stream's."""
        compressor = self.compressor.copy()
        if tail is None:
            return self.head + compressor.compress(stream[self.offset :]) + compressor.flush()
        if not self.offset <= tail.offset <= len(stream):
            raise ValueError(f"a tail at byte {tail.offset} does not follow a prefix of {self.offset} bytes")
        return b"".join([self.head, compressor.compress(stream[self.offset : tail.offset]),
                         compressor.flush(zlib_ng.Z_SYNC_FLUSH), tail.data, struct.pack(">I", zlib_ng.adler32(stream))])


def png(size: tuple[int, int], palette: list[int], stream: bytes, level: int, prefix: Prefix | None = None,
        tail: Tail | None = None) -> bytes:
    """The PNG of a palette image (``fits``) from its filtered rows."""
    if prefix is None:
        prefix = Prefix(stream, 1, 0, level)
    data = prefix.finish(stream, tail)
    colours = min(len(palette) // 3, 256)
    header = struct.pack(">II", *size) + bytes([8, 3, 0, 0, 0])
    return b"".join([SIGNATURE, _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(palette[: colours * 3])),
                     *(_chunk(b"IDAT", data[start : start + IDAT_MAX]) for start in range(0, len(data), IDAT_MAX)),
                     _chunk(b"IEND", b"")])
