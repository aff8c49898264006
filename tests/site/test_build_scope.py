"""The objects of one build never travel in the settings (infra.scope): Pelican's content cache, which
pickles every story's author and category together with the settings they point at, holds none of them,
and a plain ``pelican`` run (no scripts/build.py) still builds the site with our Pelican class."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import BUILD_MOMENT, IMAGE_CACHE, ROOT, SITEURL, run_build

pytestmark = pytest.mark.build

# The classes of the build's objects (infra.scope.Build and its fields), and what held one in the settings.
PER_BUILD = {
    ("infra.scope", "Build"),
    ("content_model.checkcache", "CheckCache"),
    ("incremental.overlay", "OutputOverlay"),
    ("responsive_images.pipeline", "Workers"),
    ("responsive_images.service", "ImageService"),
    ("responsive_images.service", "PictureExtension"),
}


class Recording(pickle.Unpickler):
    """Unpickles, and remembers every class the pickle names."""

    def __init__(self, file):
        super().__init__(file)
        self.classes: set[tuple[str, str]] = set()

    def find_class(self, module, name):
        self.classes.add((module, name))
        return super().find_class(module, name)


def cache_files(cache: Path) -> list[Path]:
    """Pelican's reader caches of an ``html`` build (one per generator that reads documents)."""
    return sorted((cache / "pelican-html").glob("*-Readers"))


def unpickled(path: Path) -> tuple[object, set[tuple[str, str]]]:
    with path.open("rb") as stored:
        recording = Recording(stored)
        return recording.load(), recording.classes


def settings_in(value, seen=None) -> dict | None:
    """The settings the unpickled cache holds (so that it would hold whatever they hold), if any."""
    seen = set() if seen is None else seen
    if id(value) in seen:
        return None
    seen.add(id(value))
    if isinstance(value, dict):
        if "SITEURL" in value and "PLUGINS" in value:
            return value
        children = list(value.values())
    elif isinstance(value, (list, tuple, set)):
        children = list(value)
    else:
        children = [vars(value)] if hasattr(value, "__dict__") else []
    return next((found for child in children if (found := settings_in(child, seen)) is not None), None)


# The settings that carried the build's objects before infra.scope.Build.
OLD_KEYS = {"CONTENT_CHECK_CACHE", "OUTPUT_OVERLAY", "IMAGE_SERVICE", "WORKERS"}


def test_the_content_cache_holds_settings_but_none_of_the_builds_objects(minimal_content, tmp_path):
    story = minimal_content / "stories" / "een-klein-verhaal.md"
    original = story.read_text(encoding="utf-8")
    sizes = []
    for round_, text in enumerate([original, original.replace("Een", "Nog een", 1), original]):
        story.write_text(text, encoding="utf-8")
        build = run_build(tmp_path / "output", content=minimal_content, cache=tmp_path / ".cache")
        assert build.ok, build.stderr
        files = cache_files(tmp_path / ".cache")
        assert [path.name for path in files] == ["ArticlesGenerator-Readers", "PagesGenerator-Readers"], round_
        for path in files:
            data, classes = unpickled(path)
            assert data, path
            assert classes & PER_BUILD == set(), (path, classes & PER_BUILD)
        # the stories are cached with the settings their categories point at: whatever the settings held would be there
        stories, classes = unpickled(files[0])
        settings = settings_in(stories)
        assert settings is not None and ("pelican.urlwrappers", "Category") in classes
        assert not OLD_KEYS & set(settings) and "build" not in settings
        assert all(isinstance(extension, str) for extension in settings["MARKDOWN"].get("extensions", []))
        sizes.append(sum(path.stat().st_size for path in files))
    # the same documents after three builds: the same cache, not one that grows with every build
    assert sizes[2] == sizes[0], sizes


def test_the_recording_unpickler_sees_a_build_object_in_the_settings():
    """The check above can fail: settings that held a build object would name its class."""
    from infra.scope import Build

    stored = pickle.dumps({"SITEURL": SITEURL, "PLUGINS": [], "BUILD": Build()})
    recording = Recording(io.BytesIO(stored))
    assert settings_in([recording.load()])["BUILD"] == Build()
    assert recording.classes & PER_BUILD == {("infra.scope", "Build")}


def test_a_plain_pelican_run_builds_the_site_with_the_scoped_pelican_class(minimal_content, tmp_path):
    """``pelican`` without scripts/build.py: PELICAN_CLASS gives it an empty build; there is no overlay, no
    check cache and no shared workers, and the image service still makes the story's pictures."""
    story = minimal_content / "stories" / "een-klein-verhaal.md"
    story.write_text(story.read_text(encoding="utf-8") + "\n![Een smidse aan het werk](images/foto.jpg)\n",
                     encoding="utf-8")
    output = tmp_path / "output"
    environment = {**os.environ, "SITEURL": SITEURL, "SOURCE_DATE_EPOCH": str(int(BUILD_MOMENT.timestamp())),
                   "BADGE_SECRET": "test-geheim", "IMAGE_CACHE_PATH": str(IMAGE_CACHE),
                   "PYTHONPATH": str(ROOT / "plugins")}
    environment.pop("BADGE_CACHE_PATH", None)
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(minimal_content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
         "-e", f'CACHE_PATH="{tmp_path / "cache"}"', f'BADGE_CACHE_PATH="{tmp_path / "badges"}"'],
        capture_output=True, text=True, cwd=ROOT, env=environment, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    page = BeautifulSoup((output / "verhalen" / "een-klein-verhaal" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    body_image = page.find("img", alt="Een smidse aan het werk")  # the reader's Markdown extension, from the build
    assert body_image is not None and body_image.parent.name == "picture"
    assert body_image["src"].startswith(f"{SITEURL}/images/foto-")
    assert list((output / "images").glob("foto-*.webp"))
