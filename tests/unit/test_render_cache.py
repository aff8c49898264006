"""content_model.render's cache of rendered profile texts follows the one cache rule (infra.cachekey)."""

import json

from content_model.render import Renderer, render, render_digest


def test_a_cached_text_is_reused_only_under_the_same_code_and_site(tmp_path):
    cache = tmp_path / "bios.json"
    first = Renderer(siteurl="https://a.test", cache=cache)
    html = first.render("Een *tekst*.")
    first.save()
    assert first.code == render_digest() and len(render_digest()) == 64
    stored = json.loads(cache.read_text())
    assert list(stored.values()) == [html] == [render("Een *tekst*.", siteurl="https://a.test")]

    again = Renderer(siteurl="https://a.test", cache=cache)
    again.cache = {key: "<p>uit de cache</p>" for key in again.cache}  # a hit shows as the stored text
    assert again.render("Een *tekst*.") == "<p>uit de cache</p>"

    other_code = Renderer(siteurl="https://a.test", cache=cache)
    other_code.code = "other code"
    other_code.cache = {key: "<p>uit de cache</p>" for key in other_code.cache}
    assert other_code.render("Een *tekst*.") == html  # made again, never the old code's result

    other_site = Renderer(siteurl="https://b.test", cache=cache)
    other_site.cache = {key: "<p>uit de cache</p>" for key in other_site.cache}
    assert other_site.render("Een *tekst*.") == html


def test_a_renderer_without_cache_computes_no_digest():
    assert Renderer(siteurl="https://a.test").code == ""
