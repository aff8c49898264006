"""The stories' Atom feed made safe: titles and summaries are plain text, the content sanitised.

Pelican's writer puts a story's ``summary`` into the feed as ``<summary type="html">`` and cuts
tags from its title with Markup.striptags (which also turns ``&amp;`` back into ``&``). In our
content model both are plain text; here they become exactly that. No Pelican import.
"""

from __future__ import annotations

from html import escape

from content_model.render import sanitize
from content_model.xmltext import xml_chars


def plain_html(text: str) -> str:
    """Plain text as the body of an HTML text: what it says is shown, nothing is markup."""
    return escape(xml_chars(text), quote=False)


def clean_feed_items(items: list[dict], documents: dict[str, object]) -> None:
    """Rewrite feed ``items`` (feedgenerator's dicts) in place.

    ``documents`` maps each item's link (without query) to its story, whose own title and
    summary replace what Pelican derived from them. Items of unknown documents keep their
    title as Pelican made it (never markup in Atom: a ``<title>`` without a type is text)."""
    for item in items:
        document = documents.get(str(item.get("link") or "").split("?", 1)[0])
        if document is not None:
            item["title"] = xml_chars(str(document.title))
            summary = getattr(document, "metadata", {}).get("summary")
            if item.get("description") is not None and summary is not None:
                item["description"] = plain_html(str(summary))
        else:
            item["title"] = xml_chars(str(item.get("title") or ""))
            if item.get("description") is not None:
                item["description"] = plain_html(str(item["description"]))
        if item.get("content") is not None:
            item["content"] = sanitize(xml_chars(str(item["content"])))
