from types import SimpleNamespace

from redirects.redirects import Redirect, collect, redirects_file


def test_collect_first_owner_wins_and_sorts():
    items = [SimpleNamespace(url="verhalen/b/", aliases=["/z/", "/a/"]), SimpleNamespace(url="x/", aliases=["/a/"]),
             SimpleNamespace(url="y/", aliases=None)]
    assert collect(items) == [Redirect("/a/", "verhalen/b/"), Redirect("/z/", "verhalen/b/")]


def test_save_as():
    assert Redirect("/oude/plek/", "x/").save_as == "oude/plek/index.html"
    assert Redirect("/oud.html", "x/").save_as == "oud.html"


def test_redirects_file_uses_the_siteurl_path():
    text = redirects_file([Redirect("/oud/", "verhalen/nieuw/")], "https://example.test/campagne")
    assert text == "/campagne/oud/ /campagne/verhalen/nieuw/ 301\n"
    assert redirects_file([], "https://example.test") == ""


def test_pelican_urls_follow_the_schema_contract():
    import runpy
    from pathlib import Path

    from content_model.validate import load_schema

    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
    assert settings["ARTICLE_URL"] == load_schema("story")["x-url"]
    assert settings["EVENT_URL"] == load_schema("event")["x-url"]
    assert settings["PAGE_URL"] == load_schema("page")["x-url"]
    assert settings["PROFILE_URL"] == load_schema("profile")["x-url"]
