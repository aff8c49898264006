"""Check every content file of the site at once, without building it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .body import check_markdown, markdown_start
from .checkcache import CheckCache, environment_digest
from .files import FileProblem, is_inside, read_text
from .formats import is_slug
from .frontmatter import Document, split
from .problems import Problem
from .taxonomy import Taxonomy, shared_taxonomy
from .validate import SCHEMA_DIR, Catalog, SchemaValidator, field_name, load_schema
from .yamlsafe import Located, YamlProblem, load

# URL segments the site itself uses; a campaign page may not take them.
RESERVED_PAGE_SLUGS = {
    "admin", "agenda", "ambachtengids", "badges", "feeds", "images", "openbadges",
    "open-data", "pagefind", "theme", "verhalen", "zoeken", "404",
}
# Segments the ambachtengids itself uses below ambachtengids/ (facets per DIRECTORY_FACET_URL's
# kinds, the A-Z pages of a large directory); a profile may not take them.
RESERVED_PROFILE_SLUGS = {"a-z", "aanbod", "ambacht", "regio", "type"}
RESERVED_SLUGS = {"page": RESERVED_PAGE_SLUGS, "profile": RESERVED_PROFILE_SLUGS}


def schemas_with(marker: str) -> dict[str, dict]:
    """kind -> schema, for every schema that has the keyword ``marker``."""
    kinds = {}
    for schema_path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        kind = schema_path.name.removesuffix(".schema.json")
        schema = load_schema(kind)
        if marker in schema:
            kinds[kind] = schema
    return kinds


def content_kinds() -> dict[str, dict]:
    """The kinds of content files, each in its own folder (``x-folder``)."""
    return schemas_with("x-folder")


def data_kinds() -> dict[str, dict]:
    """The reference data files editors may change (``x-data-file``)."""
    return schemas_with("x-data-file")


def display_path(path: Path) -> str:
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


@dataclass
class Checked:
    """One content file after checking: its data (JSON-ready) and body, or its problems."""

    kind: str
    path: Path
    slug: str
    data: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    header_form: str = "yaml"
    problems: list[Problem] = field(default_factory=list)
    positions: Located | None = None


def whole_yaml(text: str) -> Document:
    """A YAML data file (a profile) as a document without a body."""
    located = load(text)
    if located.data is None:
        located.data = {}
    if not isinstance(located.data, dict):
        raise YamlProblem(1, 1, "het bestand moet velden bevatten (naam: waarde), geen lijst of losse tekst")
    return Document(located, "", 1, "yaml")


class ContentChecker:
    """Validates content files against the schemas and the site's reference data."""

    def __init__(self, content_root: Path, taxonomy: Taxonomy | None = None, cache: CheckCache | None = None):
        self.root = Path(content_root)
        self.cache = cache
        self._environment: str | None = None
        self.problems: list[Problem] = []
        if taxonomy is None:
            taxonomy, problems = shared_taxonomy(self.root, cache, display_path)
            self.problems = list(problems)
        self.taxonomy = taxonomy
        self.catalog = taxonomy.catalog()
        profiles = self.root / "profiles"
        self.catalog.ids["profiles"] = (
            {p.stem: p.stem for p in profiles.glob("*.yaml")} if profiles.is_dir() else None
        )
        if self.problems:  # unknown ids would only repeat the data file's errors
            self.catalog = Catalog({k: None for k in self.catalog.ids})
        self.validators = {kind: SchemaValidator(kind) for kind in content_kinds()}

    def check_file(self, kind: str, path: Path) -> Checked:
        """Check one file, or reuse the result of an identical earlier check (see checkcache)."""
        if self.cache is None or self.problems:
            return self._check_file(kind, path)
        checked = self.cache.seen(kind, path)  # checked before in this build (files do not change meanwhile)
        if checked is not None:
            return checked
        if path.is_symlink():
            return self._check_file(kind, path)
        try:
            raw = path.read_bytes()
        except OSError:
            return self._check_file(kind, path)
        if self._environment is None:
            folders = {validator.schema["x-folder"] for validator in self.validators.values()}
            self._environment = environment_digest(self.root, folders, self.catalog.ids)
        key = self.cache.key(self._environment, kind, path.name, raw)
        checked = self.cache.get(key)
        if checked is not None:
            checked.path = path
        else:
            checked = self._check_file(kind, path)
            if not checked.problems:
                self.cache.put(key, checked)
        if not checked.problems:
            self.cache.saw(kind, path, checked)
        return checked

    def _check_file(self, kind: str, path: Path) -> Checked:
        label = display_path(path)
        checked = Checked(kind, path, path.stem)
        validator = self.validators[kind]
        if not is_slug(path.stem):
            checked.problems.append(Problem(
                label, 1, 1, "slug",
                f"bestandsnaam '{path.name}' is geen geldige slug; gebruik kleine letters, cijfers en streepjes",
            ))
        elif path.stem in RESERVED_SLUGS.get(kind, ()):
            checked.problems.append(Problem(
                label, 1, 1, "slug", f"'{path.stem}' is een vast adres van de site; kies een andere bestandsnaam"
            ))
        try:
            if path.is_symlink() and not is_inside(self.root, path):
                raise FileProblem("bestand is een snelkoppeling naar buiten content/")
            text = read_text(path)
            document = split(text) if validator.body else whole_yaml(text)
        except FileProblem as problem:
            checked.problems.append(Problem(label, problem.line, problem.column, "bestand", problem.message))
            return checked
        except YamlProblem as problem:
            checked.problems.append(Problem(label, problem.line, problem.column, problem.field, problem.message))
            return checked
        if not text.strip():
            checked.problems.append(Problem(label, 1, 1, "bestand", "bestand is leeg"))
            return checked
        data, problems = validator.validate(label, document.meta, self.catalog, self.root, document.header_form)
        checked.problems += problems
        checked.data = data if isinstance(data, dict) else {}
        checked.body = document.body
        checked.body_line = document.body_line
        checked.header_form = document.header_form
        checked.positions = document.meta
        if validator.body:
            checked.problems += check_markdown(label, "tekst", document.body, document.body_line, self.root)
        for name, prop in validator.schema["properties"].items():
            value = checked.data.get(name)
            if prop.get("x-markdown") and isinstance(value, str):
                line, column = markdown_start(text, document.meta.values[(name,)])
                checked.problems += check_markdown(label, name, value, line, None, column)
        return checked

    def files(self, kind: str) -> list[Path]:
        schema = self.validators[kind].schema
        folder = self.root / schema["x-folder"]
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.name != "README.md")

    def check_all(self) -> tuple[list[Checked], list[Problem]]:
        """Check every file of every kind; return the results and all problems, sorted."""
        results: list[Checked] = []
        problems = list(self.problems)
        for kind in self.validators:
            extension = self.validators[kind].schema["x-extension"]
            for path in self.files(kind):
                if path.is_dir() or path.suffix != extension:
                    problems.append(Problem(display_path(path), 1, 1, "bestand",
                                            f"onbekend bestand in deze map; verwacht *{extension}"))
                    continue
                checked = self.check_file(kind, path)
                results.append(checked)
                problems += checked.problems
        problems += self.check_aliases(results)
        return results, sorted(set(problems))

    def url_of(self, checked: Checked) -> str:
        """The public path of a content file, from its schema's ``x-url`` (the contract)."""
        if checked.kind == "page" and checked.slug == "home":
            return "/"
        return "/" + self.validators[checked.kind].schema["x-url"].format(slug=checked.slug)

    def check_aliases(self, results: list[Checked]) -> list[Problem]:
        """Old URLs must be unique and must not hide a page that exists."""
        problems: list[Problem] = []
        urls = {self.url_of(r) for r in results if not r.problems}
        seen: dict[str, Checked] = {}
        for checked in results:
            for index, alias in enumerate(checked.data.get("aliases", []) or []):
                path = ("aliases", index)
                if alias in urls or alias.rstrip("/") + "/" in urls:
                    problems.append(self._problem(checked, path, f"'{alias}' is het adres van een bestaande pagina"))
                elif alias in seen and seen[alias] is not checked:
                    other = display_path(seen[alias].path)
                    problems.append(self._problem(checked, path, f"'{alias}' wordt ook gebruikt door {other}"))
                seen.setdefault(alias, checked)
        return problems

    def _problem(self, checked: Checked, path: tuple, message: str) -> Problem:
        line, column = checked.positions.position(path) if checked.positions else (1, 1)
        return Problem(display_path(checked.path), line, column, field_name(path), message)
