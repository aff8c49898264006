"""Property-based: whatever an editor writes, checking either passes or reports clear problems.

It never raises an unexpected exception, and every problem has the promised shape.
"""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from content_model.check import ContentChecker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^[^:\n]+:\d+:\d+: [^:\n]+: .+$")

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=40), st.dates().map(str), st.sampled_from(["smeden", "utrecht", "ambachtsmens",
                                                                                 "https://example.nl", "javascript:x",
                                                                                 "<script>", "profiel", "2026-01-01"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                      max_leaves=12)
profile_keys = st.sampled_from(["name", "type", "crafts", "region", "place", "tagline", "bio", "photo", "photo_alt",
                                "website", "email", "contact_public", "offers", "since", "skills", "consent", "status",
                                "badges", "aliases", "onbekend"])
story_keys = st.sampled_from(["title", "date", "summary", "crafts", "region", "profiles", "image", "image_alt",
                              "author", "tags", "status", "aliases", "template", "x"])


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    """One content folder and one checker for all examples; each example rewrites one file."""
    root = tmp_path_factory.mktemp("content")
    shutil.copytree(ROOT / "content" / "data", root / "data")
    (root / "profiles").mkdir()
    (root / "stories").mkdir()
    return ContentChecker(root)


def assert_clear(problems):
    for problem in problems:
        assert LINE.match(str(problem)), str(problem)
        assert problem.line >= 1 and problem.column >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.one_of(profile_keys, st.text(max_size=8)), values, max_size=10))
def test_random_profiles_pass_or_report_clearly(checker, data):
    path = checker.root / "profiles" / "willekeurig.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert_clear(checker.check_file("profile", path).problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(story_keys, values, max_size=10), body=st.text(max_size=200))
def test_random_front_matter_passes_or_reports_clearly(checker, data, body):
    path = checker.root / "stories" / "willekeurig.md"
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    assert_clear(checker.check_file("story", path).problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text_files_never_crash_the_checker(checker, text):
    path = checker.root / "stories" / "tekst.md"
    path.write_text(text, encoding="utf-8")
    assert_clear(checker.check_file("story", path).problems)
