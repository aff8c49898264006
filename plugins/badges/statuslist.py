"""Bitstring Status List (W3C) for Open Badges 3.0 revocation: pure helpers, no Pelican.

Every credential points at one bit (``statusListIndex``) of one list; a set bit means revoked. The list is
``LENGTH`` bits long (131,072, the 16 KB minimum the specification asks for herd privacy), gzipped and written
as multibase base64url without padding (``u`` prefix). Bit 0 is the most significant bit of the first byte.

Positions are stable across builds. ``content/data/badge-status.yaml`` (the registry) pins them: it maps
``<profile-slug>/<badge-id>`` to an index and only ever grows. A credential that is not in the registry yet
gets a position derived from its key alone: ``sha256(key) mod LENGTH``, moved on to the next free position
while that one is pinned by the registry or taken by another unpinned key that sorts before it. So a build
needs no write access to anything: the same registry and the same set of credentials give the same
positions. Pinning a position (``make badge-status``) writes what the build used into the registry, after
which nothing can move it; until then it can only move if a new credential lands on the very same
position and sorts first (about one chance in 10,000 per pair).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import re
from collections.abc import Iterable, Mapping

LENGTH = 131072
KEY = re.compile(r"^[^/\s]+/[^/\s]+$")


def status_key(slug: str, badge_id: str) -> str:
    """The registry key of a credential; ``/`` cannot occur in a slug or a badge id."""
    key = f"{slug}/{badge_id}"
    if not KEY.match(key):
        raise ValueError(f"Invalid status list key {key!r}")
    return key


def encode(revoked: Iterable[int], length: int = LENGTH) -> str:
    """The ``encodedList`` with the bits at ``revoked`` set."""
    if length <= 0 or length % 8:
        raise ValueError(f"A status list length must be a positive multiple of 8, not {length}")
    bits = bytearray(length // 8)
    for index in revoked:
        if not 0 <= index < length:
            raise ValueError(f"Status list index {index} outside 0..{length - 1}")
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode(encoded: str) -> set[int]:
    """The set bits of an ``encodedList`` (the inverse of :func:`encode`)."""
    if not encoded.startswith("u"):
        raise ValueError("An encodedList is multibase base64url and starts with 'u'")
    body = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return {byte_index * 8 + bit for byte_index, byte in enumerate(bits) if byte for bit in range(8)
            if byte & (0x80 >> bit)}


def _home(key: str, length: int) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") % length


def assign(registry: Mapping[str, int], keys: Iterable[str], length: int = LENGTH) -> dict[str, int]:
    """Positions for ``keys`` (and everything in ``registry``): pinned ones as pinned, the others derived.

    Raises ValueError if the registry is inconsistent (an index twice or out of range) or the list is full.
    """
    result: dict[str, int] = {}
    taken: dict[int, str] = {}
    for key, index in registry.items():
        if not isinstance(key, str) or not KEY.match(key):
            raise ValueError(f"{key!r}: not a status list key (profile-slug/badge-id)")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < length:
            raise ValueError(f"{key}: status list index {index!r} outside 0..{length - 1}")
        if index in taken:
            raise ValueError(f"{key}: status list index {index} is also pinned for {taken[index]}")
        taken[index] = key
        result[key] = index
    for key in sorted(set(keys) - set(registry)):
        if len(taken) >= length:
            raise ValueError("The status list is full")
        index = _home(key, length)
        while index in taken:
            index = (index + 1) % length
        taken[index] = key
        result[key] = index
    return result


def unpinned(registry: Mapping[str, int], positions: Mapping[str, int]) -> dict[str, int]:
    """The positions a build used that the registry does not pin yet."""
    return {key: index for key, index in positions.items() if key not in registry}


def registry_text(registry: Mapping[str, int], header: str) -> str:
    """The registry as YAML, one ``"slug/badge": index`` line per entry, sorted by key."""
    lines = [f"# {line}".rstrip() for line in header.strip().splitlines()]
    lines += [f"{json.dumps(key)}: {index}" for key, index in sorted(registry.items())]
    return "\n".join(lines) + "\n"
