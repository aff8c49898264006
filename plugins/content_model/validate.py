"""Validate one content document against its JSON Schema and the site's catalog.

The schema (``schemas/<kind>.schema.json``) is the single declaration of each content
kind; besides standard JSON Schema it carries a few ``x-`` keywords that this module
enforces: ``x-ref`` (an id that must exist in the catalog), ``x-file: image`` (a path
under content/ that must be a sane image) and ``x-not-before`` (a date not before
another field's). Everything is reported at once as :class:`Problem` objects.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import formats
from .files import FileProblem, inspect_image, resolve_content_path
from .problems import Problem, field_name
from .yamlsafe import Located

SCHEMA_DIR = Path(__file__).parent / "schemas"

TYPE_NAMES = {
    "string": "tekst",
    "array": "een lijst, zoals [a, b]",
    "integer": "een geheel getal",
    "number": "een getal",
    "object": "velden (naam: waarde)",
    "boolean": "true of false",
}
REF_NAMES = {
    "crafts": "ambacht",
    "regions": "provincie",
    "profiles": "profiel",
    "groups": "groep",
    "badges": "badge",
    "pages": "Nederlandse pagina",
}


def load_schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


@dataclass
class Catalog:
    """The ids that references may point at, per ``x-ref`` name; None means 'not checked'."""

    ids: dict[str, dict[str, str] | None] = field(default_factory=dict)

    def known(self, ref: str) -> dict[str, str] | None:
        return self.ids.get(ref)


def did_you_mean(value: str, options) -> str:
    match = difflib.get_close_matches(str(value), list(options), n=1, cutoff=0.6)
    return f" (bedoel je '{match[0]}'?)" if match else ""


def _json_ready(value):
    """YAML dates become ISO strings so JSON Schema can check them."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    return value


def _coerce_pelican(data: dict, schema: dict) -> dict:
    """Pelican's ``Key: value`` header gives strings; shape them as the schema says."""
    out = {}
    for key, value in data.items():
        prop = schema.get("properties", {}).get(key, {})
        kind = prop.get("type")
        if kind == "array" and isinstance(value, str):
            out[key] = [part.strip() for part in value.split(",") if part.strip()]
        elif kind == "integer" and isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            out[key] = int(value)
        elif kind == "boolean" and isinstance(value, str) and value.lower() in ("true", "false"):
            out[key] = value.lower() == "true"
        else:
            out[key] = value
    return out


