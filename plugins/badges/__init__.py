"""Campaign badges: kits per profile, supporter badges, photo frame and hosted Open Badges 2.0."""

from .generator import CONTRACT, register

__all__ = ["CONTRACT", "register"]
