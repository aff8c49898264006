"""The web editor: Decap CMS at /admin/, configured from the content schemas, served from the site."""

from .generator import register

__all__ = ["register"]
