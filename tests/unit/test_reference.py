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


# ---- docs/content-model.md: the contract's fields, checked against the schema files themselves ----

import json  # noqa: E402
import re  # noqa: E402

import pytest  # noqa: E402
from content_model.reference import contract_markdown  # noqa: E402

SCHEMAS = sorted((ROOT / "plugins" / "content_model" / "schemas").glob("*.schema.json"))
ROW = re.compile(r"^\| `(?P<field>[^`]+)` \| (?P<type>[^|]+) \| (?P<required>[^|]+) \|")


def documented(text: str) -> dict[str, dict[str, tuple[str, str]]]:
    """kind -> field -> (type, required flag), read from the tables of the document."""
    kinds, current = {}, None
    for line in text.splitlines():
        if heading := re.match(r"^## `([\w-]+)`", line):
            current = kinds.setdefault(heading.group(1), {})
        elif (row := ROW.match(line)) and current is not None:
            current[row["field"]] = (row["type"].strip(), row["required"].strip())
    return kinds


def declared(schema: dict) -> dict[str, tuple[str, bool]]:
    """field -> (JSON type, required), walked straight from the schema file (no project code)."""
    fields = {}

    def walk(properties, required, prefix):
        for name, prop in properties.items():
            kind = prop.get("type") or {type(v).__name__ for v in prop.get("enum", [])}.pop().replace("str", "string")
            if kind == "array":
                items = prop.get("items", {})
                kind = "array of " + (items.get("type") or "string")
            fields[prefix + name] = (kind, name in required)
            if prop.get("type") == "object" and "properties" in prop:
                walk(prop["properties"], set(prop.get("required", [])), f"{prefix}{name}.")
            items = prop.get("items", {})
            if prop.get("type") == "array" and "properties" in items:
                walk(items["properties"], set(items.get("required", [])), f"{prefix}{name}[].")

    walk(schema["properties"], set(schema.get("required", [])), "")
    return fields


def disagreements(text: str) -> list[str]:
    """Where the document ``text`` and the schema files disagree on a field, its type or its flag."""
    doc, found = documented(text), []
    for path in SCHEMAS:
        kind = path.name.removesuffix(".schema.json")
        fields = declared(json.loads(path.read_text(encoding="utf-8")))
        shown = doc.get(kind)
        if shown is None:
            found.append(f"{kind}: no section")
            continue
        found += [f"{kind}.{name}: documented, not declared" for name in sorted(set(shown) - set(fields))]
        found += [f"{kind}.{name}: declared, not documented" for name in sorted(set(fields) - set(shown))]
        for name in sorted(set(fields) & set(shown)):
            (kind_, required), (doc_type, doc_flag) = fields[name], shown[name]
            if doc_type != kind_:
                found.append(f"{kind}.{name}: documented as {doc_type}, declared {kind_}")
            if (doc_flag == "yes") != required:
                found.append(f"{kind}.{name}: documented required flag {doc_flag!r}, declared {required}")
    return found


def test_committed_contract_matches_the_schemas():
    assert (ROOT / "docs" / "content-model.md").read_text(encoding="utf-8") == contract_markdown(), "run make docs"


def test_every_field_of_every_schema_is_in_the_contract_with_its_type_and_flag():
    assert SCHEMAS and disagreements((ROOT / "docs" / "content-model.md").read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("| `title` | string | yes |", "| `headline` | string | yes |", "event.headline: documented, not declared"),
    ("| `since` | integer |", "| `since` | string |", "profile.since: documented as string, declared integer"),
    ("| `consent` | object | yes |", "| `consent` | object | no |", "profile.consent: documented required flag 'no'"),
    ("| `consent.date` | string | yes |", "| `consent.date` | string | no |", "profile.consent.date: documented required"),
    ("## `crafts`", "## `ambachten`", "crafts: no section"),
])
def test_the_check_notices_a_document_that_disagrees(old, new, expected):
    text = (ROOT / "docs" / "content-model.md").read_text(encoding="utf-8")
    assert old in text
    assert any(problem.startswith(expected) for problem in disagreements(text.replace(old, new, 1)))


def test_content_model_md_points_to_the_generated_contract():
    assert "docs/content-model.md" in (ROOT / "CONTENT_MODEL.md").read_text(encoding="utf-8")
