"""The web editor: Decap CMS at /admin/, configured from the content schemas, served from the site."""

from .generator import CONTRACT, register

__all__ = ["CONTRACT", "register"]
