"""Search engines and sharing: sitemap, robots.txt, security.txt and JSON-LD helpers."""

from .generator import register

__all__ = ["register"]
