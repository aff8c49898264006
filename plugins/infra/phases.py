"""The steps after every generator wrote its output, in a fixed order whatever the order of ``PLUGINS``.

Pelican's ``finalized`` signal calls its receivers in plugin order. The finishing steps depend on each
other's files, so they are not connected to it directly: each plugin connects its step to one of the
phases below, and to ``finalized`` connects :func:`finish` (once, however many plugins do), which sends
the phases in this order:

1. ``files_published``: files made from the finished pages go in (image variants, the search index);
2. ``files_listed``: files that list the output (``_headers`` names every top-level path);
3. ``files_compressed``: precompressed copies of every text file of the finished site.
"""

from __future__ import annotations

from blinker import signal

files_published = signal("infra.files_published")
files_listed = signal("infra.files_listed")
files_compressed = signal("infra.files_compressed")

PHASES = (files_published, files_listed, files_compressed)


def finish(pelican) -> None:
    """Pelican's ``finalized``: every phase in its order."""
    for phase in PHASES:
        phase.send(pelican)
