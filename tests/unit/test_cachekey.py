"""infra.cachekey: the one rule for every cache key (issue 17)."""

from __future__ import annotations

import importlib.util
import os

from hypothesis import given
from hypothesis import strategies as st
from infra.cachekey import code_digest, key


def load_module(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_modules_digest_follows_its_bytes_not_its_date(tmp_path):
    path = tmp_path / "drawing.py"
    path.write_text("def colour():\n    return '#fffdf9'\n", encoding="utf-8")
    module = load_module(path)
    first = code_digest(module)
    os.utime(path, (1, 1))  # another date, same bytes
    assert code_digest(module) == first
    path.write_text("def colour():\n    return '#fffdfa'\n", encoding="utf-8")
    assert code_digest(module) != first
    assert code_digest(path) == code_digest(module)  # a module counts as its source file


def test_a_folder_counts_every_file_below_it_by_name_and_bytes(tmp_path):
    fonts = tmp_path / "ttf"
    fonts.mkdir()
    (fonts / "A.ttf").write_bytes(b"glyphs")
    first = code_digest(fonts)
    (fonts / "B.ttf").write_bytes(b"")
    second = code_digest(fonts)
    assert second != first  # a new (even empty) file
    (fonts / "B.ttf").rename(fonts / "C.ttf")
    assert code_digest(fonts) not in (first, second)  # a renamed file
    (fonts / "__pycache__").mkdir()
    (fonts / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert code_digest(fonts) == code_digest(fonts)  # and compiled caches do not count
    third = code_digest(fonts)
    (fonts / "__pycache__" / "y.pyc").write_bytes(b"more")
    assert code_digest(fonts) == third


def test_strings_and_order_count(tmp_path):
    path = tmp_path / "a.py"
    path.write_text("x = 1\n", encoding="utf-8")
    assert code_digest(path, "Pillow 12") != code_digest(path, "Pillow 11")
    assert code_digest(path, "a") != code_digest("a", path)


def test_a_key_changes_with_its_inputs_and_its_code():
    assert key("art", "vierkant-400", code="c1") == key("art", "vierkant-400", code="c1")
    assert key("art", "vierkant-400", code="c1") != key("art", "vierkant-400", code="c2")
    assert key("art", "vierkant-400", code="c1") != key("art", "vierkant-1080", code="c1")
    assert key(["a", "b"], code="c") != key("a", "b", code="c")  # structure counts, not only the text
    assert len(key("x", code="c")) == 24 and len(key("x", code="c", length=12)) == 12


# plain data whose equality in Python is equality as JSON (no booleans or floats: True == 1 == 1.0)
plain = st.recursive(st.none() | st.integers() | st.text(max_size=20),
                     lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children,
                                                                                        max_size=4), max_leaves=12)


@given(st.lists(plain, max_size=4), st.lists(plain, max_size=4), st.text(max_size=30), st.text(max_size=30))
def test_two_results_share_a_key_only_with_the_same_inputs_and_code(inputs_a, inputs_b, code_a, code_b):
    same = key(*inputs_a, code=code_a) == key(*inputs_b, code=code_b)
    assert same == (inputs_a == inputs_b and code_a == code_b)
