from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from stories.relations import link_neighbours, related
from stories.sharing import share_links


def story(name, crafts=(), region=None):
    return SimpleNamespace(name=name, crafts=list(crafts), region=region)


def test_neighbours_newest_first():
    a, b, c = story("a"), story("b"), story("c")
    link_neighbours([a, b, c])
    assert (a.newer, a.older) == (None, b)
    assert (b.newer, b.older) == (a, c)
    assert (c.newer, c.older) == (b, None)


def test_related_prefers_shared_craft_over_region():
    stories = [
        story("smid", ["smeden"], "utrecht"),
        story("buur", [], "utrecht"),
        story("collega", ["smeden"], "limburg"),
        story("vreemd", ["weven"], "zeeland"),
    ]
    result = related(stories)
    assert [s.name for s in result[0]] == ["collega", "buur"]
    assert result[3] == []


def test_share_links_are_plain_urls_with_encoded_page():
    links = {link["id"]: link["href"] for link in share_links("https://example.test/verhalen/a/", "Smid & zoon")}
    assert parse_qs(urlsplit(links["linkedin"]).query)["url"] == ["https://example.test/verhalen/a/"]
    assert links["email"].startswith("mailto:?subject=Smid%20%26%20zoon")
    assert all(href.startswith(("https://", "mailto:")) for href in links.values())


def test_feed_items_get_plain_titles_and_summaries_and_clean_content():
    from types import SimpleNamespace

    from stories.feed import clean_feed_items

    story = SimpleNamespace(title="Tom &amp; <b>Jerry</b>\x01", metadata={"summary": "A & <img src=x onerror=y>"})
    items = [{"link": "https://x.test/verhalen/a/?ref=feed", "title": "Tom & Jerry", "description": "A & <img>",
              "content": '<p onclick="x">Tekst</p><script>alert(1)</script>'},
             {"link": "https://x.test/elders/", "title": "B\x0b", "description": "<i>b</i>", "content": None}]
    clean_feed_items(items, {"https://x.test/verhalen/a/": story})
    assert items[0]["title"] == "Tom &amp; <b>Jerry</b>"  # the editor's own text, as Atom text
    assert items[0]["description"] == "A &amp; &lt;img src=x onerror=y&gt;"
    assert items[0]["content"] == "<p>Tekst</p>"
    assert items[1]["title"] == "B" and items[1]["description"] == "&lt;i&gt;b&lt;/i&gt;" and items[1]["content"] is None
