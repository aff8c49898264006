"""The field references, generated from the schemas (never written by hand): docs/velden.md for editors
(Dutch) and docs/content-model.md, the field part of the contract (English)."""

from __future__ import annotations

from .check import content_kinds, data_kinds, schemas_with

TYPE_LABELS = {"string": "tekst", "array": "lijst", "integer": "geheel getal", "boolean": "ja/nee", "object": "velden"}
FORMAT_LABELS = {
    "date": "datum (JJJJ-MM-DD)",
    "date-or-datetime": "datum of datum met tijd",
    "http-url": "webadres (https://...)",
    "email": "e-mailadres",
    "slug": "slug",
    "site-path": "pad op deze site",
}
REF_LABELS = {"crafts": "id uit crafts.yaml", "regions": "id uit regions.yaml", "profiles": "profiel-slug",
              "badges": "id uit badges.yaml"}


def describe_type(prop: dict) -> str:
    if "enum" in prop:
        return "een van: " + ", ".join(f"`{v}`" for v in prop["enum"])
    if prop.get("type") == "array" and prop.get("items", {}).get("type") == "object":
        return "lijst van items met velden (zie hieronder)"
    if prop.get("type") == "array":
        return "lijst van " + describe_type(prop.get("items", {}))
    if prop.get("type") == "object":
        return "velden (zie hieronder)"
    if prop.get("x-ref"):
        return REF_LABELS.get(prop["x-ref"], prop["x-ref"])
    if prop.get("x-file") == "image":
        return "afbeelding onder content/"
    if prop.get("format"):
        return FORMAT_LABELS.get(prop["format"], prop["format"])
    label = TYPE_LABELS.get(prop.get("type", ""), prop.get("type", ""))
    if "maxLength" in prop:
        label += f", hoogstens {prop['maxLength']} tekens"
    return label


def _rows(properties: dict, required: set, dependent: dict, conditional: dict, prefix: str = ""):
    for name, prop in properties.items():
        if name in required:
            needed = "ja"
        elif name in conditional:
            kinds = conditional[name].get("properties", {}).get("type", {}).get("enum", [])
            needed = "ja, voor " + ", ".join(kinds) if kinds else "soms"
        else:
            needed = next((f"als `{t}` is ingevuld" for t, fields in dependent.items() if name in fields), "nee")
        yield f"{prefix}{name}", prop, needed
        if prop.get("type") == "object" and "properties" in prop:
            yield from _rows(prop["properties"], set(prop.get("required", [])), {}, {}, prefix=f"{prefix}{name}.")
        items = prop.get("items", {})
        if prop.get("type") == "array" and items.get("type") == "object" and "properties" in items:
            yield from _rows(items["properties"], set(items.get("required", [])), {}, {}, prefix=f"{prefix}{name}[].")


def markdown_reference() -> str:
    lines = [
        "# Velden per soort content",
        "",
        "Dit bestand is gemaakt uit de schema's in `plugins/content_model/schemas/` met",
        "`make docs`; pas het niet met de hand aan. `make check` controleert precies deze regels.",
        "",
    ]
    schemas = [(s, f"content/{s['x-folder']}/<slug>{s['x-extension']}") for s in content_kinds().values()]
    schemas += [(s, f"content/{s['x-data-file']}") for s in data_kinds().values()]
    for schema, where in schemas:
        required = set(schema.get("required", []))
        dependent = schema.get("dependentRequired", {})
        lines += [f"## {schema['title']} (`{where}`)", "",
                  schema.get("description", ""), "",
                  "| veld | verplicht | soort | uitleg |", "| --- | --- | --- | --- |"]
        conditional = {name: rule["if"] for rule in schema.get("allOf", []) if "if" in rule
                       for name in rule.get("then", {}).get("required", [])}
        for name, prop, needed in _rows(schema["properties"], required, dependent, conditional):
            text = prop.get("description", prop.get("title", "")).strip()
            if text and not text.endswith("."):
                text += "."
            example = prop.get("x-example")
            if example is not None:
                text += f" Voorbeeld: `{example}`."
            lines.append(f"| `{name}` | {needed} | {describe_type(prop)} | {text.strip()} |")
        lines.append("")
    return "\n".join(lines)


# --- docs/content-model.md: the contract for developers, in English, from the same schemas ----------------

