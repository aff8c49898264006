"""Files the build writes for itself: whole or not at all, placed from a cache, JSON caches. Pure Python.

Every plugin writes its caches and cached renders through these, so there is one way to do it:

- ``atomic_write``: a file appears whole or not at all (a ``.part`` file of this process and thread,
  then one rename), so a build that stops half-way, or a parallel build, never leaves a torn file.
- ``place``: a cached file at its public place, as a hard link where possible, else a copy.
- ``load_json_cache`` / ``save_json_cache``: a cache kept as one JSON object.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: str | Path, data: bytes | str | Callable[[Path], None], *, mode: int | None = None,
                 replace: bool = True) -> Path:
    """Write ``data`` to ``path`` whole or not at all; returns ``path``.

    ``data`` is bytes, text (UTF-8), or a function that writes the partial file it is given (for
    writers that want a file name, such as Pillow's ``save``). ``mode``: the file's permissions from
    the start (e.g. 0o600 for a secret). ``replace=False``: an existing file wins and is kept (the
    first of two parallel writers wins; both then read the same file)."""
    path = Path(path)
    partial = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        _write_partial(partial, data, mode)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_partial(partial, data, mode)
    if replace:
        os.replace(partial, path)
        return path
    try:
        os.link(partial, path)
    except FileExistsError:
        pass
    finally:
        partial.unlink()
    return path


def _write_partial(partial: Path, data: bytes | str | Callable[[Path], None], mode: int | None) -> None:
    if callable(data):
        data(partial)
        if mode is not None:
            os.chmod(partial, mode)
        return
    if isinstance(data, str):
        data = data.encode("utf-8")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666 if mode is None else mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def place(source: str | Path, target: str | Path) -> None:
    """Put a cached file at its public place: a hard link where possible, else a copy; never overwrite.

    Called for tens of thousands of files per build, so the common case is one system call."""
    try:
        os.link(source, target)
    except FileExistsError:
        return
    except FileNotFoundError:
        if not os.path.exists(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        place(source, target)
    except OSError:  # no hard links here (another file system): copy
        if not os.path.exists(target):
            shutil.copyfile(source, target)


def load_json_cache(path: str | Path | None) -> dict:
    """A cache kept as one JSON object: empty when there is none, or when it is damaged
    (a damaged cache is rebuilt, never trusted)."""
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable
        return {}
    return data if isinstance(data, dict) else {}


def save_json_cache(path: str | Path, data: dict) -> None:
    """Write a JSON cache whole or not at all."""
    atomic_write(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
