"""The English side of the site (issue 18): /en/ pages as Pelican translations, the English directory,
hreflang both ways, the sitemap's alternates, the English feed, badge classes in English, search per language,
and what `make check` refuses about languages. Real builds; assertions on the parsed output."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, SITEURL, run_build, run_check
from content_model.check import ContentChecker

pytestmark = pytest.mark.build

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def english_pages():
    results, problems = ContentChecker(ROOT / "content").check_all()
    assert problems == []
    return [r for r in results if r.kind == "page" and r.data.get("lang") == "en"]


def hreflangs(page) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
            if not link.get("type")}


def test_the_english_pages_cover_what_a_visitor_from_abroad_needs():
    pages = {p.slug: p for p in english_pages()}
    assert len(pages) >= 10
    translated = {p.data.get("translation") for p in pages.values()}
    # the campaign, the three themes, joining, accessibility, privacy: translations of their Dutch pages
    assert {"home", "over", "communicatie", "educatie-en-vakonderwijs", "samenwerking-en-mapping", "doe-mee",
            "toegankelijkheid", "privacy"} <= translated
    assert {"badges", "contact"} <= set(pages)  # standalone English pages
    for page in pages.values():  # real text, not a stub
        assert len(page.body.split()) >= 250, page.slug


def test_every_english_page_is_english_and_linked_both_ways(example_site):
    for checked in english_pages():
        url = "en/" if checked.slug == "home" else f"en/{checked.slug}/"
        page = example_site.page(url)
        assert page.html["lang"] == "en", url
        assert page.select_one('meta[property="og:locale"]')["content"] == "en_GB"
        assert page.select_one("a.skip-link").get_text(strip=True) == "Skip to content"
        assert page.select_one("nav.site-nav")["aria-label"] == "Main menu"
        assert page.select_one("footer")["lang"] == "en"
        updated = page.select_one(".page-header__meta time")  # English date format
        assert updated.get_text() == "3 December 2026" and updated["datetime"].startswith("2026-12-03")
        links = hreflangs(page)
        target = checked.data.get("translation")
        if target is None and checked.slug != "badges":
            assert links == {}, url
            assert page.select_one(".language-switch") is None
            continue
        dutch = "" if target == "home" else f"{target}/" if target else "badges/"
        assert links == {"nl": f"{SITEURL}/{dutch}", "en": f"{SITEURL}/{url}", "x-default": f"{SITEURL}/{dutch}"}, url
        switch = page.select_one(".language-switch a")
        assert switch["href"] == f"{SITEURL}/{dutch}" and switch["hreflang"] == "nl" and switch["lang"] == "nl"
        assert "Nederlands" in switch.get_text()
        # and back: the Dutch page names the English one and switches to it
        back = example_site.page(dutch)
        assert hreflangs(back)["en"] == f"{SITEURL}/{url}", dutch
        assert back.select_one(".language-switch a")["href"] == f"{SITEURL}/{url}"
        assert back.html["lang"] == "nl"


def test_dutch_pages_without_a_translation_have_no_alternates_or_switch(example_site):
    for url in ("nieuws/", "agenda/", "verhalen/"):
        page = example_site.page(url)
        assert hreflangs(page) == {} and page.select_one(".language-switch") is None, url
        assert page.select_one('footer a[hreflang="en"]')["href"] == f"{SITEURL}/en/"  # the way in


def test_english_directory_has_the_same_filters_and_counts_in_english(example_site):
    dutch, english = example_site.page("ambachtengids/"), example_site.page("en/directory/")
    assert english.html["lang"] == "en"
    for name in ("ambacht", "regio", "type", "aanbod"):
        nl_options = [(o["value"], re.search(r"\((\d+)\)$", o.get_text()).group(1) if o["value"] else None)
                      for o in dutch.select(f"#filter-{name} option")]
        en_options = [(o["value"], re.search(r"\((\d+)\)$", o.get_text()).group(1) if o["value"] else None)
                      for o in english.select(f"#filter-{name} option")]
        assert sorted(en_options, key=str) == sorted(nl_options, key=str), name
    craft = english.select_one('#filter-ambacht option[value="smeden"]').get_text()
    assert craft.startswith("Blacksmithing (")
    assert english.select_one('#filter-regio option[value="noord-holland"]').get_text().startswith("North Holland")
    assert english.select_one('#filter-aanbod option[value="leerplek"]').get_text().startswith("Apprenticeship")
    assert english.select_one('label[for="filter-regio"]').get_text(strip=True) == "Province"
    # every profile of the Dutch directory, linking to its Dutch page with hreflang="nl"
    nl_items = [a["href"] for a in dutch.select(".directory-item > a")]
    en_links = english.select(".directory-item > a")
    assert [a["href"] for a in en_links] == nl_items
    assert {a.get("hreflang") for a in en_links} == {"nl"}
    assert hreflangs(english) == {"nl": f"{SITEURL}/ambachtengids/", "en": f"{SITEURL}/en/directory/",
                                  "x-default": f"{SITEURL}/ambachtengids/"}
    assert hreflangs(dutch)["en"] == f"{SITEURL}/en/directory/"


def test_a_blacksmith_in_utrecht_is_found_from_the_english_directory(example_site):
    craft = example_site.page("en/directory/craft/smeden/")
    assert craft.h1.get_text(strip=True) == "Blacksmithing"
    utrecht = [card for card in craft.select(".profile-card") if "Utrecht" in card.select_one("article > div:last-child > p:last-child").get_text()]
    assert utrecht, "no blacksmith in Utrecht"
    link = utrecht[0].select_one(":is(h2, h3) > a")
    assert link["hreflang"] == "nl" and link["href"].startswith(f"{SITEURL}/ambachtengids/")
    tagline = utrecht[0].select_one("article > div:last-child > p:nth-child(3):not(:last-child)")
    assert tagline is None or tagline["lang"] == "nl"  # the profile's own words stay Dutch, marked so
    assert example_site.file(link["href"].removeprefix(SITEURL + "/")).is_file()
    region = example_site.page("en/directory/region/utrecht/")
    assert link["href"] in [a["href"] for a in region.select(".profile-card :is(h2, h3) > a")]
    assert hreflangs(craft)["nl"] == f"{SITEURL}/ambachtengids/ambacht/smeden/"
    assert hreflangs(example_site.page("ambachtengids/ambacht/smeden/"))["en"] == f"{SITEURL}/en/directory/craft/smeden/"


def test_sitemap_names_the_language_versions_of_each_page(example_site):
    root = ET.parse(example_site.file("sitemap.xml")).getroot()
    alternates = {}
    for entry in root.findall("s:url", SITEMAP):
        loc = entry.find("s:loc", SITEMAP).text
        alternates[loc] = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", SITEMAP)}
    pairs = [("over/", "en/about/"), ("", "en/"), ("ambachtengids/", "en/directory/"), ("badges/", "en/badges/"),
             ("ambachtengids/regio/utrecht/", "en/directory/region/utrecht/")]
    for dutch, english in pairs:
        expected = {"nl": f"{SITEURL}/{dutch}", "en": f"{SITEURL}/{english}", "x-default": f"{SITEURL}/{dutch}"}
        assert alternates[f"{SITEURL}/{dutch}"] == expected, dutch
        assert alternates[f"{SITEURL}/{english}"] == expected, english
    assert alternates[f"{SITEURL}/en/contact/"] == {}
    assert alternates[f"{SITEURL}/nieuws/"] == {}


def test_english_feed_lists_the_english_pages(example_site):
    root = ET.parse(example_site.file("feeds/en.atom.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    ids = {e.find("a:id", ns).text for e in root.findall("a:entry", ns)}
    assert ids == {f"{SITEURL}/" + ("en/" if p.slug == "home" else f"en/{p.slug}/") for p in english_pages()}
    page = example_site.page("en/about/")
    assert page.select_one('link[type="application/atom+xml"][href$="/feeds/en.atom.xml"]')
    assert page.select_one('link[type="application/atom+xml"][href$="/feeds/verhalen.atom.xml"]')["hreflang"] == "nl"


def test_badge_classes_in_english_beside_the_dutch_ones(example_site):
    classes = yaml_badges()
    page = example_site.page("en/badges/")
    for badge in classes:
        dutch = json.loads(example_site.file(f"openbadges/badges/{badge['id']}.json").read_text(encoding="utf-8"))
        english = json.loads(example_site.file(f"openbadges/badges/en/{badge['id']}.json").read_text(encoding="utf-8"))
        assert english["name"] == badge["name_en"] and dutch["name"] == badge["name"]
        assert english["description"] == " ".join(badge["description_en"].split())
        assert english["related"] == [dutch["id"]] and dutch["related"] == [english["id"]]
        assert english["issuer"] == dutch["issuer"] and english["image"] == dutch["image"]
        item = page.select_one(f"#badge-{badge['id']}")
        assert item.h3.get_text(" ", strip=True).startswith(badge["name_en"])
        assert item.select_one('[lang="nl"]').get_text(strip=True) == f"({badge['name']})"
        assert item.select_one("a")["href"] == english["id"]
        assert english["criteria"]["id"] == f"{SITEURL}/en/badges/#badge-{badge['id']}"


def test_open_badges_3_credentials_say_their_language_and_link_the_english_description(example_site):
    folder = example_site.output / "openbadges" / "v3" / "credentials"
    credentials = sorted(p for p in folder.glob("*.json"))
    assert credentials
    for path in credentials[:5]:
        achievement = json.loads(path.read_text(encoding="utf-8"))["credentialSubject"]["achievement"]
        assert achievement["inLanguage"] == "nl"
        badge_id = achievement["id"].rsplit("#badge-", 1)[1]
        assert achievement["related"] == [{"id": f"{SITEURL}/en/badges/#badge-{badge_id}", "type": ["Related"],
                                           "inLanguage": "en"}]


def test_search_indexes_the_english_pages_apart_in_english(example_site):
    page = example_site.page("en/search/")
    assert page.select_one("form[data-search]")["data-index"] == f"{SITEURL}/pagefind/"
    assert page.select_one("html")["lang"] == "en"  # Pagefind loads the index of the page's language
    assert hreflangs(page) == {"nl": f"{SITEURL}/zoeken/", "en": f"{SITEURL}/en/search/", "x-default": f"{SITEURL}/zoeken/"}
    assert hreflangs(example_site.page("zoeken/"))["en"] == f"{SITEURL}/en/search/"
    # one bundle, one index per language: Dutch stemming for the Dutch pages, English for the English ones
    entry = json.loads(example_site.file("pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"nl", "en"}
    assert entry["languages"]["en"]["page_count"] >= 8
    assert entry["languages"]["nl"]["page_count"] > entry["languages"]["en"]["page_count"]


def yaml_badges():
    import yaml

    return yaml.safe_load((ROOT / "content" / "data" / "badges.yaml").read_text(encoding="utf-8"))["badges"]


ENGLISH_PAGE = """---
title: "About"
summary: "Who we are."
lang: en
translation: over
---
Text.
"""


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("pages/en/about.md", ENGLISH_PAGE.replace("lang: en\n", ""), "pages/en/about.md:1:1: lang:"),
    ("pages/en/about.md", ENGLISH_PAGE.replace("lang: en", "lang: nl"), "pages/en/about.md:4:7: lang:"),
    ("pages/about.md", ENGLISH_PAGE.replace("translation: over\n", ""), "pages/about.md:4:7: lang:"),
    ("pages/about.md", ENGLISH_PAGE.replace("lang: en\n", ""), "pages/about.md:4:14: translation:"),
    ("pages/en/about.md", ENGLISH_PAGE.replace("translation: over", "translation: ovr"),
     "pages/en/about.md:5:14: translation: onbekende Nederlandse pagina 'ovr' (bedoel je 'over'?)"),
    ("pages/en/about.md", ENGLISH_PAGE.replace("lang: en", "lang: de"), "pages/en/about.md:4:7: lang:"),
    ("pages/en/directory.md", ENGLISH_PAGE.replace("translation: over\n", ""), "pages/en/directory.md:1:1: slug:"),
])
def test_check_refuses_pages_whose_language_and_folder_disagree(minimal_content, path, text, expected):
    (minimal_content / path).parent.mkdir(parents=True, exist_ok=True)
    (minimal_content / path).write_text(text, encoding="utf-8")
    result = run_check(minimal_content)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line.split("content/", 1)[-1] for line in (result.stdout + result.stderr).splitlines()]
    assert any(line.startswith(expected) for line in lines), lines
    assert "Traceback" not in result.stderr


def test_check_refuses_two_translations_of_one_page(minimal_content):
    folder = minimal_content / "pages" / "en"
    folder.mkdir()
    (folder / "about.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    (folder / "about-us.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    result = run_check(minimal_content)
    assert result.returncode == 1
    assert re.search(r"pages/en/about\.md:5:14: translation: 'over' is al vertaald door .*about-us\.md", result.stdout + result.stderr)


def test_a_translation_and_a_standalone_english_page_build(minimal_content, tmp_path):
    folder = minimal_content / "pages" / "en"
    folder.mkdir()
    (folder / "about.md").write_text(ENGLISH_PAGE, encoding="utf-8")
    (folder / "over.md").write_text(ENGLISH_PAGE.replace("translation: over\n", "").replace("About", "Standalone"),
                                    encoding="utf-8")
    (folder / "home.md").write_text(ENGLISH_PAGE.replace("translation: over", "translation: home"), encoding="utf-8")
    build = run_build(tmp_path / "output", content=minimal_content)
    assert build.ok, build.stderr
    about, over, dutch = build.page("en/about/"), build.page("en/over/"), build.page("over/")
    assert about.html["lang"] == "en" and about.h1.get_text(strip=True) == "About"
    assert hreflangs(dutch)["en"] == f"{SITEURL}/en/about/" and hreflangs(about)["nl"] == f"{SITEURL}/over/"
    # a standalone English page with the slug of a Dutch page is not its translation
    assert over.h1.get_text(strip=True) == "Standalone" and hreflangs(over) == {}
    assert dutch.h1.get_text(strip=True) != "Standalone"
    assert build.page("en/").html["lang"] == "en" and hreflangs(build.page(""))["en"] == f"{SITEURL}/en/"
    assert "There are" not in build.stderr  # no Pelican warning about clashing translations
