"""The site's reference data (crafts, regions) loaded and validated like any content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .files import FileProblem, read_text
from .problems import Problem
from .validate import Catalog, SchemaValidator
from .yamlsafe import YamlProblem, load


@dataclass
class Taxonomy:
    groups: dict[str, str] = field(default_factory=dict)  # id -> name
    crafts: dict[str, dict] = field(default_factory=dict)  # id -> {"name", "group"}
    regions: dict[str, str] = field(default_factory=dict)  # id -> name

    def catalog(self) -> Catalog:
        return Catalog(
            {
                "groups": dict(self.groups),
                "crafts": {k: v["name"] for k, v in self.crafts.items()},
                "regions": dict(self.regions),
            }
        )


def load_data_file(path: Path, label: str, kind: str, catalog: Catalog) -> tuple[object, list[Problem]]:
    """Read and validate one YAML data file; returns (data or None, problems)."""
    try:
        located = load(read_text(path))
    except FileProblem as problem:
        return None, [Problem(label, problem.line, problem.column, "bestand", problem.message)]
    except YamlProblem as problem:
        return None, [Problem(label, problem.line, problem.column, problem.field, problem.message)]
    if not isinstance(located.data, dict):
        return None, [Problem(label, 1, 1, "(bestand)", "moet velden bevatten (naam: waarde), geen lijst of losse tekst")]
    data, problems = SchemaValidator(kind).validate(label, located, catalog, None)
    seen: dict[str, set[str]] = {}
    for section, items in data.items() if isinstance(data, dict) else ():
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids = seen.setdefault(section, set())
                if item["id"] in ids:
                    line, col = located.position((section, index, "id"))
                    problems.append(Problem(label, line, col, f"{section}[{index}].id", f"dubbele id '{item['id']}'"))
                ids.add(item["id"])
    return (data if not problems else None), problems


def load_taxonomy(content_root: Path, relative=str) -> tuple[Taxonomy, list[Problem]]:
    """Load content/data/crafts.yaml and regions.yaml."""
    taxonomy = Taxonomy()
    problems: list[Problem] = []
    regions_path = content_root / "data" / "regions.yaml"
    regions, found = load_data_file(regions_path, relative(regions_path), "regions", Catalog())
    problems += found
    if regions:
        taxonomy.regions = {r["id"]: r["name"] for r in regions["regions"]}
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
    return taxonomy, problems
