"""The search index shards: which pages are searched, and a page keeps its shard."""

from __future__ import annotations

from site_search.shards import MAX_SHARDS, SHARD_PAGES, content_named, plan_shards, searched, shard_count


def test_searched_pages_are_campaign_pages_stories_events_and_profiles():
    assert searched("over/index.html")
    assert searched("verhalen/deeg/index.html") and searched("agenda/open-dag/index.html")
    assert searched("ambachtengids/smederij-brouwer/index.html")
    assert not searched("ambachtengids/ambacht/smeden/index.html")  # a facet
    assert not searched("ambachtengids/a-z/index.html") and not searched("ambachtengids/a-z/b/index.html")
    assert not searched("badges/smederij-brouwer/index.html")  # a badge kit
    assert not searched("pagefind/site/index.html") and not searched("feeds/verhalen.atom.xml")


def test_shard_count_grows_in_powers_of_two_up_to_a_maximum():
    assert shard_count(0) == shard_count(SHARD_PAGES) == 1
    assert shard_count(SHARD_PAGES + 1) == 2
    assert shard_count(1000) == 4 and shard_count(2000) == 8
    assert shard_count(10**6) == MAX_SHARDS


def test_every_page_is_in_exactly_one_shard_and_keeps_it_while_its_section_grows():
    stories = [f"verhalen/verhaal-{n}/index.html" for n in range(600)]
    profiles = [f"ambachtengids/profiel-{n}/index.html" for n in range(300)]
    pages = ["index.html", "over/index.html", "agenda/dag/index.html", *stories, *profiles]
    shards = plan_shards(pages)
    assert next(iter(shards)) == "site"
    assert sorted(p for members in shards.values() for p in members) == sorted(pages)
    assert set(shards["site"]) == {"index.html", "over/index.html", "agenda/dag/index.html"}
    assert all(len(members) < 2 * SHARD_PAGES for members in shards.values())
    where = {page: name for name, members in shards.items() for page in members}
    grown = plan_shards([*pages, *(f"verhalen/nieuw-{n}/index.html" for n in range(100))])
    moved = [page for page in stories if page not in grown.get(where[page], [])]
    assert moved == []  # 700 stories still fit in 4 shards: nothing moves


def test_content_named_files_are_the_hashed_parts_of_a_bundle():
    assert content_named("fragment/nl_1a2b.pf_fragment") and content_named("index/nl_9f.pf_index")
    assert content_named("pagefind.nl_8cd9faa9f2.pf_meta") and content_named("wasm.nl.pagefind")
    assert not content_named("pagefind-entry.json") and not content_named("pagefind.js")

