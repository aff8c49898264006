"""The ambachtengids (craft directory): profiles, facets, map, open data."""

from .generator import CONTRACT, register

__all__ = ["CONTRACT", "register"]
