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
    # without the campaign's OAuth client the editors' login would go through Netlify: said, not hidden
    assert "ADMIN_AUTH_BASE_URL: niet gezet" in publish.stderr and "ADMIN_AUTH_BASE_URL" not in preview.stderr


def test_publish_configures_the_web_editor_login_from_the_environment(tmp_path, minimal_content):
    import yaml

    env = {"ADMIN_AUTH_BASE_URL": "https://auth.example.test", "ADMIN_REPO": "campagne/site", "ADMIN_BRANCH": "redactie"}
    publish = run_build(tmp_path / "publish", command="publish", content=minimal_content, env=env)
    assert publish.ok, publish.stderr
    assert "ADMIN_AUTH_BASE_URL" not in publish.stderr
    config = yaml.safe_load(publish.file("admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "campagne/site", "branch": "redactie",
                                 "base_url": "https://auth.example.test"}
    assert "local_backend" not in config and config["locale"] == "nl"
    assert config["logo"]["src"] == f"{SITEURL}/theme/images/logo.svg"


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
    first = [a.get_text(strip=True) for a in build.page("verhalen/").select(".card :is(h2, h3) > a")]
    second = [a.get_text(strip=True) for a in build.page("verhalen/pagina/2/").select(".card :is(h2, h3) > a")]
    assert first[0] == "Verhaal 15" and len(first) == 12
    assert second == ["Verhaal 3", "Verhaal 2", "Verhaal 1", "Een klein verhaal"]
    assert build.page("verhalen/").select_one(f'a[rel="next"][href="{SITEURL}/verhalen/pagina/2/"]')


def _image_stems(build) -> set[str]:
    """The source names of the images a build published (variants are ``<stem>-<hash>-<width>.<ext>``)."""
    return {path.name.rsplit("-", 2)[0] for path in (build.output / "images").iterdir()}


def test_images_of_unpublished_documents_are_not_published(tmp_path, minimal_content):
    from conftest import MINIMAL_EVENT, MINIMAL_PAGE, make_jpeg

    for shade, name in enumerate(("concept-verhaal", "toekomst-verhaal", "concept-pagina", "concept-agenda", "concept-tekst")):
        make_jpeg(minimal_content / "images" / f"{name}.jpg", exif=False, color=(20 + 40 * shade, 200, 90))
    stories = minimal_content / "stories"
    draft = MINIMAL_STORY.replace("images/foto.jpg", "images/concept-verhaal.jpg").replace("date:", "status: draft\ndate:")
    (stories / "concept.md").write_text(draft + "\n![Tekst](images/concept-tekst.jpg)\n", encoding="utf-8")
    future = MINIMAL_STORY.replace("2026-01-05", "2027-06-01").replace("images/foto.jpg", "images/toekomst-verhaal.jpg")
    (stories / "toekomst.md").write_text(future, encoding="utf-8")
    page = MINIMAL_PAGE.replace('summary: "Over de campagne."', 'summary: "Concept."\nstatus: draft\n'
                                'image: images/concept-pagina.jpg\nimage_alt: "Een pagina"')
    (minimal_content / "pages" / "concept-pagina.md").write_text(page, encoding="utf-8")
    event = MINIMAL_EVENT.replace('location: "Utrecht"', 'location: "Utrecht"\nstatus: draft\n'
                                  'image: images/concept-agenda.jpg\nimage_alt: "Een smidse"')
    (minimal_content / "events" / "concept-agenda.md").write_text(event, encoding="utf-8")
    unpublished = {"concept-verhaal", "toekomst-verhaal", "concept-pagina", "concept-agenda", "concept-tekst"}

    preview = run_build(tmp_path / "preview", content=minimal_content)
    assert preview.ok, preview.stderr
    assert unpublished <= _image_stems(preview)  # shown with a banner in development
    output = tmp_path / "publish"
    publish = run_build(output, command="publish", content=minimal_content)
    assert publish.ok, publish.stderr
    assert "foto" in _image_stems(publish)
    assert not unpublished & _image_stems(publish), _image_stems(publish)

    # an incremental publish build removes the image of a story that became a draft
    story = stories / "een-klein-verhaal.md"
    story.write_text(MINIMAL_STORY.replace("images/foto.jpg", "images/concept-pagina.jpg"), encoding="utf-8")
    again = run_build(output, command="publish", content=minimal_content)
    assert again.ok, again.stderr
    assert "concept-pagina" in _image_stems(again)
    story.write_text(MINIMAL_STORY.replace("images/foto.jpg", "images/concept-pagina.jpg")
                     .replace("date:", "status: draft\ndate:"), encoding="utf-8")
    last = run_build(output, command="publish", content=minimal_content)
    assert last.ok, last.stderr
    assert "concept-pagina" not in _image_stems(last)
    assert "jan-de-vries" in _image_stems(last)  # the profile's photo, with consent


def test_a_profile_photo_is_never_published_without_foto_consent(tmp_path, minimal_content):

    profile = minimal_content / "profiles" / "jan-de-vries.yaml"
    profile.write_text(profile.read_text().replace("scope: [profiel, foto, badge, open-data]",
                                                   "scope: [profiel, badge, open-data]"), encoding="utf-8")
    story = minimal_content / "stories" / "een-klein-verhaal.md"
    ok = run_build(tmp_path / "ok", command="publish", content=minimal_content)
    assert ok.ok, ok.stderr
    assert "jan-de-vries" not in _image_stems(ok) and "foto" in _image_stems(ok)
    # a copy of the photo's bytes under another name, used by a story: refused where the story names it
    photo = minimal_content / "images" / "profiles" / "jan-de-vries.jpg"
    (minimal_content / "images" / "kopie.jpg").write_bytes(photo.read_bytes())
    story.write_text(MINIMAL_STORY.replace("images/foto.jpg", "images/kopie.jpg"), encoding="utf-8")
    refused = run_build(tmp_path / "refused", command="publish", content=minimal_content)
    assert not refused.ok
    assert "Traceback" not in refused.stderr
    assert "een-klein-verhaal.md:7:8: image: 'images/kopie.jpg' is de foto van profiel jan-de-vries" in refused.stderr
    assert not (tmp_path / "refused" / "images").exists()
