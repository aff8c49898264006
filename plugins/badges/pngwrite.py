"""The bytes Pillow's PNG writer makes of a palette image, written here so a card can reuse the part of the
zlib stream its background shares with every card of its class. Pure Python (zlib, struct), no Pelican.

Pillow writes a ``P`` image with 17-256 palette entries and no transparency as IHDR (8-bit, colour type 3),
PLTE (the palette's entries), the zlib stream (window 15, memory level 9, the given level, default
strategy) of each row after a filter byte 0 in IDAT chunks of at most 64 KiB, and IEND. :func:`fits`
says whether an image is such a one; :func:`png` writes it from its filtered rows (``filtered``: the
rows as they enter zlib). ``tests/unit/test_badge_png_fast.py`` compares the bytes with Pillow's.

zlib's output does not depend on how its input is cut into calls (Pillow feeds it a row at a time), so
a compressor that has taken the rows every card shares can be copied (``Prefix``) and given only the rest.
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
IDAT_MAX = 65536  # Pillow's encoder buffer (ImageFile.MAXBLOCK): one IDAT chunk per buffer
MEMORY_LEVEL = 9  # Pillow's ZipEncode deflateInit2


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(data, zlib.crc32(kind)))


def fits(image: Image.Image) -> bool:
    """Whether :func:`png` writes ``image`` as Pillow does: 8-bit palette, no transparency."""
    if image.mode != "P" or "transparency" in image.info or image.palette is None or image.palette.mode != "RGB":
        return False
    return 16 < len(image.getpalette() or []) // 3 <= 256


def filtered(image: Image.Image) -> Image.Image:
    """The image one column wider, its first column 0: its bytes are the rows as PNG filters them (type 0)."""
    width, height = image.size
    wide = Image.new("P", (width + 1, height), 0)
    wide.paste(image, (1, 0))
    return wide


class Prefix:
    """A compressor that has taken the first ``rows`` rows of a stream, and what it wrote."""

    def __init__(self, stream: bytes, row_bytes: int, rows: int, level: int):
        self.compressor = zlib.compressobj(level, zlib.DEFLATED, 15, MEMORY_LEVEL, zlib.Z_DEFAULT_STRATEGY)
        self.offset = row_bytes * rows
        self.head = self.compressor.compress(stream[: self.offset])

    def finish(self, stream: bytes) -> bytes:
        """The whole zlib stream of ``stream``, whose first rows are those this prefix took."""
        compressor = self.compressor.copy()
        return self.head + compressor.compress(stream[self.offset :]) + compressor.flush()


def png(size: tuple[int, int], palette: list[int], stream: bytes, level: int, prefix: Prefix | None = None) -> bytes | None:
    """The PNG of a palette image (``fits``) from its filtered rows; None when its zlib stream would need more
    than one IDAT chunk (Pillow's cut is then left to Pillow)."""
    if prefix is None:
        prefix = Prefix(stream, 1, 0, level)
    data = prefix.finish(stream)
    if len(data) >= IDAT_MAX:
        return None
    colours = min(len(palette) // 3, 256)
    header = struct.pack(">II", *size) + bytes([8, 3, 0, 0, 0])
    return b"".join([SIGNATURE, _chunk(b"IHDR", header), _chunk(b"PLTE", bytes(palette[: colours * 3])),
                     _chunk(b"IDAT", data), _chunk(b"IEND", b"")])
