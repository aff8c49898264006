"""infra.files: whole-or-nothing writes, placing cached files, JSON caches."""

import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from infra.files import atomic_write, load_json_cache, place, save_json_cache


def no_parts(folder):
    return [path.name for path in folder.rglob("*.part")]


@pytest.mark.parametrize("data", [b"\x00\x01bytes", "tekst met ’ en é", lambda path: path.write_bytes(b"callable")])
def test_atomic_write_writes_bytes_text_or_a_writer_into_a_new_folder(tmp_path, data):
    target = tmp_path / "a" / "b" / "file.bin"
    assert atomic_write(target, data) == target
    expected = data if isinstance(data, bytes) else data.encode() if isinstance(data, str) else b"callable"
    assert target.read_bytes() == expected
    assert no_parts(tmp_path) == []


def test_atomic_write_replaces_an_existing_file_and_a_failed_write_leaves_the_old_one(tmp_path):
    target = tmp_path / "cache.json"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"

    def broken(path):
        path.write_bytes(b"half")
        raise RuntimeError("the writer fails half-way")

    with pytest.raises(RuntimeError):
        atomic_write(target, broken)
    assert target.read_bytes() == b"new"  # never a torn file


def test_atomic_write_without_replace_keeps_the_first_file(tmp_path):
    target = tmp_path / "key"
    atomic_write(target, "first\n", mode=0o600, replace=False)
    atomic_write(target, "second\n", mode=0o600, replace=False)
    assert target.read_text() == "first\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert no_parts(tmp_path) == []


def test_atomic_write_mode_applies_to_a_writer_too(tmp_path):
    target = tmp_path / "secret"
    atomic_write(target, lambda path: path.write_text("x"), mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@settings(max_examples=30)
@given(st.lists(st.binary(max_size=64), min_size=1, max_size=5))
def test_the_last_atomic_write_wins(tmp_path_factory, contents):
    target = tmp_path_factory.mktemp("writes") / "file"
    for data in contents:
        atomic_write(target, data)
    assert target.read_bytes() == contents[-1]


def test_place_links_into_new_folders_and_never_overwrites(tmp_path):
    source = tmp_path / "cache" / "x.png"
    atomic_write(source, b"png")
    target = tmp_path / "out" / "images" / "x.png"
    place(source, target)
    assert target.read_bytes() == b"png"
    assert os.path.samefile(source, target)  # a hard link, not a copy
    other = tmp_path / "cache" / "y.png"
    atomic_write(other, b"other")
    place(other, target)
    assert target.read_bytes() == b"png"


def test_place_of_a_missing_source_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        place(tmp_path / "gone", tmp_path / "out" / "gone")


@pytest.mark.parametrize("stored", [None, "", "{not json", "[1, 2]", '"text"'])
def test_a_missing_or_damaged_json_cache_is_empty(tmp_path, stored):
    path = tmp_path / "cache.json"
    if stored is not None:
        path.write_text(stored)
    assert load_json_cache(path) == {}


def test_a_json_cache_round_trips(tmp_path):
    path = tmp_path / "sub" / "cache.json"
    save_json_cache(path, {"é": [1, 2], "b": {"c": None}})
    assert load_json_cache(path) == {"é": [1, 2], "b": {"c": None}}
    assert load_json_cache(None) == {}
