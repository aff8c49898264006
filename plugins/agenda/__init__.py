"""The agenda: event pages, an archive of past events and iCalendar feeds."""

from .generator import CONTRACT, register

__all__ = ["CONTRACT", "register"]
