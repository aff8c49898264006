"""A large ambachtengids: above DIRECTORY_INDEX_LIMIT the index links to one page per initial.

Built from the example content with the limit lowered (conftest.SMALL_DIRECTORY_LIMIT), and
checked against the profiles' own YAML files: which letter pages exist, who is on them, in
which order, paginated where an initial has more profiles than the limit.
"""

from __future__ import annotations

import json
import math
import runpy
import shutil
import string
import unicodedata
from xml.etree import ElementTree

import pytest
from conftest import ROOT, SITEURL, SMALL_DIRECTORY_LIMIT, as_typed, run_build
from content_model.check import ContentChecker
from craft_directory.directory import is_published
from test_incremental import differing_files

pytestmark = pytest.mark.build

LETTERS = "ambachtengids/a-z/"


def published() -> list:
    results, problems = ContentChecker(ROOT / "content").check_all()
    assert problems == []
    return [r for r in results if r.kind == "profile" and is_published(r.data)]


def folded(name: str) -> str:
    """A name as the A-Z list sorts it, worked out here rather than taken from the plugin:
    accents and case are ignored, and so is a leading 't."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode()
    return text.casefold().strip().removeprefix("'t ")


def initial(name: str) -> str:
    """The letter page of a name; names that start with anything but a letter go to ``overig``."""
    first = next((ch for ch in folded(name) if ch.isalnum()), "")
    return first if first in string.ascii_lowercase else "overig"


def expected_letters() -> dict[str, list[str]]:
    """letter id -> the published names with that initial."""
    letters: dict[str, list[str]] = {}
    for profile in published():
        letters.setdefault(initial(profile.data["name"]), []).append(profile.data["name"])
    return letters


def listed(page) -> list[str]:
    return [as_typed(a.get_text(strip=True)) for a in page.select(".directory-list .directory-item > a")]


def canonical(page) -> str:
    return page.select_one('link[rel="canonical"]')["href"]


def letter_pages(letter: str, count: int) -> list[str]:
    pages = math.ceil(count / SMALL_DIRECTORY_LIMIT)
    return [f"{LETTERS}{letter}/"] + [f"{LETTERS}{letter}/{n}/" for n in range(2, pages + 1)]


def test_example_content_needs_pagination_at_the_small_limit():
    letters = expected_letters()
    assert len(published()) > SMALL_DIRECTORY_LIMIT
    assert any(len(names) > SMALL_DIRECTORY_LIMIT for names in letters.values())
    assert any(len(names) <= SMALL_DIRECTORY_LIMIT for names in letters.values())
    assert set(string.ascii_lowercase) - set(letters), "some letter has no profiles"


def test_default_limit_keeps_the_single_list(example_site):
    settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
    assert len(published()) <= settings["DIRECTORY_INDEX_LIMIT"]
    page = example_site.page("ambachtengids/")
    assert sorted(listed(page)) == sorted(p.data["name"] for p in published())
    assert page.select_one("form[data-directory-filter]")
    assert not page.select_one(".letter-nav")
    assert not (example_site.output / "ambachtengids" / "a-z").exists()
    assert f"/{LETTERS}" not in example_site.file("sitemap.xml").read_text()


def test_index_links_letters_instead_of_listing_everyone(paged_directory_site):
    letters = expected_letters()
    page = paged_directory_site.page("ambachtengids/")
    assert listed(page) == [] and not page.select(".directory-item")
    assert not page.select_one("form[data-directory-filter]")
    assert page.select_one(".directory-map svg") and page.select_one(".facet-nav") and page.select(".stats__item")
    nav = page.select_one('nav.letter-nav[aria-label]')
    links = {a["href"]: a for a in nav.select("a")}
    assert set(links) == {f"{SITEURL}/{LETTERS}{letter}/" for letter in letters}
    shown = [li.select_one(".letter-nav__letter").get_text() for li in nav.select("li")]
    assert shown[-26:] == list(string.ascii_uppercase)  # every letter, with or without profiles
    for letter in set(string.ascii_lowercase) - set(letters):
        item = nav.select("li")[shown.index(letter.upper())]
        assert item.select_one("a") is None and "0" in item.get_text()
    for letter, names in letters.items():
        assert links[f"{SITEURL}/{LETTERS}{letter}/"].select_one(".letter-nav__count").get_text(" ", strip=True) \
            .startswith(f"{len(names)} ")
    assert not nav.select("[aria-current]")
    assert canonical(page) == f"{SITEURL}/ambachtengids/"
    blocks = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    item_list = next(b for b in blocks if b["@type"] == "ItemList")
    assert [e["url"] for e in item_list["itemListElement"]] == [a["href"] for a in nav.select("a")]


def test_letter_pages_list_exactly_their_profiles(paged_directory_site):
    letters = expected_letters()
    written = {p.parent.relative_to(paged_directory_site.output).as_posix() + "/"
               for p in (paged_directory_site.output / "ambachtengids" / "a-z").rglob("index.html")}
    expected_pages = {url for letter, names in letters.items() for url in letter_pages(letter, len(names))}
    assert written == expected_pages | {LETTERS}
    for letter, names in letters.items():
        on_pages = []
        urls = letter_pages(letter, len(names))
        for number, url in enumerate(urls, start=1):
            page = paged_directory_site.page(url)
            names_here = listed(page)
            assert 1 <= len(names_here) <= SMALL_DIRECTORY_LIMIT, url
            on_pages += names_here
            assert canonical(page) == f"{SITEURL}/{url}"
            current = page.select(".letter-nav [aria-current]")
            assert [a["href"] for a in current] == [f"{SITEURL}/{LETTERS}{letter}/"]
            assert current[0]["aria-current"] == ("page" if number == 1 else "true")
            crumbs = [(a.get_text(strip=True), a["href"]) for a in page.select(".breadcrumbs a")]
            trail = [("Home", f"{SITEURL}/"), ("Ambachtengids", f"{SITEURL}/ambachtengids/"),
                     ("A–Z", f"{SITEURL}/{LETTERS}"),
                     ("#" if letter == "overig" else letter.upper(), f"{SITEURL}/{LETTERS}{letter}/")]
            if number > 1:
                trail.append((f"Pagina {number}", f"{SITEURL}/{url}"))
            assert crumbs == trail
            assert page.select(".breadcrumbs a")[-1]["aria-current"] == "page"
            blocks = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
            item_list = next(b for b in blocks if b["@type"] == "ItemList")
            assert [e["url"] for e in item_list["itemListElement"]] == \
                [a["href"] for a in page.select(".directory-list .directory-item > a")]
            assert page.select_one("form[data-directory-filter]")
            assert page.select_one('script[type="module"][src*="/theme/assets/directory."]')
            pagination = page.select_one("nav.pagination")
            if len(urls) == 1:
                assert pagination is None
            else:
                assert [a["href"] for a in pagination.select("a:not([rel])")] == [f"{SITEURL}/{u}" for u in urls]
                assert pagination.select_one("[aria-current]")["href"] == f"{SITEURL}/{url}"
                assert bool(pagination.select_one('a[rel="prev"]')) == (number > 1)
                assert bool(pagination.select_one('a[rel="next"]')) == (number < len(urls))
        assert sorted(on_pages) == sorted(names), letter
        assert on_pages == sorted(on_pages, key=folded)
    assert any(len(letter_pages(letter, len(names))) > 1 for letter, names in letters.items())


def test_filter_options_count_the_profiles_on_the_page(paged_directory_site):
    letters = expected_letters()
    by_name = {p.data["name"]: p.data for p in published()}
    letter = max(letters, key=lambda key: len(letters[key]))
    page = paged_directory_site.page(f"{LETTERS}{letter}/")
    here = [by_name[name] for name in listed(page)]
    options = {o["value"]: o.get_text() for o in page.select("#filter-regio option") if o["value"]}
    assert set(options) == {d["region"] for d in here}
    for region, text in options.items():
        assert text.endswith(f"({sum(1 for d in here if d['region'] == region)})")
    crafts = {o["value"] for o in page.select("#filter-ambacht option") if o["value"]}
    assert crafts == {c for d in here for c in d.get("crafts", [])}
    assert all(group.select("option") for group in page.select("#filter-ambacht optgroup"))


def test_overview_sitemap_and_facets_point_to_the_letter_pages(paged_directory_site):
    letters = expected_letters()
    overview = paged_directory_site.page(LETTERS)
    assert canonical(overview) == f"{SITEURL}/{LETTERS}"
    assert {a["href"] for a in overview.select(".letter-nav a")} == {f"{SITEURL}/{LETTERS}{k}/" for k in letters}
    sitemap = paged_directory_site.file("sitemap.xml").read_text()
    for letter, names in letters.items():
        for url in letter_pages(letter, len(names)):
            assert f"<loc>{SITEURL}/{url}</loc>" in sitemap
    assert f"<loc>{SITEURL}/{LETTERS}</loc>" in sitemap
    craft = next(c for p in published() for c in p.data.get("crafts", []))
    facet = paged_directory_site.page(f"ambachtengids/ambacht/{craft}/")
    assert facet.select_one(f'.page-header__lead a[href="{SITEURL}/{LETTERS}"]')
    assert not facet.select_one('.page-header__lead a[href*="?"]')  # no filters to combine on the index


# --- Facet pages above the limit: paginated like the letters, in both languages ----------------------

ENGLISH_KINDS = {"ambacht": "craft", "regio": "region", "type": "type", "aanbod": "offer"}


def expected_facets() -> dict[tuple[str, str], list[str]]:
    """(kind, id) -> the slugs of the published profiles in that facet, worked out from the YAML files."""
    facets: dict[tuple[str, str], list[str]] = {}
    for profile in published():
        data = profile.data
        keys = [("ambacht", craft) for craft in data.get("crafts", [])]
        keys += [("regio", data["region"]), ("type", data["type"])]
        keys += [("aanbod", offer) for offer in data.get("offers", [])]
        for key in keys:
            facets.setdefault(key, []).append(profile.slug)
    return facets


def facet_pages(first: str, count: int) -> list[str]:
    pages = math.ceil(count / SMALL_DIRECTORY_LIMIT)
    return [first] + [f"{first}{n}/" for n in range(2, pages + 1)]


def card_slugs(page) -> list[str]:
    prefix = f"{SITEURL}/ambachtengids/"
    hrefs = [a["href"] for a in page.select(".profile-grid .profile-card :is(h2, h3) > a")]
    assert all(href.startswith(prefix) for href in hrefs), hrefs
    return [href[len(prefix):].strip("/") for href in hrefs]


def test_facet_pages_are_paginated_with_every_profile_on_one_page(paged_directory_site):
    """Each facet, Dutch and English, lists every profile in it on exactly one of its pages, page n at
    <facet>/<n>/, with its number in the title and heading, its own canonical address, the twin page n of
    the other language as hreflang, working page links and the pages in the sitemap."""
    facets = expected_facets()
    assert any(len(slugs) > 2 * SMALL_DIRECTORY_LIMIT for slugs in facets.values())
    site = paged_directory_site
    sitemap = site.file("sitemap.xml").read_text(encoding="utf-8")
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap_alternates = {entry.findtext("s:loc", namespaces=namespaces):
                          {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", namespaces)}
                          for entry in ElementTree.fromstring(sitemap.encode()).findall("s:url", namespaces)}
    written = {p.parent.relative_to(site.output).as_posix() + "/"
               for folder in ("ambachtengids/ambacht", "ambachtengids/regio", "ambachtengids/type",
                              "ambachtengids/aanbod", "en/directory/craft", "en/directory/region",
                              "en/directory/type", "en/directory/offer")
               for p in (site.output / folder).rglob("index.html")}
    expected_written = set()
    for (kind, facet_id), slugs in facets.items():
        dutch = facet_pages(f"ambachtengids/{kind}/{facet_id}/", len(slugs))
        english = facet_pages(f"en/directory/{ENGLISH_KINDS[kind]}/{facet_id}/", len(slugs))
        expected_written |= {*dutch, *english}
        for urls, twins, lang in ((dutch, english, "nl"), (english, dutch, "en")):
            shown = []
            for number, url in enumerate(urls, start=1):
                page = site.page(url)
                here = card_slugs(page)
                assert 1 <= len(here) <= SMALL_DIRECTORY_LIMIT, url
                shown += here
                assert canonical(page) == f"{SITEURL}/{url}"
                links = {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')
                         if "atom" not in link.get("type", "")}
                assert links[lang] == f"{SITEURL}/{url}"
                assert links["en" if lang == "nl" else "nl"] == f"{SITEURL}/{twins[number - 1]}"
                word = "pagina" if lang == "nl" else "page"
                title, heading = page.title.get_text(), page.h1.get_text(" ", strip=True)
                # the directory lists everyone on its A-Z pages (Dutch), not on an index with filters
                everyone = page.select_one(f'.page-header__lead a[href="{SITEURL}/{LETTERS}"]')
                assert everyone and everyone.get("hreflang") == (None if lang == "nl" else "nl")
                assert not page.select_one('.page-header__lead a[href*="?"]')
                assert (f", {word} {number}" in title) == (number > 1), title
                assert heading.endswith(f", {word} {number}") == (number > 1), heading
                blocks = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
                item_list = next(b for b in blocks if b["@type"] == "ItemList")
                assert [e["url"] for e in item_list["itemListElement"]] == \
                    [f"{SITEURL}/ambachtengids/{slug}/" for slug in here]
                pagination = page.select_one("nav.pagination")
                if len(urls) == 1:
                    assert pagination is None
                    continue
                assert pagination["aria-label"] == ("Paginering" if lang == "nl" else "Pagination")
                assert [a["href"] for a in pagination.select("a:not([rel])")] == [f"{SITEURL}/{u}" for u in urls]
                numbers = [a.get_text(" ", strip=True) for a in pagination.select("a:not([rel])")]
                assert numbers == [f"{word.capitalize()} {n}" for n in range(1, len(urls) + 1)]
                assert pagination.select_one("[aria-current]")["href"] == f"{SITEURL}/{url}"
                previous, following = pagination.select_one('a[rel="prev"]'), pagination.select_one('a[rel="next"]')
                assert (previous["href"] if previous else None) == (f"{SITEURL}/{urls[number - 2]}" if number > 1 else None)
                assert (following["href"] if following else None) == \
                    (f"{SITEURL}/{urls[number]}" if number < len(urls) else None)
                current = page.select(f'.facet-nav a[href="{SITEURL}/{urls[0]}"]')
                assert [a["aria-current"] for a in current] == ["page" if number == 1 else "true"]
                assert f"<loc>{SITEURL}/{url}</loc>" in sitemap
                if lang == "en":  # the sitemap names page n of the Dutch facet as its translation
                    assert sitemap_alternates[f"{SITEURL}/{url}"]["nl"].endswith(f"/{twins[number - 1]}")
            assert sorted(shown) == sorted(slugs), (kind, facet_id, lang)
            assert len(shown) == len(set(shown)), (kind, facet_id, lang)
    assert written == expected_written


@pytest.mark.long
def test_facet_pages_rebuilt_after_a_new_profile_equal_a_clean_build(tmp_path):
    """A new profile sorting first shifts every page of its facets: the incremental build of the large
    directory writes exactly what a clean build writes."""
    env = {"DIRECTORY_INDEX_LIMIT": str(SMALL_DIRECTORY_LIMIT)}
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output, cache = tmp_path / "site" / "output", tmp_path / "site" / "cache"
    first = run_build(output, content=content, cache=cache, env=env, timeout=600)
    assert first.ok, first.stderr
    source = content / "profiles" / "smederij-brouwer.yaml"
    (content / "profiles" / "aaa-eerste-smid.yaml").write_text(
        source.read_text(encoding="utf-8").replace("Smederij & Hekwerk Brouwer", "Aaa Eerste Smederij"), encoding="utf-8")
    rebuilt = run_build(output, content=content, cache=cache, env=env, timeout=600)
    assert rebuilt.ok, rebuilt.stderr
    craft = next(c for p in published() if p.slug == "smederij-brouwer" for c in p.data.get("crafts", []))
    assert card_slugs(rebuilt.page(f"ambachtengids/ambacht/{craft}/"))[0] == "aaa-eerste-smid"
    clean = run_build(tmp_path / "clean" / "output", content=content, cache=tmp_path / "clean" / "cache", env=env,
                      timeout=600)
    assert clean.ok, clean.stderr
    assert differing_files(rebuilt.output, clean.output) == []
