"""Search engines and sharing: sitemap, robots.txt, security.txt and JSON-LD helpers."""

from .generator import CONTRACT, register

__all__ = ["CONTRACT", "register"]
