"""Static full-text search: Pagefind indexes the finished site; /zoeken/ is its page."""

from .generator import register

__all__ = ["register"]
