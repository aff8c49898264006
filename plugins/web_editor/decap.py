"""Decap CMS configuration generated from the content schemas (pure; no Pelican).

Every collection, field, widget, required flag and select option comes from the same
JSON Schemas that `make check` enforces, and from the taxonomy data files.
"""

from __future__ import annotations

COLLECTION_LABELS = {
    "story": ("stories", "Verhalen", "Verhaal"),
    "event": ("events", "Agenda", "Agendapunt"),
    "page": ("pages", "Pagina's", "Pagina"),
    "profile": ("profiles", "Ambachtengids", "Profiel"),
}
SUMMARY_FIELDS = {"summary", "tagline", "bio", "image_alt", "photo_alt"}


def _options(prop: dict, catalog: dict[str, dict[str, str]]) -> list[dict] | None:
    if "enum" in prop:
        labels = prop.get("x-labels", {})
        return [{"label": labels.get(value, value), "value": value} for value in prop["enum"]]
    ref = prop.get("x-ref")
    if ref and catalog.get(ref):
        return [{"label": name, "value": key} for key, name in catalog[ref].items()]
    return None


def field(name: str, prop: dict, required: bool, catalog: dict) -> dict:
    """One Decap field for one schema property."""
    result = {"name": name, "label": prop.get("title", name), "required": required}
    if prop.get("description"):
        result["hint"] = prop["description"]
    kind = prop.get("type")
    if prop.get("x-ref") or prop.get("items", {}).get("x-ref") in catalog:
        result["hint"] = "Kies uit de lijst."
    if kind == "array" and prop.get("items", {}).get("type") == "object":
        items = prop["items"]
        nested_required = set(items.get("required", []))
        result.update(widget="list", fields=[field(key, value, key in nested_required, catalog)
                                             for key, value in items.get("properties", {}).items()])
        if "id" in items.get("properties", {}):
            result["summary"] = "{{fields.id}}"
        return result
    if kind == "array":
        items = prop.get("items", {})
        options = _options(items, catalog)
        if options:
            result.update(widget="select", multiple=True, options=options)
        else:
            result.update(widget="list")
            if items.get("format") == "slug" or items.get("x-ref"):
                result["hint"] = (result.get("hint", "") + " Scheid waarden met een komma.").strip()
        if required and prop.get("minItems"):
            result["min"] = prop["minItems"]
        return result
    if kind == "object":
        nested_required = set(prop.get("required", []))
        result.update(widget="object", fields=[field(key, value, key in nested_required, catalog)
                                               for key, value in prop.get("properties", {}).items()])
        return result
    options = _options(prop, catalog)
    if options:
        result.update(widget="select", options=options)
        if "default" in prop:
            result["default"] = prop["default"]
        return result
    if prop.get("x-file") == "image":
        result.update(widget="image", choose_url=False)
    elif prop.get("format") in ("date", "date-or-datetime"):
        date_only = prop["format"] == "date"
        result.update(widget="datetime", date_format="YYYY-MM-DD", time_format=False if date_only else "HH:mm",
                      format="YYYY-MM-DD" if date_only else "YYYY-MM-DDTHH:mm:ssZ", picker_utc=False)
    elif kind == "integer":
        result.update(widget="number", value_type="int")
        for bound in ("minimum", "maximum"):
            if bound in prop:
                result["min" if bound == "minimum" else "max"] = prop[bound]
    elif kind == "boolean":
        result.update(widget="boolean", default=prop.get("default", False))
    elif prop.get("x-markdown"):
        result.update(widget="markdown", buttons=["bold", "italic", "link", "bulleted-list", "numbered-list"],
                      editor_components=[], modes=["rich_text", "raw"])
    elif name in SUMMARY_FIELDS or prop.get("maxLength", 0) > 160:
        result.update(widget="text")
    else:
        result.update(widget="string")
    if prop.get("format") == "http-url":
        result["pattern"] = ["^https?://[^\\s]+\\.[^\\s]+$", "Een webadres dat met https:// begint"]
    elif prop.get("format") == "email":
        result["pattern"] = ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "Een geldig e-mailadres"]
    elif prop.get("format") == "slug":
        result["pattern"] = ["^[a-z0-9]+(-[a-z0-9]+)*$", "Kleine letters, cijfers en streepjes"]
    if "maxLength" in prop and result["widget"] in ("string", "text"):
        result["pattern"] = [f"^[\\s\\S]{{0,{prop['maxLength']}}}$", f"Hoogstens {prop['maxLength']} tekens"]
    return result


