"""Static full-text search: Pagefind indexes the finished site; /zoeken/ is its page."""

from .generator import CONTRACT, register

__all__ = ["CONTRACT", "register"]
