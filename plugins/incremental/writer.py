"""A Pelican writer that renders a page only when what it renders has changed.

The key of a ``write_file`` call is a hash of: the build's baseline (code, theme, settings,
reference data, images and the calendar window, see ``scripts/build.py``), the template, the
output name and URL, the call's own keyword arguments, and the shared context values its
template (with everything it extends, includes and imports) names. When the last build made
the same call with the same key and its files are still in place, they are kept as they are.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from pathlib import Path

import jinja2
from infra.cachekey import code_digest
from infra.cachekey import key as cache_key
from infra.files import load_json_cache, save_json_cache
from jinja2 import meta, nodes
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper
from pelican.writers import Writer

from .explain import changed, documents_in, page_reason, short
from .fingerprint import Fingerprinter, Unstable
from .overlay import OutputOverlay

logger = logging.getLogger(__name__)

# Pelican replaces these in a document's text with other documents' URLs when it renders it.
LINK_MARKERS = re.compile(r"[{|](?:filename|static|attach|index|tag|category|author|author|link)[}|]")
# A template that names none of these never shows a document's text; one that names none of the
# second set never shows a summary either (Pelican cuts one from the text when there is none).
TEXT_READS = frozenset({"content", "_content", "get_content"})
SUMMARY_READS = frozenset({"summary", "_summary", "get_summary"})
TEXT = ("_content",)


class TemplateNames:
    """The variables a template and everything it extends, includes or imports may read.

    A reference to a template chosen at run time makes every template of the theme count.
    Parsing the theme takes a while (about a quarter of a small build), so the names found per
    template source are kept in a folder (``cache``), one file per key of that source: the build
    keeps them beside its compiled templates, which many builds may share (the tests' do). Pelican
    gives every generator its own Jinja environment; the answers are kept per environment.
    """

    def __init__(self, cache: Path | None = None):
        self.cache_path = cache
        # what is saved per template source is keyed by the code that finds it (infra.cachekey)
        self.code = code_digest(sys.modules[__name__], jinja2.__version__)
        self.closures: dict[tuple[int, str], tuple[frozenset[str], frozenset[str]]] = {}
        self.saved: dict[str, dict] = {}  # the answers read or found in this build, by key (one read per source)
        self.environments: list = []  # keeps the environments alive while their ids are keys

    def __call__(self, environment, name: str) -> frozenset[str]:
        return self._closed(environment, name)[0]

    def reads(self, environment, name: str) -> frozenset[str]:
        """Which of a document's text and summary attributes the template may read (by name)."""
        return self._closed(environment, name)[1]

    def _closed(self, environment, name: str) -> tuple[frozenset[str], frozenset[str]]:
        key = (id(environment), name)
        if key not in self.closures:
            self.environments.append(environment)
            self.closures[key] = self._closure(environment, name)
        return self.closures[key]

    def _closure(self, environment, name: str) -> tuple[frozenset[str], frozenset[str]]:
        seen: set[str] = set()
        todo = [name]
        variables: set[str] = set()
        reads: set[str] = set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found, referenced, read = self._names_of(environment, current)
            variables |= set(found)
            reads |= set(read)
            if None in referenced:
                todo += [t for t in environment.list_templates() if t.endswith((".html", ".xml", ".txt"))]
            todo += [t for t in referenced if t]
        return frozenset(variables), frozenset(reads)

    def _names_of(self, environment, name: str) -> tuple[list, list, list]:
        source, _, _ = environment.loader.get_source(environment, name)
        key = cache_key(name, source, code=self.code, length=64)
        if key in self.saved:  # every generator's environment asks again
            saved = self.saved[key]
        else:
            saved = load_json_cache(self.cache_path / f"{key}.json" if self.cache_path is not None else None)
        if saved.get("name") != name:
            tree = environment.parse(source)
            variables = set(meta.find_undeclared_variables(tree))
            # ``{% import ... with context %}`` and included templates also see names set here
            variables |= {node.name for node in tree.find_all(nodes.Name) if node.ctx == "load"}
            # attribute names, item keys and string arguments (``map(attribute="content")``)
            mentioned = {node.attr for node in tree.find_all(nodes.Getattr)}
            mentioned |= {node.value for node in tree.find_all(nodes.Const) if isinstance(node.value, str)}
            saved = {"name": name, "variables": sorted(variables),
                     "referenced": list(meta.find_referenced_templates(tree)),
                     "reads": sorted(mentioned & (TEXT_READS | SUMMARY_READS))}
            if self.cache_path is not None:
                save_json_cache(self.cache_path / f"{key}.json", saved)
        self.saved[key] = saved
        return saved["variables"], saved["referenced"], saved["reads"]


def _identify(value) -> str | None:
    """Authors, categories and tags by name and slug (their URLs follow from the settings, which
    the baseline holds); walking them would see a slug Pelican fills in only once it is asked."""
    if isinstance(value, URLWrapper):
        return f"{type(value).__qualname__}:{value.name}:{value.slug}"
    return None


def writer_class(overlay: OutputOverlay) -> type[IncrementalWriter]:
    """The writer class of one build. Pelican's ``get_writer`` takes a class, which it makes with the
    output folder and the settings only; the build's overlay comes with the class (``infra.scope``)."""
    return type("IncrementalWriter", (IncrementalWriter,), {"overlay": overlay})


class IncrementalWriter(Writer):
    """Pelican's writer, keeping pages whose inputs are unchanged (the build's overlay, :func:`writer_class`)."""

    overlay: OutputOverlay

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        # Pages that never show a document's text (lists, cards) are keyed without it, so that an
        # edit of a story's text renders only the pages that show that text. The three share
        # the hashing of each document.
        parts: dict = {}
        common = {"is_document": lambda value: isinstance(value, Content), "document_extra": self._document_extra,
                  "separate": TEXT, "parts": parts, "identify": _identify}
        self._fingerprints = {
            "text": Fingerprinter(**common),
            "summary": Fingerprinter(omit=lambda document: TEXT if "summary" in document.metadata else (), **common),
            "neither": Fingerprinter(omit=lambda document: TEXT, **common),
        }
        self._globals: dict[tuple[str, str], str] = {}
        self._site_urls: str | None = None
        self._context = None
        self._opened: list[str] = []
        # beside the compiled templates (scripts/build.py), else in the build's own cache
        self._names = TemplateNames(Path(self.settings.get("TEMPLATE_NAMES_CACHE_PATH")
                                         or Path(self.settings["CACHE_PATH"]) / "template-names"))
        self._unstable = ""

    def _open_w(self, filename, encoding, override=False):
        self._opened.append(filename)
        return super()._open_w(filename, encoding, override)

    def _document_extra(self, document):
        text = document._content or ""
        if LINK_MARKERS.search(text) or LINK_MARKERS.search(str(document.metadata.get("summary", ""))):
            return self._site_urls_digest()
        return None

    def _site_urls_digest(self) -> str:
        """The URL of every document, for texts that link to other documents."""
        if self._site_urls is None:
            context = self._context or {}
            digest = hashlib.sha256()
            for key in ("generated_content", "static_content"):
                for path, item in sorted((context.get(key) or {}).items()):
                    digest.update(f"{path}\0{getattr(item, 'url', '')}\0".encode())
            self._site_urls = digest.hexdigest()
        return self._site_urls

    def _global(self, context: dict, name: str, variant: str) -> str:
        if (variant, name) not in self._globals:
            self._globals[variant, name] = self._fingerprints[variant](context[name])
        return self._globals[variant, name]

    def _variant(self, template) -> str:
        """Which fingerprints key the template's pages: with the documents' text, or without it."""
        reads = self._names.reads(template.environment, template.name)
        return "text" if reads & TEXT_READS else "summary" if reads & SUMMARY_READS else "neither"

    def call_key(self, name, template, context, relative_urls, paginated, template_name, url, kwargs) -> str | None:
        self._context = context
        digest = hashlib.sha256(self.overlay.baseline.encode())
        digest.update(repr((template.name, name, relative_urls, template_name, url, sorted(kwargs))).encode())
        variant = self._variant(template)
        fingerprint = self._fingerprints[variant]
        digest.update(variant.encode())
        arguments: dict[str, str] = {}  # the call's own inputs, kept for incremental.explain
        names: list[str] = []
        try:
            for key in sorted(kwargs):
                value = fingerprint(kwargs[key])
                arguments[key] = short(value)
                digest.update(key.encode() + value.encode())
            if paginated is not None:
                value = fingerprint(paginated)
                arguments["paginated"] = short(value)
                digest.update(b"paginated" + value.encode())
            for variable in sorted(self._names(template.environment, template.name)):
                if variable not in kwargs and variable in context:
                    value = self._global(context, variable, variant)
                    names.append(variable)
                    self.overlay.explain["globals"][f"{variant}:{variable}"] = short(value)
                    digest.update(variable.encode() + value.encode())
        except Unstable as error:
            logger.debug("incremental: %s is always rendered: %s", name, error)
            self._unstable = str(error)
            return None
        self.overlay.explain["templates"].setdefault(f"{variant}:{template.name}", names)
        self.overlay.explain["pages"][name] = [template.name, variant, arguments]
        return digest.hexdigest()

    def _reason(self, name: str, template, key: str | None, kwargs: dict, context: dict) -> str:
        """Why the call ``name`` is rendered in this build (see incremental.explain)."""
        if key is None:
            return f"a value without a stable fingerprint (always rendered): {self._unstable}"
        overlay, before = self.overlay, self.overlay.previous_explain
        current = overlay.explain["pages"][name]
        variant = current[1]
        names = overlay.explain["templates"][f"{variant}:{template.name}"]
        previous = before.get("pages", {}).get(name)
        if previous is not None:
            previous = [*previous, before.get("templates", {}).get(f"{previous[1]}:{previous[0]}", [])]
        baseline_changed = changed(before.get("baseline", {}), overlay.explain["baseline"])
        if overlay.incremental and not baseline_changed and before.get("baseline") is None:
            baseline_changed = ["an earlier build kept no details"]
        if overlay.incremental and not baseline_changed and not overlay._previous_calls:
            baseline_changed = ["a setting or file not named here"]
        documents = overlay.changed_documents()
        content = self.settings["PATH"]

        def source_of(value):
            path = getattr(value, "source_path", None) if isinstance(value, Content) else None
            return os.path.relpath(path, content).replace(os.sep, "/") if path else None

        def sources(input_name: str) -> list[str]:
            value = kwargs.get(input_name, context.get(input_name))
            return sorted(documents_in(value, source_of) & documents)

        return page_reason(incremental=overlay.incremental, baseline_changed=baseline_changed, previous=previous,
                           current=[*current, names], previous_globals=before.get("globals", {}),
                           current_globals=overlay.explain["globals"],
                           files_missing=name in overlay._previous_calls, sources=sources)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        key = self.call_key(name, template, context, relative_urls, paginated, template_name, url, kwargs)
        if key is not None and self.overlay.previous_call(name, key) is not None:
            return None
        if self.overlay.explaining:
            self.overlay.reasons[name] = self._reason(name, template, key, kwargs, context)
        before = len(self._opened)
        result = super().write_file(name, template, context, relative_urls, paginated, template_name,
                                    override_output, url, **kwargs)
        written = [os.path.relpath(path, self.output_path).replace(os.sep, "/") for path in self._opened[before:]]
        if key is not None:
            self.overlay.rendered_call(name, key, sorted(written))
        return result
