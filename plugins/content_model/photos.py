"""Which image files are profile photos: every photo a profile declares, published or not. No Pelican.

A profile photo may only be published through its own profile, and only with ``foto`` consent
(applied in ``craft_directory``). The image service uses this list to refuse any other route.
"""

from __future__ import annotations

from pathlib import Path

from .check import ContentChecker
from .files import FileProblem, resolve_content_path


def profile_photos(checker: ContentChecker) -> dict[Path, Path]:
    """Each photo file any profile names (as resolved below content/) and the profile that names it."""
    photos: dict[Path, Path] = {}
    for path in checker.files("profile"):
        checked = checker.check_file("profile", path)
        photo = checked.data.get("photo") if isinstance(checked.data, dict) else None
        if not isinstance(photo, str) or not photo:
            continue
        try:
            source = resolve_content_path(checker.root, photo)
        except FileProblem:
            continue  # reported by the check itself; a missing file cannot be published either
        photos[source.resolve()] = path
    return photos
