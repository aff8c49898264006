"""The join form on /doe-mee/: its fields derived from the profile schema (pure; no Pelican).

The form speaks to a craftsperson, not to a developer: every field's question and help come from
``x-form-label`` and ``x-form-hint`` in the schema (the editors' ``title`` and ``description`` stay for
the web editor and the field reference), option texts from ``x-form-labels`` (else ``x-labels``), and
the consent choices, one per use, with their one-sentence explanation from ``x-form-descriptions``.
Nothing here restates the schema: a new property with a form label shows up in the form by itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RADIO_LIMIT = 8  # an enum with at most this many values is a set of radio buttons, else a list to choose from


@dataclass
class FormField:
    name: str
    label: str
    hint: str
    widget: str  # text, textarea, email, url, number, radio, select, checkboxes, grouped-checkboxes, boolean, lines, photo
    required: bool
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    groups: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (group label, options)
    descriptions: dict[str, str] = field(default_factory=dict)  # option value -> one sentence
    max_length: int | None = None
    sometimes_required: bool = False  # required for some answers (an ``if``/``then`` rule): never "optional"


def _label(prop: dict, name: str) -> str:
    return prop.get("x-form-label") or prop.get("title") or name


def _option_labels(prop: dict) -> dict[str, str]:
    return {**prop.get("x-labels", {}), **prop.get("x-form-labels", {})}


def _widget(name: str, prop: dict) -> str:
    if prop.get("x-form") == "photo":
        return "photo"
    if prop.get("x-markdown"):
        return "textarea"
    if prop.get("type") == "integer":
        return "number"
    if prop.get("type") == "boolean":
        return "boolean"
    if prop.get("format") == "email":
        return "email"
    if prop.get("format") == "http-url":
        return "url"
    return "text"


def form_fields(schema: dict, crafts: dict[str, dict], groups: dict[str, str], regions: dict[str, str]) -> list[FormField]:
    """One field per profile property that people may fill in themselves (not ``x-form: false``), in schema order."""
    required = set(schema.get("required", []))
    sometimes = {name for rule in schema.get("allOf", []) for name in rule.get("then", {}).get("required", [])}
    result = []
    for name, prop in schema["properties"].items():
        if prop.get("x-form") is False or name == "consent":
            continue
        items = prop.get("items", {})
        entry = FormField(name, _label(prop, name), prop.get("x-form-hint", ""), _widget(name, prop), name in required,
                          max_length=prop.get("maxLength"), sometimes_required=name in sometimes)
        if items.get("x-ref") == "crafts":
            entry.widget = "grouped-checkboxes"
            entry.groups = [(group_name, [(cid, c["name"]) for cid, c in crafts.items() if c["group"] == gid])
                            for gid, group_name in groups.items()]
        elif "enum" in items:
            labels = {**_option_labels(items), **_option_labels(prop)}
            entry.widget = "checkboxes"
            entry.options = [(value, labels.get(value, value)) for value in items["enum"]]
        elif prop.get("type") == "array":
            entry.widget = "lines"
        elif "enum" in prop:
            labels = _option_labels(prop)
            entry.widget = "radio" if len(prop["enum"]) <= RADIO_LIMIT else "select"
            entry.options = [(value, labels.get(value, value)) for value in prop["enum"]]
        elif prop.get("x-ref") == "regions":
            entry.widget = "select"
            entry.options = list(regions.items())
        result.append(entry)
    return result


def consent_field(schema: dict) -> FormField:
    """The consent choices: one checkbox per use, each with its one-sentence explanation."""
    scope = schema["properties"]["consent"]["properties"]["scope"]
    labels = _option_labels(scope)
    descriptions = scope.get("x-form-descriptions", {})
    return FormField("consent", _label(scope, "consent"), scope.get("x-form-hint", ""), "consent", True,
                     options=[(value, labels.get(value, value)) for value in scope["items"]["enum"]],
                     descriptions={value: descriptions.get(value, "") for value in scope["items"]["enum"]})


def consent_scope(schema: dict) -> list[str]:
    return list(schema["properties"]["consent"]["properties"]["scope"]["items"]["enum"])
