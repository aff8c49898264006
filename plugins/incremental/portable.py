"""Portable development builds: a page's links to its own site made relative. Pure Python.

A development build without a SITEURL (``make html``) must work from any port and under any
path. Templates and plugins write every URL from SITEURL; in a portable build the templates
pass every URL attribute value (href, src, srcset, action, poster, data-*) and every HTML
fragment they output as text through these functions (``incremental.templates`` compiles that
in), which turn the site's own URLs into paths relative to the page. What must stay absolute
stays so: the canonical and alternate links, ``<meta content>`` (Open Graph; a redirect's
refresh target does move along), JSON-LD and text (embed codes in a textarea are escaped text,
not attributes). Feeds, JSON and the other files are not pages and keep their absolute URLs.

A published build (``make publish``, ``LINKS_FROM_ROOT``) makes the same URLs start at the
server's root instead (``/verhalen/deeg/``, or ``/campagne/verhalen/deeg/`` for a SITEURL with a
path): about 1.4 KB less per page than the absolute URLs, 36 MB at 25,000 pages (issue 14).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

NOT_FOUND = "404.html"

# An opening tag; attribute values are quoted and contain no ">" (the templates escape it).
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ATTRIBUTE = re.compile(r"""(\s(?:href|src|srcset|action|poster|data-[\w-]+)=)(["'])(.*?)\2""", re.S)
# Links that name the site's address itself, for other sites and feed readers.
KEEP = re.compile(r"""^<link\b[^>]*\brel=["']?(?:canonical|alternate)\b""", re.I)
# A redirect stub's <meta http-equiv="refresh" content="0; url=...">: its target moves along.
REFRESH = re.compile(r"""(^<meta\b[^>]*\bhttp-equiv=["']refresh["'][^>]*\bcontent=["']\d+;\s*url=)([^"']*)""", re.I)
# The same target in the value of such a meta element's content attribute
REFRESH_VALUE = re.compile(r"""^(\d+;\s*url=)([^"']*)""", re.I)


def link_style(settings) -> str | None:
    """How a build's pages link to their own site, from its settings (or a template's context):
    ``"page"``, relative to each page (``PORTABLE_URLS``: ``make html`` without a SITEURL); ``"root"``,
    from the server's root (``LINKS_FROM_ROOT``: ``make publish``); None, by absolute URLs as written."""
    if settings.get("PORTABLE_URLS"):
        return "page"
    return "root" if settings.get("LINKS_FROM_ROOT") else None


def prefix_for(output_file: str, siteurl: str = "", from_root: bool = False) -> str:
    """``verhalen/deeg/index.html`` -> ``../..``; a file at the root -> ``.``.

    ``from_root`` (a published build, ``LINKS_FROM_ROOT``): every page's links start at the server's
    root, the path of SITEURL (``""`` or ``/campagne``). The not-found page is shown at any missing
    address, at any depth: its links always start there, so it works on any port, though not under
    another path."""
    if from_root or output_file == NOT_FOUND:
        return urlsplit(siteurl).path.rstrip("/")
    depth = output_file.strip("/").count("/")
    return "/".join([".."] * depth) or "."


def _relative(url: str, siteurl: str, prefix: str) -> str:
    if url == siteurl:
        return prefix + "/"
    if url.startswith(siteurl) and url[len(siteurl):len(siteurl) + 1] in ("/", "?", "#"):
        rest = url[len(siteurl):]
        return prefix + (rest if rest.startswith("/") else "/" + rest)
    return url


def _srcset(value: str, siteurl: str, prefix: str) -> str:
    return ", ".join(" ".join([_relative(part.split()[0], siteurl, prefix), *part.split()[1:]])
                     for part in value.split(",") if part.strip())


def relativize(html: str, siteurl: str, output_file: str, from_root: bool = False) -> str:
    """``html`` with the site's own attribute URLs relative to ``output_file`` (its path in the output),
    or with ``from_root`` starting at the server's root (see :func:`prefix_for`)."""
    siteurl = siteurl.rstrip("/")
    if not siteurl or siteurl not in html:
        return html
    prefix = prefix_for(output_file, siteurl, from_root)

    def attribute(match: re.Match) -> str:
        lead, quote, value = match.groups()
        new = _srcset(value, siteurl, prefix) if lead.strip().startswith("srcset") else _relative(value, siteurl, prefix)
        return f"{lead}{quote}{new}{quote}"

    def tag(match: re.Match) -> str:
        text = match.group(0)
        if siteurl not in text or KEEP.match(text):
            return text
        if REFRESH.match(text):
            return REFRESH.sub(lambda m: m.group(1) + _relative(m.group(2), siteurl, prefix), text)
        return ATTRIBUTE.sub(attribute, text)

    return TAG.sub(tag, html)
