"""Skip a build when nothing that shapes the site has changed since the last one.

A stamp records a digest of every input (content, theme, plugins, settings, the build
script, the pinned requirements, the environment variables the settings read) and the
moment until which the output stays right without any input changing: the next start or
end of an event, the next date of a story, and the next midnight (the agenda and the
security.txt expiry move with the calendar). Pure Python; no Pelican.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from infra.files import atomic_write

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ENVIRONMENT = ("SITEURL", "BADGE_SECRET", "ADMIN_BACKEND", "SOURCE_DATE_EPOCH", "BADGE_CACHE_PATH", "IMAGE_CACHE_PATH",
               "COMPRESS_CACHE_PATH", "JINJA_CACHE_PATH", "DIRECTORY_INDEX_LIMIT", "ADMIN_AUTH_BASE_URL",
               "BADGE_SIGNING_KEY", "BADGE_DEV_KEY_PATH", "PRECOMPRESS", "ADMIN_REPO", "ADMIN_BRANCH", "ADMIN_AUTH_ENDPOINT",
               "EDITOR_PORT", "BADGE_QR_BATCH")
TIMED_FIELDS = {"event": ("start", "end"), "story": ("date",)}


def file_stamps(paths: list[Path]) -> list[str]:
    """``path:size:mtime`` of every file below ``paths`` (sorted; caches of Python left out)."""
    stamps = []
    for base in paths:
        if base.is_file():
            stat = base.stat()
            stamps.append(f"{base}:{stat.st_size}:{stat.st_mtime_ns}")
            continue
        for folder, subfolders, files in os.walk(base):
            subfolders[:] = sorted(s for s in subfolders if s != "__pycache__")
            for name in sorted(files):
                stat = os.stat(os.path.join(folder, name))
                stamps.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return stamps


def stamps_digest(stamps: list[str], extra: dict[str, str], skip=None) -> str:
    """A digest of file stamps plus ``extra``; ``skip(path)`` leaves out the files it is true for."""
    digest = hashlib.sha256(json.dumps(extra, sort_keys=True).encode())
    for stamp in stamps:
        if skip is None or not skip(stamp.rsplit(":", 2)[0]):
            digest.update(f"|{stamp}".encode())
    return digest.hexdigest()


def inputs_digest(paths: list[Path], extra: dict[str, str], skip=None) -> str:
    """Names, sizes and modification times of every file below ``paths``, plus ``extra``."""
    return stamps_digest(file_stamps(paths), extra, skip)


def environment(names=ENVIRONMENT, environ=os.environ) -> dict[str, str]:
    """The environment variables that change the output; secrets only as a hash."""
    values = {}
    for name in names:
        value = environ.get(name, "")
        values[name] = hashlib.sha256(value.encode()).hexdigest() if "SECRET" in name or name.endswith("_KEY") else value
    return values


def _moment(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=AMSTERDAM)
    return parsed


def next_change(timed: list[tuple[str, dict]], now: dt.datetime) -> dt.datetime:
    """The first moment after ``now`` at which the same inputs give a different site."""
    local = now.astimezone(AMSTERDAM)
    moments = [dt.datetime.combine(local.date() + dt.timedelta(days=1), dt.time(0, 0), tzinfo=AMSTERDAM)]
    for kind, data in timed:
        for name in TIMED_FIELDS.get(kind, ()):
            moment = _moment(data.get(name, "")) if data.get(name) else None
            if moment and moment > now:
                moments.append(moment)
    return min(moments)


class Stamp:
    """The record of the last successful build into one output folder."""

    def __init__(self, path: Path):
        self.path = path

    def fresh(self, digest: str, output: Path, now: dt.datetime) -> bool:
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (saved.get("inputs") == digest and saved.get("output") == str(output)
                and (output / "index.html").is_file()
                and now < dt.datetime.fromisoformat(saved["valid_until"]))

    def save(self, digest: str, output: Path, valid_until: dt.datetime) -> None:
        atomic_write(self.path, json.dumps({"inputs": digest, "output": str(output),
                                            "valid_until": valid_until.isoformat()}) + "\n")

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
