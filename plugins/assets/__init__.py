"""Theme assets: CSS bundles per page type, fingerprinted names, precompressed text files.

``asset('css/<bundle>.css')``, ``asset('js/<name>.js')`` and ``asset('fonts/<name>.woff2')`` give
templates the URL of the fingerprinted file (``plugins/assets/bundle.py``). After everything
else is written (so list this plugin last), every text file gets a ``.gz`` and a ``.br`` copy.
"""

from pelican import signals

from .generator import add_globals, collect_assets, compress_output, get_generators


def register():
    signals.initialized.connect(collect_assets)
    signals.generator_init.connect(add_globals)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(compress_output)
