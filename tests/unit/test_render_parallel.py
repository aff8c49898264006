"""Profile bios converted on the build's workers are the bios converted in one process."""

import json
from functools import partial

from content_model import render
from content_model.render import Renderer
from responsive_images.pipeline import Workers, start_map

TEXTS = [
    "Twintig jaar **smid**; zie [de site](/ambachtengids/) en https://example.nl.",
    "# Kop\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\nEen voetnoot[^1].\n\n[^1]: Hier.",
    "<script>alert(1)</script> *nadruk* en \"aanhalingstekens\" -- met smarty",
    "Lijst:\n\n1. een\n2. twee\n\nTerm\n:   uitleg",
    "Een voetnoot[^1] die dezelfde naam heeft.\n\n[^1]: Andere tekst.",
    "Twintig jaar **smid**; zie [de site](/ambachtengids/) en https://example.nl.",  # twice: converted once
    "`code` en ```\nblok\n```",
]


def test_bios_converted_on_workers_are_the_same_as_in_one_process(tmp_path, monkeypatch):
    alone = Renderer(siteurl="https://example.test/c", cache=tmp_path / "alone.json")
    expected = [alone.render(text) for text in TEXTS]
    alone.save()
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)  # a first build at scale has thousands
    monkeypatch.setattr(render, "RENDER_BATCH", 2)
    workers = Workers(2)
    try:
        shared = Renderer(siteurl="https://example.test/c", cache=tmp_path / "shared.json")
        assert shared.render_many(TEXTS, partial(start_map, shared=workers)) == expected
        shared.save()
        again = Renderer(siteurl="https://example.test/c", cache=tmp_path / "shared.json")
        assert again.render_many(TEXTS, partial(start_map, shared=workers)) == expected  # from the cache
    finally:
        workers.close()
    assert json.loads((tmp_path / "shared.json").read_text()) == json.loads((tmp_path / "alone.json").read_text())
    assert Renderer(siteurl="https://example.test/c").render_many(TEXTS) == expected  # no cache: no workers