def collection(kind: str, schema: dict, catalog: dict) -> dict:
    name, label, singular = COLLECTION_LABELS[kind]
    required = set(schema.get("required", []))
    for rule in schema.get("allOf", []):  # conditionally required fields stay optional in the editor
        required -= set(rule.get("then", {}).get("required", []))
    fields = [field(key, prop, key in required, catalog) for key, prop in schema["properties"].items()]
    result = {
        "name": name,
        "label": label,
        "label_singular": singular,
        "description": schema.get("description", ""),
        "folder": f"content/{schema['x-folder']}",
        "extension": schema["x-extension"].lstrip("."),
        "create": True,
        "slug": "{{slug}}",
        "identifier_field": "name" if "name" in schema["properties"] else "title",
        "editor": {"preview": False},
        "fields": fields,
    }
    if schema.get("x-body"):
        result["format"] = "yaml-frontmatter"
        result["fields"].append({"name": "body", "label": "Tekst", "widget": "markdown", "required": True,
                                 "hint": "Gebruik ## voor tussenkoppen; HTML is niet toegestaan."})
    else:
        result["format"] = "yaml"
    return result


def language_collections(kind: str, schema: dict, catalog: dict) -> list[dict]:
    """A kind with language folders (``x-lang-folders``: the pages) as one collection per language: the Dutch
    one in its own folder, each other language in its subfolder with ``lang`` fixed (a hidden field)."""
    base = collection(kind, schema, catalog)
    dutch = {**base, "fields": [_fixed_language(f, "nl") for f in base["fields"] if f["name"] != "translation"]}
    result = [dutch]
    language_labels = schema["properties"]["lang"].get("x-labels", {})
    for lang in schema.get("x-lang-folders", []):
        label = language_labels.get(lang, lang)
        result.append({**base, "name": f"{base['name']}_{lang}", "label": f"{base['label']} ({label})",
                       "label_singular": f"{base['label_singular']} ({label})",
                       "folder": f"{base['folder']}/{lang}",
                       "fields": [_fixed_language(f, lang) for f in base["fields"]]})
    return result


def _fixed_language(field_: dict, lang: str) -> dict:
    return {"name": "lang", "label": field_["label"], "widget": "hidden", "default": lang} if field_["name"] == "lang" else field_


def settings_collection(data_schemas: dict[str, dict], catalog: dict) -> dict:
    """One 'files' collection with a form per reference data file (such as the badges)."""
    files = []
    for kind, schema in data_schemas.items():
        required = set(schema.get("required", []))
        files.append({"name": kind, "label": schema["title"], "file": f"content/{schema['x-data-file']}",
                      "description": schema.get("description", ""),
                      "fields": [field(key, prop, key in required, catalog) for key, prop in schema["properties"].items()]})
    return {"name": "instellingen", "label": "Instellingen", "description": "Gegevens die de hele site gebruikt.",
            "editor": {"preview": False}, "files": files}


COMMIT_MESSAGES = {"create": "Nieuw: {{slug}} ({{collection}})", "update": "Bijgewerkt: {{slug}}",
                   "delete": "Verwijderd: {{slug}}", "uploadMedia": "Afbeelding: {{path}}",
                   "deleteMedia": "Afbeelding weg: {{path}}"}
BACKENDS = ("github", "git-gateway", "test-repo")


def backend(name: str, repo: str, branch: str, auth_base_url: str = "", auth_endpoint: str = "") -> dict:
    """Where editors' changes go in production.

    ``github``: pull requests on ``repo``, logged in through an OAuth client the campaign hosts at
    ``auth_base_url`` (without it Decap asks Netlify's OAuth service, which works only for a site
    hosted on Netlify). ``git-gateway``: Netlify Identity and Git Gateway. ``test-repo``: Decap's
    in-memory backend, for screenshots and tests."""
    if name not in BACKENDS:
        raise ValueError(f"onbekende backend '{name}'; kies uit: {', '.join(BACKENDS)}")
    if name == "test-repo":
        return {"name": name}
    result = {"name": name}
    if name == "github":
        result["repo"] = repo
    result.update(branch=branch, squash_merges=True, commit_messages=dict(COMMIT_MESSAGES))
    if name == "github" and auth_base_url:
        result["base_url"] = auth_base_url.rstrip("/")
        if auth_endpoint:
            result["auth_endpoint"] = auth_endpoint.strip("/")
    return result


def config(schemas: dict[str, dict], catalog: dict, repo: str, branch: str, site_url: str,
           data_schemas: dict[str, dict] | None = None, *, backend_config: dict | None = None,
           local_backend: str = "", logo_url: str = "") -> dict:
    """The whole config.yml as data.

    ``local_backend``: the address of Decap's local backend (``make editor``): on localhost the
    editor then reads and writes content/ on this machine, without a login."""
    collections = []
    for kind in COLLECTION_LABELS:
        if kind in schemas:
            if schemas[kind].get("x-lang-folders"):
                collections += language_collections(kind, schemas[kind], catalog)
            else:
                collections.append(collection(kind, schemas[kind], catalog))
    if data_schemas:
        collections.append(settings_collection(data_schemas, catalog))
    result = {
        "backend": backend_config or backend("github", repo, branch),
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        "site_url": site_url,
        "display_url": site_url,
        "media_folder": "content/images",
        "public_folder": "images",
    }
    if local_backend:
        result["local_backend"] = {"url": local_backend}
    if logo_url:  # the campaign's logo on the login screen and in the editor's header
        result["logo"] = {"src": logo_url, "show_in_header": True}
    result["collections"] = collections
    return result
