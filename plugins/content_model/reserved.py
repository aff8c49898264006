"""The paths the build itself writes, which no content file or alias may take.

Pure data and one rule, shared by the check (slugs and aliases) and by whoever needs the
site's own URL segments. A test builds the example site and asserts that an alias onto any
file the build wrote is refused by :func:`alias_problem`, so this list cannot fall behind.
"""

from __future__ import annotations

from posixpath import normpath

# URL segments the site itself uses at its root; a campaign page may not take them.
RESERVED_PAGE_SLUGS = {
    "admin", "agenda", "ambachtengids", "badges", "feeds", "images", "openbadges",
    "open-data", "pagefind", "theme", "verhalen", "zoeken", "verifieer", "en", "404",
}
# Segments the ambachtengids itself uses below ambachtengids/ (facets per DIRECTORY_FACET_URL's
# kinds, the A-Z pages of a large directory); a profile may not take them.
RESERVED_PROFILE_SLUGS = {"a-z", "aanbod", "ambacht", "regio", "type"}
RESERVED_SLUGS = {"page": RESERVED_PAGE_SLUGS, "profile": RESERVED_PROFILE_SLUGS}
# Segments the build writes below a language folder (/en/directory/, /en/feeds/); no page there may take them.
RESERVED_LANG_SLUGS = {"directory", "feeds", "openbadges", "search"}

# Folders whose every path belongs to the build (generated pages, assets, machine files).
BUILD_FOLDERS = {"admin", "badges", "feeds", "images", "openbadges", "open-data", "pagefind", "theme",
                 "zoeken", "verifieer", "en", "404"}
# Folders that list content: the folder itself, its generated children and the files directly in
# it (an event's .ics) are the build's; other child folders are content (a story's, an event's,
# a profile's old address may stand there).
LISTING_FOLDERS = {
    "verhalen": {"pagina"},
    "agenda": set(),
    "ambachtengids": RESERVED_PROFILE_SLUGS,
}
# Files at the root that the build or the host reads.
ROOT_FILES = {"index.html", "404.html", "robots.txt", "sitemap.xml", "agenda.ics", "favicon.ico",
              "favicon.svg", "apple-touch-icon.png", "humans.txt", "manifest.json", "did.json"}


def alias_target(alias: str) -> str:
    """An alias as the folder-or-file path it would occupy, lower case (hosts may ignore case):
    ``/Over/index.html`` and ``/over`` both become ``over/``."""
    path = normpath("/" + alias.strip()).lstrip("/").lower()
    path = path.removesuffix(".gz").removesuffix(".br")  # a precompressed copy is the same file to a server
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    elif path and "." not in path.rsplit("/", 1)[-1]:
        path += "/"
    return "" if path in (".", "./") else path


def alias_problem(alias: str, content_urls: set[str]) -> str | None:
    """Why ``alias`` may not be an old address, or None: it would replace a page that exists or a
    file the build writes."""
    target = alias_target(alias)
    pages = {alias_target(url) for url in content_urls}
    if target in pages or any(page and target.startswith(page) for page in pages):
        return f"'{alias}' is het adres van een bestaande pagina (of van een bestand daarin)"
    parts = target.rstrip("/").split("/") if target else [""]
    first = parts[0]
    reserved = (
        not target
        or first.startswith((".", "_"))
        or first in BUILD_FOLDERS
        or (len(parts) == 1 and first in ROOT_FILES)
        or (first in LISTING_FOLDERS and (len(parts) == 1 or parts[1] in LISTING_FOLDERS[first]
                                          or (len(parts) == 2 and not target.endswith("/"))))
        or any(part.startswith(".") for part in parts)
    )
    if reserved:
        return f"'{alias}' is een gereserveerd adres van de site zelf; kies een ander oud adres"
    return None
