"""The agenda: event pages, an archive of past events and iCalendar feeds."""

from .generator import register

__all__ = ["register"]
