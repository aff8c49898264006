"""The join form on /doe-mee/: its fields derived from the profile schema (pure; no Pelican)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FormField:
    name: str
    label: str
    hint: str
    widget: str  # text, textarea, email, url, number, select, checkboxes, grouped-checkboxes, boolean, lines
    required: bool
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    groups: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (group label, options)
    max_length: int | None = None


def form_fields(schema: dict, crafts: dict[str, dict], groups: dict[str, str], regions: dict[str, str]) -> list[FormField]:
    """One field per profile property that people may fill in themselves (not ``x-form: false``)."""
    required = set(schema.get("required", []))
    result = []
    for name, prop in schema["properties"].items():
        if prop.get("x-form") is False or name == "consent":
            continue
        label = prop.get("title", name)
        hint = prop.get("description", "")
        items = prop.get("items", {})
        entry = FormField(name, label, hint, "text", name in required, max_length=prop.get("maxLength"))
        if items.get("x-ref") == "crafts":
            entry.widget = "grouped-checkboxes"
            entry.hint = "Kies een of meer ambachten; verplicht voor ambachtsmensen, leerbedrijven en opleidingen."
            entry.groups = [(group_name, [(cid, c["name"]) for cid, c in crafts.items() if c["group"] == gid])
                            for gid, group_name in groups.items()]
        elif "enum" in items:
            labels = items.get("x-labels", prop.get("x-labels", {}))
            entry.widget = "checkboxes"
            entry.options = [(value, labels.get(value, value)) for value in items["enum"]]
        elif prop.get("type") == "array":
            entry.widget = "lines"
            entry.hint = (hint + " Eén per regel.").strip()
        elif "enum" in prop:
            entry.widget = "select"
            labels = prop.get("x-labels", {})
            entry.options = [(value, labels.get(value, value)) for value in prop["enum"]]
        elif prop.get("x-ref") == "regions":
            entry.widget = "select"
            entry.hint = ""
            entry.options = list(regions.items())
        elif prop.get("x-markdown"):
            entry.widget = "textarea"
        elif prop.get("type") == "integer":
            entry.widget = "number"
        elif prop.get("type") == "boolean":
            entry.widget = "boolean"
        elif prop.get("format") == "email":
            entry.widget = "email"
        elif prop.get("format") == "http-url":
            entry.widget = "url"
        result.append(entry)
    return result


def consent_scope(schema: dict) -> list[str]:
    return list(schema["properties"]["consent"]["properties"]["scope"]["items"]["enum"])
