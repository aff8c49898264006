"""Campaign badges: kits per profile, supporter badges, photo frame and hosted Open Badges 2.0."""

from .generator import register

__all__ = ["register"]
