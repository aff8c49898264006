"""Jinja filters for Dutch dates, times and numbers, and English ones for the pages under /en/."""

from infra.contracts import Contract
from pelican import signals

from .calendar_text import number_in
from .dutch import FILTERS
from .english import FILTERS as ENGLISH_FILTERS

# Filters only: no context key (infra.contracts).
CONTRACT = Contract()


def add_filters(generator):
    generator.env.filters.update(FILTERS)
    generator.env.filters.update(ENGLISH_FILTERS)
    generator.env.filters["number"] = number_in


def register():
    signals.generator_init.connect(add_filters)
