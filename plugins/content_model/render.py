"""Markdown to safe HTML: python-markdown without raw-HTML features, then nh3 as a second line."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import nh3
from infra.files import load_json_cache, save_json_cache
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["tables", "fenced_code", "footnotes", "abbr", "def_list", "sane_lists", "smarty", "toc"]
EXTENSION_CONFIGS = {
    "toc": {"permalink": False, "toc_depth": "2-3"},
    "smarty": {"smart_angled_quotes": False},
    "footnotes": {"BACKLINK_TITLE": "Terug naar tekst %d"},
}
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "picture", "pre", "q",
    "s", "source", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
ATTRIBUTES = {
    "*": {"id", "lang", "title"},
    "a": {"href", "hreflang", "class"},
    "abbr": {"title"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding", "class"},
    "source": {"srcset", "sizes", "type", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "li": {"class"},
    "div": {"class"},
    "sup": {"class"},
    "figure": {"class"},
}
WORD = re.compile(r"\w+")


def markdown_config(extra_extensions=()) -> dict:
    return {
        "extensions": [*EXTENSIONS, *extra_extensions],
        "extension_configs": EXTENSION_CONFIGS,
        "output_format": "html",
    }


def sanitize(html: str) -> str:
    """Keep only harmless markup: no scripts, styles, event handlers or odd URL schemes."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener",
        strip_comments=True,
    )


class _SiteLinks(Treeprocessor):
    def __init__(self, md, siteurl: str):
        super().__init__(md)
        self.siteurl = siteurl.rstrip("/")

    def run(self, root):
        for element in root.iter("a"):
            href = element.get("href", "")
            if href.startswith("/") and not href.startswith("//"):
                element.set("href", self.siteurl + href)


class SiteLinkExtension(Extension):
    """Links like ``/agenda/`` point into the site even when SITEURL has a path."""

    def __init__(self, siteurl: str, **kwargs):
        self.siteurl = siteurl
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - python-markdown API
        md.treeprocessors.register(_SiteLinks(md, self.siteurl), "site_links", 0)


def render(text: str, extra_extensions=(), siteurl: str = "") -> str:
    """Render editor Markdown to sanitised HTML."""
    return Renderer(extra_extensions, siteurl).render(text)


class Renderer:
    """One Markdown converter reused for many texts (setting it up costs as much as a short text).

    With ``cache`` (a file), results are kept by a hash of the text, the site URL and this
    module's code and libraries, so that unchanged texts are not converted again next build.
    """

    def __init__(self, extra_extensions=(), siteurl: str = "", cache: Path | None = None):
        self.markdown = Markdown(**markdown_config([*extra_extensions, SiteLinkExtension(siteurl)]))
        self.salt = f"{siteurl}|{[type(e).__qualname__ for e in extra_extensions]}|{_code_version()}"
        self.cache_path = cache
        self.cache: dict[str, str] = load_json_cache(cache)
        self.used: dict[str, str] = {}

    def render(self, text: str) -> str:
        if self.cache_path is None:
            return sanitize(self.markdown.reset().convert(text))
        key = hashlib.sha256(f"{self.salt}|{text}".encode()).hexdigest()
        html = self.cache.get(key)
        if html is None:
            html = sanitize(self.markdown.reset().convert(text))
        self.used[key] = html
        return html

    def save(self) -> None:
        """Keep the results of this build (and only those) for the next one."""
        if self.cache_path is None or self.used == self.cache:
            return
        save_json_cache(self.cache_path, self.used)


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for package in ("markdown", "nh3"):
        digest.update(f"|{package}={version(package)}".encode())
    return digest.hexdigest()[:16]


def reading_minutes(text: str, words_per_minute: int = 220) -> int:
    return max(1, round(len(WORD.findall(text)) / words_per_minute))
