"""The site in two languages: interface strings, hreflang alternates, English formats, the English feed,
the English reference data names and the English badge classes (pure modules, no build)."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from badges import ob3, openbadges
from content_model.taxonomy import Taxonomy, load_taxonomy
from hypothesis import given
from hypothesis import strategies as st
from nl_format import english
from site_search.pages import searched
from translations.feed import FeedItem, language_feed
from translations.strings import EN, alternates, translate

ROOT = Path(__file__).resolve().parents[2]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# --- interface strings -------------------------------------------------------------------------------------

def test_dutch_is_the_source_and_english_is_looked_up():
    assert translate("Naar de inhoud", "nl") == "Naar de inhoud"
    assert translate("Naar de inhoud", None) == "Naar de inhoud"
    assert translate("Naar de inhoud", "en") == "Skip to content"
    assert translate("Iets zonder vertaling", "en") == "Iets zonder vertaling"
    assert translate("Hoofdmenu", "fr") == "Hoofdmenu"  # no strings in that language: the Dutch text


def test_every_string_a_template_translates_has_an_english_version():
    used = set()
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r'"([^"]+)"\s*\|\s*t\(', text))
        # ("a" if ... else "b") | t(...)
        for group in re.findall(r'\(("[^()]+")\)\s*\|\s*t\(', text):
            used |= set(re.findall(r'"([^"]+)"', group)) - {"en"}
    assert used, "no template uses the t filter"
    assert sorted(used - set(EN)) == []
    assert sorted(set(EN) - used) == []  # no string kept that nothing shows


# --- hreflang alternates -----------------------------------------------------------------------------------

def test_alternates_list_every_language_and_x_default_the_dutch_one():
    assert alternates([("en", "en/about/"), ("nl", "over/")]) == [
        {"lang": "nl", "path": "over/"}, {"lang": "en", "path": "en/about/"}, {"lang": "x-default", "path": "over/"}]


def test_one_language_has_no_alternates():
    assert alternates([("nl", "over/")]) == []
    assert alternates([("en", "en/contact/")]) == []
    assert alternates([]) == []


def test_without_a_dutch_version_x_default_is_the_first_language():
    assert alternates([("en", "en/x/"), ("de", "de/x/")])[-1] == {"lang": "x-default", "path": "en/x/"}


@given(st.lists(st.tuples(st.sampled_from(["nl", "en", "de", "fr"]), st.from_regex(r"[a-z]{1,8}/", fullmatch=True)),
                max_size=6))
def test_alternates_name_each_language_once_and_end_with_x_default(pairs):
    result = alternates(pairs)
    languages = {lang for lang, _ in pairs}
    if len(languages) < 2:
        assert result == []
        return
    assert [a["lang"] for a in result[:-1]] == sorted(languages, key=lambda x: (["nl", "en"].index(x) if x in ("nl", "en") else 9, x))
    assert result[-1]["lang"] == "x-default"
    first = dict(reversed(pairs))  # the first path given per language wins
    assert all(a["path"] == first[a["lang"]] for a in result[:-1])
    assert result[-1]["path"] == (first["nl"] if "nl" in languages else result[0]["path"])


# --- English formats ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [(0, "0"), (999, "999"), (2000, "2,000"), (1234567, "1,234,567")])
def test_english_numbers(value, text):
    assert english.number(value) == text


@given(st.integers(min_value=0, max_value=10**12))
def test_english_numbers_read_back(value):
    text = english.number(value)
    assert int(text.replace(",", "")) == value
    assert "." not in text


def test_english_dates_and_spans():
    assert english.date(dt.date(2026, 3, 12)) == "12 March 2026"
    assert english.date(dt.date(2026, 3, 12), weekday=True) == "Thursday 12 March 2026"
    start = dt.datetime(2026, 4, 14, 9, 30, tzinfo=AMSTERDAM)
    assert english.span(start, start.replace(hour=16, minute=0)) == "Tuesday 14 April 2026, 09:30–16:00"
    assert english.span(dt.date(2026, 10, 3), dt.date(2026, 10, 5)) == "3–5 October 2026"
    assert english.span(dt.date(2026, 9, 30), dt.date(2026, 10, 2)) == "30 September – 2 October 2026"
    assert english.span(dt.date(2026, 12, 31), dt.date(2027, 1, 1)) == "31 December 2026 – 1 January 2027"
    # a UTC time is shown in Amsterdam time
    assert english.span(dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)) == "Wednesday 1 July 2026, 10:00"


# --- the English feed --------------------------------------------------------------------------------------

def test_language_feed_lists_the_pages_newest_first_in_their_language():
    moment = dt.datetime(2026, 12, 3, 12, tzinfo=AMSTERDAM)
    items = [FeedItem("About", "Who we are & why", "en/about/", dt.datetime(2026, 11, 1, tzinfo=AMSTERDAM)),
             FeedItem("Join <now>", "How", "en/join/", dt.datetime(2026, 12, 1, tzinfo=AMSTERDAM)),
             FeedItem("Future", "Not yet", "en/future/", dt.datetime(2027, 1, 1, tzinfo=AMSTERDAM))]
    text = language_feed(items, "https://example.test/campagne/", "feeds/en.atom.xml", "Site (English)", "d", "en",
                         moment)
    root = ET.fromstring(text.encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = root.findall("a:entry", ns)
    assert [e.find("a:id", ns).text for e in entries] == [
        "https://example.test/campagne/en/future/", "https://example.test/campagne/en/join/",
        "https://example.test/campagne/en/about/"]
    assert entries[1].find("a:title", ns).text == "Join <now>"
    assert entries[2].find("a:summary", ns).text == "Who we are &amp; why"  # plain text, as HTML
    assert entries[0].find("a:updated", ns).text.startswith("2026-12-03")  # never after the build


# --- reference data in English -----------------------------------------------------------------------------

def test_every_craft_region_and_group_has_an_english_name():
    taxonomy, problems = load_taxonomy(ROOT / "content")
    assert problems == []
    en = taxonomy.in_language("en")
    assert en.crafts["smeden"]["name"] == "Blacksmithing" and en.crafts["smeden"]["group"] == "metaal"
    assert en.regions["noord-holland"] == "North Holland" and en.groups["hout"] == "Wood"
    assert set(en.crafts) == set(taxonomy.crafts) and set(en.regions) == set(taxonomy.regions)
    assert all(en.crafts[c]["name"] for c in en.crafts)
    assert taxonomy.crafts["smeden"]["name"] == "Smeden"  # the Dutch taxonomy is untouched
    assert taxonomy.in_language("nl") is taxonomy
    assert en.badges["ambachtsmens"]["name"] == "Craftsperson"
    with pytest.raises(ValueError):
        taxonomy.in_language("de")


def test_a_data_file_without_english_names_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for name in ("crafts.yaml", "badges.yaml"):
        (data / name).write_text((ROOT / "content" / "data" / name).read_text(encoding="utf-8"), encoding="utf-8")
    regions = (ROOT / "content" / "data" / "regions.yaml").read_text(encoding="utf-8")
    (data / "regions.yaml").write_text(regions.replace('    name_en: "North Holland"\n', "", 1), encoding="utf-8")
    _, problems = load_taxonomy(tmp_path)
    assert [(p.path.endswith("regions.yaml"), p.field) for p in problems] == [(True, "regions[7].name_en")]


# --- badges in English -------------------------------------------------------------------------------------

BADGE = {"id": "smid", "name": "Smid", "name_en": "Blacksmith", "description": "Beschrijving",
         "description_en": "Description", "criteria": "Criteria", "criteria_en": "English criteria"}


def test_badge_class_in_english_has_its_own_address_and_names_the_dutch_one():
    base = "https://example.test/c"
    english_badge = openbadges.in_language(BADGE, "en")
    document = openbadges.badge_class_document(base, english_badge, f"{base}/i.png", f"{base}/en/badges/#badge-smid",
                                               lang="en", related=[openbadges.badge_class_url(base, "smid")])
    assert document["id"] == f"{base}/openbadges/badges/en/smid.json"
    assert (document["name"], document["description"], document["criteria"]["narrative"]) == (
        "Blacksmith", "Description", "English criteria")
    assert document["related"] == [f"{base}/openbadges/badges/smid.json"]
    dutch = openbadges.badge_class_document(base, BADGE, f"{base}/i.png", f"{base}/badges/#badge-smid",
                                            related=[document["id"]])
    assert dutch["id"] == f"{base}/openbadges/badges/smid.json" and dutch["name"] == "Smid"
    assert dutch["related"] == [document["id"]]
    assert "related" not in openbadges.badge_class_document(base, BADGE, "i", "c")
    assert openbadges.in_language(BADGE, "nl") is BADGE
    with pytest.raises(ValueError):
        openbadges.badge_class_path("smid", "../en")


def test_open_badges_3_achievement_says_its_language_and_links_the_english_one():
    achievement = ob3.achievement(BADGE, "https://e.test/badges/#badge-smid", "https://e.test/i.png", lang="nl",
                                  translations={"en": "https://e.test/en/badges/#badge-smid"})
    assert achievement["inLanguage"] == "nl"
    assert achievement["related"] == [{"id": "https://e.test/en/badges/#badge-smid", "type": ["Related"],
                                       "inLanguage": "en"}]
    plain = ob3.achievement(BADGE, "https://e.test/badges/#badge-smid", "https://e.test/i.png")
    assert "inLanguage" not in plain and "related" not in plain


# --- search per language -----------------------------------------------------------------------------------

def test_english_pages_are_searched_but_not_their_home_directory_or_search_page():
    pages = ["index.html", "over/index.html", "en/index.html", "en/about/index.html", "en/directory/index.html",
             "en/search/index.html", "en/directory/craft/smeden/index.html", "verhalen/deeg/index.html"]
    found = [p for p in pages if searched(p)]
    assert found == ["over/index.html", "en/about/index.html", "verhalen/deeg/index.html"]


def test_taxonomy_without_english_names_falls_back_to_the_dutch_ones():
    taxonomy = Taxonomy(groups={"hout": "Hout"}, crafts={"kuipen": {"name": "Kuipen", "group": "hout"}},
                        regions={"utrecht": "Utrecht"})
    en = taxonomy.in_language("en")
    assert en.crafts["kuipen"]["name"] == "Kuipen" and en.groups["hout"] == "Hout"
