"""A Pagefind bundle made deterministic. Pure Python.

Pagefind writes its filter files from hash maps: the order of a filter's values, and the order
of the filters in the language's metadata, differ from run to run, and with them the files'
hashed names and the entry file that names them. Equal pages must give equal bytes (the
output overlay keeps a file only while its bytes are the same, and the determinism test builds
twice), so :func:`settle` sorts them and names the rewritten files by a hash of their bytes.

Pagefind's files are gzip-compressed ``pagefind_dcd`` + CBOR; only the subset Pagefind writes
(unsigned integers, byte and text strings, arrays, maps, simple values) is read here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class BundleError(ValueError):
    """A file that is not what Pagefind writes."""


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    """(major type, argument, next offset) of the CBOR item at ``at``."""
    first = data[at]
    major, info = first >> 5, first & 0x1F
    if info < 24:
        return major, info, at + 1
    if info > 27:
        raise BundleError(f"CBOR: unsupported length {info} at {at}")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[at + 1:at + 1 + size], "big"), at + 1 + size


def decode(data: bytes, at: int = 0):
    """(value, next offset) of the CBOR item at ``at``; arrays as lists, maps as lists of pairs."""
    major, argument, at = _head(data, at)
    if major == 0:
        return argument, at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, at = decode(data, at)
            items.append(item)
        return (items if major == 4 else MapItems(zip(items[::2], items[1::2], strict=True))), at
    if major == 7 and argument in (20, 21, 22):
        return {20: False, 21: True, 22: None}[argument], at
    raise BundleError(f"CBOR: unsupported item (type {major}) at {at}")


class MapItems(list):
    """A CBOR map, as its (key, value) pairs in their order."""


def _encode_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise BundleError("CBOR: integer too large")


def encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        if value < 0:
            raise BundleError("CBOR: negative integers are not written by Pagefind")
        return _encode_head(0, value)
    if isinstance(value, bytes):
        return _encode_head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(value, MapItems):
        return _encode_head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(encode(item) for item in value)
    raise BundleError(f"CBOR: cannot write {type(value).__name__}")


def read(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleError(f"{path}: not a Pagefind file")
    value, end = decode(data, len(SIGNATURE))
    if end != len(data):
        raise BundleError(f"{path}: trailing bytes")
    return value


def packed(value) -> bytes:
    return gzip.compress(SIGNATURE + encode(value), compresslevel=9, mtime=0)


def settle(bundle: Path) -> None:
    """Rewrite ``bundle`` (a Pagefind output folder) so that equal pages give equal files."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = read(meta_path)
        filters = next((part for part in meta if isinstance(part, list) and part and all(
            isinstance(f, list) and len(f) == 2 and isinstance(f[0], str) and isinstance(f[1], str)
            and (bundle / "filter" / f"{f[1]}.pf_filter").is_file() for f in part)), None)
        if filters is None:
            continue
        renamed = []
        for name, file_hash in filters:
            old = bundle / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = read(old)
            values = sorted(([value, sorted(pages)] for value, pages in values), key=lambda pair: pair[0])
            data = packed([filter_name, values])
            new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:7]}"
            old.unlink()
            (bundle / "filter" / f"{new_hash}.pf_filter").write_bytes(data)
            renamed.append([name, new_hash])
        filters[:] = sorted(renamed)
        data = packed(meta)
        meta_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{meta_hash}.pf_meta").write_bytes(data)
        about["hash"] = meta_hash
    # one index per language (<html lang>): Pagefind lists them in any order
    entry["languages"] = dict(sorted(entry["languages"].items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