ENUM_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def json_type(prop: dict) -> str:
    """The JSON type of a field as the schema declares it: ``string``, ``array of string``, ..."""
    kind = prop.get("type")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array":
        return "array of " + json_type(prop.get("items", {}))
    if kind:
        return kind
    if "enum" in prop:
        kinds = {ENUM_TYPES.get(type(value), "null") for value in prop["enum"]}
        return " or ".join(sorted(kinds))
    return "any"


def _constraints(prop: dict) -> str:
    items = prop.get("items", {}) if prop.get("type") == "array" else {}
    notes = []
    for source, prefix in ((prop, ""), (items, "items: ")):
        if "enum" in source:
            notes.append(prefix + "one of " + ", ".join(f"`{value}`" for value in source["enum"]))
        if "format" in source:
            notes.append(prefix + f"format `{source['format']}`")
        if "x-ref" in source:
            notes.append(prefix + f"id from `{source['x-ref']}`")
        if "x-file" in source:
            notes.append(prefix + f"file ({source['x-file']}) under content/")
        for keyword in ("minLength", "maxLength", "minItems", "maxItems", "minimum", "maximum"):
            if keyword in source:
                notes.append(prefix + f"{keyword} {source[keyword]}")
        if "pattern" in source:
            notes.append(prefix + f"pattern `{source['pattern']}`")
    return "; ".join(notes).replace("|", "\\|")


def _contract_rows(schema: dict):
    """(dotted field, property, required flag) for every field of ``schema``, nested ones included."""
    conditional = {}
    for rule in schema.get("allOf", []):
        condition = rule.get("if", {}).get("properties", {})
        for name in rule.get("then", {}).get("required", []):
            conditional[name] = " and ".join(
                f"`{field}` is one of " + ", ".join(f"`{v}`" for v in test.get("enum", [test.get("const")]))
                for field, test in condition.items())
    dependent = {name: trigger for trigger, names in schema.get("dependentRequired", {}).items() for name in names}

    def walk(properties: dict, required: set, prefix: str, top: bool):
        for name, prop in properties.items():
            if name in required:
                flag = "yes"
            elif top and name in conditional:
                flag = f"if {conditional[name]}"
            elif top and name in dependent:
                flag = f"if `{dependent[name]}` is set"
            else:
                flag = "no"
            yield f"{prefix}{name}", prop, flag
            if prop.get("type") == "object" and "properties" in prop:
                yield from walk(prop["properties"], set(prop.get("required", [])), f"{prefix}{name}.", False)
            items = prop.get("items", {})
            if prop.get("type") == "array" and "properties" in items:
                yield from walk(items["properties"], set(items.get("required", [])), f"{prefix}{name}[].", False)

    yield from walk(schema["properties"], set(schema.get("required", [])), "", True)


def contract_markdown() -> str:
    """``docs/content-model.md``: every field of every schema with its JSON type and whether it is required."""
    lines = [
        "# Content model: the fields (generated)",
        "",
        "Generated from `plugins/content_model/schemas/*.schema.json` by `make docs`; do not edit by hand.",
        "`CONTENT_MODEL.md` is the public contract (commands, folders, URLs); this file is its field part,",
        "and a test fails when it and the schemas disagree. The editors' version in Dutch is `docs/velden.md`.",
        "A nested field is named with dots (`consent.date`); `[]` marks the items of a list.",
        "",
    ]
    kinds = [(kind, schema, f"content/{schema['x-folder']}/<slug>{schema['x-extension']}")
             for kind, schema in content_kinds().items()]
    kinds += [(kind, schema, f"content/{schema['x-data-file']}") for kind, schema in data_kinds().items()]
    # The taxonomy's files, which the editor does not offer (content_model.taxonomy reads them by name)
    kinds += [(kind, schema, f"content/data/{kind}.yaml") for kind, schema in schemas_with("$schema").items()
              if kind not in {k for k, _, _ in kinds}]
    for kind, schema, where in kinds:
        lines += [f"## `{kind}`: {schema['title']}", "", f"- file: `{where}`"]
        if "x-url" in schema:
            lines.append(f"- URL: `/{schema['x-url']}`")
        if "x-body" in schema:
            lines.append(f"- Markdown body: {'yes' if schema['x-body'] else 'no'}")
        lines += [f"- unknown fields: {'allowed' if schema.get('additionalProperties', True) else 'an error'}", "",
                  "| field | type | required | constraints |", "| --- | --- | --- | --- |"]
        for name, prop, flag in _contract_rows(schema):
            lines.append(f"| `{name}` | {json_type(prop)} | {flag} | {_constraints(prop)} |")
        lines.append("")
    return "\n".join(lines)
