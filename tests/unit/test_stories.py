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
