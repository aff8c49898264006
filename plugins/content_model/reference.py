"""The field reference for editors, generated from the schemas (never written by hand)."""

from __future__ import annotations

from .check import content_kinds, data_kinds

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
