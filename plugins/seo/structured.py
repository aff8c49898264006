"""JSON-LD and machine files helpers; no Pelican here."""

from __future__ import annotations

import datetime as dt
import json

from markupsafe import Markup, escape


def jsonld(data: dict) -> Markup:
    """A JSON-LD script block, safe to embed (no ``</script>`` break-out)."""
    return data_script(data, "application/ld+json")


def data_script(data, mime: str = "application/json", element_id: str = "", root: str = "") -> Markup:
    """A data block (a script element the browser never runs), safe to embed: no ``</script>`` break-out.

    ``root`` (the site's address) becomes ``data-root``: an attribute, so a portable development build
    makes it relative like every other link, and a script can find the site wherever it is served."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"), default=_default)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    attribute = f' id="{escape(element_id)}"' if element_id else ""
    attribute += f' data-root="{escape(root)}"' if root else ""
    return Markup(f'<script type="{mime}"{attribute}>{text}</script>')


def _default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def security_expires(now: dt.datetime, days: int) -> str:
    """RFC 9116 Expires: ``days`` ahead (must stay under a year), in UTC."""
    if not 0 < days < 365:
        raise ValueError("security.txt Expires must be less than a year ahead")
    moment = (now + dt.timedelta(days=days)).astimezone(dt.UTC)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def breadcrumb_list(crumbs: list[tuple[str, str]], siteurl: str) -> dict:
    """BreadcrumbList from Home plus (name, path relative to the site) pairs."""
    crumbs = [("Home", f"{siteurl}/")] + [(name, f"{siteurl}/{path}") for name, path in crumbs]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": url}
            for i, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def item_list(name: str, items, siteurl: str) -> dict:
    """ItemList of the pages on a listing (anything with ``url`` and ``title``)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {"@type": "ListItem", "position": i, "url": f"{siteurl}/{item.url}", "name": item.title}
            for i, item in enumerate(items, start=1)
        ],
    }
