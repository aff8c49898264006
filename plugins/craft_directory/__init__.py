"""The ambachtengids (craft directory): profiles, facets, map, open data."""

from .generator import register

__all__ = ["register"]
