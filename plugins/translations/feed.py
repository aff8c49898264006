"""The Atom feed of the pages in one language (``feeds/en.atom.xml``): plain data in, XML out. No Pelican import.

The Dutch stories have their own feed (FEED_ALL_ATOM); English visitors subscribe to this one, which lists
the English pages, newest change first (``modified``, else the build's date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from content_model.xmltext import xml_chars
from feedgenerator import Atom1Feed
from stories.feed import plain_html


@dataclass(frozen=True)
class FeedItem:
    title: str
    summary: str
    path: str  # below SITEURL, such as en/about/
    updated: dt.datetime


def language_feed(items: list[FeedItem], siteurl: str, feed_path: str, title: str, description: str, lang: str,
                  fallback: dt.datetime) -> str:
    """The feed as text; ``fallback`` is the date of an item without one of its own (never in the future)."""
    base = siteurl.rstrip("/")
    feed = Atom1Feed(title=xml_chars(title), link=f"{base}/{lang}/", description=xml_chars(description),
                     language=lang, feed_url=f"{base}/{feed_path}", feed_guid=f"{base}/{feed_path}")
    for item in sorted(items, key=lambda i: (-i.updated.timestamp(), i.path)):
        feed.add_item(title=xml_chars(item.title), link=f"{base}/{item.path}", unique_id=f"{base}/{item.path}",
                      description=plain_html(item.summary), updateddate=min(item.updated, fallback),
                      pubdate=min(item.updated, fallback))
    return feed.writeString("utf-8")
