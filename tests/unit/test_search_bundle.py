"""A Pagefind bundle made deterministic (plugins/site_search/bundle.py), with the real Pagefind."""

from __future__ import annotations

import gzip
import subprocess
from pathlib import Path

import pytest
from conftest import tree_digest
from hypothesis import given
from hypothesis import strategies as st
from site_search.bundle import SIGNATURE, BundleError, MapItems, decode, encode, read, settle
from site_search.generator import pagefind_command

REGIONS = ["Utrecht", "Fryslân", "Groningen", "Zeeland", "Limburg", "Drenthe", "Flevoland", "Overijssel"]


def site(folder: Path) -> Path:
    for n in range(24):
        page = folder / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<!doctype html><html lang="nl"><head><title>Pagina {n}</title></head><body><main data-pagefind-body>'
            f'<h1>Pagina {n}</h1><p>Smid en bakker, woord{n}.</p>'
            f'<span data-pagefind-filter="regio:{REGIONS[n % len(REGIONS)]}"></span>'
            f'<span data-pagefind-filter="soort:{"Verhaal" if n % 2 else "Profiel"}"></span>'
            f'<span data-pagefind-filter="ambacht:{REGIONS[(n * 3) % len(REGIONS)]}x"></span></main></body></html>',
            encoding="utf-8")
    return folder


def pagefind(source: Path, target: Path) -> Path:
    subprocess.run(pagefind_command(str(source), str(target)), check=True, capture_output=True)
    return target


def test_two_runs_over_the_same_pages_give_the_same_bytes(tmp_path):
    source = site(tmp_path / "site")
    first, second = (pagefind(source, tmp_path / name) for name in ("a", "b"))
    settle(first)
    settle(second)
    assert tree_digest(first) == tree_digest(second)
    values = [read(path)[1] for path in sorted((first / "filter").iterdir())]
    assert len(values) == 3 and all([v for v, _ in pairs] == sorted(v for v, _ in pairs) for pairs in values)
    settle(first)  # settling a settled bundle changes nothing
    assert tree_digest(first) == tree_digest(second)


def test_pagefinds_own_files_read_back_byte_for_byte(tmp_path):
    bundle = pagefind(site(tmp_path / "site"), tmp_path / "bundle")
    for path in [*bundle.glob("*.pf_meta"), *(bundle / "filter").iterdir()]:
        data = gzip.decompress(path.read_bytes())
        value, end = decode(data, len(SIGNATURE))
        assert end == len(data) and SIGNATURE + encode(value) == data


def test_what_is_not_a_pagefind_file_is_an_error(tmp_path):
    path = tmp_path / "x.pf_meta"
    path.write_bytes(gzip.compress(b"something else"))
    with pytest.raises(BundleError):
        read(path)
    with pytest.raises(BundleError):
        encode(-1)


cbor = st.recursive(st.none() | st.booleans() | st.integers(0, 2**64 - 1) | st.text(max_size=20) | st.binary(max_size=20),
                    lambda inner: st.lists(inner, max_size=5)
                    | st.lists(st.tuples(st.text(max_size=5), inner), max_size=4).map(MapItems), max_leaves=20)


@given(cbor)
def test_encoding_and_decoding_round_trip(value):
    data = encode(value)
    assert decode(data) == (value, len(data))
