"""Share links as plain URLs: no widgets, no scripts, nothing loaded from other hosts."""

from __future__ import annotations

from urllib.parse import quote, urlencode

TARGETS = {
    "linkedin": ("LinkedIn", lambda url, title: "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
    "mastodon": ("Mastodon", lambda url, title: "https://mastodonshare.com/?" + urlencode({"text": title, "url": url})),
    "bluesky": ("Bluesky", lambda url, title: "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"})),
    "whatsapp": ("WhatsApp", lambda url, title: "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
    "email": ("e-mail", lambda url, title: f"mailto:?subject={quote(title)}&body={quote(url)}"),
}


def share_links(url: str, title: str, targets=tuple(TARGETS)) -> list[dict]:
    """[{"label": "LinkedIn", "href": "https://..."}...] for the given page."""
    return [{"id": t, "label": TARGETS[t][0], "href": TARGETS[t][1](url, title)} for t in targets if t in TARGETS]
