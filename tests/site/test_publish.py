"""``make publish``: the real SITEURL, no drafts, no stories dated in the future."""

from __future__ import annotations

import pytest
from conftest import MINIMAL_STORY, ROOT, SITEURL, run_build
from content_model.check import ContentChecker

pytestmark = pytest.mark.build


def drafts():
    results, _ = ContentChecker(ROOT / "content").check_all()
    return [r for r in results if r.data.get("status") == "draft"]


def test_drafts_never_reach_publish_output(published_site):
    assert drafts(), "the example content has a draft to test with"
    everything = "".join(p.read_text(encoding="utf-8", errors="ignore")
                         for p in published_site.output.rglob("*") if p.suffix in (".html", ".xml", ".ics", ".txt"))
    for draft in drafts():
        assert not published_site.file(f"verhalen/{draft.slug}/").exists()
        assert draft.data["title"] not in everything


def test_publish_uses_the_siteurl_from_the_environment(published_site):
    canonical = published_site.page("").select_one('link[rel="canonical"]')["href"]
    assert canonical == SITEURL + "/"
    assert "localhost" not in published_site.file("sitemap.xml").read_text()


def test_future_story_waits_for_its_date(tmp_path, minimal_content):
    future = MINIMAL_STORY.replace("2026-01-05", "2027-06-01").replace("Een klein verhaal", "Toekomstmuziek")
    (minimal_content / "stories" / "toekomst.md").write_text(future, encoding="utf-8")
    preview = run_build(tmp_path / "preview", content=minimal_content)
    assert preview.ok, preview.stderr
    assert preview.file("verhalen/toekomst/").exists()
    publish = run_build(tmp_path / "publish", command="publish", content=minimal_content)
    assert publish.ok, publish.stderr
    assert not publish.file("verhalen/toekomst/").exists()
    assert "Toekomstmuziek" not in publish.file("feeds/verhalen.atom.xml").read_text()


def test_pelican_key_value_header_still_builds(tmp_path, minimal_content):
    (minimal_content / "stories" / "oud-formaat.md").write_text(
        "Title: Een verhaal in het oude formaat\nDate: 2025-10-01 10:20\nSummary: Het werkt nog.\n"
        "Crafts: smeden, weven\nRegion: zeeland\n\nDe tekst.\n", encoding="utf-8")
    build = run_build(tmp_path / "out", content=minimal_content)
    assert build.ok, build.stderr
    page = build.page("verhalen/oud-formaat/")
    assert page.h1.get_text(strip=True) == "Een verhaal in het oude formaat"
    assert [c.get_text(strip=True) for c in page.select(".article-header .chip")] == ["Smeden", "Weven", "Zeeland"]


def test_stories_index_is_paginated(tmp_path, minimal_content):
    for day in range(1, 16):
        text = MINIMAL_STORY.replace("2026-01-05", f"2026-02-{day:02d}").replace("Een klein verhaal", f"Verhaal {day}")
        (minimal_content / "stories" / f"verhaal-{day}.md").write_text(text, encoding="utf-8")
    build = run_build(tmp_path / "out", content=minimal_content)
    assert build.ok, build.stderr
    first = [a.get_text(strip=True) for a in build.page("verhalen/").select(".card__link")]
    second = [a.get_text(strip=True) for a in build.page("verhalen/pagina/2/").select(".card__link")]
    assert first[0] == "Verhaal 15" and len(first) == 12
    assert second == ["Verhaal 3", "Verhaal 2", "Verhaal 1", "Een klein verhaal"]
    assert build.page("verhalen/").select_one(f'a[rel="next"][href="{SITEURL}/verhalen/pagina/2/"]')
