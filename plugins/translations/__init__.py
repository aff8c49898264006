"""The site in more than one language: interface strings (``t``), hreflang alternates, the language switch.

English pages are Pelican's own translations (``lang: en`` and ``translation: <dutch-slug>``, see
CONTENT_MODEL.md); this plugin gives templates what they need to link the versions together.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from badges.openbadges import badge_class_path
from incremental.files import write_output
from infra.contracts import Contract
from infra.scope import build_of
from nl_format.clock import now as build_now
from pelican import signals

from .feed import FeedItem, language_feed
from .strings import DEFAULT_LANG, LANGUAGE_NAMES, OG_LOCALES, alternates, translate

# Filters and the English feed (from the pages generator itself): no context key (infra.contracts).
CONTRACT = Contract(may_read={"build"})


def document_alternates(document, counterparts: dict[str, str]) -> list[dict]:
    """hreflang alternates of a page and its published Pelican translations; a page in another language
    without a Dutch page may stand for a page the build writes (``EN_COUNTERPARTS``: slug -> path)."""
    versions = [document, *[t for t in getattr(document, "translations", []) or []
                            if getattr(t, "status", "published") == "published"]]
    pairs = [(v.lang, v.url) for v in versions]
    counterpart = counterparts.get(document.slug) if document.lang != DEFAULT_LANG else None
    if counterpart is not None and len(versions) == 1:
        pairs.append((DEFAULT_LANG, counterpart))
    return alternates(pairs)


def pair_alternates(*pairs: tuple[str, str]) -> list[dict]:
    return alternates(list(pairs))


def add_filters(generator):
    counterparts = {slug: path for slug, path in generator.settings.get("EN_COUNTERPARTS", {}).items()}
    generator.env.filters["t"] = translate
    generator.env.globals["document_alternates"] = partial(document_alternates, counterparts=counterparts)
    generator.env.globals["pair_alternates"] = pair_alternates
    generator.env.globals["language_names"] = LANGUAGE_NAMES
    generator.env.globals["og_locales"] = OG_LOCALES
    generator.env.globals["badge_class_path"] = badge_class_path


def write_language_feeds(generator, writer=None):
    """feeds/en.atom.xml: the published English pages (FEED_EN_ATOM), after the pages are read."""
    settings = generator.settings
    path = settings.get("FEED_EN_ATOM")
    if not path:
        return
    pages = [*generator.pages, *generator.translations]
    moment = build_now()
    items = []
    for page in pages:
        if page.lang != "en" or page.status != "published" or getattr(page, "is_draft", False):
            continue
        modified = getattr(page, "modified", None)
        if isinstance(modified, dt.datetime):
            updated = modified
        elif isinstance(modified, dt.date):
            updated = dt.datetime.combine(modified, dt.time(12), tzinfo=moment.tzinfo)
        else:
            updated = moment
        items.append(FeedItem(str(page.title), str(page.metadata.get("summary", "")), page.url, updated))
    if not items:  # no English page: no feed (an empty one would carry the clock's time, not the content's)
        return
    text = language_feed(items, settings["FEED_DOMAIN"], path, f"{settings['SITENAME']} (English)",
                         "The English pages of the Dutch national crafts campaign.", "en", moment)
    write_output(build_of(generator.context).overlay, generator.output_path, path, text)


def register():
    signals.generator_init.connect(add_filters)
    signals.page_writer_finalized.connect(write_language_feeds)
