"""Check every content file of the site at once, without building it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from infra.sequences import batches

from .body import MarkdownParser, check_markdown, image_reference, markdown_start
from .checkcache import CheckCache, environment_digest
from .files import FileProblem, is_inside, read_text
from .formats import is_slug
from .frontmatter import Document, split
from .problems import Problem
from .render import Parsed
from .reserved import RESERVED_LANG_SLUGS, RESERVED_PAGE_SLUGS, RESERVED_PROFILE_SLUGS, RESERVED_SLUGS, alias_problem
from .taxonomy import Taxonomy, shared_taxonomy
from .validate import SCHEMA_DIR, Catalog, SchemaValidator, field_name, load_schema
from .yamlsafe import Located, YamlProblem, load

__all__ = ["RESERVED_PAGE_SLUGS", "RESERVED_PROFILE_SLUGS", "Checked", "ContentChecker"]


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
    images: list[tuple[str, int, int]] = field(default_factory=list)  # body images: (path below content/, line, column)
    # the check's parse of each Markdown text of the file (body and fields) by the text, for the renderer
    parsed: dict[str, Parsed] = field(default_factory=dict)


# A first build checks the files the cache lacks on the build's workers (check_all), this many per job, when
# there are at least PARALLEL_FROM of them; an edit checks its few files in this process.
CHECK_BATCH = 50
PARALLEL_FROM = 200


def check_batch(job: tuple[str, Taxonomy, list[tuple[str, str]]]) -> list[Checked]:
    """``_check_file`` of each ``(kind, path)`` in a worker process (``ContentChecker.check_all``): a checker
    of its own over the checking process's reference data, without a cache (that process keeps the results)."""
    root, taxonomy, files = job
    checker = ContentChecker(Path(root), taxonomy=taxonomy)
    return [checker._check_file(kind, Path(path)) for kind, path in files]


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
        pages = self.root / "pages"
        # the Dutch pages an English page may translate (``translation``)
        self.catalog.ids["pages"] = {p.stem: p.stem for p in pages.glob("*.md")} if pages.is_dir() else None
        if self.problems:  # unknown ids would only repeat the data file's errors
            self.catalog = Catalog({k: None for k in self.catalog.ids})
        self.validators = {kind: SchemaValidator(kind) for kind in content_kinds()}

    @cached_property
    def parser(self) -> MarkdownParser:
        return MarkdownParser()

    def check_file(self, kind: str, path: Path) -> Checked:
        """Check one file, or reuse the result of an identical earlier check (see checkcache)."""
        checked, key = self._cached(kind, path)
        if checked is None:
            checked = self._check_file(kind, path)
            self._keep(kind, path, key, checked)
        return checked

    def _cached(self, kind: str, path: Path) -> tuple[Checked | None, str | None]:
        """The result of an identical earlier check, if any, and else the cache key to keep a new result
        under (None: a result this checker does not keep)."""
        if self.cache is None or self.problems:
            return None, None
        checked = self.cache.seen(kind, path)  # checked before in this build (files do not change meanwhile)
        if checked is not None:
            return checked, None
        if path.is_symlink() or not is_inside(self.root, path):
            return None, None
        try:
            raw = path.read_bytes()
        except OSError:
            return None, None
        if self._environment is None:
            folders = {validator.schema["x-folder"] for validator in self.validators.values()}
            self._environment = environment_digest(self.root, folders, self.catalog.ids)
        key = self.cache.key(self._environment, kind, f"{self.language_of(kind, path) or ''}/{path.name}", raw)
        checked = self.cache.get(key)
        if checked is not None:
            checked.path = path
            self.cache.saw(kind, path, checked)
        return checked, key

    def _keep(self, kind: str, path: Path, key: str | None, checked: Checked) -> None:
        """Keep a new result without problems under its key (see :meth:`_cached`)."""
        if key is not None and not checked.problems:
            self.cache.put(key, checked)
            self.cache.saw(kind, path, checked)

    def check_text(self, kind: str, path: Path, text: str, label: str) -> Checked:
        """Check ``text`` as if it were the file ``path`` (not yet written), reporting problems at ``label``."""
        return self._check_file(kind, path, text=text, label=label)

    def _check_file(self, kind: str, path: Path, text: str | None = None, label: str | None = None) -> Checked:
        label = label or display_path(path)
        checked = Checked(kind, path, path.stem)
        validator = self.validators[kind]
        if not is_slug(path.stem):
            checked.problems.append(Problem(
                label, 1, 1, "slug",
                f"bestandsnaam '{path.name}' is geen geldige slug; gebruik kleine letters, cijfers en streepjes",
            ))
        elif path.stem in RESERVED_SLUGS.get(kind, ()) and not self.language_of(kind, path):
            checked.problems.append(Problem(
                label, 1, 1, "slug", f"'{path.stem}' is een vast adres van de site; kies een andere bestandsnaam"
            ))
        try:
            if not is_inside(self.root, path):
                raise FileProblem("bestand is een snelkoppeling naar buiten content/ (of staat in een map die dat is)")
            if text is None:
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
        checked.problems += self._language_problems(kind, path, checked)
        if validator.body:
            checked.problems += check_markdown(label, "tekst", document.body, document.body_line, self.root,
                                               parser=self.parser, images_found=checked.images,
                                               parsed=checked.parsed)
        for name, prop in validator.schema["properties"].items():
            value = checked.data.get(name)
            if prop.get("x-markdown") and isinstance(value, str):
                line, column = markdown_start(text, document.meta.values[(name,)])
                checked.problems += check_markdown(label, name, value, line, None, column, parser=self.parser,
                                                   images=False, parsed=checked.parsed)
        return checked

    def language_of(self, kind: str, path: Path) -> str | None:
        """The language folder (``x-lang-folders``, such as ``en``) a file of ``kind`` stands in, or None."""
        folders = self.validators[kind].schema.get("x-lang-folders", [])
        parent = path.parent
        if parent.name in folders and parent.parent.name == self.validators[kind].schema["x-folder"]:
            return parent.name
        return None

    def _language_problems(self, kind: str, path: Path, checked: Checked) -> list[Problem]:
        """A page's ``lang`` matches its folder (content/pages/en/ holds the English pages), and only
        a page in another language than Dutch translates a Dutch one."""
        schema = self.validators[kind].schema
        if "lang" not in schema["properties"] or not isinstance(checked.data, dict):
            return []
        folder = self.language_of(kind, path)
        lang = checked.data.get("lang")
        problems = []
        if folder and path.stem in RESERVED_LANG_SLUGS:
            problems.append(Problem(display_path(path), 1, 1, "slug",
                                    f"'{path.stem}' is een vast adres onder /{folder}/; kies een andere bestandsnaam"))
        if folder and lang is None:
            problems.append(Problem(display_path(path), 1, 1, "lang",
                                    f"een pagina in content/{schema['x-folder']}/{folder}/ heeft 'lang: {folder}' nodig"))
        elif folder and lang != folder:
            problems.append(self._problem(checked, ("lang",),
                                          f"'{lang}' past niet bij de map {folder}/; zet hier 'lang: {folder}'"))
        elif not folder and lang not in (None, "nl"):
            problems.append(self._problem(checked, ("lang",), (
                f"een pagina in het {lang} hoort in content/{schema['x-folder']}/{lang}/")))
        if checked.data.get("translation") is not None and not folder:
            problems.append(self._problem(checked, ("translation",), (
                "alleen een pagina in een andere taal (zoals content/pages/en/) vertaalt een Nederlandse pagina")))
        return problems

    def files(self, kind: str) -> list[Path]:
        schema = self.validators[kind].schema
        folder = self.root / schema["x-folder"]
        if not folder.is_dir():
            return []
        found = [p for p in folder.iterdir() if not p.name.startswith(".") and p.name != "README.md"]
        for lang in schema.get("x-lang-folders", []):
            sub = folder / lang
            if sub.is_dir() and not sub.is_symlink():
                found.remove(sub)
                found += [p for p in sub.iterdir() if not p.name.startswith(".") and p.name != "README.md"]
        return sorted(found)

    def folder_problems(self) -> list[Problem]:
        """Every folder of content/ must really be inside it: a folder that is a snelkoppeling
        (symlink) would publish files from elsewhere on the machine."""
        problems = []
        names = {validator.schema["x-folder"] for validator in self.validators.values()} | {"images", "data"}
        for name in sorted(names):
            folder = self.root / name
            if folder.is_symlink() or (folder.exists() and not is_inside(self.root, folder)):
                problems.append(Problem(display_path(folder), 1, 1, "bestand",
                                        "deze map is een snelkoppeling; zet de bestanden zelf in content/" + name))
        return problems

    def check_all(self, start=None) -> tuple[list[Checked], list[Problem]]:
        """Check every file of every kind; return the results and all problems, sorted.

        ``start(function, items)`` (``responsive_images.pipeline.start_map`` on the build's workers), when
        given, checks the files the cache lacks in other processes, :data:`CHECK_BATCH` per job, when there
        are at least :data:`PARALLEL_FROM` of them (a first build); the results are the same."""
        problems = list(self.problems) + self.folder_problems()
        files: list[tuple[str, Path]] = []
        for kind in self.validators:
            extension = self.validators[kind].schema["x-extension"]
            for path in self.files(kind):
                if path.is_dir() or path.suffix != extension:
                    problems.append(Problem(display_path(path), 1, 1, "bestand",
                                            f"onbekend bestand in deze map; verwacht *{extension}"))
                    continue
                files.append((kind, path))
        found = [self._cached(kind, path) for kind, path in files]
        todo = [index for index, (checked, key) in enumerate(found) if checked is None and key is not None]
        elsewhere: dict[int, Checked] = {}
        if start is not None and len(todo) >= PARALLEL_FROM:
            jobs = [(str(self.root), self.taxonomy, [(files[i][0], str(files[i][1])) for i in batch])
                    for batch in batches(todo, CHECK_BATCH)]
            done, _ = start(check_batch, jobs)()
            elsewhere = dict(zip(todo, (checked for batch in done for checked in batch), strict=True))
        results: list[Checked] = []
        for index, ((kind, path), (earlier, key)) in enumerate(zip(files, found, strict=True)):
            checked = earlier
            if checked is None:
                checked = elsewhere[index] if index in elsewhere else self._check_file(kind, path)
                self._keep(kind, path, key, checked)
            results.append(checked)
            problems += checked.problems
        problems += self.check_aliases(results)
        problems += self.check_translations(results)
        problems += self.check_profile_photos(results)
        return results, sorted(set(problems))

    def url_of(self, checked: Checked) -> str:
        """The public path of a content file, from its schema's ``x-url`` (the contract), or ``x-lang-url``
        for a file in a language folder (``/en/<slug>/``; the English home page is ``/en/``)."""
        schema = self.validators[checked.kind].schema
        lang = self.language_of(checked.kind, checked.path)
        if checked.kind == "page" and checked.slug == "home":
            return f"/{lang}/" if lang else "/"
        if lang:
            return "/" + schema["x-lang-url"].format(lang=lang, slug=checked.slug)
        return "/" + schema["x-url"].format(slug=checked.slug)

    def check_translations(self, results: list[Checked]) -> list[Problem]:
        """A Dutch page has at most one translation per language."""
        problems: list[Problem] = []
        seen: dict[tuple[str, str], Checked] = {}
        for checked in results:
            target = checked.data.get("translation")
            lang = self.language_of(checked.kind, checked.path)
            if not isinstance(target, str) or not lang:
                continue
            other = seen.setdefault((lang, target), checked)
            if other is not checked:
                problems.append(self._problem(checked, ("translation",), (
                    f"'{target}' is al vertaald door {display_path(other.path)}")))
        return problems

    def check_aliases(self, results: list[Checked]) -> list[Problem]:
        """Old URLs must be unique and must not hide a page that exists or a file the build writes."""
        from .reserved import alias_target

        problems: list[Problem] = []
        urls = {self.url_of(r) for r in results}
        seen: dict[str, Checked] = {}
        for checked in results:
            for index, alias in enumerate(checked.data.get("aliases", []) or []):
                if not isinstance(alias, str):
                    continue
                path = ("aliases", index)
                target = alias_target(alias)
                reason = alias_problem(alias, urls)
                if reason:
                    problems.append(self._problem(checked, path, reason))
                elif target in seen and seen[target] is not checked:
                    other = display_path(seen[target].path)
                    problems.append(self._problem(checked, path, f"'{alias}' wordt ook gebruikt door {other}"))
                seen.setdefault(target, checked)
        return problems

    def check_profile_photos(self, results: list[Checked]) -> list[Problem]:
        """A profile's photo is published only through its profile, under its consent: no story,
        page or event may use the same file (by its real path, or by its bytes: a copy). Bytes are
        read only for an image whose size equals a profile photo's, so a check reads no image whole
        where none can match."""
        by_path: dict[Path, str] = {}
        for checked in results:
            photo = checked.data.get("photo") if checked.kind == "profile" else None
            real = self._real_image(photo) if isinstance(photo, str) else None
            if real is not None:
                by_path[real] = checked.slug
        if not by_path:
            return []
        by_size: dict[int, list[Path]] = {}
        for real in by_path:
            by_size.setdefault(real.stat().st_size, []).append(real)
        digests: dict[Path, str] = {}

        def digest(path: Path) -> str:
            if path not in digests:
                digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
            return digests[path]

        def owner_of(reference: str) -> str | None:
            real = self._real_image(reference)
            if real is None:
                return None
            if real in by_path:
                return by_path[real]
            same_size = by_size.get(real.stat().st_size, [])
            return next((by_path[photo] for photo in same_size if digest(photo) == digest(real)), None)

        problems = []
        for checked in results:
            if checked.kind == "profile":
                continue
            used = []
            if isinstance(checked.data.get("image"), str):
                line, column = checked.positions.position(("image",)) if checked.positions else (1, 1)
                used.append(("image", checked.data["image"], line, column))
            used += [("tekst", reference, line, column) for reference, line, column in checked.images]
            for field_, reference, line, column in used:
                owner = owner_of(reference)
                if owner:
                    problems.append(Problem(
                        display_path(checked.path), line, column, field_,
                        f"'{reference}' is de foto van profiel {owner}; een profielfoto verschijnt alleen op het "
                        "profiel zelf (met toestemming foto). Gebruik een eigen afbeelding onder content/images/"))
        return problems

    def _real_image(self, reference: str) -> Path | None:
        """The image file a reference names, symlinks resolved; None when there is none (reported elsewhere)."""
        real = (self.root / image_reference(reference)).resolve()
        return real if real.is_file() else None

    def _problem(self, checked: Checked, path: tuple, message: str) -> Problem:
        line, column = checked.positions.position(path) if checked.positions else (1, 1)
        return Problem(display_path(checked.path), line, column, field_name(path), message)
