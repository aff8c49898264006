"""Rebuilding with the caches of an earlier build gives exactly what a clean build gives."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_jpeg, run_build, tree_digest

pytestmark = pytest.mark.build


def differing_files(first: Path, second: Path) -> list[str]:
    """Paths below either folder that are missing from the other or have other bytes."""
    files_a = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    files_b = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    differing = sorted(str(p) + " (alleen in de ene build)" for p in files_a ^ files_b)
    differing += sorted(str(p) for p in files_a & files_b if (first / p).read_bytes() != (second / p).read_bytes())
    return differing


def test_rebuild_after_edits_equals_clean_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output, cache = tmp_path / "site" / "output", tmp_path / "site" / "cache"
    assert run_build(output, content=content, cache=cache).ok

    story = content / "stories" / "deeg.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nEen alinea die er later bij kwam.\n", encoding="utf-8")
    profile = content / "profiles" / "smederij-brouwer.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "tagline:" in text
    profile.write_text(text.replace("tagline: ", 'tagline: "Nieuw: trappen op maat" # was: ', 1), encoding="utf-8")

    rebuilt = run_build(output, content=content, cache=cache)
    assert rebuilt.ok, rebuilt.stderr
    assert "Een alinea die er later bij kwam." in rebuilt.file("verhalen/deeg/").read_text(encoding="utf-8")
    assert "Nieuw: trappen op maat" in rebuilt.file("ambachtengids/smederij-brouwer/").read_text(encoding="utf-8")

    clean = run_build(tmp_path / "clean" / "output", content=content, cache=tmp_path / "clean" / "cache")
    assert clean.ok, clean.stderr
    assert differing_files(rebuilt.output, clean.output) == []
    assert tree_digest(rebuilt.output) == tree_digest(clean.output)


def check_with_cache(content: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), "check", str(content), "--cache", str(cache)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")},
    )


def test_cached_check_still_reports_new_problems(minimal_content, tmp_path):
    cache = tmp_path / "check-cache"
    assert check_with_cache(minimal_content, cache).returncode == 0
    assert list(cache.glob("content-check-*.pickle")), "the check keeps its results"
    assert check_with_cache(minimal_content, cache).returncode == 0

    # The story and the profile are unchanged, but the photo they both point at is gone.
    (minimal_content / "images" / "foto.jpg").unlink()
    missing = check_with_cache(minimal_content, cache)
    assert missing.returncode == 1
    assert "stories/een-klein-verhaal.md" in missing.stderr and "profiles/jan-de-vries.yaml" in missing.stderr

    # A story checked (and cached) while its profile exists must fail once the profile is gone.
    make_jpeg(minimal_content / "images" / "foto.jpg")
    story = minimal_content / "stories" / "een-klein-verhaal.md"
    story.write_text(story.read_text(encoding="utf-8").replace("region: utrecht\n", "region: utrecht\nprofiles: [jan-de-vries]\n"),
                     encoding="utf-8")
    assert check_with_cache(minimal_content, cache).returncode == 0
    (minimal_content / "profiles" / "jan-de-vries.yaml").unlink()
    gone = check_with_cache(minimal_content, cache)
    assert gone.returncode == 1
    assert "stories/een-klein-verhaal.md" in gone.stderr and "jan-de-vries" in gone.stderr


def test_a_build_with_nothing_changed_writes_nothing(tmp_path, minimal_content):
    output, cache = tmp_path / "output", tmp_path / ".cache"
    first = run_build(output, content=minimal_content, cache=cache)
    assert first.ok, first.stderr
    before = {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}
    again = run_build(output, content=minimal_content, cache=cache)
    assert again.ok and "Niets veranderd" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()} == before
    story = next((minimal_content / "stories").glob("*.md"))
    story.write_text(story.read_text(encoding="utf-8").replace("Tekst van het verhaal.", "Nieuwe tekst."), encoding="utf-8")
    changed = run_build(output, content=minimal_content, cache=cache)
    assert changed.ok and "Niets veranderd" not in changed.stdout
    assert "Nieuwe tekst." in (output / "verhalen" / story.stem / "index.html").read_text(encoding="utf-8")
