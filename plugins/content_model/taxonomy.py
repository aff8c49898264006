"""The site's reference data (crafts, regions, badges) loaded and validated like any content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .body import check_markdown, markdown_start
from .files import FileProblem, read_text
from .problems import Problem
from .validate import Catalog, SchemaValidator, field_name
from .yamlsafe import YamlProblem, load


@dataclass
class Taxonomy:
    groups: dict[str, str] = field(default_factory=dict)  # id -> name
    crafts: dict[str, dict] = field(default_factory=dict)  # id -> {"name", "group"}
    regions: dict[str, str] = field(default_factory=dict)  # id -> name
    badges: dict[str, dict] = field(default_factory=dict)  # id -> badge class as written in badges.yaml
    supporters: list[dict] = field(default_factory=list)  # supporter badges, in file order
    # English names (name_en) beside the Dutch ones, for the pages under /en/
    english: dict[str, dict[str, str]] = field(default_factory=dict)  # "groups"/"crafts"/"regions" -> id -> name

    def in_language(self, lang: str) -> Taxonomy:
        """The same reference data with the names in ``lang`` (``en``: name_en); Dutch is this taxonomy itself.
        Templates read ``groups``, ``crafts[id].name`` and ``regions`` and so show whichever they are given."""
        if lang == "nl":
            return self
        if lang != "en":
            raise ValueError(f"no reference data names in {lang!r}")
        names = self.english
        return Taxonomy(
            groups={k: names.get("groups", {}).get(k, v) for k, v in self.groups.items()},
            crafts={k: {**v, "name": names.get("crafts", {}).get(k, v["name"])} for k, v in self.crafts.items()},
            regions={k: names.get("regions", {}).get(k, v) for k, v in self.regions.items()},
            badges={k: {**v, "name": v.get("name_en", v["name"]), "description": v.get("description_en", v["description"]),
                        "criteria": v.get("criteria_en", v.get("criteria"))} for k, v in self.badges.items()},
            supporters=list(self.supporters),
            english=names,
        )

    def catalog(self) -> Catalog:
        return Catalog(
            {
                "groups": dict(self.groups),
                "crafts": {k: v["name"] for k, v in self.crafts.items()},
                "regions": dict(self.regions),
                "badges": {k: v["name"] for k, v in self.badges.items()},
            }
        )


def load_data_file(path: Path, label: str, kind: str, catalog: Catalog) -> tuple[object, list[Problem]]:
    """Read and validate one YAML data file; returns (data or None, problems)."""
    try:
        text = read_text(path)
        located = load(text)
    except FileProblem as problem:
        return None, [Problem(label, problem.line, problem.column, "bestand", problem.message)]
    except YamlProblem as problem:
        return None, [Problem(label, problem.line, problem.column, problem.field, problem.message)]
    if not isinstance(located.data, dict):
        return None, [Problem(label, 1, 1, "(bestand)", "moet velden bevatten (naam: waarde), geen lijst of losse tekst")]
    validator = SchemaValidator(kind)
    data, problems = validator.validate(label, located, catalog, None)
    seen: dict[str, set[str]] = {}
    for section, items in data.items() if isinstance(data, dict) else ():
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids = seen.setdefault(section, set())
                if item["id"] in ids:
                    line, col = located.position((section, index, "id"))
                    problems.append(Problem(label, line, col, f"{section}[{index}].id", f"dubbele id '{item['id']}'"))
                ids.add(item["id"])
            item_schema = validator.schema["properties"].get(section, {}).get("items", {}).get("properties", {})
            problems += _check_markdown_fields(label, text, located, (section, index), item, item_schema)
    return (data if not problems else None), problems


def _check_markdown_fields(label, text, located, path, item, properties) -> list[Problem]:
    """Markdown fields of data files (badge criteria) follow the same rules as story bodies."""
    problems = []
    for name, prop in properties.items():
        value = item.get(name) if isinstance(item, dict) else None
        if prop.get("x-markdown") and isinstance(value, str):
            line, column = markdown_start(text, located.values[(*path, name)])
            problems += check_markdown(label, field_name((*path, name)), value, line, None, column, images=False)
    return problems


def load_taxonomy(content_root: Path, relative=str) -> tuple[Taxonomy, list[Problem]]:
    """Load content/data/crafts.yaml and regions.yaml."""
    taxonomy = Taxonomy()
    problems: list[Problem] = []
    regions_path = content_root / "data" / "regions.yaml"
    regions, found = load_data_file(regions_path, relative(regions_path), "regions", Catalog())
    problems += found
    if regions:
        taxonomy.regions = {r["id"]: r["name"] for r in regions["regions"]}
        taxonomy.english["regions"] = {r["id"]: r["name_en"] for r in regions["regions"]}
    crafts_path = content_root / "data" / "crafts.yaml"
    groups_catalog = Catalog({"groups": None})
    crafts, found = load_data_file(crafts_path, relative(crafts_path), "crafts", groups_catalog)
    problems += found
    if crafts:
        taxonomy.groups = {g["id"]: g["name"] for g in crafts["groups"]}
        # second pass now that the group ids are known
        _, found = load_data_file(crafts_path, relative(crafts_path), "crafts",
                                  Catalog({"groups": taxonomy.groups}))
        problems += found
        if not found:
            taxonomy.crafts = {c["id"]: {"name": c["name"], "group": c["group"]} for c in crafts["crafts"]}
            taxonomy.english["groups"] = {g["id"]: g["name_en"] for g in crafts["groups"]}
            taxonomy.english["crafts"] = {c["id"]: c["name_en"] for c in crafts["crafts"]}
    badges_path = content_root / "data" / "badges.yaml"
    if badges_path.exists() or badges_path.is_symlink():  # a site without badges.yaml simply has no badges
        badges, found = load_data_file(badges_path, relative(badges_path), "badges", Catalog())
        problems += found
        if badges:
            taxonomy.badges = {b["id"]: b for b in badges["badges"]}
            taxonomy.supporters = list(badges["supporters"])
    return taxonomy, problems


def shared_taxonomy(content_root: Path, cache=None, relative=str) -> tuple[Taxonomy, list[Problem]]:
    """The reference data, read once per build when a check cache is shared (four users need it)."""
    if cache is None:
        return load_taxonomy(content_root, relative)
    stamps = []
    for name in ("regions.yaml", "crafts.yaml", "badges.yaml"):
        try:
            stat = (content_root / "data" / name).stat()
            stamps.append((name, stat.st_size, stat.st_mtime_ns))
        except FileNotFoundError:
            stamps.append((name, None, None))
    # kept between builds while it has no problems (whose messages name paths through ``relative``)
    key = ("taxonomy", str(content_root), tuple(stamps))
    return cache.loaded((*key, relative), lambda: load_taxonomy(content_root, relative),
                        keep=lambda loaded: not loaded[1], stable=key)
