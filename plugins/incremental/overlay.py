"""The output of a build as an overlay on the last good output. Pure Python; no Pelican.

A build writes into an empty staging folder. Whatever it can prove unchanged since the last
build (same key in the manifest, file still in place) it *keeps* instead of writing: the
file stays where it is in the last good output. On success :meth:`OutputOverlay.commit`
moves the staged files into the output, deletes what the new site no longer has and saves
the manifest; on failure the staging folder is dropped and the output was never touched.

Without a usable manifest (first build, other output folder, manifest lost) nothing can be
kept: the staging folder then holds the complete site and replaces the output folder whole.

The manifest names every file of the output with the key it was made from (or ``""`` when
it was written without one), and for every rendering call its key and the files it wrote.
It is stored with ``marshal`` (plain strings, lists and dicts): at tens of thousands of files,
JSON took a tenth of a second on every build to write.
A file rendered again with the same bytes keeps its *content id*, the key of the build that
last changed its bytes, so work that depends on the bytes only (the search index) is not redone.
"""

from __future__ import annotations

import logging
import marshal
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from infra.cachekey import code_digest
from infra.files import atomic_write

logger = logging.getLogger(__name__)


class OutputOverlay:
    def __init__(self, output: Path, staging: Path, manifest_path: Path, baseline: str,
                 baseline_parts: dict[str, str] | None = None, documents: dict[str, str] | None = None,
                 explain: bool = False):
        self.output = output
        self._output = f"{output}{os.sep}"
        self.staging = staging
        self.manifest_path = manifest_path
        self.baseline = baseline
        self.code = code_digest(sys.modules[__name__])  # a manifest is read only by the code that wrote it
        previous = self._load(manifest_path, output, self.code)
        self.incremental = previous is not None
        self._previous_files: dict[str, str] = previous["files"] if previous else {}
        self._previous_calls: dict[str, list] = (
            previous["calls"] if previous and previous.get("baseline") == baseline else {})
        self._previous_content: dict[str, str] = previous.get("content", {}) if previous else {}
        # What the keys were made of, kept beside them so that a later build can say why it rendered
        # a page again (incremental.explain): the baseline's parts, the shared context values'
        # digests, the names each template reads, each call's own inputs, the document files' stamps.
        before = previous.get("explain", {}) if previous else {}
        self.previous_explain: dict = before if isinstance(before, dict) else {}
        self.explain = {"baseline": dict(baseline_parts or {}), "globals": {}, "templates": {}, "pages": {},
                        "documents": dict(documents or {})}
        self.explaining = explain
        self.reasons: dict[str, str] = {}  # call name -> why it was rendered (only when explaining)
        self.kept: dict[str, str] = {}
        self.content: dict[str, str] = {}  # content ids that differ from the file's key
        self.keys: dict[str, str] = {}   # keys of files written into staging
        self.calls: dict[str, list] = {}
        self.rendered = 0
        self.skipped = 0

    @staticmethod
    def _load(path: Path, output: Path, code: str) -> dict | None:
        if not output.is_dir():
            return None
        try:
            data = marshal.loads(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError) as error:
            logger.warning("%s: manifest unreadable (%s); building everything", path, error)
            return None
        if not isinstance(data, dict) or data.get("version") != code or data.get("output") != str(output):
            return None
        return data

    # --- during the build ---------------------------------------------------------------
    def keep(self, relative: str, key: str) -> bool:
        """Claim ``relative`` unchanged when the last build made it from the same ``key``."""
        if not (self.incremental and key and self._previous_files.get(relative) == key):
            return False
        if not os.path.isfile(self._output + relative):
            return False
        self._mark_kept(relative, key)
        return True

    def _mark_kept(self, relative: str, key: str) -> None:
        """``relative`` stays as the output has it; its bytes keep their content id."""
        self.kept[relative] = key
        if relative in self._previous_content:
            self.content[relative] = self._previous_content[relative]

    def record(self, relative: str, key: str) -> None:
        """``relative`` was written into staging, made from ``key``."""
        self.keys[relative] = key
        self.content.pop(relative, None)

    def place(self, relative: str, key: str, place: Callable[[Path], None]) -> bool:
        """Keep ``relative`` if it was made from ``key``, else ``place(staging path)``; True if placed."""
        if self.keep(relative, key):
            return False
        place(self.staging / relative)
        self.record(relative, key)
        return True

    def _claim(self, name: str, key: str) -> list | None:
        """The last build's entry for ``name`` if it had the same key and all its files are
        kept (each under the key it was made from); every file is then claimed unchanged."""
        entry = self._previous_calls.get(name)
        if not entry or entry[0] != key:
            return None
        files = entry[1]
        if not all(self.keep(relative, self._previous_files.get(relative, "")) for relative in files):
            for relative in files:
                self.kept.pop(relative, None)
                self.content.pop(relative, None)
            return None
        self.calls[name] = entry
        return entry

    def _claim_group(self, name: str, key: str) -> list | None:
        """Like :meth:`_claim`, but a group's files are looked for one per folder: a group is
        many files in a few folders, and a folder deleted by hand is what must be noticed."""
        entry = self._previous_calls.get(name)
        if not entry or entry[0] != key or not self.incremental:
            return None
        files, previous, seen = entry[1], self._previous_files, set()
        for relative in files:
            folder = relative.rpartition("/")[0]
            if not previous.get(relative) or (folder not in seen and not os.path.isfile(self._output + relative)):
                return None
            seen.add(folder)
        for relative in files:
            self._mark_kept(relative, previous[relative])
        self.calls[name] = entry
        return entry

    def previous_call(self, name: str, key: str) -> list[str] | None:
        """The files a rendering call wrote last time, if it had the same key and all are in place."""
        entry = self._claim(name, key)
        if entry is None:
            return None
        self.skipped += 1
        return entry[1]

    def previous_group(self, name: str, key: str) -> dict | None:
        """The data saved with the group of files ``name`` (see :meth:`record_group`) when the
        last build made it under the same key and its folders are in place (then kept)."""
        entry = self._claim_group(name, key)
        return None if entry is None else entry[2]

    def record_group(self, name: str, key: str, files: list[str], data: dict | None = None) -> None:
        """``files``, placed or kept in this build, are wholly determined by ``key`` (together
        with the baseline); the next build may claim them all at once. ``data`` is plain JSON."""
        self.calls[name] = [key, sorted(files), data or {}]

    def rendered_call(self, name: str, key: str, files: list[str]) -> None:
        """A call rendered ``files`` into staging; those identical to the output's stay untouched there."""
        self.calls[name] = [key, files]
        for relative in files:
            self.record(relative, key)
            if self.incremental and relative in self._previous_files:
                staged, current = self.staging / relative, self.output / relative
                try:
                    same = current.stat().st_size == staged.stat().st_size and current.read_bytes() == staged.read_bytes()
                except OSError:
                    same = False
                if same:
                    staged.unlink()
                    self.kept[relative] = key
                    previous = self._previous_content.get(relative) or self._previous_files[relative]
                    if previous and previous != key:
                        self.content[relative] = previous
        self.rendered += 1

    def changed_documents(self) -> set[str]:
        """Document files (relative to the content folder) added, removed or changed since the last build."""
        before, now = self.previous_explain.get("documents", {}), self.explain["documents"]
        return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}

    def content_id(self, relative: str) -> str | None:
        """An id of the bytes of ``relative`` in this build (the key of the build that made these
        bytes), if it was kept or written with a key; the same id means the same bytes."""
        return self.content.get(relative) or self.kept.get(relative) or self.keys.get(relative) or None

    def staged(self) -> Iterator[str]:
        for folder, _, files in os.walk(self.staging):
            base = os.path.relpath(folder, self.staging)
            for name in files:
                yield name if base == "." else f"{base}/{name}".replace(os.sep, "/")

    def view(self) -> dict[str, str]:
        """Every file of the new site (so far) and where it is now: staging, or the kept output."""
        output, staging = self._output, f"{self.staging}{os.sep}"
        files = {relative: output + relative for relative in self.kept}
        files.update((relative, staging + relative) for relative in self.staged())
        return files

    # --- after the build ----------------------------------------------------------------
    def commit(self) -> dict[str, int]:
        """Make the output what this build made; returns counts of written, kept and deleted files."""
        staged = list(self.staged())
        files = {relative: "" for relative in staged}
        files.update(self.kept)
        files.update((relative, key) for relative, key in self.keys.items() if relative in files)
        self.manifest_path.parent.mkdir(parents=True, exist_ok=True)
        self.manifest_path.unlink(missing_ok=True)  # an interrupted commit leaves no manifest behind
        deleted = 0
        if not self.incremental:
            self._swap()
        else:
            for relative in staged:
                target = self.output / relative
                try:
                    os.replace(self.staging / relative, target)
                except FileNotFoundError:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(self.staging / relative, target)
                except IsADirectoryError:
                    shutil.rmtree(target)
                    os.replace(self.staging / relative, target)
            shutil.rmtree(self.staging)
            gone = [relative for relative in self._previous_files if relative not in files]
            for relative in gone:
                (self.output / relative).unlink(missing_ok=True)
            self._prune({str(Path(relative).parent) for relative in gone})
            deleted = len(gone)
        content = {relative: id_ for relative, id_ in self.content.items() if relative in files}
        data = {"version": self.code, "output": str(self.output), "baseline": self.baseline,
                "files": files, "calls": self.calls, "content": content, "explain": self.explain}
        atomic_write(self.manifest_path, marshal.dumps(data))
        return {"written": len(staged), "kept": len(self.kept), "deleted": deleted,
                "pages": sum(1 for relative in files if relative.endswith(".html"))}

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _swap(self) -> None:
        """Put the complete new build in place of the old output with two renames."""
        self.staging.chmod(0o755)
        old = None
        if self.output.exists():
            old = self.output.with_name(f".{self.output.name}-old-{os.getpid()}")
            os.rename(self.output, old)
        os.rename(self.staging, self.output)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _prune(self, folders: set[str]) -> None:
        """Remove folders the deletions left empty, deepest first."""
        for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
            path = self.output / folder
            while path != self.output and path.is_dir():
                try:
                    path.rmdir()
                except OSError:
                    break
                path = path.parent
