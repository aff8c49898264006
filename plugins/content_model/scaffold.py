"""Write a new, valid content file from its schema: every field present, optional ones commented."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from jsonschema import Draft202012Validator

from .validate import load_schema

SPECIAL = {"ĳ": "ij", "Ĳ": "ij", "ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ð": "d", "þ": "th", "ł": "l"}


def slugify(text: str, limit: int = 80) -> str:
    """``'t Hof & Zonen — Smederij`` -> ``t-hof-zonen-smederij``."""
    text = "".join(SPECIAL.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _yaml_value(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _required(schema: dict, values: dict) -> set[str]:
    """Required fields, including those an ``if``/``then`` rule requires for these values."""
    required = set(schema.get("required", []))
    for rule in schema.get("allOf", []):
        if "if" in rule and Draft202012Validator(rule["if"]).is_valid(values):
            required |= set(rule.get("then", {}).get("required", []))
    return required


def scaffold(kind: str, title: str, today: dt.date, values: dict | None = None) -> str:
    """The text of a new ``kind`` file titled (or named) ``title``, valid as written."""
    schema = load_schema(kind)
    properties = schema["properties"]
    given = {"title": title, "name": title, "date": today.isoformat(),
             "start": f"{today.isoformat()}T10:00:00+01:00", **(values or {})}
    if "draft" in properties.get("status", {}).get("enum", []):
        given.setdefault("status", "draft")
    if "consent" in properties:
        given.setdefault("consent", {"date": today.isoformat(), "scope": ["profiel"]})
    values = {name: value for name, value in given.items() if name in properties}
    examples = {name: prop.get("x-example") for name, prop in properties.items() if prop.get("x-example") is not None}
    required = _required(schema, {**examples, **values})
    body = schema.get("x-body", False)
    lines = ["---"] if body else [f"# {schema['title']}: {schema.get('description', '')}"]
    for name, prop in schema["properties"].items():
        hint = prop.get("description") or prop.get("title", "")
        comment = f"  # {prop.get('title', name)}{': ' + hint if hint and hint != prop.get('title') else ''}"
        comment += " (verplicht)" if name in required else " (optioneel)"
        value = values.get(name, prop.get("x-example", prop.get("default")))
        if name in required or name in values:
            lines.append(f"{name}: {_yaml_value(value)}{comment}")
        else:
            example = value if value is not None else ([] if prop.get("type") == "array" else "")
            lines.append(f"# {name}: {_yaml_value(example)}{comment}")
    if body:
        lines.append("---")
    if body:
        lines += ["", "Schrijf hier de tekst in Markdown. Gebruik ## voor tussenkoppen.", ""]
    return "\n".join(lines) + "\n"
