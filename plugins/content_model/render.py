"""Markdown to safe HTML: python-markdown without raw-HTML features, then nh3 as a second line."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
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


# The base configuration (markdown_config without extra extensions) as text: what a Parsed was made under.
BASE_CONFIG = json.dumps(markdown_config(), sort_keys=True)


@dataclass(frozen=True)
class Parsed:
    """What python-markdown made of ``text`` under the base configuration (``config``, :data:`BASE_CONFIG`)
    in another place of the build, the content check (``body.MarkdownParser``): the HTML before sanitising,
    the tags of the finished tree (sorted, so that a pickled result is the same bytes in every process: the
    check cache) and the ``href`` of each of its links.

    A :class:`Renderer` uses ``html`` instead of converting ``text`` again when its own extensions would
    change nothing in this document (:meth:`Renderer.reusable`), so each text is parsed once per build.
    Kept in the check's results (and their cache, whose key covers this package and Markdown's version)."""

    text: str
    config: str
    html: str
    tags: tuple[str, ...]
    links: tuple[str, ...]


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


def is_site_link(href: str) -> bool:
    """Whether a link target is a path on this site (``/agenda/``), which :class:`SiteLinkExtension` prefixes."""
    return href.startswith("/") and not href.startswith("//")


class _SiteLinks(Treeprocessor):
    def __init__(self, md, siteurl: str):
        super().__init__(md)
        self.siteurl = siteurl.rstrip("/")

    def run(self, root):
        for element in root.iter("a"):
            href = element.get("href", "")
            if is_site_link(href):
                element.set("href", self.siteurl + href)


class SiteLinkExtension(Extension):
    """Links like ``/agenda/`` point into the site even when SITEURL has a path."""

    def __init__(self, siteurl: str, **kwargs):
        self.siteurl = siteurl
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - python-markdown API
        md.treeprocessors.register(_SiteLinks(md, self.siteurl), "site_links", 0)

    def inert_on(self, parsed: Parsed) -> bool:
        """Whether this extension changes nothing in the ``parsed`` document (the :class:`Renderer` protocol):
        it only prefixes the links of :func:`is_site_link`, with a site URL that is not empty. ``parsed.links``
        are the links of the finished tree, which this processor (priority 0, after "unescape") sees as well."""
        return not self.siteurl.rstrip("/") or not any(is_site_link(href) for href in parsed.links)


def render(text: str, extra_extensions=(), siteurl: str = "", parsed: Parsed | None = None) -> str:
    """Render editor Markdown to sanitised HTML (with ``parsed``, the check's parse of it, where that is the same)."""
    return Renderer(extra_extensions, siteurl).render(text, parsed)


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

    A text that the content check parsed already (``parsed``: a :class:`Parsed` of exactly this text, under
    :data:`BASE_CONFIG`) is not converted again when every extension of this renderer declares that it
    changes nothing in that document (``inert_on(parsed)``); an extension without that method always
    converts. The HTML is the same either way, as the converter is reset for every text.
    """

    def __init__(self, extra_extensions=(), siteurl: str = "", cache: Path | None = None):
        self.extensions = [*extra_extensions, SiteLinkExtension(siteurl)]
        self.inputs = (siteurl, [type(e).__qualname__ for e in extra_extensions])
        self.code = render_digest() if cache is not None else ""
        self.cache_path = cache
        self.cache: dict[str, str] = load_json_cache(cache)
        self.used: dict[str, str] = {}

    @cached_property
    def markdown(self) -> Markdown:
        """The converter, made when a text needs converting (setting it up costs as much as a short text)."""
        return Markdown(**markdown_config(self.extensions))

    def reusable(self, text: str, parsed: Parsed | None) -> bool:
        """Whether ``parsed.html`` is what this renderer's converter makes of ``text``: the same text, the
        base configuration, and extensions that each change nothing in that document."""
        return (parsed is not None and parsed.text == text and parsed.config == BASE_CONFIG
                and all(getattr(extension, "inert_on", None) is not None and extension.inert_on(parsed)
                        for extension in self.extensions))

    def _convert(self, text: str, parsed: Parsed | None) -> str:
        html = parsed.html if self.reusable(text, parsed) else self.markdown.reset().convert(text)
        return sanitize(html)

    def render(self, text: str, parsed: Parsed | None = None) -> str:
        if self.cache_path is None:
            return self._convert(text, parsed)
        key = cache_key(*self.inputs, text, code=self.code, length=64)
        html = self.cache.get(key)
        if html is None:
            html = self._convert(text, parsed)
        self.used[key] = html
        return html

    def render_many(self, texts: list[str], start=None, parsed: Mapping[str, Parsed] | None = None) -> list[str]:
        """:meth:`render` of each text, with ``parsed[text]`` where there is one. With ``start(function, items)``
        (``responsive_images.pipeline.start_map`` on the build's workers), a renderer without extensions of its
        own that keeps a cache converts the texts it lacks (and cannot take from ``parsed``) on the workers,
        :data:`RENDER_BATCH` per job, when there are at least :data:`PARALLEL_FROM` of them (a first build):
        the same HTML, as a converter is reset for every text."""
        parsed = parsed or {}
        if start is None or self.cache_path is None or self.inputs[1]:
            return [self.render(text, parsed.get(text)) for text in texts]
        keys = [cache_key(*self.inputs, text, code=self.code, length=64) for text in texts]
        missing = list({key: text for key, text in zip(keys, texts, strict=True)
                        if key not in self.cache and not self.reusable(text, parsed.get(text))}.items())
        made: dict[str, str] = {}
        if len(missing) >= PARALLEL_FROM:
            jobs = [(self.inputs[0], [text for _, text in batch]) for batch in batches(missing, RENDER_BATCH)]
            done, _ = start(render_batch, jobs)()
            made = dict(zip((key for key, _ in missing), (html for batch in done for html in batch), strict=True))
        self.used.update(made)
        return [made[key] if key in made else self.render(text, parsed.get(text))
                for key, text in zip(keys, texts, strict=True)]

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
