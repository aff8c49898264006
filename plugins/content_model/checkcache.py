"""Check results reused while nothing they depend on has changed.

A content file's check result depends on its bytes, its kind and name, the validation code
and schemas (and the libraries they use), the ids it may refer to (crafts, regions,
profiles, badges), and the other files of content/ that it may point at (images). The key
of a cached result is a hash of all of these, so a hit is always the result a fresh check
would give. Only results without problems are kept: a file with problems is checked again
every time, so its messages are always current. Entries are stored pickled, so every hit
is a fresh copy that its user may change freely.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from infra.cachekey import code_digest
from infra.cachekey import key as cache_key
from infra.files import atomic_write

logger = logging.getLogger(__name__)

LIBRARIES = ("jsonschema", "PyYAML", "Markdown", "Pillow")


def _library(name: str) -> str:
    try:
        return f"{name}={version(name)}"
    except PackageNotFoundError:
        return name


def code_version() -> str:
    """The digest (``infra.cachekey``) of the checking code (this package, the stored layout included),
    its schemas, Python and the libraries they rely on."""
    package = Path(__file__).resolve().parent
    return code_digest(*sorted(package.glob("*.py")), package / "schemas", sys.version,
                       *(_library(name) for name in LIBRARIES))


class CheckCache:
    """Pickled check results by key, optionally loaded from and saved to one file."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else None
        self.version = code_version()
        self.entries: dict[str, bytes] = {}
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self._loaded: dict[tuple, object] = {}
        self._seen: dict[tuple[str, str], object] = {}  # (kind, path) -> result, within this build
        if self.path and self.path.exists():
            try:
                with self.path.open("rb") as stored:
                    saved_version, entries = pickle.load(stored)
                if saved_version == self.version:
                    self.entries = entries
            except Exception as error:  # a damaged cache is only a slower build
                logger.warning("content check cache %s ignored: %s", self.path, error)

    def key(self, environment: str, kind: str, relative: str, raw: bytes) -> str:
        return cache_key(environment, kind, relative, hashlib.sha256(raw).hexdigest(), code=self.version, length=64)

    def get(self, key: str):
        stored = self.entries.get(key)
        if stored is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        return pickle.loads(stored)

    def seen(self, kind: str, path: Path):
        """The result of checking ``path`` earlier in this build, if it had no problems."""
        return self._seen.get((kind, str(path)))

    def saw(self, kind: str, path: Path, checked) -> None:
        self._seen[(kind, str(path))] = checked

    def put(self, key: str, checked) -> None:
        self.entries[key] = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
        self.used.add(key)

    def save(self) -> None:
        """Write the entries used in this run (so the file never grows stale) atomically."""
        if self.path is None:
            return
        kept = {key: self.entries[key] for key in self.used if key in self.entries}
        atomic_write(self.path, pickle.dumps((self.version, kept), protocol=pickle.HIGHEST_PROTOCOL))
        logger.info("content check cache: %s reused, %s checked", self.hits, self.misses)


    def loaded(self, key: tuple, load, keep=None, stable: tuple = ()):
        """``load()`` once per build for the same ``key`` (e.g. the reference data by file stamps).

        With ``keep``, a result for which ``keep(result)`` is true is also saved in the cache
        file under ``stable`` (a key without per-build values), for the next builds."""
        if key not in self._loaded:
            self._loaded[key] = load() if keep is None else self._stored(stable, load, keep)
        return self._loaded[key]

    def _stored(self, stable: tuple, load, keep):
        name = "loaded:" + hashlib.sha256(repr(stable).encode()).hexdigest()
        stored = self.entries.get(name)
        if stored is not None:
            self.used.add(name)
            return pickle.loads(stored)
        result = load()
        if keep(result):
            self.entries[name] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            self.used.add(name)
        return result


def cache_file(cache_dir: Path, content_root: Path) -> Path:
    """One cache file per content folder below ``cache_dir``."""
    name = hashlib.sha256(str(Path(content_root).resolve()).encode()).hexdigest()[:12]
    return Path(cache_dir) / f"content-check-{name}.pickle"


def environment_digest(root: Path, text_folders: set[str], catalog_ids: dict) -> str:
    """Hash of what every check depends on besides the file itself: the ids and the other files."""
    digest = hashlib.sha256(str(root.resolve()).encode())
    for ref in sorted(catalog_ids):
        ids = catalog_ids[ref]
        digest.update(f"|{ref}:".encode() + ("-" if ids is None else ",".join(sorted(ids))).encode())
    for folder, subfolders, files in os.walk(root):
        subfolders.sort()
        relative = os.path.relpath(folder, root)
        if relative == ".":
            subfolders[:] = [s for s in subfolders if s not in text_folders]
        for name in sorted(files):
            stat = os.stat(os.path.join(folder, name))
            digest.update(f"|{relative}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()
