"""The content check of a first build on the build's workers gives what the check in one process gives."""

import shutil
from functools import partial
from pathlib import Path

from content_model import check
from content_model.check import ContentChecker
from content_model.checkcache import CheckCache
from responsive_images.pipeline import Workers, start_map

ROOT = Path(__file__).resolve().parents[2]


def test_checking_on_workers_gives_the_same_results_problems_and_cache(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "stories" / "kapot.md").write_text("---\ntitle: 3\ndate: gisteren\n---\n![x](images/weg.jpg)\n",
                                                  encoding="utf-8")
    (content / "profiles" / "kapot.yaml").write_text("name: [\n", encoding="utf-8")
    (content / "profiles" / "Geen-Slug.yaml").write_text("name: X\ntype: museum\n", encoding="utf-8")
    alone_cache = CheckCache()
    alone, alone_problems = ContentChecker(content, cache=alone_cache).check_all()
    monkeypatch.setattr(check, "PARALLEL_FROM", 1)  # the example site has fewer files than a first build at scale
    monkeypatch.setattr(check, "CHECK_BATCH", 7)
    workers = Workers(2)
    try:
        shared_cache = CheckCache()
        shared, shared_problems = ContentChecker(content, cache=shared_cache).check_all(partial(start_map, shared=workers))
    finally:
        workers.close()
    assert len(alone) > 3 * 7 and len(alone_problems) >= 4
    assert shared_problems == alone_problems
    assert shared == alone  # dataclasses: every field, positions included
    assert shared_cache.entries == alone_cache.entries and shared_cache.misses == alone_cache.misses
