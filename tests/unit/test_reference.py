from pathlib import Path

from content_model.check import content_kinds
from content_model.reference import markdown_reference

ROOT = Path(__file__).resolve().parents[2]


def test_committed_field_reference_matches_the_schemas():
    assert (ROOT / "docs" / "velden.md").read_text(encoding="utf-8") == markdown_reference(), "run make docs"


def test_every_field_of_every_kind_is_documented():
    text = markdown_reference()
    for schema in content_kinds().values():
        for name in schema["properties"]:
            assert f"| `{name}` |" in text


def test_committed_nginx_snippet_matches_the_declared_headers():
    from seo.headers import nginx_snippet

    assert (ROOT / "deploy" / "nginx-headers.conf").read_text(encoding="utf-8") == nginx_snippet(), "run make docs"
