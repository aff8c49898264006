"""JSON-LD and machine files helpers; no Pelican here."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from markupsafe import Markup, escape
from nl_format.dutch import iso


def jsonld(data: dict) -> Markup:
    """A JSON-LD script block, safe to embed (no ``</script>`` break-out)."""
    return data_script(data, "application/ld+json")


def data_script(data, mime: str = "application/json", element_id: str = "", root: str = "") -> Markup:
    """A data block (a script element the browser never runs), safe to embed: no ``</script>`` break-out.

    ``root`` (the site's address) becomes ``data-root``: an attribute, so a portable development build
    makes it relative like every other link, and a script can find the site wherever it is served."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"), default=_default)
    text = script_safe(text)
    attribute = f' id="{escape(element_id)}"' if element_id else ""
    attribute += f' data-root="{escape(root)}"' if root else ""
    return Markup(f'<script type="{mime}"{attribute}>{text}</script>')


# Characters that could end the script element, start a comment in it, or (U+2028/U+2029 for older
# JavaScript parsers) end a line inside a string; JSON reads the escapes as the same characters.
SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe(text: str) -> str:
    """JSON text made safe inside a ``<script>`` element (the one place this is done)."""
    for character, escaped in SCRIPT_ESCAPES.items():
        text = text.replace(character, escaped)
    return text


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
    """ItemList of the pages on a listing (anything with ``url``): a summary list, each item its position
    and URL (what search engines read of it; the name is on the page it points to, and a directory page
    lists up to 2,000 of them, issue 14)."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": name,
        "itemListElement": [
            {"@type": "ListItem", "position": i, "url": f"{siteurl}/{item.url}"}
            for i, item in enumerate(items, start=1)
        ],
    }


@dataclass(frozen=True)
class Site:
    """What every JSON-LD block says about the site itself, from the settings."""

    url: str
    name: str
    email: str = ""
    description: str = ""
    organization: str = ""
    share_image: str = ""

    @classmethod
    def from_settings(cls, settings) -> Site:
        return cls(url=settings["SITEURL"], name=settings["SITENAME"], email=settings.get("SITE_EMAIL", ""),
                   description=settings.get("SITE_DESCRIPTION", ""),
                   organization=settings.get("SITE_ORGANIZATION", ""),
                   share_image=settings.get("SHARE_IMAGE_DEFAULT", ""))

    def link(self, path: str) -> str:
        return f"{self.url}/{path}"

    @property
    def logo(self) -> str:
        return self.link(LOGO)

    @property
    def default_image(self) -> str:
        return self.link(self.share_image)


# The logo search engines show with the site (the touch icon: square, on a plain background).
LOGO = "theme/images/apple-touch-icon.png"
REDACTION = "Redactie"


def site_jsonld(site: Site, lang: str = "nl") -> list[dict]:
    """The home page's Organization and WebSite."""
    return [
        {"@context": "https://schema.org", "@type": "Organization", "name": site.name, "url": site.link(""),
         "logo": site.logo, "email": site.email, "description": site.description,
         "parentOrganization": {"@type": "Organization", "name": site.organization}},
        {"@context": "https://schema.org", "@type": "WebSite", "name": site.name, "url": site.link(""),
         "inLanguage": lang},
    ]


def _author(story) -> dict:
    """A story by the editors (or by no one named) is the Organization's; otherwise a Person's."""
    author = getattr(story, "author", None)
    name = getattr(author, "name", None) if author else None
    if not name or name == REDACTION:
        return {"@type": "Organization", "name": name or REDACTION}
    return {"@type": "Person", "name": name}


def article_jsonld(site: Site, story, image_url: str | None = None, lang: str = "nl") -> dict:
    """A story's Article: ``story`` has title, summary, date, url, reading_minutes and optionally
    modified, author (with ``name``) and crafts (ids); ``image_url`` is its share image (or the site's)."""
    date = story.date
    modified = getattr(story, "modified", None) or date
    return {
        "@context": "https://schema.org", "@type": "Article", "headline": story.title,
        "description": story.summary, "datePublished": iso(date), "dateModified": iso(modified),
        "inLanguage": lang, "mainEntityOfPage": site.link(story.url), "url": site.link(story.url),
        "author": _author(story),
        "publisher": {"@type": "Organization", "name": site.name, "logo": {"@type": "ImageObject", "url": site.logo}},
        "image": image_url or site.default_image,
        "keywords": ", ".join(getattr(story, "crafts", None) or []),
        "timeRequired": f"PT{story.reading_minutes}M",
    }


def is_online(event) -> bool:
    """An event whose location is "online" (any case) takes place on the web."""
    return str(getattr(event, "location", "") or "").lower() == "online"


NATIONWIDE = "landelijk"


def event_jsonld(site: Site, event, region_names: dict, image_url: str | None = None, lang: str = "nl") -> dict:
    """An event's Event: ``event`` has title, summary, start, url, location and optionally end, region,
    organizer and registration_url; ``region_names`` maps region ids to names."""
    online = is_online(event)
    if online:
        location = {"@type": "VirtualLocation", "url": getattr(event, "registration_url", None) or site.link(event.url)}
    else:
        address = {"@type": "PostalAddress", "addressLocality": event.location, "addressCountry": "NL"}
        region = getattr(event, "region", None)
        if region and region in region_names and region != NATIONWIDE:
            address["addressRegion"] = region_names[region]
        location = {"@type": "Place", "name": event.location, "address": address}
    mode = "OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"
    return {
        "@context": "https://schema.org", "@type": "Event", "name": event.title, "description": event.summary,
        "startDate": iso(event.start), "endDate": iso(getattr(event, "end", None) or event.start),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": location, "url": site.link(event.url), "image": image_url or site.default_image,
        "inLanguage": lang,
        "organizer": {"@type": "Organization", "name": getattr(event, "organizer", None) or site.organization},
    }


def dataset_jsonld(site: Site, name: str, description: str, path: str, downloads: list[tuple[str, str]],
                   lang: str = "nl") -> dict:
    """The open data page's Dataset: ``path`` is the page's, ``downloads`` (media type, file name) below it."""
    return {
        "@context": "https://schema.org", "@type": "Dataset", "name": name, "description": description,
        "license": "https://creativecommons.org/licenses/by/4.0/", "url": site.link(path), "inLanguage": lang,
        "creator": {"@type": "Organization", "name": site.organization},
        "distribution": [{"@type": "DataDownload", "encodingFormat": mime, "contentUrl": site.link(path + file)}
                         for mime, file in downloads],
    }
