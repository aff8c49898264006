"""The example site, built for real, checked through its parsed output."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from urllib.parse import urldefrag, urlsplit

import feedparser
import pytest
from conftest import BUILD_MOMENT, ROOT, SITEURL, site_file
from content_model.check import ContentChecker
from icalendar import Calendar
from PIL import Image

pytestmark = pytest.mark.build

CAMPAIGN_PAGES = ["", "over/", "doe-mee/", "toegankelijkheid/", "privacy/", "nieuws/", "communicatie/",
                  "educatie-en-vakonderwijs/", "samenwerking-en-mapping/"]
MACHINE_FILES = ["agenda.ics", "feeds/verhalen.atom.xml", "sitemap.xml", "robots.txt",
                 ".well-known/security.txt", "404.html"]


def published(kind):
    results, problems = ContentChecker(ROOT / "content").check_all()
    assert problems == []
    return [r for r in results if r.kind == kind and r.data.get("status", "published") == "published"]


def drafts(kind):
    results, _ = ContentChecker(ROOT / "content").check_all()
    return [r for r in results if r.kind == kind and r.data.get("status") == "draft"]


def test_example_content_is_substantial():
    assert len(published("story")) >= 8
    assert len(published("event")) >= 4
    stories = published("story")
    assert all(s.data.get("image") and s.data.get("image_alt") for s in stories)
    assert len({c for s in stories for c in s.data.get("crafts", [])}) >= 6
    assert len({s.data.get("region") for s in stories}) >= 5


def test_every_contract_url_exists(example_site):
    urls = CAMPAIGN_PAGES + MACHINE_FILES + ["verhalen/", "agenda/"]
    urls += [f"verhalen/{s.slug}/" for s in published("story")]
    urls += [f"agenda/{e.slug}/" for e in published("event")] + [f"agenda/{e.slug}.ics" for e in published("event")]
    missing = [url for url in urls if not example_site.file(url).is_file()]
    assert missing == []


def test_home_is_the_campaign_landing(example_site):
    home = example_site.page("")
    assert home.h1.get_text(strip=True) == "De kracht van ambacht"
    assert len(home.select(".theme-tile")) == 3
    assert len(home.select(".card-grid .card")) == 3
    assert home.select(".event-list .event-item")
    assert home.select_one(".directory-slot")  # the slot the directory fills
    assert home.select_one('a[href$="/doe-mee/"].button')


def html_pages(build):
    """Every public page: not Pagefind's files, the editors' /admin/ or the redirect pages of old URLs."""
    return [p for p in build.html_files() if "pagefind" not in p.parts and "admin" not in p.parts
            and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]


def test_every_page_has_lang_one_h1_title_and_sharing_meta(example_site):
    for path in html_pages(example_site):
        page = example_site.page(str(path.relative_to(example_site.output)))
        where = path.relative_to(example_site.output)
        assert page.html["lang"] == ("en" if where.parts[0] == "en" else "nl"), where
        assert len(page.find_all("h1")) == 1, where
        assert page.title.get_text(strip=True), where
        assert page.select_one('meta[name="description"]')["content"].strip(), where
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical.startswith(SITEURL + "/"), where
        for name in ("og:title", "og:description", "og:image", "og:url", "og:image:alt"):
            assert page.select_one(f'meta[property="{name}"]')["content"], (where, name)
        assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        assert page.select_one("main#inhoud") and page.select_one("a.skip-link[href='#inhoud']"), where
        assert page.select_one("header") and page.select_one("footer") and page.select_one("nav"), where


def test_og_image_is_the_story_image_or_the_1200x630_default(example_site):
    story = published("story")[0]
    image = example_site.page(f"verhalen/{story.slug}/").select_one('meta[property="og:image"]')["content"]
    assert "/images/" in image and image.endswith(".jpg")
    default = example_site.page("over/").select_one('meta[property="og:image"]')["content"]
    assert default == f"{SITEURL}/theme/images/share-default.png"
    with Image.open(example_site.file("theme/images/share-default.png")) as png:
        assert png.size == (1200, 630)


def local_target(build, url):
    """The output file an absolute site URL points at (None for other hosts), and its fragment."""
    return site_file(build.output, url), urldefrag(url)[1]


def test_internal_links_and_images_resolve(example_site):
    broken = []
    for path in html_pages(example_site):
        page = example_site.page(str(path.relative_to(example_site.output)))
        references = [a["href"] for a in page.find_all(["a", "link"], href=True)]
        references += [tag["src"] for tag in page.find_all(["img", "script"], src=True)]
        for tag in page.find_all(["img", "source"], srcset=True):
            references += [part.strip().split(" ")[0] for part in tag["srcset"].split(",")]
        ids = {tag["id"] for tag in page.find_all(id=True)}
        for reference in references:
            if reference.startswith("#"):  # an anchor on the same page
                if reference != "#" and reference[1:] not in ids:
                    broken.append((str(path.relative_to(example_site.output)), reference))
                continue
            if reference.startswith(("mailto:", "tel:")):
                continue
            scheme = urlsplit(reference).scheme
            if scheme == "data":  # only a kit's SVG download, written into the page: an image, never a script
                assert page.find("a", href=reference, download=True), (path, reference[:60])
                assert reference.startswith("data:image/svg+xml;base64,"), (path, reference[:60])
                svg = base64.b64decode(reference.split(",", 1)[1]).decode("utf-8")
                assert svg.lstrip().startswith("<svg") and "<script" not in svg.lower(), (path, svg[:80])
                assert not re.search(r"\son[a-z]+\s*=", svg, re.IGNORECASE), (path, svg[:80])
                continue
            assert scheme in ("http", "https", ""), (path, reference)
            # root-relative links would break when SITEURL has a path
            assert not (reference.startswith("/") and not reference.startswith("//")), (path, reference)
            target, fragment = local_target(example_site, reference)
            if target is None:
                continue
            missing_anchor = (target.is_file() and fragment and target.suffix == ".html"
                              and f'id="{fragment}"' not in target.read_text(encoding="utf-8"))
            if not target.is_file() or missing_anchor:
                broken.append((str(path.relative_to(example_site.output)), reference))
    assert broken == []


def test_no_inline_script_style_or_handlers(example_site):
    for path in example_site.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        page = example_site.page(str(path.relative_to(example_site.output)))
        assert not page.find("style"), path
        for script in page.find_all("script"):
            if script.get("src"):
                continue
            # a data block is never run: JSON-LD, or the JSON a script of the site reads
            assert script.get("type") in ("application/ld+json", "application/json"), path
            json.loads(script.string)
        for tag in page.find_all(True):
            assert "style" not in tag.attrs, (path, tag.name)
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag.name)
        assert "javascript:" not in text.lower(), path


def test_feed_has_every_published_story_and_no_draft(example_site):
    feed = feedparser.parse(example_site.file("feeds/verhalen.atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = {entry.title for entry in feed.entries}
    assert titles == {s.data["title"] for s in published("story")}
    assert all(entry.link.startswith(SITEURL + "/verhalen/") for entry in feed.entries)
    assert not titles & {d.data["title"] for d in drafts("story")}


def test_agenda_calendar_has_every_event(example_site):
    calendar = Calendar.from_ical(example_site.file("agenda.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert {str(e["summary"]) for e in events} == {e.data["title"] for e in published("event")}
    assert all(str(e["uid"]).endswith("@example.test") for e in events)
    for event in published("event"):
        single = Calendar.from_ical(example_site.file(f"agenda/{event.slug}.ics").read_bytes())
        assert [str(e["summary"]) for e in single.walk("VEVENT")] == [event.data["title"]]


def test_agenda_lists_upcoming_first_and_past_in_archive(example_site):
    page = example_site.page("agenda/")
    upcoming = page.select('section[aria-labelledby="komend"] .event-item time')
    archive = page.select("#archief .event-item time")
    starts = [dt.datetime.fromisoformat(t["datetime"]) if "T" in t["datetime"] else
              dt.datetime.fromisoformat(t["datetime"] + "T00:00:00+01:00") for t in upcoming]
    assert starts and starts == sorted(starts)
    assert all(s.date() >= BUILD_MOMENT.date() for s in starts)
    assert archive, "the example content has past events"
    archived = [dt.date.fromisoformat(t["datetime"][:10]) for t in archive]
    assert all(d < BUILD_MOMENT.date() for d in archived)
    assert archived == sorted(archived, reverse=True)


def test_event_page_shows_facts_and_calendar_download(example_site):
    event = next(e for e in published("event") if e.data.get("registration_url")
                 and e.data["start"][:10] > BUILD_MOMENT.date().isoformat())
    page = example_site.page(f"agenda/{event.slug}/")
    facts = {dt_.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt_, dd in zip(page.select(".event-facts dt"), page.select(".event-facts dd"), strict=True)}
    assert "Wanneer" in facts and "Waar" in facts
    assert event.data["location"] in facts["Waar"]
    assert page.select_one(f'a[href="{SITEURL}/agenda/{event.slug}.ics"][download]')
    assert page.select_one(f'a.button--primary[href="{event.data["registration_url"]}"]')


def test_story_page(example_site):
    story = next(s for s in published("story") if s.data.get("crafts"))
    page = example_site.page(f"verhalen/{story.slug}/")
    assert page.h1.get_text(strip=True) == story.data["title"]
    assert re.search(r"\d+ min lezen", page.get_text())
    chips = [c.get_text(strip=True) for c in page.select(".article-header .chip")]
    assert chips  # crafts and region are shown
    shares = [a["href"] for a in page.select(".share-links a")]
    assert any(h.startswith("https://www.linkedin.com/") for h in shares)
    assert page.select_one(".pager a")
    crumbs = [a.get_text(strip=True) for a in page.select(".breadcrumbs a")]
    assert crumbs[:2] == ["Home", "Verhalen"]


def test_stories_index_is_newest_first(example_site):
    page = example_site.page("verhalen/")
    dates = [t["datetime"] for t in page.select(".card-grid:not(.card-grid--compact) .card time")]
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == len(published("story"))


def test_responsive_images_without_metadata(example_site):
    images = []
    for path in html_pages(example_site):
        for img in example_site.page(str(path.relative_to(example_site.output))).select("main img"):
            if "/images/" in img["src"]:
                images.append(img)
    assert images
    for img in images:
        assert img.get("alt") is not None and img.get("width") and img.get("height")
        assert len(img["srcset"].split(",")) >= 2 or int(img["width"]) <= 480
        source = img.find_previous_sibling("source")
        assert source and source["type"] == "image/webp"
    files = list((example_site.output / "images").iterdir())
    assert files
    for file in files:
        with Image.open(file) as image:
            assert not image.getexif(), file
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info), file
    # originals are not published
    originals = {p.name for p in (ROOT / "content" / "images").rglob("*") if p.is_file()}
    assert not originals & {p.name for p in example_site.output.rglob("*")}


def test_json_ld_blocks_parse_and_have_their_types(example_site):
    def blocks(url):
        return [json.loads(s.string) for s in example_site.page(url).select('script[type="application/ld+json"]')]

    home = {b["@type"] for b in blocks("")}
    assert {"Organization", "WebSite"} <= home
    story = published("story")[0]
    article = next(b for b in blocks(f"verhalen/{story.slug}/") if b["@type"] == "Article")
    assert article["headline"] == story.data["title"] and article["datePublished"].startswith(story.data["date"][:10])
    assert any(b["@type"] == "BreadcrumbList" for b in blocks(f"verhalen/{story.slug}/"))
    event = published("event")[0]
    ld = next(b for b in blocks(f"agenda/{event.slug}/") if b["@type"] == "Event")
    assert ld["name"] == event.data["title"] and ld["startDate"] and ld["location"]


def test_sitemap_lists_exactly_the_published_pages(example_site):
    text = example_site.file("sitemap.xml").read_text(encoding="utf-8")
    locations = set(re.findall(r"<loc>([^<]+)</loc>", text))
    for location in locations:
        target, _ = local_target(example_site, location)
        assert target is not None and target.is_file(), location
    def noindex(path):
        return "noindex" in str(example_site.page(str(path.relative_to(example_site.output))).select('meta[name="robots"]'))

    pages = {SITEURL + "/" + str(p.relative_to(example_site.output)).removesuffix("index.html")
             for p in html_pages(example_site) if p.name == "index.html" and not noindex(p)}
    hidden = {SITEURL + "/" + str(p.relative_to(example_site.output)).removesuffix("index.html")
              for p in html_pages(example_site) if p.name == "index.html" and noindex(p)}
    assert not hidden & locations
    pages -= {f"{SITEURL}/verhalen/{d.slug}/" for d in drafts("story")}
    pages -= {f"{SITEURL}/agenda/{d.slug}/" for d in drafts("event")}
    pages -= {f"{SITEURL}/{d.slug}/" for d in drafts("page")}
    assert pages - locations == set()
    assert not {f"{SITEURL}/verhalen/{d.slug}/" for d in drafts("story")} & locations


def test_robots_and_security_txt(example_site):
    robots = example_site.file("robots.txt").read_text()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots
    security = dict(line.split(": ", 1) for line in example_site.file(".well-known/security.txt").read_text().splitlines() if line)
    assert security["Contact"].startswith(("mailto:", "https://"))
    expires = dt.datetime.strptime(security["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert BUILD_MOMENT < expires < BUILD_MOMENT + dt.timedelta(days=365)


def test_draft_is_previewed_with_banner_but_not_listed(example_site):
    draft = drafts("story")[0]
    page = example_site.page(f"verhalen/{draft.slug}/")
    assert page.select_one(".draft-banner")
    assert page.select_one('meta[name="robots"][content="noindex"]')
    # the banner's rules come in a sheet only drafts link (base/draft.css), and it is there
    sheets = [link["href"] for link in page.select('link[rel="stylesheet"]:not([media])')]
    assert len(sheets) == 2 and "theme/assets/draft." in sheets[1], sheets
    banner_sheet = example_site.output / "theme" / "assets" / sheets[1].rsplit("/", 1)[1]
    assert ".draft-banner{" in banner_sheet.read_text(encoding="utf-8")
    assert "theme/assets/draft." not in example_site.file("").read_text(encoding="utf-8")
    home = example_site.file("").read_text(encoding="utf-8")
    assert draft.data["title"] not in home
    index = example_site.page("verhalen/")
    listed = [a.get_text(strip=True) for a in index.select(".card-grid:not(.card-grid--compact) .card :is(h2, h3) > a")]
    assert draft.data["title"] not in listed


def test_404_page(example_site):
    page = example_site.page("404.html")
    assert page.select_one('meta[name="robots"][content="noindex"]')
    assert page.select_one(f'a[href="{SITEURL}/"]')


def test_aliases_redirect_to_the_new_page(example_site):
    results, _ = ContentChecker(ROOT / "content").check_all()
    aliased = [r for r in results if r.data.get("aliases")]
    assert aliased, "the example content has aliases"
    lines = example_site.file("_redirects").read_text().splitlines()
    checker = ContentChecker(ROOT / "content")
    for item in aliased:
        target = SITEURL + checker.url_of(item)
        for alias in item.data["aliases"]:
            page = example_site.page(alias)
            assert page.select_one('link[rel="canonical"]')["href"] == target
            assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={target}"
            assert page.select_one(f'a[href="{target}"]')
            assert f"/campagne{alias} /campagne{checker.url_of(item)} 301" in lines
    sitemap = example_site.file("sitemap.xml").read_text()
    assert not any(f"{SITEURL}{alias}</loc>" in sitemap for item in aliased for alias in item.data["aliases"])


def test_headers_file_sends_the_strict_policy(example_site):
    from seo.headers import HEADERS

    text = example_site.file("_headers").read_text()
    rules = [line for line in text.splitlines() if not line.startswith("  ")]
    # The precompressed copies (x.html.gz, x.html.br) are for servers that send them in place of
    # their original, with the original's headers; hosts that read _headers compress by themselves.
    expected = {"/campagne/"} | {f"/campagne/{p.name}/*" if p.is_dir() else f"/campagne/{p.name}"
                                 for p in example_site.output.iterdir()
                                 if not p.name.startswith("_") and p.name != "admin" and p.suffix not in (".gz", ".br")}
    assert set(rules) == expected | {"/campagne/admin/*", "/campagne/theme/assets/*"}
    strict = text[: text.index("/campagne/admin/*")]
    for name, value in HEADERS:
        assert strict.count(f"  {name}: {value}\n") == len(expected)


def test_no_alias_can_take_a_file_the_build_wrote(example_site):
    """Every file of the built site, written as an alias in any spelling, is refused by the check's rule."""
    from content_model.reserved import alias_problem

    results, _ = ContentChecker(ROOT / "content").check_all()
    checker = ContentChecker(ROOT / "content")
    urls = {checker.url_of(r) for r in results}
    taken = []
    for path in sorted(p for p in example_site.output.rglob("*") if p.is_file()):
        relative = path.relative_to(example_site.output).as_posix()
        original = path.with_suffix("") if path.suffix in (".gz", ".br") else path  # a precompressed copy
        if original.suffix == ".html" and 'http-equiv="refresh"' in original.read_text(encoding="utf-8", errors="replace"):
            continue  # a redirect page (or its copy): itself an alias
        spellings = ["/" + relative, "/" + relative.upper()]
        if relative.endswith("index.html"):
            spellings += ["/" + relative.removesuffix("index.html"), "/" + relative.removesuffix("/index.html")]
        taken += [alias for alias in spellings if alias_problem(alias, urls) is None]
    assert taken == []
