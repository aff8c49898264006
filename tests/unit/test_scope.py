"""infra.scope: the objects of one build, found from a generator's context or the Pelican object."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from infra.contracts import Contract, contract_problems
from infra.scope import CONTEXT_KEY, Build, build_of, owned_build


def test_a_context_and_a_pelican_object_give_their_build():
    build = Build(check_cache=object(), overlay=object(), workers=object())
    assert build_of({CONTEXT_KEY: build, "SITEURL": "x"}) is build
    assert build_of(SimpleNamespace(build=build)) is build
    assert owned_build({CONTEXT_KEY: build}) is build


def test_without_a_build_its_users_do_without():
    for holder in ({}, {"SITEURL": "x"}, SimpleNamespace(), SimpleNamespace(build="not a build"), {CONTEXT_KEY: 1}):
        assert owned_build(holder) is None
        assert build_of(holder) == Build()
        assert build_of(holder).overlay is None and build_of(holder).image_service is None


@given(st.dictionaries(st.text().filter(lambda key: key != CONTEXT_KEY), st.integers() | st.text()))
def test_any_context_without_the_key_has_an_empty_build(context):
    assert build_of(context) == Build()
    assert build_of({**context, CONTEXT_KEY: Build(workers=3)}).workers == 3


def test_the_build_key_is_the_run_s_own():
    """Plugins may read ``build`` (our Pelican class adds it); none may add it."""
    assert contract_problems({"a": Contract(reads={"build"}), "b": Contract(may_read={"build"})}) == []
    assert contract_problems({"a": Contract(adds={"build"})}) == [
        'pelicanconf.py: PLUGINS: plugin "a" adds "build", which Pelican itself adds']
