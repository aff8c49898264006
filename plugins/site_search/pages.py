"""Which pages are searched, and what a search may filter them on. Pure Python.

The whole site is one Pagefind index: an index split in parts falls back, in each part that
lacks a word, to a shorter prefix of it on its own ("Hoekstra" found pages with "hoe").
"""

from __future__ import annotations

from content_model.check import RESERVED_PROFILE_SLUGS

# the directory's own path segments, never profiles
DIRECTORY_SEGMENTS = RESERVED_PROFILE_SLUGS
# Pagefind's ready-made interfaces; the site has its own search page.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# The kinds a search can be narrowed to (filter "soort"), by the template that renders the page.
KINDS = {"article": "Verhaal", "profile": "Profiel", "event": "Agenda", "page": "Pagina"}


def content_named(relative: str) -> bool:
    """Files of a Pagefind bundle whose names carry a hash of their content (or of the Pagefind
    version, for the WebAssembly); the others (entry, scripts) are named the same in every bundle."""
    return relative.startswith(("fragment/", "index/", "filter/")) or relative.endswith(".pf_meta") or \
        relative.startswith("wasm.")


ENGLISH = "en"
ENGLISH_NOT_SEARCHED = ("directory", "search", "feeds", "openbadges")


def searched(relative: str) -> bool:
    """Pages that may carry ``data-pagefind-body``: campaign pages and the stories, events and
    profiles. Facet pages and badge kits are never searched (reading them is most of the work)."""
    parts = relative.split("/")
    if parts[-1] != "index.html" or parts[0] == "pagefind":
        return False
    if parts[0] == ENGLISH:  # the English pages (indexed as English); not the home page, directory or search
        return len(parts) == 3 and parts[1] not in ENGLISH_NOT_SEARCHED
    if parts[0] == "ambachtengids" and len(parts) == 3 and parts[1] in DIRECTORY_SEGMENTS:
        return False  # the A-Z overview, not a profile
    return len(parts) == 2 or (len(parts) == 3 and parts[0] in ("verhalen", "agenda", "ambachtengids"))


def search_filters(kind: str, crafts=(), region: str | None = None, taxonomy=None) -> list[tuple[str, str]]:
    """The search filters of a page as (filter, value) pairs, one ``data-pagefind-filter`` each
    (Pagefind reads one pair per attribute): its kind, its crafts and its province by their
    names (what the search page shows), e.g. ``[("soort", "Verhaal"), ("ambacht", "Smeden")]``."""
    pairs = [("soort", KINDS[kind])]
    crafts_known = taxonomy.crafts if taxonomy is not None else {}
    regions_known = taxonomy.regions if taxonomy is not None else {}
    pairs += [("ambacht", crafts_known[craft]["name"]) for craft in crafts or () if craft in crafts_known]
    if region in regions_known:
        pairs.append(("regio", regions_known[region]))
    return pairs
