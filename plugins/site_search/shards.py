"""Which pages are searched, and in which shard of the search index each one is. Pure Python.

Pagefind cannot update an index, and indexing every page again after each edit takes
seconds at a few thousand pages (and over 1.5 GB at 15,000). The pages are therefore split
into shards that are indexed separately and merged in the browser: the campaign pages and
events in one, the stories and the profiles each in up to 16 shards of about 250 pages.
A page stays in its shard (a hash of its path) until its section doubles or halves in size.
"""

from __future__ import annotations

import zlib

from content_model.check import RESERVED_PROFILE_SLUGS

SHARDING_VERSION = 1
SHARD_PAGES = 250
MAX_SHARDS = 16
SECTIONS = ("verhalen", "ambachtengids")
# Pages in another language than Dutch (the English pages below en/) have a shard of their own, indexed
# in that language and listed in pagefind/indexes-<lang>.json instead of indexes.json.
LANGUAGE_SHARDS = ("en",)
# the directory's own path segments, never profiles
DIRECTORY_SEGMENTS = RESERVED_PROFILE_SLUGS
# Pagefind's ready-made interfaces; the site has its own search page.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


def content_named(relative: str) -> bool:
    """Files of a Pagefind bundle whose names carry a hash of their content (or of the Pagefind
    version, for the WebAssembly); the others (entry, scripts) are named the same in every bundle."""
    return relative.startswith(("fragment/", "index/", "filter/")) or relative.endswith(".pf_meta") or \
        relative.startswith("wasm.")


def searched(relative: str) -> bool:
    """Pages that may carry ``data-pagefind-body``: campaign pages and the stories, events and
    profiles. Facet pages and badge kits are never searched (reading them is most of the work)."""
    parts = relative.split("/")
    if parts[-1] != "index.html" or parts[0] == "pagefind":
        return False
    if parts[0] in LANGUAGE_SHARDS:  # the English pages; not their home page (nor the Dutch one), not the directory
        return len(parts) == 3 and parts[1] != "directory"
    if parts[0] == "ambachtengids" and len(parts) == 3 and parts[1] in DIRECTORY_SEGMENTS:
        return False  # the A-Z overview, not a profile
    return len(parts) == 2 or (len(parts) == 3 and parts[0] in ("verhalen", "agenda", "ambachtengids"))


def shard_count(pages: int) -> int:
    """A power of two, so that a page keeps its shard while its section grows within a factor 2."""
    count = 1
    while count < MAX_SHARDS and count * SHARD_PAGES < pages:
        count *= 2
    return count


def plan_shards(pages: list[str]) -> dict[str, list[str]]:
    """Shard name -> its pages, sorted; the first shard is the campaign pages'."""
    sections: dict[str, list[str]] = {section: [] for section in SECTIONS}
    shards: dict[str, list[str]] = {"site": []}
    for relative in sorted(pages):
        parts = relative.split("/")
        if parts[0] in LANGUAGE_SHARDS:
            shards.setdefault(parts[0], []).append(relative)
        elif len(parts) == 3 and parts[0] in sections:
            sections[parts[0]].append(relative)
        else:
            shards["site"].append(relative)
    for section, members in sections.items():
        count = shard_count(len(members))
        for relative in members:
            name = f"{section}-{zlib.crc32(relative.encode()) % count}"
            shards.setdefault(name, []).append(relative)
    return {name: shards[name] for name in ["site", *sorted(n for n in shards if n != "site")] if shards[name]}


def shard_language(name: str) -> str:
    """The language a shard is indexed in: its own name for a language shard, else Dutch."""
    return name if name in LANGUAGE_SHARDS else "nl"
