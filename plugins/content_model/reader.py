"""Pelican reader for our Markdown content: validated front matter, safe HTML."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from infra.scope import Build
from nl_format.clock import now as build_now
from pelican.readers import BaseReader, MarkdownReader

from .check import ContentChecker, content_kinds
from .formats import parse_date_or_datetime, to_local
from .problems import ContentError
from .render import reading_minutes, render

logger = logging.getLogger(__name__)

# Fields passed through Pelican's own metadata processors (dates, author).
PELICAN_PROCESSED = {"date", "modified", "author"}


class ContentReader(MarkdownReader):
    """Reads stories, pages and events with YAML (or Pelican ``Key: value``) headers.

    Pelican makes a reader with the settings only; ``content_model`` hands it the build (``infra.scope``)
    before any file is read (:meth:`use_build`): its check cache, and the image service's Markdown extension.
    """

    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        # Skip MarkdownReader.__init__: it would add the 'meta' extension, and we read headers ourselves.
        BaseReader.__init__(self, settings)
        self._checker = None
        self.build = Build()  # a plain Pelican run has none; see use_build
        self._folders = {schema["x-folder"]: kind for kind, schema in content_kinds().items()}

    def use_build(self, build: Build) -> None:
        """Read with the objects of this build (its generator's, ``infra.scope``)."""
        self.build = build
        self._checker = None

    def markdown_extensions(self) -> list:
        """The Markdown extension objects of the settings, and the image service's (responsive ``<picture>``)."""
        extensions = [e for e in self.settings["MARKDOWN"].get("extensions", []) if not isinstance(e, str)]
        if self.build.image_service is not None:
            extensions.append(self.build.image_service.markdown_extension())
        return extensions

    def checker(self) -> ContentChecker:
        if self._checker is None:
            self._checker = ContentChecker(Path(self.settings["PATH"]), cache=self.build.check_cache)
            if self._checker.problems:
                raise ContentError(self._checker.problems)
        return self._checker

    def kind_of(self, source_path: str) -> str:
        relative = Path(source_path).resolve().relative_to(Path(self.settings["PATH"]).resolve())
        kind = self._folders.get(relative.parts[0])
        if kind is None:
            raise ContentError([])
        return kind

    def read(self, source_path):
        kind = self.kind_of(source_path)
        checked = self.checker().check_file(kind, Path(source_path))
        if checked.problems:
            raise ContentError(checked.problems)
        parsed = checked.parsed.get(checked.body)  # the check's parse: not parsed again where it is the same
        content = render(checked.body, self.markdown_extensions(), siteurl=self.settings["SITEURL"], parsed=parsed)
        return content, self.metadata(kind, checked)

    def metadata(self, kind, checked) -> dict:
        data = dict(checked.data)
        metadata = {
            "kind": kind,
            "slug": checked.slug,
            "reading_minutes": reading_minutes(checked.body),
            "body_images": [path for path, _, _ in checked.images],
        }
        properties = self.checker().validators[kind].schema["properties"]
        for key, value in data.items():
            if properties.get(key, {}).get("format") in ("date", "date-or-datetime") and key not in PELICAN_PROCESSED:
                metadata[key] = to_local(parse_date_or_datetime(value))
            elif key in PELICAN_PROCESSED:
                metadata[key] = self.process_metadata(key, value)
            elif key == "tags":
                metadata["topics"] = value
            elif key == "status":
                continue
            else:
                metadata[key] = value
        if kind == "story":
            # Pelican's draft writer expects a category even when category pages are off.
            metadata["category"] = self.process_metadata("category", self.settings.get("DEFAULT_CATEGORY", "verhalen"))
        metadata["status"] = self.status(data)
        metadata["is_draft"] = data.get("status") == "draft"
        if kind == "page":
            template = data.get("template", "page")
            metadata["template"] = template
            lang = self.checker().language_of(kind, checked.path)
            # Pelican links translations by PAGE_TRANSLATION_ID: an English page's ``translation`` names
            # its Dutch page; a page without one stands alone (its key cannot meet a Dutch slug)
            metadata["translation_key"] = data.get("translation") or (f"{lang}:{checked.slug}" if lang else checked.slug)
            if checked.slug == self.settings.get("HOME_PAGE_SLUG", "home"):
                metadata["url"] = f"{lang}/" if lang else ""
                metadata["save_as"] = f"{lang}/index.html" if lang else "index.html"
        return metadata

    def status(self, data: dict) -> str:
        """published, or draft for drafts and (in publish mode) future posts.

        Pelican writes drafts to DRAFT_SAVE_AS, which is the final URL in development
        (shown with a banner) and empty in publishconf.py (not written at all). Drafts
        never appear in listings, feeds or the sitemap.
        """
        if data.get("status") == "draft":
            return "draft"
        if not self.settings.get("PUBLISH_FUTURE", True) and "date" in data:
            date = to_local(parse_date_or_datetime(data["date"]))
            moment = build_now()
            if (date > moment) if isinstance(date, dt.datetime) else (date > moment.date()):
                return "draft"
        return "published"
