"""The one rule for every cache key of the build. Pure Python; no Pelican.

A cached result may be reused only under a key made from everything that shaped it: its inputs,
and the code and assets (fonts, templates, settings) that turn those inputs into output. So a key
is ``key(*inputs, code=digest)``, where ``digest`` is ``code_digest(...)`` of exactly that code and
those assets, computed once per build by the part of the build that owns the cache.

``code_digest`` hashes bytes, never names, sizes or dates alone: the same checkout keys alike on
every machine, and any edit (a drawing function, a colour, a font file) changes every key that
depends on it, so nothing made by the old code is ever served again. There are no hand-kept
version numbers to forget.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

KEY_LENGTH = 24


def _files(part: Path) -> list[Path]:
    if part.is_dir():
        return sorted(path for path in part.rglob("*")
                      if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc")
    return [part]


def code_digest(*parts: ModuleType | Path | str) -> str:
    """A sha256 over the bytes of the code and assets that shape an output.

    A part is a module (its source file), a file, a folder (every file below it, by relative path),
    or a string (a library version, a setting). Order matters; give parts in a fixed order."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, str):
            digest.update(b"s\0" + part.encode() + b"\0")
            continue
        where = Path(part.__file__) if isinstance(part, ModuleType) else part
        base = where if where.is_dir() else where.parent
        for path in _files(where):
            digest.update(b"f\0" + path.relative_to(base).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def key(*inputs, code: str, length: int = KEY_LENGTH) -> str:
    """The cache key of a result: a hash of its inputs (plain JSON data) and the digest of the code
    that makes it. Two results share a key only if both their inputs and their code are the same."""
    payload = json.dumps([code, *inputs], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:length]
