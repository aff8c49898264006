"""Jinja filters for Dutch dates, times and numbers, English ones for the pages under /en/, and the
templates' Dutch typography (an extension that typesets their text where they make it) and the
templates' indentation left out of the pages (another one, nl_format.compact)."""

from infra.contracts import Contract
from pelican import signals

from .calendar_text import number_in
from .compact import CompactExtension
from .dutch import FILTERS
from .english import FILTERS as ENGLISH_FILTERS
from .templates import TypographyExtension

# Filters only: no context key (infra.contracts).
CONTRACT = Contract()


def add_filters(generator):
    generator.env.filters.update(FILTERS)
    generator.env.filters.update(ENGLISH_FILTERS)
    generator.env.filters["number"] = number_in
    # Dutch typography in the templates' text and values (nl_format.templates), compiled in
    generator.env.add_extension(TypographyExtension)
    # the templates' indentation left out of the pages (nl_format.compact), compiled in
    generator.env.add_extension(CompactExtension)


def register():
    signals.generator_init.connect(add_filters)
