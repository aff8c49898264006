"""Write or place an output file through the build's overlay when there is one.

Generators call these instead of writing into the output folder themselves, so that a file
made from the same bytes (or the same cached source) as last time is kept, not rewritten.
The first argument is the build's overlay (``infra.scope.build_of(context or pelican).overlay``);
None (a plain ``pelican`` run) writes into the output folder directly.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .overlay import OutputOverlay


def _checked(overlay):
    """The overlay argument as given; the settings (the old first argument) are refused with a clear message."""
    if isinstance(overlay, Mapping):
        raise TypeError("incremental.files takes the build's overlay (infra.scope.build_of(context or pelican).overlay), "
                        "not the settings")
    return overlay


def write_output(overlay: OutputOverlay | None, output_path: str | Path, relative: str, data: bytes | str) -> None:
    """Write ``data`` to ``relative`` in the output (kept as it is when the bytes are the same)."""
    overlay = _checked(overlay)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if overlay is None:
        _write(Path(output_path) / relative, data)
        return
    key = "sha256:" + hashlib.sha256(data).hexdigest()
    overlay.place(relative, key, lambda target: _write(target, data))


def made_output(overlay: OutputOverlay | None, output_path: str | Path, relative: str, key: str,
                make: Callable[[], bytes | str]) -> None:
    """Write ``make()`` to ``relative``, unless the file the same ``key`` made is already there
    (``key`` must hash everything ``make`` depends on besides the build's baseline)."""
    def write(target: Path) -> None:
        data = make()
        _write(target, data.encode("utf-8") if isinstance(data, str) else data)

    place_output(overlay, output_path, relative, key, write)


def place_output(overlay: OutputOverlay | None, output_path: str | Path, relative: str, key: str,
                 place: Callable[[Path], None]) -> None:
    """Put a file made from ``key`` at ``relative``: ``place(target)`` unless it is already there."""
    overlay = _checked(overlay)
    if overlay is None:
        place(Path(output_path) / relative)
        return
    overlay.place(relative, key, place)


def output_placer(overlay: OutputOverlay | None, output_path: str | Path, prefix: str = "") -> Callable:
    """``put(relative, key, place)`` for code that publishes cached files: :func:`place_output`
    below ``prefix`` of the output."""
    overlay = _checked(overlay)
    return lambda relative, key, place: place_output(overlay, output_path, prefix + relative, key, place)


def claim_output_group(overlay: OutputOverlay | None, name: str, key: str) -> dict | None:
    """The data saved with the last build's group ``name`` if it was made under ``key`` and its
    files are all in place; they are then kept as they are. None: make the group's files again."""
    overlay = _checked(overlay)
    return overlay.previous_group(name, key) if overlay is not None else None


def record_output_group(overlay: OutputOverlay | None, name: str, key: str, files: list[str], data: dict | None = None) -> None:
    """The files of group ``name`` (placed or kept in this build) follow from ``key`` alone."""
    overlay = _checked(overlay)
    if overlay is not None:
        overlay.record_group(name, key, files, data)


def output_files(overlay: OutputOverlay | None, output_path: str | Path) -> dict[str, str]:
    """Every file of the site being built, by output-relative path, and where it is now."""
    overlay = _checked(overlay)
    if overlay is not None:
        return overlay.view()
    files = {}
    for folder, _, names in os.walk(output_path):
        base = os.path.relpath(folder, output_path).replace(os.sep, "/")
        for name in names:
            files[name if base == "." else f"{base}/{name}"] = os.path.join(folder, name)
    return files


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def output_content_id(overlay: OutputOverlay | None, relative: str) -> str | None:
    """An id of the bytes of a file of this build (equal ids, equal bytes), if known."""
    overlay = _checked(overlay)
    return overlay.content_id(relative) if overlay is not None else None
