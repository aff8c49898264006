"""The agenda: reads content/events/*.md and writes /agenda/, event pages and .ics files."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from functools import partial

from incremental.files import made_output
from infra.contracts import Contract
from infra.scope import build_of
from nl_format.clock import now as build_now
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from .calendar import CalendarEntry, build, is_upcoming

logger = logging.getLogger(__name__)


class Event(Page):
    """An agenda item. URLs come from EVENT_URL and EVENT_SAVE_AS."""

    default_template = "event"

    @property
    def ics_url(self) -> str:
        return self.url.rstrip("/") + ".ics"

    @property
    def ics_save_as(self) -> str:
        return self.ics_url


# What the agenda adds to the context (infra.contracts).
CONTRACT = Contract(adds={"events", "upcoming_events", "past_events"}, appends={"sitemap_entries"}, may_read={"build"})


class EventsGenerator(Generator):
    """Builds the agenda's data in generate_context and writes it in generate_output."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.events: list[Event] = []
        self.drafts: list[Event] = []
        self.upcoming: list[Event] = []
        self.past: list[Event] = []

    def generate_context(self):
        show_drafts = self.settings.get("SHOW_DRAFTS", False)
        for path in self.get_files(self.settings.get("EVENT_PATHS", ["events"]), extensions=("md",)):
            try:
                event = self.readers.read_file(base_path=self.path, path=path, content_class=Event,
                                               context=self.context)
            except Exception as error:  # reported, and the build wrapper fails on logged errors
                logger.error("%s", error)
                continue
            if event.status == "draft":
                if show_drafts:
                    event.is_past = event.registration_closed = False
                    self.drafts.append(event)
                continue
            self.add_source_path(event)
            self.events.append(event)
        moment = build_now()
        self.events.sort(key=lambda e: (_sort_key(e.start), e.slug))
        self.upcoming = [e for e in self.events if is_upcoming(e.start, getattr(e, "end", None), moment)]
        self.past = [e for e in reversed(self.events) if e not in self.upcoming]
        for event in self.events:
            event.is_past = event not in self.upcoming
            deadline = getattr(event, "registration_deadline", None)
            event.registration_closed = bool(deadline and deadline < moment.date())
        self.context["events"] = self.events
        self.context["upcoming_events"] = self.upcoming
        self.context["past_events"] = self.past
        self.context.setdefault("sitemap_entries", []).append(
            {"url": self.settings.get("AGENDA_URL", "agenda/"), "lastmod": None}
        )

    def entry(self, event: Event) -> CalendarEntry:
        siteurl = self.settings["SITEURL"]
        domain = siteurl.split("://", 1)[-1].split("/", 1)[0] or "dekrachtvanambacht.nl"
        return CalendarEntry(
            uid=f"{event.slug}@{domain}",
            title=event.title,
            start=event.start,
            end=getattr(event, "end", None),
            location=event.location,
            summary=event.summary,
            url=f"{siteurl}/{event.url}",
            organizer=getattr(event, "organizer", None),
        )

    def generate_output(self, writer):
        agenda_save_as = self.settings.get("AGENDA_SAVE_AS", "agenda/index.html")
        writer.write_file(agenda_save_as, self.get_template("agenda"), self.context,
                          upcoming=self.upcoming, past=self.past,
                          url=self.settings.get("AGENDA_URL", "agenda/"))
        for event in [*self.events, *self.drafts]:
            writer.write_file(event.save_as, self.get_template(event.template), self.context,
                              event=event, url=event.url)
        stamp = build_now().replace(hour=0, minute=0, second=0, microsecond=0)
        name = f"Agenda {self.settings['SITENAME']}"
        self._calendar("agenda.ics", [self.entry(e) for e in self.events], name, stamp)
        for event in self.events:
            self._calendar(event.ics_save_as, [self.entry(event)], event.title, stamp)

    def _calendar(self, relative: str, entries: list[CalendarEntry], name: str, stamp: dt.datetime) -> None:
        """An .ics file, made again only when one of its entries (plain data) changed."""
        key = "ics:" + hashlib.sha256(repr((entries, name, stamp)).encode()).hexdigest()
        made_output(build_of(self.context).overlay, self.output_path, relative, key, partial(build, entries, name, stamp))


def _sort_key(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(value, dt.time())


def get_generators(pelican):
    return EventsGenerator


def register():
    signals.get_generators.connect(get_generators)
