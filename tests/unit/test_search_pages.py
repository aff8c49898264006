"""The searched pages and the search filters of a page (plugins/site_search/pages.py)."""

from __future__ import annotations

from content_model.taxonomy import Taxonomy
from hypothesis import given
from hypothesis import strategies as st
from site_search.pages import KINDS, content_named, search_filters, searched

TAXONOMY = Taxonomy(crafts={"smeden": {"name": "Smeden", "group": "metaal"},
                            "glas-in-lood": {"name": "Glas-in-lood", "group": "glas"}},
                    regions={"utrecht": "Utrecht", "fryslan": "Fryslân"})


def test_searched_pages_are_campaign_pages_stories_events_and_profiles():
    assert searched("over/index.html")
    assert searched("verhalen/deeg/index.html") and searched("agenda/open-dag/index.html")
    assert searched("ambachtengids/smederij-brouwer/index.html")
    assert not searched("ambachtengids/ambacht/smeden/index.html")  # a facet
    assert not searched("ambachtengids/a-z/index.html") and not searched("ambachtengids/a-z/b/index.html")
    assert not searched("badges/smederij-brouwer/index.html")  # a badge kit
    assert not searched("pagefind/index.html") and not searched("feeds/verhalen.atom.xml")


def test_content_named_files_of_a_bundle():
    assert content_named("fragment/nl_1234.pf_fragment") and content_named("index/nl_5678.pf_index")
    assert content_named("pagefind.nl_8cd9faa9f2.pf_meta") and content_named("wasm.nl.pagefind")
    assert not content_named("pagefind-entry.json") and not content_named("pagefind.js")


def test_filters_name_the_kind_the_crafts_and_the_province():
    assert search_filters("article", ["smeden", "glas-in-lood"], "fryslan", TAXONOMY) == [
        ("soort", "Verhaal"), ("ambacht", "Smeden"), ("ambacht", "Glas-in-lood"), ("regio", "Fryslân")]
    assert search_filters("profile", ["smeden"], "utrecht", TAXONOMY) == [
        ("soort", "Profiel"), ("ambacht", "Smeden"), ("regio", "Utrecht")]
    assert search_filters("event", [], None, TAXONOMY) == [("soort", "Agenda")]
    assert search_filters("page") == [("soort", "Pagina")]
    assert search_filters("article", ["onbekend"], "nergens", TAXONOMY) == [("soort", "Verhaal")]  # unknown ids left out


@given(st.sampled_from(sorted(KINDS)), st.lists(st.sampled_from(["smeden", "glas-in-lood", "x"])),
       st.sampled_from(["utrecht", "fryslan", None, "y"]))
def test_filters_are_one_pair_per_known_value_and_always_a_kind(kind, crafts, region):
    pairs = search_filters(kind, crafts, region, TAXONOMY)
    assert pairs[0] == ("soort", KINDS[kind]) and [key for key, _ in pairs].count("soort") == 1
    assert len(pairs) == 1 + sum(c in TAXONOMY.crafts for c in crafts) + (region in TAXONOMY.regions)
    assert all(":" not in key for key, _ in pairs)
