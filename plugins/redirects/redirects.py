"""Redirects from old URLs (``aliases``): pure helpers."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Redirect:
    source: str  # the old path, as written by the editor: /oude/plek/
    target: str  # the new page's path relative to the site: verhalen/slug/

    @property
    def save_as(self) -> str:
        """Where the redirect page is written below the output folder."""
        path = self.source.lstrip("/")
        return path + "index.html" if path.endswith("/") or not path else path


def collect(items) -> list[Redirect]:
    """Redirects for every published item (anything with ``aliases`` and ``url``), sorted."""
    found = {}
    for item in items:
        for alias in getattr(item, "aliases", None) or []:
            found.setdefault(alias, Redirect(alias, item.url))
    return sorted(found.values(), key=lambda r: r.source)


def redirects_file(redirects: list[Redirect], siteurl: str) -> str:
    """Netlify / Cloudflare Pages ``_redirects`` lines, honouring a SITEURL with a path."""
    prefix = urlsplit(siteurl).path.rstrip("/")
    lines = [f"{prefix}{r.source} {prefix}/{r.target} 301" for r in redirects]
    return "\n".join(lines) + ("\n" if lines else "")