class SchemaValidator:
    """Validates documents of one kind. Holds no state beyond its compiled schema."""

    def __init__(self, kind: str):
        self.kind = kind
        self.schema = load_schema(kind)

    @cached_property
    def _validator(self):
        """Compiled on first use: a build whose checks all come from the cache never needs it."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(self.schema, format_checker=formats.checker())

    @cached_property
    def body(self) -> bool:
        return bool(self.schema.get("x-body"))

    def prepare(self, located: Located, header_form: str = "yaml") -> object:
        data = _json_ready(located.data)
        if header_form == "pelican" and isinstance(data, dict):
            data = _coerce_pelican(data, self.schema)
        return data

    def validate(
        self,
        label: str,
        located: Located,
        catalog: Catalog,
        content_root: Path | None,
        header_form: str = "yaml",
    ) -> tuple[object, list[Problem]]:
        """Return the JSON-ready data and every problem found in it."""
        data = self.prepare(located, header_form)
        problems: list[Problem] = [Problem(label, p.line, p.column, p.field, p.message) for p in located.problems]

        def add(path, message, prefer="value"):
            line, col = located.position(tuple(path), prefer=prefer)
            problems.append(Problem(label, line, col, field_name(path), message))

        for error in self._validator.iter_errors(data):
            path = tuple(error.absolute_path)
            if error.validator == "additionalProperties":
                allowed = error.schema.get("properties", {})
                for extra in sorted(set(error.instance) - set(allowed)):
                    add(path + (extra,), "onbekend veld" + did_you_mean(extra, allowed), "key")
                continue
            if error.validator == "required":
                missing = re.findall(r"'([^']+)' is a required property", error.message)
                for name in missing:
                    add(path + (name,), "verplicht veld ontbreekt")
                continue
            if error.validator == "dependentRequired":
                for trigger, needed in error.validator_value.items():
                    if trigger in error.instance:
                        for name in needed:
                            if name not in error.instance:
                                line, col = located.position(path + (trigger,), prefer="key")
                                problems.append(
                                    Problem(label, line, col, field_name(path + (name,)),
                                            f"verplicht zodra {trigger} is ingevuld")
                                )
                continue
            add(path, self._message(error))

        if isinstance(data, dict):
            self._check_extensions(self.schema, data, (), catalog, content_root, add)
        self._check_characters(self.schema, data, (), add)
        return data, problems

    def _check_characters(self, schema, value, path, add):
        """Every text in the document, known field or not: no control or invisible format characters."""
        if isinstance(value, str):
            problem = formats.character_problem(value, multiline=bool(schema.get("x-markdown")))
            if problem:
                add(path, problem[1])
        elif isinstance(value, dict):
            properties = schema.get("properties", {})
            for key, item in value.items():
                self._check_characters(properties.get(key, {}), item, path + (key,), add)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._check_characters(schema.get("items", {}), item, path + (index,), add)

    @staticmethod
    def _message(error) -> str:
        value = error.instance
        rule = error.validator
        if rule == "type":
            wanted = error.validator_value
            wanted = [wanted] if isinstance(wanted, str) else wanted
            return "moet " + " of ".join(TYPE_NAMES.get(w, w) for w in wanted) + " zijn"
        if rule == "minLength":
            return "mag niet leeg zijn" if error.validator_value == 1 else f"te kort (minstens {error.validator_value} tekens)"
        if rule == "maxLength":
            return f"te lang ({len(value)} tekens; hoogstens {error.validator_value})"
        if rule == "enum":
            options = error.validator_value
            return (
                f"ongeldige waarde '{value}'; kies uit: {', '.join(map(str, options))}"
                + did_you_mean(value, [str(o) for o in options])
            )
        if rule == "format":
            if isinstance(error.cause, formats.FormatProblem):
                return f"{error.cause} ('{_shorten(value)}')"
            return formats.MESSAGES.get(error.validator_value, "ongeldige waarde") + f" ('{_shorten(value)}')"
        if rule == "uniqueItems":
            return "bevat dezelfde waarde meer dan eens"
        if rule == "minItems":
            return f"moet minstens {error.validator_value} waarde(n) bevatten"
        if rule == "maxItems":
            return f"mag hoogstens {error.validator_value} waarden bevatten"
        if rule == "minimum":
            return f"moet minstens {error.validator_value} zijn"
        if rule == "maximum":
            return f"mag hoogstens {error.validator_value} zijn"
        if rule == "minProperties":
            return f"moet minstens {error.validator_value} veld(en) bevatten"
        if rule == "const":
            return f"moet {json.dumps(error.validator_value)} zijn"
        if rule == "pattern":
            return error.schema.get("x-error", "heeft niet de juiste vorm")
        return error.message

    def _check_extensions(self, schema, data, path, catalog, content_root, add):
        """Enforce the ``x-`` keywords, walking the data alongside the schema."""
        if isinstance(data, dict):
            for key, prop in schema.get("properties", {}).items():
                if key in data:
                    self._check_value(prop, data[key], path + (key,), data, catalog, content_root, add)

    def _check_value(self, prop, value, path, parent, catalog, content_root, add):
        if isinstance(value, list) and "items" in prop:
            for index, item in enumerate(value):
                self._check_value(prop["items"], item, path + (index,), parent, catalog, content_root, add)
            return
        if isinstance(value, dict):
            self._check_extensions(prop, value, path, catalog, content_root, add)
            return
        if not isinstance(value, str):
            return
        ref = prop.get("x-ref")
        if ref:
            known = catalog.known(ref)
            if known is not None and value not in known:
                add(path, f"onbekende {REF_NAMES.get(ref, ref)} '{value}'" + did_you_mean(value, known))
        if prop.get("x-file") == "image" and content_root is not None:
            try:
                inspect_image(resolve_content_path(content_root, value))
            except FileProblem as problem:
                add(path, problem.message)
        other = prop.get("x-not-before")
        if other and isinstance(parent.get(other), str):
            try:
                start = formats.parse_date_or_datetime(parent[other])
                end = formats.parse_date_or_datetime(value)
            except ValueError:
                return  # the format check already reported it
            if _before(end, start):
                add(path, f"ligt voor {other} ({parent[other]}), met de tijdzones meegerekend")


def _shorten(value, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _before(end, start) -> bool:
    """Whether ``end`` lies before ``start``: instants compared with their zones (a time without
    a zone is Amsterdam time), and a bare date as its whole day."""
    if isinstance(end, dt.datetime) and isinstance(start, dt.datetime):
        return formats.to_local(end) < formats.to_local(start)
    end_day = formats.to_local(end).astimezone(formats.AMSTERDAM).date() if isinstance(end, dt.datetime) else end
    start_day = (formats.to_local(start).astimezone(formats.AMSTERDAM).date()
                 if isinstance(start, dt.datetime) else start)
    return end_day < start_day
