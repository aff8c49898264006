"""Theme assets: CSS bundles per page type, fingerprinted names, precompressed text files.

``asset('css/<bundle>.css')``, ``asset('js/<name>.js')`` and ``asset('fonts/<name>.woff2')`` give
templates the URL of the fingerprinted file (``plugins/assets/bundle.py``). After everything
else is written (the last finishing phase, ``infra.phases``), every text file gets a ``.gz`` and a ``.br`` copy.
"""

from infra import phases
from pelican import signals

from .generator import CONTRACT, add_globals, collect_assets, compress_output, get_generators

__all__ = ["CONTRACT", "register"]


def register():
    signals.initialized.connect(collect_assets)
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(phases.finish)
    phases.files_compressed.connect(compress_output)
