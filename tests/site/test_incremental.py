"""Rebuilding with the caches of an earlier build gives exactly what a clean build gives."""

import os
import re
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


@pytest.mark.long
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

    # The story and the profile are unchanged, but the images they point at are gone.
    (minimal_content / "images" / "foto.jpg").unlink()
    (minimal_content / "images" / "profiles" / "jan-de-vries.jpg").unlink()
    missing = check_with_cache(minimal_content, cache)
    assert missing.returncode == 1
    assert "stories/een-klein-verhaal.md" in missing.stderr and "profiles/jan-de-vries.yaml" in missing.stderr

    # A story checked (and cached) while its profile exists must fail once the profile is gone.
    make_jpeg(minimal_content / "images" / "foto.jpg")
    make_jpeg(minimal_content / "images" / "profiles" / "jan-de-vries.jpg", size=(480, 600), color=(60, 90, 120))
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


def rendered_counts(stdout: str) -> tuple[int, int]:
    """(pages rendered, pages kept) as the build reports them."""
    found = re.search(r"(\d+) pagina's gerenderd, (\d+) niet nodig", stdout)
    assert found, stdout
    return int(found[1]), int(found[2])


@pytest.mark.long
def test_incremental_builds_through_many_kinds_of_change_equal_clean_builds(tmp_path):
    """Keeps pages only when nothing they show changed: titles shown elsewhere, deletions,
    new documents, renamed slugs, reference data, consent; each step compared with a clean build."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output, cache = tmp_path / "site" / "output", tmp_path / "site" / "cache"
    assert run_build(output, content=content, cache=cache).ok
    stories = content / "stories"

    def retitle(path: Path, title: str):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'^title: .*$', f'title: "{title}"', text, count=1, flags=re.M), encoding="utf-8")

    def add_paragraph(path: Path):
        path.write_text(path.read_text(encoding="utf-8") + "\nEen alinea die er later bij kwam.\n", encoding="utf-8")

    steps = [
        # a story's text shows on its own page only: lists and cards show its title and summary
        lambda: add_paragraph(stories / "deeg.md"),
        # a story's title shows on the home page, the story list, related stories and profiles
        lambda: retitle(stories / "deeg.md", "Deeg, geduld en een oven van 1911"),
        # a story disappears: its page must go, and nothing may link to it any more
        (stories / "een-raam-van-vijfhonderd-stukjes.md").unlink,
        # a new slug for an existing story
        lambda: (stories / "deeg.md").rename(stories / "brood-en-geduld.md"),
        # a new profile; facets, counts and the directory change
        lambda: (content / "profiles" / "nieuwe-smid.yaml").write_text(
            (content / "profiles" / "smederij-brouwer.yaml").read_text(encoding="utf-8")
            .replace("Smederij & Hekwerk Brouwer", "Smederij De Nieuwe Vonk"), encoding="utf-8"),
        # reference data every page may show
        lambda: (content / "data" / "crafts.yaml").write_text(
            (content / "data" / "crafts.yaml").read_text(encoding="utf-8").replace('name: "Smeden"', 'name: "Smeden en hekwerk"', 1),
            encoding="utf-8"),
    ]
    counts = []
    for number, step in enumerate(steps):
        step()
        rebuilt = run_build(output, content=content, cache=cache)
        assert rebuilt.ok, rebuilt.stderr
        rendered, kept = rendered_counts(rebuilt.stdout)
        counts.append(rendered)
        if number < 4:  # one story changed
            assert kept > rendered, f"step {number}: an edit of one document re-renders {rendered} pages"
        if number == 1:
            assert counts[0] < counts[1], "a new paragraph re-renders the pages that list the story"
        clean = run_build(tmp_path / f"clean-{number}" / "output", content=content,
                          cache=tmp_path / f"clean-{number}" / "cache")
        assert clean.ok, clean.stderr
        assert differing_files(rebuilt.output, clean.output) == [], f"step {number}"
        shutil.rmtree(tmp_path / f"clean-{number}")
    assert not (output / "verhalen" / "een-raam-van-vijfhonderd-stukjes").exists()
    assert not (output / "verhalen" / "deeg").exists() or (output / "verhalen" / "deeg" / "index.html").read_text(
        encoding="utf-8").count("http-equiv")  # a redirect page may stand in for an old slug
    assert "Deeg, geduld en een oven van 1911" in (output / "index.html").read_text(encoding="utf-8")
