"""The output overlay: keeps what is unchanged, commits the rest, deletes what is gone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from incremental.files import claim_output_group, output_files, record_output_group, write_output
from incremental.overlay import OutputOverlay


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(tmp_path: Path, files: dict[str, bytes], baseline="b1") -> OutputOverlay:
    """One build that writes ``files`` through the overlay, committed."""
    staging = tmp_path / f"staging-{len(list(tmp_path.iterdir()))}"
    staging.mkdir()
    overlay = OutputOverlay(tmp_path / "output", staging, tmp_path / "cache" / "manifest.json", baseline)
    for relative, data in files.items():
        write_output(overlay, staging, relative, data)
    overlay.commit()
    return overlay


def test_first_build_swaps_in_the_whole_site(tmp_path):
    first = build(tmp_path, {"index.html": b"home", "a/b/index.html": b"b"})
    assert not first.incremental
    assert tree(tmp_path / "output") == {"index.html": b"home", "a/b/index.html": b"b"}


def test_next_build_writes_only_what_changed_and_deletes_what_is_gone(tmp_path):
    build(tmp_path, {"index.html": b"home", "a/b/index.html": b"b", "c/index.html": b"c"})
    before = (tmp_path / "output" / "index.html").stat().st_mtime_ns
    second = build(tmp_path, {"index.html": b"home", "a/b/index.html": b"b2", "d/index.html": b"d"})
    assert second.incremental
    assert set(second.kept) == {"index.html"}
    assert tree(tmp_path / "output") == {"index.html": b"home", "a/b/index.html": b"b2", "d/index.html": b"d"}
    assert (tmp_path / "output" / "index.html").stat().st_mtime_ns == before  # untouched
    assert not (tmp_path / "output" / "c").exists()  # the emptied folder is gone too
    assert not list(tmp_path.glob("staging-*"))


def test_a_file_deleted_by_hand_is_written_again(tmp_path):
    build(tmp_path, {"index.html": b"home", "x.txt": b"x"})
    (tmp_path / "output" / "x.txt").unlink()
    build(tmp_path, {"index.html": b"home", "x.txt": b"x"})
    assert tree(tmp_path / "output") == {"index.html": b"home", "x.txt": b"x"}


def test_a_lost_or_foreign_manifest_means_a_full_build(tmp_path):
    build(tmp_path, {"index.html": b"home"})
    (tmp_path / "cache" / "manifest.json").write_text("{not json", encoding="utf-8")
    again = build(tmp_path, {"index.html": b"home"})
    assert not again.incremental and not again.kept


def test_calls_are_kept_only_under_the_same_baseline_and_key(tmp_path):
    def render(baseline, key):
        staging = tmp_path / f"s-{baseline}-{key}"
        staging.mkdir()
        overlay = OutputOverlay(tmp_path / "output", staging, tmp_path / "manifest.json", baseline)
        kept = overlay.previous_call("page", key)
        if kept is None:
            (staging / "page").mkdir()
            (staging / "page" / "index.html").write_text(f"{baseline}{key}")
            overlay.rendered_call("page", key, ["page/index.html"])
        overlay.commit()
        return kept

    assert render("b1", "k1") is None
    assert render("b1", "k1") == ["page/index.html"]
    assert render("b1", "k2") is None
    assert render("b2", "k2") is None  # another baseline: nothing is trusted
    assert (tmp_path / "output" / "page" / "index.html").read_text() == "b2k2"


def test_the_view_shows_kept_and_staged_files(tmp_path):
    build(tmp_path, {"index.html": b"home", "a.txt": b"a"})
    staging = tmp_path / "staging-view"
    staging.mkdir()
    overlay = OutputOverlay(tmp_path / "output", staging, tmp_path / "cache" / "manifest.json", "b1")
    write_output(overlay, staging, "index.html", b"home")
    write_output(overlay, staging, "a.txt", b"changed")
    view = output_files(overlay, staging)
    assert Path(view["index.html"]).parent == tmp_path / "output"
    assert Path(view["a.txt"]).read_bytes() == b"changed"
    overlay.discard()
    assert tree(tmp_path / "output")["a.txt"] == b"a"  # a failed build leaves the output alone


def test_the_content_id_changes_only_with_the_bytes(tmp_path):
    """A page rendered again under a new key but with the same bytes keeps its content id
    (the search index is not redone for it); new bytes give a new id."""
    def render(key, text):
        staging = tmp_path / f"s-{key}"
        staging.mkdir()
        overlay = OutputOverlay(tmp_path / "output", staging, tmp_path / "manifest.json", "b1")
        if overlay.previous_call("page", key) is None:
            (staging / "page").mkdir()
            (staging / "page" / "index.html").write_text(text)
            overlay.rendered_call("page", key, ["page/index.html"])
        overlay.commit()
        return overlay.content_id("page/index.html")

    assert render("k1", "same") == "k1"
    assert render("k2", "same") == "k1"   # new key, same bytes
    assert render("k2", "same") == "k1"   # kept under k2, id carried through the manifest
    assert render("k3", "other") == "k3"  # new bytes
    assert render("k4", "other") == "k3"


def test_a_group_of_files_is_kept_whole_under_the_same_key(tmp_path):
    """A group (e.g. one profile's badge kit) is claimed at once; a new key or a folder
    deleted by hand makes it again."""
    def run(key, deleted=None):
        staging = tmp_path / f"s-{len(list(tmp_path.iterdir()))}"
        staging.mkdir()
        overlay = OutputOverlay(tmp_path / "output", staging, tmp_path / "manifest.json", "b1")
        files = {"kit/a.png": b"a" + key.encode(), "kit/b.png": b"b", "docs/a.json": b"{}"}
        data = claim_output_group(overlay, "kit", key)
        if data is None:
            for relative, content in files.items():
                write_output(overlay, staging, relative, content)
            record_output_group(overlay, "kit", key, list(files), {"made": key})
        overlay.commit()
        return data

    assert run("k1") is None
    assert run("k1") == {"made": "k1"}
    assert tree(tmp_path / "output") == {"kit/a.png": b"ak1", "kit/b.png": b"b", "docs/a.json": b"{}"}
    assert run("k2") is None
    assert (tmp_path / "output" / "kit" / "a.png").read_bytes() == b"ak2"
    shutil.rmtree(tmp_path / "output" / "kit")
    assert run("k2") is None  # the folder was deleted: made again
    assert tree(tmp_path / "output") == {"kit/a.png": b"ak2", "kit/b.png": b"b", "docs/a.json": b"{}"}
    assert run("k2") == {"made": "k2"}


def test_the_settings_in_place_of_the_overlay_are_refused_with_a_clear_message(tmp_path):
    """The helpers took the settings before the build's objects left them (infra.scope)."""
    for call in (lambda: write_output({"SITEURL": ""}, tmp_path, "a.txt", b"a"),
                 lambda: output_files({"SITEURL": ""}, tmp_path),
                 lambda: claim_output_group({}, "kit", "k")):
        with pytest.raises(TypeError, match="build's overlay"):
            call()
    write_output(None, tmp_path, "a.txt", b"a")  # no overlay (a plain pelican run): written directly
    assert (tmp_path / "a.txt").read_bytes() == b"a"
