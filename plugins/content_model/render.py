"""Markdown to safe HTML: python-markdown without raw-HTML features, then nh3 as a second line."""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from pathlib import Path

import nh3
from infra.cachekey import code_digest
from infra.cachekey import key as cache_key
from infra.files import load_json_cache, save_json_cache
from infra.sequences import batches
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


# A first build converts the texts a renderer's cache lacks on the build's workers (Renderer.render_many),
# this many per job, when there are at least PARALLEL_FROM of them.
RENDER_BATCH = 100
PARALLEL_FROM = 200


def render_batch(job: tuple[str, list[str]]) -> list[str]:
    """The HTML of each text, by a renderer of its own for the site URL (a worker's job: ``render_many``)."""
    siteurl, texts = job
    renderer = Renderer(siteurl=siteurl)
    return [renderer.render(text) for text in texts]


class Renderer:
    """One Markdown converter reused for many texts (setting it up costs as much as a short text).

    With ``cache`` (a file), results are kept under the one cache rule (``infra.cachekey``): the text,
    the site URL and the extensions, with the digest of this module's code and libraries (computed
    once, by the renderer that keeps a cache), so that unchanged texts are not converted again next build.
    """

    def __init__(self, extra_extensions=(), siteurl: str = "", cache: Path | None = None):
        self.markdown = Markdown(**markdown_config([*extra_extensions, SiteLinkExtension(siteurl)]))
        self.inputs = (siteurl, [type(e).__qualname__ for e in extra_extensions])
        self.code = render_digest() if cache is not None else ""
        self.cache_path = cache
        self.cache: dict[str, str] = load_json_cache(cache)
        self.used: dict[str, str] = {}

    def render(self, text: str) -> str:
        if self.cache_path is None:
            return sanitize(self.markdown.reset().convert(text))
        key = cache_key(*self.inputs, text, code=self.code, length=64)
        html = self.cache.get(key)
        if html is None:
            html = sanitize(self.markdown.reset().convert(text))
        self.used[key] = html
        return html

    def render_many(self, texts: list[str], start=None) -> list[str]:
        """:meth:`render` of each text. With ``start(function, items)`` (``responsive_images.pipeline.start_map``
        on the build's workers), a renderer without extensions of its own that keeps a cache converts the
        texts it lacks on the workers, :data:`RENDER_BATCH` per job, when there are at least
        :data:`PARALLEL_FROM` of them (a first build): the same HTML, as a converter is reset for every text."""
        if start is None or self.cache_path is None or self.inputs[1]:
            return [self.render(text) for text in texts]
        keys = [cache_key(*self.inputs, text, code=self.code, length=64) for text in texts]
        missing = list({key: text for key, text in zip(keys, texts, strict=True) if key not in self.cache}.items())
        made: dict[str, str] = {}
        if len(missing) >= PARALLEL_FROM:
            jobs = [(self.inputs[0], [text for _, text in batch]) for batch in batches(missing, RENDER_BATCH)]
            done, _ = start(render_batch, jobs)()
            made = dict(zip((key for key, _ in missing), (html for batch in done for html in batch), strict=True))
        self.used.update(made)
        return [made[key] if key in made else self.render(text) for key, text in zip(keys, texts, strict=True)]

    def save(self) -> None:
        """Keep the results of this build (and only those) for the next one."""
        if self.cache_path is None or self.used == self.cache:
            return
        save_json_cache(self.cache_path, self.used)


def render_digest() -> str:
    """The digest (``infra.cachekey``) of the code that turns Markdown into HTML: this module, Markdown and nh3."""
    return code_digest(sys.modules[__name__], f"markdown={version('markdown')}", f"nh3={version('nh3')}")


def reading_minutes(text: str, words_per_minute: int = 220) -> int:
    return max(1, round(len(WORD.findall(text)) / words_per_minute))
