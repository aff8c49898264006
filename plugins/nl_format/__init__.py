"""Jinja filters for Dutch dates, times and numbers."""

from pelican import signals

from .dutch import FILTERS


def add_filters(generator):
    generator.env.filters.update(FILTERS)


def register():
    signals.generator_init.connect(add_filters)
